#include "loop/sla.h"

#include <algorithm>

namespace bw::loop {
namespace {

constexpr int64_t kDay = 86400;

bool IsWorkingDay(Day day, const LoopSettings& settings) {
  // 1970-01-01 (day 0) was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const int64_t weekday = ((static_cast<int64_t>(day) + 3) % 7 + 7) % 7;
  if (weekday >= 5) return false;
  return std::find(settings.holidays.begin(), settings.holidays.end(), day) ==
         settings.holidays.end();
}

}  // namespace

int64_t DueAt(int64_t opened_at, const LoopSettings& settings) {
  int64_t remaining = int64_t{settings.due_hours} * 3600;
  if (!settings.business_days) return opened_at + remaining;
  int64_t t = opened_at;
  // At most a few years of days: holidays cannot make the loop endless, weekends alone
  // leave 5 working days in 7.
  while (remaining > 0) {
    const Day day = static_cast<Day>(t >= 0 ? t / kDay : (t - kDay + 1) / kDay);
    const int64_t day_end = (static_cast<int64_t>(day) + 1) * kDay;
    if (IsWorkingDay(day, settings)) {
      const int64_t take = std::min(remaining, day_end - t);
      t += take;
      remaining -= take;
    } else {
      t = day_end;
    }
  }
  return t;
}

}  // namespace bw::loop
