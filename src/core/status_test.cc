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

TEST(StatusTest, ServerCodesHaveExitCodesAndNames) {
  EXPECT_EQ(ExitCodeFor(Unauthenticated("x")), 5);
  EXPECT_EQ(ExitCodeFor(PermissionDenied("x")), 5);
  EXPECT_EQ(ExitCodeFor(Unavailable("x")), 6);
  EXPECT_EQ(ExitCodeFor(Conflict("x")), 6);
  EXPECT_EQ(ExitCodeFor(ResourceExhausted("x")), 6);
  EXPECT_EQ(Conflict("stale").ToString(), "conflict: stale");
  EXPECT_EQ(Status::Ok().ToString(), "ok");
}

TEST(StatusTest, DetailTravelsWithCopies) {
  const Status plain = InvalidArgument("bad");
  EXPECT_EQ(plain.detail(), nullptr);
  EXPECT_EQ(plain.field(), "");
  StatusDetail where;
  where.file = "revenue.csv";
  where.line = 12;
  where.column = 3;
  where.field = "amount";
  const Status located = plain.WithDetail(where);
  const Status copy = located;  // NOLINT(performance-unnecessary-copy-initialization)
  ASSERT_NE(copy.detail(), nullptr);
  EXPECT_EQ(copy.detail()->file, "revenue.csv");
  EXPECT_EQ(copy.detail()->line, 12);
  EXPECT_EQ(copy.field(), "amount");
  EXPECT_EQ(copy.message(), "bad");
  EXPECT_EQ(InvalidField("limit", "too big").field(), "limit");
}

TEST(StatusTest, ResultFromOkStatusIsAnInternalError) {
  const Result<int> broken = Status::Ok();
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace bw
