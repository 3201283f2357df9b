#include "core/money.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

TEST(MoneyTest, ParsesPlainDecimals) {
  EXPECT_EQ(ParseMoney("1234.50"), 123450);
  EXPECT_EQ(ParseMoney("1234.5"), 123450);
  EXPECT_EQ(ParseMoney("1234"), 123400);
  EXPECT_EQ(ParseMoney("0.05"), 5);
  EXPECT_EQ(ParseMoney(".5"), 50);
  EXPECT_EQ(ParseMoney("7."), 700);
  EXPECT_EQ(ParseMoney("-12.5"), -1250);
  EXPECT_EQ(ParseMoney("0"), 0);
}

TEST(MoneyTest, RoundsBeyondTheCentHalfAwayFromZero) {
  EXPECT_EQ(ParseMoney("0.005"), 1);
  EXPECT_EQ(ParseMoney("0.0049"), 0);
  EXPECT_EQ(ParseMoney("-0.005"), -1);
  EXPECT_EQ(ParseMoney("19.999"), 2000);
}

TEST(MoneyTest, RejectsWhatIsNotAPlainDecimal) {
  for (const char* bad : {"", "-", ".", "1,5", "1e3", "+5", " 5", "5 ", "1.2.3", "EUR 5", "abc",
                          "99999999999999999999"}) {
    EXPECT_FALSE(ParseMoney(bad).has_value()) << bad;
  }
}

TEST(MoneyTest, FormatsWithTwoDecimals) {
  EXPECT_EQ(FormatMoney(123450), "1234.50");
  EXPECT_EQ(FormatMoney(5), "0.05");
  EXPECT_EQ(FormatMoney(-1250), "-12.50");
  EXPECT_EQ(FormatMoney(0), "0.00");
}

}  // namespace
}  // namespace bw
