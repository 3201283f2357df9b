// Converts rows of any dialect (a CSV file read by io/dialect.h, an XLSX sheet, a profile's
// mapped rows) into the bytes of one file of the strict import format, which the strict
// reader (io/data_set_reader.h) then checks like any other. Only the values whose form
// differs between dialects are touched: dates, months and numbers of the columns that
// data-format.md types (created_on, month, amount, value, ...); every other value passes
// through unchanged. The output keeps the source's line (or sheet row) numbers: each row
// starts on the line it started on in the source, so the strict reader's
// `FILE:LINE: column: ...` messages point into the user's file.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/dialect.h"
#include "io/row_source.h"

namespace bw::io {

struct NormalizeOptions {
  // Given (command line or profile) or, when unset, detected from the values.
  std::optional<DecimalMark> decimal;
  std::optional<DateOrder> date_order;
  // As ReadOptions: false stops at the first value that cannot be converted; true skips
  // the row and reports it through on_reject (file name, line, raw fields, reason).
  bool skip_invalid = false;
  std::function<void(std::string_view file, int64_t line, const std::vector<std::string>& fields,
                     const std::string& reason)>
      on_reject;
};

struct NormalizedFile {
  std::string csv;            // the strict format's bytes
  std::string detected;       // e.g. "decimal ',' (detected), dates DD.MM.YYYY (given)"
  int64_t rows = 0;           // data rows converted (blank and empty rows not counted)
  int64_t rows_rejected = 0;  // with skip_invalid
};

// Converts `rows` as file `file_index` of the data set (DataSetFileName order). Errors:
// kInvalidArgument `WHERE: column: what is wrong; the fix` for a value that is not a date,
// month or number of the dialect, for a spreadsheet error cell (#N/A) in a known column,
// and for a dialect the values do not decide (use --decimal / --date-format); the source's
// own errors (malformed CSV).
Result<NormalizedFile> NormalizeToImportFormat(size_t file_index, RowSource& rows,
                                               const NormalizeOptions& options);

class Normalizer;

// NormalizeToImportFormat in two steps, for a caller that hands the bytes on while the
// rest is converted (io/import_input.h streams sheets so): Start() reads the header and
// detects the dialect (its errors as NormalizeToImportFormat's), detected() then says
// what was detected, and Rows() converts the rows, handing every `chunk_bytes` or more
// of whole rows to `emit` (which takes them; returning false stops the conversion with
// kUnavailable). The NormalizedFile returned holds the bytes after the last chunk. The
// bytes of the chunks and the rest, concatenated, are NormalizeToImportFormat's.
class StreamingNormalizer {
 public:
  // `rows` and `options` must outlive this object.
  StreamingNormalizer(size_t file_index, RowSource& rows, const NormalizeOptions& options);
  ~StreamingNormalizer();
  StreamingNormalizer(const StreamingNormalizer&) = delete;
  StreamingNormalizer& operator=(const StreamingNormalizer&) = delete;

  Status Start();
  const std::string& detected() const;
  Result<NormalizedFile> Rows(size_t chunk_bytes,
                              const std::function<bool(std::string& chunk)>& emit);

 private:
  size_t file_index_;
  std::unique_ptr<Normalizer> impl_;
};

// True when every date, month and number of `rows` (read to the end) is in the strict
// format's form: such a file needs no conversion. False on any other form or an error.
bool LooksStrict(size_t file_index, RowSource& rows);

// The day of an Excel date serial number: 1 = 1900-01-01 and Excel's 1900 leap-year bug
// (serial 60, "1900-02-29", does not exist: nullopt; later serials count one day too
// many), or 0 = 1904-01-01 in a workbook with the 1904 date system. The time of day (the
// fraction) is dropped. nullopt for serials outside years 1900..9999.
std::optional<Day> DayFromExcelSerial(double serial, bool date1904);

}  // namespace bw::io
