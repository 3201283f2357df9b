// Tables as an Excel workbook (.xlsx), for spreadsheet users: what the CLI prints with
// `--format xlsx` (the account list, each report) and the API's .xlsx downloads
// (docs/reports.md, "Excel workbooks"). A sheet per table: a bold header row with frozen
// panes and an autofilter, column widths fitted to the contents, and typed cells: numbers
// as numbers, money with a thousands separator and two decimals, shares as percentages,
// dates as date cells. Text is always a text cell, never a formula. libxlsxwriter writes it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace bw::io {

// How the cells of a column are written.
enum class XlsxKind : uint8_t {
  kText,     // a text cell
  kNumber,   // a number, Excel's General format
  kMoney,    // a number shown #,##0.00
  kPercent,  // a fraction (0.125) shown as a percentage (12.5%)
  kDate,     // "YYYY-MM-DD" as a date cell shown yyyy-mm-dd
};

// A cell: its value as text in the C locale (numbers as "-1234.5", any form
// std::from_chars reads; dates as "YYYY-MM-DD") and how to write it. An empty cell stays
// blank; a cell that does not read as its kind is written as text, so nothing is lost.
struct XlsxCell {
  std::string text;
  XlsxKind kind = XlsxKind::kText;
};

// One sheet: a header row of column names, then the rows (a cell per column).
struct XlsxTable {
  std::string sheet;  // made a valid, unique sheet name (31 characters, no []:*?/\)
  std::vector<std::string> columns;
  std::vector<std::vector<XlsxCell>> rows;
};

// Writes `tables` as one workbook to `path`, through a temporary file beside it renamed
// into place. Errors: kAlreadyExists when `path` exists and not `force`;
// kInvalidArgument when a table has more rows than a sheet holds (1,048,575 below the
// header) or no tables are given; kIoError.
Status WriteXlsxTables(const std::string& path, const std::vector<XlsxTable>& tables, bool force);

// The same workbook as bytes (for a download or standard output).
Result<std::string> XlsxTablesBytes(const std::vector<XlsxTable>& tables);

}  // namespace bw::io
