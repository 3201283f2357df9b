#include "core/status.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument(std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  BW_ASSIGN_OR_RETURN(const int half, Half(x));
  return Half(half);
}

TEST(StatusTest, ResultCarriesValueOrStatus) {
  EXPECT_EQ(*Quarter(8), 2);
  const Result<int> odd = Quarter(6);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(odd.status().message(), "3 is odd");
}

TEST(StatusTest, ExitCodes) {
  EXPECT_EQ(ExitCodeFor(Status::Ok()), 0);
  EXPECT_EQ(ExitCodeFor(InvalidArgument("x")), 2);
  EXPECT_EQ(ExitCodeFor(NotFound("x")), 3);
  EXPECT_EQ(ExitCodeFor(IoError("x")), 4);
  EXPECT_EQ(ExitCodeFor(Internal("x")), 1);
  EXPECT_EQ(IoError("disk full").ToString(), "I/O error: disk full");
}

}  // namespace
}  // namespace bw
