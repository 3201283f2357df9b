#include "core/date.h"

#include <cstdio>

namespace bw {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
constexpr int64_t DaysFromCivil64(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ReadDigits(std::string_view text, size_t pos, size_t count, int* out) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

}  // namespace

Day DayFromCivil(int year, int month, int day) {
  return static_cast<Day>(
      DaysFromCivil64(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

CivilDate CivilFromDay(Day day) {
  int64_t z = static_cast<int64_t>(day) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::optional<Day> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y, m, d;
  if (!ReadDigits(text, 0, 4, &y) || !ReadDigits(text, 5, 2, &m) || !ReadDigits(text, 8, 2, &d))
    return std::nullopt;
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return DayFromCivil(y, m, d);
}

std::optional<MonthIndex> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int y, m;
  if (!ReadDigits(text, 0, 4, &y) || !ReadDigits(text, 5, 2, &m)) return std::nullopt;
  if (y < 1000 || m < 1 || m > 12) return std::nullopt;
  return MakeMonthIndex(y, m);
}

std::string FormatDate(Day day) {
  const CivilDate c = CivilFromDay(day);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string FormatGermanDate(Day day) {
  const CivilDate c = CivilFromDay(day);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", c.day, c.month, c.year);
  return buf;
}

std::string FormatMonth(MonthIndex month) {
  char buf[48];
  const int year = month >= 0 ? month / 12 : (month - 11) / 12;
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month - year * 12 + 1);
  return buf;
}

MonthIndex MonthOf(Day day) {
  const CivilDate c = CivilFromDay(day);
  return MakeMonthIndex(c.year, c.month);
}

Day FirstDayOf(MonthIndex month) {
  const int year = month >= 0 ? month / 12 : (month - 11) / 12;
  return DayFromCivil(year, month - year * 12 + 1, 1);
}

Day AddMonths(Day day, int months) {
  const CivilDate c = CivilFromDay(day);
  const MonthIndex target = MakeMonthIndex(c.year, c.month) + months;
  const int year = target >= 0 ? target / 12 : (target - 11) / 12;
  const int month = target - year * 12 + 1;
  const int last = DaysInMonth(year, month);
  return DayFromCivil(year, month, c.day > last ? last : c.day);
}

}  // namespace bw
