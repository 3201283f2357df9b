// Status and Result<T>: the error vocabulary of Bellwether.
//
// Expected failures (bad input, missing file, constraint violated, not found) are values,
// never exceptions. Choose the code by what the caller can do about it:
//   kInvalidArgument  the input (a file, a flag, a request) breaks a rule; fix the input.
//   kNotFound         a named thing (file, account, database) does not exist.
//   kAlreadyExists    a unique key is used twice.
//   kFailedPrecondition  the system is not in a state to do this (e.g. schema too new).
//   kIoError          the operating system or a database failed to read or write.
//   kInternal         a bug of ours; the message says where.
//   kUnauthenticated  the caller is not known: no, expired or revoked session or token.
//   kPermissionDenied the caller is known but its role may not do this.
//   kUnavailable      the service cannot answer now (shutting down, store unreachable);
//                     the same call may succeed later.
//   kConflict         the change clashes with the state (a stale update, a concurrent
//                     writer); re-read and retry. A duplicate key is kAlreadyExists.
//   kResourceExhausted a limit was reached (too many attempts, a body too large).
// A status may carry a StatusDetail naming where the problem is (file, line, column,
// field), so a front end can show it as fields instead of parsing the message.
// The message names what a person can fix, e.g.
//   `revenue.csv:1042: amount: "-12.5" is negative`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace bw {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kIoError,
  kInternal,
  kUnauthenticated,
  kPermissionDenied,
  kUnavailable,
  kConflict,
  kResourceExhausted,
};

// Where a problem is, for front ends that show it as fields (the API's "field"). Every
// part is optional: empty text or 0 means not known.
struct StatusDetail {
  std::string file;    // e.g. "revenue.csv"
  int64_t line = 0;    // 1-based
  int64_t column = 0;  // 1-based
  std::string field;   // e.g. "amount", or a request's JSON field / query parameter
  bool operator==(const StatusDetail&) const = default;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Status(StatusCode code, std::string message, StatusDetail detail)
      : code_(code),
        message_(std::move(message)),
        detail_(std::make_shared<const StatusDetail>(std::move(detail))) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Where the problem is, when the producer knew; null otherwise.
  const StatusDetail* detail() const { return detail_.get(); }
  // The same status with `detail` attached (replacing any).
  Status WithDetail(StatusDetail detail) const& {
    return Status(code_, message_, std::move(detail));
  }
  // The field named by the detail, or "" (shorthand for the API's error body).
  std::string_view field() const { return detail_ ? std::string_view(detail_->field) : ""; }
  // "invalid argument: <message>"-style text for logs; the CLI prints message() alone.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  // Shared and immutable: copying a status stays cheap.
  std::shared_ptr<const StatusDetail> detail_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
inline Status ResourceExhausted(std::string m) {
  return {StatusCode::kResourceExhausted, std::move(m)};
}
// kInvalidArgument naming the field at fault (a request's JSON field or query parameter).
inline Status InvalidField(std::string field, std::string m) {
  StatusDetail detail;
  detail.field = std::move(field);
  return {StatusCode::kInvalidArgument, std::move(m), std::move(detail)};
}

// The name of a code, e.g. "invalid argument".
std::string_view StatusCodeName(StatusCode code);

// Process exit code for a status: 0 ok, 2 bad input, 3 not found, 4 I/O, 1 otherwise.
int ExitCodeFor(const Status& status);

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  // A Result made from an ok status would hold neither value nor error: that is a bug of
  // the caller, so it becomes a kInternal error rather than an "ok" without a value.
  Result(Status status)  // NOLINT: implicit by design
      : state_(status.ok() ? Internal("a Result was made from an ok Status without a value")
                           : std::move(status)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<Status, T> state_;
};

}  // namespace bw

#define BW_CONCAT_INNER_(a, b) a##b
#define BW_CONCAT_(a, b) BW_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function when `expr` is not ok.
#define BW_RETURN_IF_ERROR(expr)              \
  do {                                        \
    ::bw::Status bw_status_ = (expr);         \
    if (!bw_status_.ok()) return bw_status_;  \
  } while (false)

// `BW_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result or returns its status.
#define BW_ASSIGN_OR_RETURN(lhs, expr) \
  BW_ASSIGN_OR_RETURN_IMPL_(BW_CONCAT_(bw_result_, __LINE__), lhs, expr)
#define BW_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
