// Writes a data set of the strict import format in another CSV dialect, for the
// spreadsheet a user opens it with: a German Excel wants semicolons, decimal commas,
// DD.MM.YYYY dates and Windows-1252 (`bellwether export --dialect german-excel`). What
// io/normalizer.h reads back, so dialect -> strict -> dialect is lossless for text that
// the encoding can hold.
#pragma once

#include <string>

#include "core/status.h"
#include "io/dialect.h"

namespace bw::io {

struct DialectWriteOptions {
  char delimiter = ';';
  TextEncoding encoding = TextEncoding::kWindows1252;
  DecimalMark decimal = DecimalMark::kComma;
  bool thousands_separator = false;                 // "1.234,56" instead of "1234,56"
  DateOrder date_order = DateOrder::kDayMonthYear;  // kDayMonthYear writes DD.MM.YYYY
  bool month_names = false;  // revenue months as "März 2026" instead of "03.2026"
  bool crlf = true;
};

// The dialect of a name: "german-excel" (; 1.234,56 DD.MM.YYYY Windows-1252 CRLF),
// "us-excel" (, . MM/DD/YYYY Windows-1252 CRLF), "tab-utf16" (tab . YYYY-MM-DD UTF-16LE
// with a byte order mark), "pipe" (| . YYYY-MM-DD UTF-8). Errors:
// kInvalidArgument listing them.
Result<DialectWriteOptions> DialectByName(const std::string& name);

// Converts every file of the strict data set in `strict_dir` that exists into `out_dir`
// (which must exist). Text that the encoding cannot hold is an error naming file and line.
Status WriteDialectDataSet(const std::string& strict_dir, const std::string& out_dir,
                           const DialectWriteOptions& options);

}  // namespace bw::io
