// The flat CSV form of the account row (shared/spec/metrics.md, "The account row"): what
// `bellwether accounts --format csv` writes and `GET /api/v1/accounts.csv` downloads. Text
// cells are spreadsheet-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analytics/account_rows.h"
#include "snapshot/snapshot.h"

namespace bw::service {

// Column names of the CSV form, in order.
std::vector<std::string> AccountCsvHeader();

// The values of one row, one per column of AccountCsvHeader(), not yet CSV-escaped.
std::vector<std::string> AccountCsvFields(const snapshot::Snapshot& snap,
                                          const analytics::AccountRow& row);

// The whole CSV text: the header line, then one line per row in the order given, each
// field CSV-escaped, lines ending in "\n".
std::string AccountListToCsv(const snapshot::Snapshot& snap,
                             const std::vector<analytics::AccountRow>& rows);

// A text cell made safe to open in a spreadsheet: a value starting with = + - @ or a tab
// or CR is prefixed with an apostrophe so it is never run as a formula.
std::string SpreadsheetSafe(std::string_view text);

}  // namespace bw::service
