// CSV for people who open it in a spreadsheet (issue 13: "CSV for spreadsheets"). Three
// dialects:
//   excel-de  UTF-8 with a byte order mark, `;` between fields, decimal commas: what a
//             German Excel opens with a double click (its list separator is `;`);
//   excel     UTF-8 with a byte order mark, `,` and decimal points (English Excel);
//   rfc4180   plain RFC 4180: no byte order mark, `,`, decimal points (for programs).
// Lines end in "\n" in all three (Excel reads them). Text cells are made spreadsheet-safe
// by the caller (SpreadsheetSafe); a cell is quoted when it holds the separator, a quote,
// a line break or leading/trailing spaces.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace bw::service {

enum class CsvDialect { kRfc4180, kExcel, kExcelDe };

// "rfc4180", "excel", "excel-de"; kInvalidArgument naming the valid ones otherwise.
Result<CsvDialect> ParseCsvDialect(std::string_view name);

// The CSV text of `rows` (the first is the header) in `dialect`. In excel-de a cell that is
// a decimal number ("-12.50") is written with a comma ("-12,50"); nothing else changes.
std::string CsvText(const std::vector<std::vector<std::string>>& rows, CsvDialect dialect);

// Any object of the spec (a summary, a report) as rows of a two-column table, `field` and
// `value`, one row per number, text, boolean or null leaf, in the object's order: nested
// keys joined with ".", list items as "[i]" (e.g. "retention.nrr",
// "drivers[2].mentions"). Numbers in JSON's own form, null as an empty cell, text made
// spreadsheet-safe. The first row is the header.
std::vector<std::vector<std::string>> FlattenToRows(const nlohmann::ordered_json& object);

}  // namespace bw::service
