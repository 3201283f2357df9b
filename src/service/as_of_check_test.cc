// Honest dates: the warnings for an as-of date mid-month or after the newest data.
#include "service/as_of_check.h"

#include <gtest/gtest.h>

#include "snapshot/testing.h"

namespace bw::service {
namespace {

Day D(const char* text) { return *ParseDate(text); }

class AsOfCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    snapshot::TestData d;
    d.Account("A1").Revenue("A1", "2026-05", 100).Revenue("A1", "2026-06", 100);
    d.Contact("C1", "A1", Role::kUser).Response("R1", "C1", "2026-06-10", 9);
    d.Touchpoint("T1", "A1", TouchpointType::kSupportTicket, "2026-07-03");
    snap_ = d.Build();
  }
  std::shared_ptr<const snapshot::Snapshot> snap_;
};

TEST_F(AsOfCheckTest, NewestDataDayIsTheLatestOfEveryKindOfEvent) {
  // The touchpoint of 2026-07-03 is newer than the end of June's revenue month.
  EXPECT_EQ(NewestDataDay(*snap_), D("2026-07-03"));
  snapshot::TestData empty;
  EXPECT_EQ(NewestDataDay(*empty.Build()), kNoDay);
}

TEST_F(AsOfCheckTest, TheEndOfTheNewestCompleteMonthHasNoWarning) {
  EXPECT_TRUE(AsOfWarnings(*snap_, D("2026-06-30")).empty());
}

TEST_F(AsOfCheckTest, MidMonthSaysWhatItDoesToTtm) {
  const std::vector<std::string> warnings = AsOfWarnings(*snap_, D("2026-06-15"));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "as of 2026-06-15 is mid-month: TTM counts June 2026 with the revenue booked so far, "
            "so TTM and revenue retention may be understated; the last complete month ended "
            "2026-05-31");
}

TEST_F(AsOfCheckTest, AfterTheNewestDataSaysWhatItDoesToRevenueAndAnswers) {
  const std::vector<std::string> warnings = AsOfWarnings(*snap_, D("2026-08-31"));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0],
            "as of 2026-08-31 is after the newest revenue month (2026-06): the months after it "
            "count as no revenue, so TTM falls and churn and retention look worse than they are");
  EXPECT_EQ(warnings[1],
            "as of 2026-08-31 is after the newest data (2026-07-03): answers age out of the "
            "365-day window with nothing newer to replace them");
  // July: the revenue month is missing, the touchpoint is not newer than T.
  EXPECT_EQ(AsOfWarnings(*snap_, D("2026-07-31")).size(), 2u);
}

}  // namespace
}  // namespace bw::service
