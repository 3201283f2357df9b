#include "core/clock.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

TEST(ClockTest, DefaultAsOfIsTheLastDayOfTheLastCompleteMonth) {
  // metrics.md's own examples.
  EXPECT_EQ(FormatDate(LastDayOfLastCompleteMonth(*ParseDate("2026-12-01"))), "2026-11-30");
  EXPECT_EQ(FormatDate(LastDayOfLastCompleteMonth(*ParseDate("2026-12-31"))), "2026-11-30");
  EXPECT_EQ(FormatDate(LastDayOfLastCompleteMonth(*ParseDate("2024-03-15"))), "2024-02-29");
  EXPECT_EQ(FormatDate(LastDayOfLastCompleteMonth(*ParseDate("2027-01-01"))), "2026-12-31");
}

TEST(ClockTest, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(ManualClock::Noon(*ParseDate("2026-06-30")));
  EXPECT_EQ(FormatDate(clock.Today()), "2026-06-30");
  const int64_t start = clock.UnixSeconds();
  clock.Advance(std::chrono::hours(12));
  EXPECT_EQ(FormatDate(clock.Today()), "2026-07-01");
  EXPECT_EQ(clock.UnixSeconds() - start, 12 * 3600);
}

TEST(ClockTest, SystemClockIsNearTheOperatingSystemsTime) {
  const auto before = std::chrono::system_clock::now();
  const auto now = SystemClock::Instance().Now();
  EXPECT_GE(now, before);
  EXPECT_LT(now - before, std::chrono::seconds(5));
}

}  // namespace
}  // namespace bw
