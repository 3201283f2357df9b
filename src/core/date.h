// Calendar dates as day numbers and months as month indexes.
//
// A Day counts days since 1970-01-01 (proleptic Gregorian), so date differences and
// windows ("T - 365 < d <= T") are integer arithmetic. A MonthIndex is year * 12 +
// (month - 1). Conversions happen at the edges only (parsing, JSON, display).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bw {

using Day = int32_t;
using MonthIndex = int32_t;

// Sentinel for "no date" in columnar storage (an empty CSV field).
inline constexpr Day kNoDay = INT32_MIN;

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

Day DayFromCivil(int year, int month, int day);
CivilDate CivilFromDay(Day day);

// Parses exactly `YYYY-MM-DD` (a real calendar date, year 1000..9999); nullopt otherwise.
std::optional<Day> ParseDate(std::string_view text);
// Parses exactly `YYYY-MM` (month 01..12, year 1000..9999); nullopt otherwise.
std::optional<MonthIndex> ParseMonth(std::string_view text);

std::string FormatDate(Day day);
// The same day as German writes it: DD.MM.YYYY (e.g. 01.12.2026).
std::string FormatGermanDate(Day day);
std::string FormatMonth(MonthIndex month);

inline MonthIndex MakeMonthIndex(int year, int month) { return year * 12 + (month - 1); }
MonthIndex MonthOf(Day day);
// First day of the month.
Day FirstDayOf(MonthIndex month);
// The same calendar day `months` months earlier or later, clamped to the month's last day
// (2024-02-29 minus 12 months is 2023-02-28).
Day AddMonths(Day day, int months);

}  // namespace bw
