#include "store/internal/sqlite.h"

#include <string>

namespace bw::store::internal {

Status SqliteStatus(sqlite3* db, int rc, std::string_view path, std::string_view what) {
  std::string message(path);
  message += ": ";
  if (!what.empty()) {
    message += what;
    message += ": ";
  }
  // sqlite3_errmsg has the details ("UNIQUE constraint failed: t.a") but describes the
  // most recent call on `db`, which may be a later one (a bind after a failed bind);
  // sqlite3_errstr is the generic text for the code.
  const bool current = db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == (rc & 0xff);
  message += current ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return InvalidArgument(std::move(message));
  return IoError(std::move(message));
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    bind_rc_ = other.bind_rc_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteStatus(db, rc, path, "cannot open");
    sqlite3_close_v2(db);
    return IoError(status.message());
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Database>(new Database(db, path));
}

Result<std::unique_ptr<Database>> Database::OpenReadOnly(const std::string& path,
                                                         bool immutable) {
  // A URI, for the immutable parameter: the characters a URI gives a meaning are escaped.
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 15];
    } else {
      uri += c;
    }
  }
  if (immutable) uri += "?immutable=1";
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(uri.c_str(), &db,
                                 SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteStatus(db, rc, path, "cannot open");
    sqlite3_close_v2(db);
    return IoError(status.message());
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Database>(new Database(db, path));
}

Database::~Database() { sqlite3_close_v2(db_); }

Status Database::Execute(std::string_view sql, std::string_view what) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Error(rc, what);
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql, std::string_view what) const {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    if (!what.empty()) return Error(rc, what);
    return Error(rc, "preparing \"" + std::string(sql.substr(0, 60)) + "\"");
  }
  return Statement(stmt);
}

Result<int64_t> Database::QueryInt64(std::string_view sql, int64_t fallback) const {
  BW_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  const int rc = stmt.Step();
  if (rc == SQLITE_ROW) return stmt.ColumnIsNull(0) ? fallback : stmt.ColumnInt64(0);
  if (rc == SQLITE_DONE) return fallback;
  return Error(rc, std::string(sql));
}

}  // namespace bw::store::internal
