// Where "now" comes from. Every reading of the current time goes through a Clock that the
// caller passes in (architecture.md, "Time"), so sessions, reminders, SLAs and default
// dates can be tested with a clock the test moves by hand.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/date.h"

namespace bw {

class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  // The current time. Thread-safe.
  virtual TimePoint Now() const = 0;

  // Today's date in UTC.
  Day Today() const;
  // Seconds since 1970-01-01 UTC.
  int64_t UnixSeconds() const;
};

// The operating system's wall clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  // One instance for the whole process.
  static const SystemClock& Instance();
};

// A clock that stands still until told to move: for tests. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  // A clock standing at 12:00 UTC of `day`.
  static TimePoint Noon(Day day);

  TimePoint Now() const override { return now_.load(); }
  void Set(TimePoint t) { now_.store(t); }
  void Advance(std::chrono::system_clock::duration d) { now_.store(now_.load() + d); }

 private:
  std::atomic<TimePoint> now_;
};

// metrics.md: the default as-of date is the last day of the last complete month
// (on 2026-12-01 and on 2026-12-31 it is 2026-11-30).
Day LastDayOfLastCompleteMonth(Day today);

}  // namespace bw
