// JSON and CSV forms of account rows (shared/spec/metrics.md, "The account row").
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analytics/account_rows.h"

namespace bw::cli {

// The row object: every field of the spec plus answers, ttm_prior, action, health change
// and engagement class.
nlohmann::ordered_json AccountRowToJson(const snapshot::Snapshot& snap,
                                        const analytics::AccountRow& row);

// Column names and values of the flat CSV form of a row.
std::vector<std::string> AccountCsvHeader();
std::vector<std::string> AccountCsvFields(const snapshot::Snapshot& snap,
                                          const analytics::AccountRow& row);

// A text cell made safe to open in a spreadsheet: a value starting with = + - @ or a tab
// or CR is prefixed with an apostrophe so it is never run as a formula.
std::string SpreadsheetSafe(std::string_view text);

// "" -> null, else the text (metrics.md: an empty optional text is null).
nlohmann::ordered_json OptionalText(const std::string& text);
// Money in cents as a number in currency units.
double Money(Cents cents);

}  // namespace bw::cli
