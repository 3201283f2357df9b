#include "core/clock.h"

namespace bw {

Day Clock::Today() const {
  return static_cast<Day>(
      std::chrono::floor<std::chrono::days>(Now()).time_since_epoch().count());
}

int64_t Clock::UnixSeconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(Now().time_since_epoch()).count();
}

const SystemClock& SystemClock::Instance() {
  static const SystemClock kClock;
  return kClock;
}

Clock::TimePoint ManualClock::Noon(Day day) {
  return TimePoint(std::chrono::days(day) + std::chrono::hours(12));
}

Day LastDayOfLastCompleteMonth(Day today) { return FirstDayOf(MonthOf(today)) - 1; }

}  // namespace bw
