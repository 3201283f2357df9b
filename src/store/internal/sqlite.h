// A thin RAII layer over the SQLite C API for the store module: a connection, prepared
// statements, and the translation of SQLite result codes into Status values that name the
// database file and what was being done. Nothing here knows the Bellwether schema.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace bw::store::internal {

// A status for SQLite result `rc` on `db`, e.g.
//   `/data/bw.db: importing contact "C7": FOREIGN KEY constraint failed`.
// Constraint violations are kInvalidArgument (the data breaks a rule); anything else is
// kIoError (the file, the disk or a lock). `db` may be null (open failed without a handle).
Status SqliteStatus(sqlite3* db, int rc, std::string_view path, std::string_view what);

// A prepared statement. Text bound with BindText is NOT copied: the caller keeps it alive
// until the statement has been stepped and reset.
class Statement {
 public:
  Statement() = default;
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), bind_rc_(other.bind_rc_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  sqlite3_stmt* get() const { return stmt_; }

  // Parameters are 1-based, as in SQLite. A failed bind (e.g. SQLITE_TOOBIG) is kept and
  // returned by the next Step, so that a row is never written with a parameter missing.
  void BindInt64(int index, int64_t value) { Keep(sqlite3_bind_int64(stmt_, index, value)); }
  void BindDouble(int index, double value) { Keep(sqlite3_bind_double(stmt_, index, value)); }
  void BindNull(int index) { Keep(sqlite3_bind_null(stmt_, index)); }
  void BindText(int index, std::string_view text) {
    Keep(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
  }
  // Empty text is stored as NULL ("not known", data-format.md).
  void BindOptionalText(int index, std::string_view text) {
    if (text.empty()) {
      BindNull(index);
    } else {
      BindText(index, text);
    }
  }

  // Steps once: SQLITE_ROW, SQLITE_DONE, or an error code.
  int Step() {
    if (bind_rc_ != SQLITE_OK) {
      const int rc = bind_rc_;
      bind_rc_ = SQLITE_OK;
      return rc;
    }
    return sqlite3_step(stmt_);
  }
  // Resets for the next execution; bindings are replaced by the next Bind calls.
  void Reset() { sqlite3_reset(stmt_); }

  // Column accessors for the current row (0-based). Text is valid until the next Step.
  int64_t ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }
  double ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }
  bool ColumnIsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  // NULL reads as empty text.
  std::string_view ColumnText(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (text == nullptr) return {};
    return {text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
  }

 private:
  void Keep(int rc) {
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }

  sqlite3_stmt* stmt_ = nullptr;
  int bind_rc_ = SQLITE_OK;
};

// An open connection. Closing happens in the destructor; an open transaction that was
// not committed is rolled back by SQLite then.
class Database {
 public:
  // Opens or creates `path` (read-write). Errors: kIoError with SQLite's message.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  // Opens an existing `path` read-only; never creates or writes a file, except the WAL
  // index (-shm) SQLite needs when the directory is writable. `immutable`: tell SQLite
  // the file cannot change (no locks, no -shm; for a read-only directory).
  static Result<std::unique_ptr<Database>> OpenReadOnly(const std::string& path, bool immutable);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

  // Runs one or more statements without results (DDL, PRAGMA, BEGIN ...).
  Status Execute(std::string_view sql, std::string_view what);
  // Errors name `what`, or the statement's start when `what` is empty.
  Result<Statement> Prepare(std::string_view sql, std::string_view what = {}) const;
  // Runs a query expected to return at most one integer (e.g. SELECT MAX(...));
  // `fallback` when it returns no row or NULL.
  Result<int64_t> QueryInt64(std::string_view sql, int64_t fallback) const;

  // A status for `rc` naming this database's file; see SqliteStatus.
  Status Error(int rc, std::string_view what) const { return SqliteStatus(db_, rc, path_, what); }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
};

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when `body` or the commit
// fails and returns that status.
template <typename Body>
Status InTransaction(Database& db, std::string_view what, Body&& body) {
  BW_RETURN_IF_ERROR(db.Execute("BEGIN IMMEDIATE", what));
  Status status = body();
  if (status.ok()) status = db.Execute("COMMIT", what);
  if (!status.ok() && !sqlite3_get_autocommit(db.handle())) {
    // The original error is what the caller needs; a failed rollback leaves the
    // transaction to be discarded when the connection closes.
    (void)db.Execute("ROLLBACK", what);
  }
  return status;
}

// Prepares `sql`, lets `bind(Statement&)` bind its parameters and steps it once (a
// statement without results, or whose first row does not matter).
template <typename Bind>
Status RunStatement(Database& db, std::string_view sql, Bind&& bind) {
  BW_ASSIGN_OR_RETURN(Statement s, db.Prepare(sql));
  bind(s);
  const int rc = s.Step();
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return db.Error(rc, sql.substr(0, 40));
  return Status::Ok();
}

// Every row of `sql` (parameters bound by `bind`), each made a T by `read(const
// Statement&)`.
template <typename T, typename Bind, typename Read>
Result<std::vector<T>> FindAll(Database& db, const std::string& sql, Bind&& bind, Read&& read) {
  BW_ASSIGN_OR_RETURN(Statement s, db.Prepare(sql));
  bind(s);
  std::vector<T> out;
  for (;;) {
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return out;
    if (rc != SQLITE_ROW) return db.Error(rc, "reading " + sql.substr(0, 40));
    out.push_back(read(s));
  }
}

// The first row of `sql` as FindAll makes it; nullopt when there is none.
template <typename T, typename Bind, typename Read>
Result<std::optional<T>> FindOne(Database& db, const std::string& sql, Bind&& bind, Read&& read) {
  BW_ASSIGN_OR_RETURN(std::vector<T> all, FindAll<T>(db, sql, bind, read));
  if (all.empty()) return std::optional<T>();
  return std::optional<T>(std::move(all.front()));
}

}  // namespace bw::store::internal
