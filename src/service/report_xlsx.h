// A report object of the spec (shared/spec/metrics.md, "Report objects"; report_json.h) or
// the summary (summary_json.h) as sheets of a workbook, for `bellwether report NAME
// --format xlsx` and `bellwether metrics --format xlsx` (docs/reports.md, "Excel
// workbooks"):
// - every collection of like objects (a list such as `drivers`, or a map such as
//   `quadrants` or `segments.industry`) becomes a sheet named by its path, a row per
//   object: for a map, a first column of the keys named after the map; nested objects of a
//   row become columns "basis.accounts";
// - everything else (single numbers, texts, lists of texts) goes to the first sheet,
//   named after the report (NAME figures when a collection has the report's name, as
//   `drivers` does), as `field` / `value` rows with the CSV form's dotted names
//   (service/csv_dialect.h, FlattenToRows).
// Cells are typed by their key: money (TTM, revenue) with two decimals, shares (churn,
// retention, rates, coverage) as percentages, dates as dates, other numbers as numbers.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "io/xlsx_table_writer.h"

namespace bw::service {

// The sheets of `object`, the first named `name` ("retention", "summary").
std::vector<io::XlsxTable> ReportXlsxTables(std::string_view name,
                                            const nlohmann::ordered_json& object);

}  // namespace bw::service
