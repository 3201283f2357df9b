// Reads the sheets of an Excel workbook (.xlsx, Office Open XML) as rows of typed cells,
// for the import (docs/importing.md). libzip opens the zip container and expat parses the
// XML parts; a sheet is parsed as a stream, a few rows at a time, so a sheet of millions of
// rows never sits in memory as XML.
//
// Cells keep what Excel stored: numbers as numbers (formatted to at most 15 significant
// digits, Excel's own precision, so 1234.5599999999999 reads 1234.56), numbers with a date
// format as dates (Excel serials, the 1900 leap-year bug and the 1904 date system
// handled), shared and inline strings as text, booleans as TRUE/FALSE, a formula by its
// cached value, and an error value (#N/A, #DIV/0!) as a kError cell that the converter
// reports as `FILE:SHEET!CELL` when the column matters.
//
// Hostile input is bounded (docs/limits.md): the workbook file's size, the uncompressed
// bytes read from any one part (a zip bomb stops at the limit however well it
// compresses), the cells of a sheet and the shared strings.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/row_source.h"

namespace bw::io {

struct XlsxLimits {
  uint64_t max_file_bytes = uint64_t{1} << 30;           // the .xlsx file itself
  uint64_t max_part_bytes = uint64_t{4} << 30;           // uncompressed, per XML part
  uint64_t max_shared_string_bytes = uint64_t{1} << 30;  // all shared strings together
  int64_t max_cells = int64_t{200} << 20;                // per sheet
};

class XlsxWorkbook {
 public:
  // Opens the workbook at `path`; `name` names it in messages ("book.xlsx"). Errors:
  // kNotFound; kIoError when it cannot be read; kInvalidArgument `NAME: ...` when it is
  // not an .xlsx workbook (not a zip, parts missing, malformed XML) or breaks a limit.
  static Result<std::unique_ptr<XlsxWorkbook>> Open(const std::string& path, std::string name,
                                                    const XlsxLimits& limits = {});
  // The same over bytes in memory (copied).
  static Result<std::unique_ptr<XlsxWorkbook>> FromBytes(std::string bytes, std::string name,
                                                         const XlsxLimits& limits = {});
  ~XlsxWorkbook();

  // The workbook's name in messages.
  const std::string& Name() const;
  // The sheets' names in workbook order.
  std::vector<std::string> SheetNames() const;
  // The uncompressed size of sheet `index`'s XML (0 when unknown), to plan work by.
  uint64_t SheetBytes(size_t index) const;
  // The rows of sheet `index` (of SheetNames()), named "NAME:SHEET" in messages. The
  // workbook must outlive the source. Each source reads the workbook through its own zip
  // handle and only reads the workbook's shared strings and styles: sheets of one workbook
  // may be opened and read at once on different threads.
  Result<std::unique_ptr<RowSource>> OpenSheet(size_t index);

  struct Impl;

 private:
  explicit XlsxWorkbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "A", "B", ..., "Z", "AA", ... for a 0-based column index.
std::string XlsxColumnName(size_t index);

}  // namespace bw::io
