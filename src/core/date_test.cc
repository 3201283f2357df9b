#include "core/date.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

TEST(DateTest, ParsesAndFormatsRealDates) {
  EXPECT_EQ(ParseDate("1970-01-01"), 0);
  EXPECT_EQ(ParseDate("1970-01-02"), 1);
  EXPECT_EQ(ParseDate("1969-12-31"), -1);
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_EQ(FormatGermanDate(*ParseDate("2024-02-29")), "29.02.2024");
  EXPECT_EQ(FormatGermanDate(*ParseDate("2026-12-01")), "01.12.2026");
  EXPECT_EQ(*ParseDate("2026-06-30") - *ParseDate("2025-06-30"), 365);
  EXPECT_EQ(*ParseDate("2024-06-30") - *ParseDate("2023-06-30"), 366);
}

TEST(DateTest, RejectsWhatIsNotExactlyAYyyyMmDdDate) {
  for (const char* bad : {"2026-13-01", "2026-02-29", "2026-04-31", "2026-6-30", "2026-06-30 ",
                          "30.06.2026", "2026/06/30", "", "abcd-ef-gh", "0999-01-01"}) {
    EXPECT_FALSE(ParseDate(bad).has_value()) << bad;
  }
}

TEST(DateTest, Months) {
  EXPECT_EQ(ParseMonth("2026-06"), MakeMonthIndex(2026, 6));
  EXPECT_FALSE(ParseMonth("2026-00").has_value());
  EXPECT_FALSE(ParseMonth("2026-6").has_value());
  EXPECT_FALSE(ParseMonth("2026-06-01").has_value());
  EXPECT_EQ(FormatMonth(MakeMonthIndex(2026, 1) - 1), "2025-12");
  EXPECT_EQ(MonthOf(*ParseDate("2026-06-15")), MakeMonthIndex(2026, 6));
  EXPECT_EQ(FormatDate(FirstDayOf(MakeMonthIndex(2025, 7))), "2025-07-01");
}

TEST(DateTest, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2024-02-29"), -12)), "2023-02-28");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2026-03-31"), -1)), "2026-02-28");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2026-06-30"), -12)), "2025-06-30");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDate("2025-11-15"), 3)), "2026-02-15");
}

}  // namespace
}  // namespace bw
