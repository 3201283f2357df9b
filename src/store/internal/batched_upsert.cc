#include "store/internal/batched_upsert.h"

namespace bw::store::internal {
namespace {

std::string BuildSql(std::string_view head, int columns, int rows, std::string_view tail) {
  std::string sql(head);
  sql += " VALUES ";
  for (int row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (int column = 0; column < columns; ++column) sql += column == 0 ? "?" : ", ?";
    sql += ")";
  }
  sql += " ";
  sql += tail;
  return sql;
}

}  // namespace

Status BatchedUpsert::Prepare() {
  values_.reserve(static_cast<size_t>(kRows * columns_));
  BW_ASSIGN_OR_RETURN(batch_, db_.Prepare(BuildSql(head_, columns_, kRows, tail_)));
  BW_ASSIGN_OR_RETURN(single_, db_.Prepare(BuildSql(head_, columns_, 1, tail_)));
  return Status::Ok();
}

void BatchedUpsert::Text(std::string_view text) {
  values_.push_back({Value::kText, 0, 0, static_cast<uint32_t>(arena_.size()),
                     static_cast<uint32_t>(text.size())});
  arena_.append(text);
}

void BatchedUpsert::Bind(internal::Statement& stmt, int first_parameter, const Value* row) {
  for (int column = 0; column < columns_; ++column) {
    const Value& value = row[column];
    const int parameter = first_parameter + column;
    switch (value.type) {
      case Value::kNull:
        stmt.BindNull(parameter);
        break;
      case Value::kInt:
        stmt.BindInt64(parameter, value.int_value);
        break;
      case Value::kDouble:
        stmt.BindDouble(parameter, value.double_value);
        break;
      case Value::kText:
        stmt.BindText(parameter, std::string_view(arena_).substr(value.offset, value.size));
        break;
    }
  }
}

Status BatchedUpsert::Flush() {
  Status status;
  if (rows_ == kRows) {
    Bind(batch_, 1, values_.data());
    const int64_t before = sqlite3_total_changes64(db_.handle());
    const int rc = batch_.Step();
    batch_.Reset();
    if (rc == SQLITE_DONE) changes_ += sqlite3_total_changes64(db_.handle()) - before;
    if (rc != SQLITE_DONE) {
      // An I/O error or a full disk may have rolled back the whole transaction; rows
      // replayed now would be committed on their own.
      status = sqlite3_get_autocommit(db_.handle()) ? db_.Error(rc, kind_) : WriteOneByOne();
    }
  } else if (rows_ > 0) {
    status = WriteOneByOne();
  }
  values_.clear();
  arena_.clear();
  rows_ = 0;
  return status;
}

Status BatchedUpsert::WriteOneByOne() {
  for (int row = 0; row < rows_; ++row) {
    const Value* values = values_.data() + static_cast<ptrdiff_t>(row) * columns_;
    Bind(single_, 1, values);
    const int64_t before = sqlite3_total_changes64(db_.handle());
    const int rc = single_.Step();
    if (rc == SQLITE_DONE) changes_ += sqlite3_total_changes64(db_.handle()) - before;
    if (rc != SQLITE_DONE) {
      Status status = db_.Error(rc, kind_ + " " + RowId(values));
      single_.Reset();
      return status;
    }
    single_.Reset();
  }
  // After a failed batch: each row went in alone, so the failure (e.g. out of memory)
  // did not repeat.
  return Status::Ok();
}

std::string BatchedUpsert::RowId(const Value* row) const {
  const Value& id = row[id_column_];
  if (id.type == Value::kText) {
    std::string quoted = "\"";
    quoted.append(arena_, id.offset, id.size);
    quoted += '"';
    return quoted;
  }
  return std::to_string(id.int_value);
}

}  // namespace bw::store::internal
