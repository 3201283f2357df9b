// Multi-row upserts for the import: SQLite spends most of a one-row INSERT on statement
// overhead (starting the VM, opening and closing cursors), so rows are buffered and
// written kRows at a time by one `INSERT ... VALUES (...), (...) ON CONFLICT ...`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "store/internal/sqlite.h"

namespace bw::store::internal {

class BatchedUpsert {
 public:
  static constexpr int kRows = 64;

  // `head` is "INSERT INTO t (c1, ..., cN)", `tail` the "ON CONFLICT ..." clause; `columns`
  // is N. A failed row is reported as `kind` followed by its column `id_column` (0-based).
  BatchedUpsert(Database& db, std::string_view kind, std::string_view head, int columns,
                std::string_view tail, int id_column)
      : db_(db), kind_(kind), head_(head), tail_(tail), columns_(columns), id_column_(id_column) {}

  Status Prepare();

  // The values of one row, in column order, then EndRow. Text is copied.
  void Int(int64_t value) { values_.push_back({Value::kInt, value, 0, 0, 0}); }
  void Double(double value) { values_.push_back({Value::kDouble, 0, value, 0, 0}); }
  void Null() { values_.push_back({Value::kNull, 0, 0, 0, 0}); }
  void Text(std::string_view text);
  void OptionalText(std::string_view text) { text.empty() ? Null() : Text(text); }
  void OptionalDay(Day day) { day == kNoDay ? Null() : Int(day); }
  // Writes the buffered rows when kRows are complete.
  Status EndRow() { return ++rows_ == kRows ? Flush() : Status::Ok(); }

  // Writes the buffered rows. Errors name the first row that fails.
  Status Flush();

  // Rows inserted or updated so far, as SQLite counts them (sqlite3_total_changes64 around
  // each statement; an upsert whose DO UPDATE ... WHERE is false changes no row).
  int64_t changes() const { return changes_; }

 private:
  struct Value {
    enum Type : uint8_t { kNull, kInt, kDouble, kText } type;
    int64_t int_value;
    double double_value;
    uint32_t offset;  // text in arena_
    uint32_t size;
  };

  void Bind(Statement& stmt, int first_parameter, const Value* row);
  // Writes the buffered rows one by one: a partial batch, or a failed batch replayed to
  // name the row that fails (the failed statement left nothing behind: SQLite undoes a
  // failed statement as a whole).
  Status WriteOneByOne();
  std::string RowId(const Value* row) const;

  Database& db_;
  std::string kind_, head_, tail_;
  int columns_;
  int id_column_;
  Statement batch_;   // kRows rows
  Statement single_;  // one row
  std::vector<Value> values_;
  std::string arena_;
  int rows_ = 0;
  int64_t changes_ = 0;
};

}  // namespace bw::store::internal
