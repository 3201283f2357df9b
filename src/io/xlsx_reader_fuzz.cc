// libFuzzer target for the XLSX reader (docs/fuzzing.md). The input is the bytes of a
// workbook (a zip); every sheet is read to the end and converted as the file its index
// picks. Checks: no crash, no unbounded memory (the limits below are small), every error
// has a message, every converted file is valid UTF-8 the strict CSV reader reads.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/csv_reader.h"
#include "io/data_set_reader.h"
#include "io/normalizer.h"
#include "io/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bw::io::XlsxLimits limits;
  limits.max_part_bytes = 8 << 20;
  limits.max_shared_string_bytes = 8 << 20;
  limits.max_cells = 1 << 20;
  auto book = bw::io::XlsxWorkbook::FromBytes(
      std::string(reinterpret_cast<const char*>(data), size), "fuzz.xlsx", limits);
  if (!book.ok()) {
    if (book.status().message().empty()) std::abort();
    return 0;
  }
  const auto sheets = (*book)->SheetNames();
  for (size_t s = 0; s < sheets.size() && s < 8; ++s) {
    auto rows = (*book)->OpenSheet(s);
    if (!rows.ok()) continue;
    bw::io::NormalizeOptions options;
    options.skip_invalid = (s % 2) == 1;
    auto out = bw::io::NormalizeToImportFormat(s % bw::io::kDataSetFileCount, **rows, options);
    if (!out.ok()) {
      if (out.status().message().empty()) std::abort();
      continue;
    }
    if (!bw::io::IsValidUtf8(out->csv)) std::abort();
    bw::io::CsvReader reader(out->csv, "fuzz");
    while (reader.Next()) {
    }
  }
  return 0;
}
