// Rows of a table on their way into the import format: a CSV file of some dialect
// (io/dialect.h), an XLSX sheet (io/xlsx_reader.h), or either seen through an import
// profile's column mapping (io/import_profile.h). The converter (io/normalizer.h) turns
// any of them into the strict import format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace bw::io {

// What a cell holds. CSV fields are all text; an XLSX cell says what Excel stored.
enum class CellType : uint8_t {
  kText,
  kNumber,  // a plain decimal with '.', e.g. "1234.5" (a spreadsheet's number)
  kDate,    // an ISO date "YYYY-MM-DD" (a spreadsheet number with a date format)
  kError,   // a spreadsheet error such as "#N/A"; the text is the error
};

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Advances to the next row (the first is the header). False at the end or on an error;
  // status() tells which.
  virtual bool Next() = 0;
  virtual const Status& status() const = 0;
  // The current row's fields, valid until the next call of Next().
  virtual const std::vector<std::string_view>& fields() const = 0;
  // The type of each field; empty when every field is text.
  virtual const std::vector<CellType>& types() const = 0;
  // The 1-based line (CSV) or row (sheet) where the current row starts.
  virtual int64_t line() const = 0;
  // Where field `index` of the current row is, for messages: "accounts.csv:17" or
  // "book.xlsx:accounts!C17".
  virtual std::string Where(size_t index) const = 0;
  // The source's name in messages ("accounts.csv", "book.xlsx:accounts").
  virtual const std::string& name() const = 0;
  // Starts again before the first row (detection reads a file before converting it).
  virtual Status Rewind() = 0;
  // True for a workbook whose date serials count from 1904 (its kNumber cells in date
  // columns are read so).
  virtual bool date1904() const { return false; }
};

}  // namespace bw::io
