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
// The message names what a person can fix, e.g.
//   `revenue.csv:1042: amount: "-12.5" is negative`.
#pragma once

#include <string>
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
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid argument: <message>"-style text for logs; the CLI prints message() alone.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Process exit code for a status: 0 ok, 2 bad input, 3 not found, 4 I/O, 1 otherwise.
int ExitCodeFor(const Status& status);

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}  // NOLINT: must not be ok

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
