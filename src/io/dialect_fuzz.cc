// libFuzzer target for the dialect layer: encoding detection and conversion, delimiter
// detection, the dialect CSV rows and the normalizer that turns them into the strict
// format (docs/fuzzing.md). The first byte picks the file of the data set (0..6) and the
// overrides; the rest is the file's bytes. Checks: no crash; a successful conversion is
// valid UTF-8 that the strict CSV reader reads to the end, with no more lines than the
// source's rows allow, and its row count never exceeds the source's rows.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/csv_reader.h"
#include "io/data_set_reader.h"
#include "io/dialect.h"
#include "io/normalizer.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t selector = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const size_t file = selector % bw::io::kDataSetFileCount;
  std::optional<bw::io::TextEncoding> encoding;
  if (selector & 0x08) encoding = bw::io::TextEncoding::kWindows1252;
  const std::string name(bw::io::DataSetFileName(file));
  bw::Result<bw::io::DecodedText> decoded = bw::io::DecodeText(bytes, name, encoding);
  if (!decoded.ok()) return 0;
  Check(bw::io::IsValidUtf8(decoded->text()));
  bw::Result<char> delimiter = bw::io::DetectDelimiter(decoded->text(), name);
  const char d = delimiter.ok() ? *delimiter : ';';
  bw::io::NormalizeOptions options;
  if (selector & 0x10) options.decimal = bw::io::DecimalMark::kComma;
  if (selector & 0x20) options.date_order = bw::io::DateOrder::kMonthDayYear;
  options.skip_invalid = (selector & 0x40) != 0;
  int64_t rejected = 0;
  options.on_reject = [&rejected](std::string_view, int64_t, const std::vector<std::string>&,
                                  const std::string& reason) {
    Check(!reason.empty());
    ++rejected;
  };
  bw::io::DelimitedRows rows(decoded->text(), d, name);
  bw::Result<bw::io::NormalizedFile> out = bw::io::NormalizeToImportFormat(file, rows, options);
  if (!out.ok()) {
    Check(!out.status().message().empty());
    return 0;
  }
  Check(out->rows_rejected == rejected);
  Check(bw::io::IsValidUtf8(out->csv));
  bw::io::CsvReader reader(out->csv, name);
  int64_t strict_rows = 0;
  int64_t last_line = 0;
  while (reader.Next()) {
    Check(reader.line() > last_line);
    last_line = reader.line();
    ++strict_rows;
  }
  Check(reader.status().ok());
  // The header plus the converted rows.
  Check(strict_rows <= out->rows + 1);
  return 0;
}
