// The account rows as an Excel workbook (.xlsx), the same columns as the CSV form
// (service/account_csv.h): one sheet "Accounts" written by io/xlsx_table_writer.h (bold
// header row, frozen panes, an autofilter), typed cells: TTM with a thousands separator and
// two decimals, scores and counts as numbers, text as text cells (never formulas; text that
// starts like a formula keeps the CSV form's leading apostrophe, so a copy-paste into
// another sheet stays safe too). What `bellwether accounts --format xlsx` writes and
// `GET /api/v1/accounts.xlsx` downloads.
#pragma once

#include <string>
#include <vector>

#include "analytics/account_rows.h"
#include "core/status.h"
#include "io/xlsx_table_writer.h"

namespace bw::service {

// The sheet of the rows, in the order given.
io::XlsxTable AccountListXlsxTable(const snapshot::Snapshot& snap,
                                   const std::vector<analytics::AccountRow>& rows);

// The .xlsx file's bytes. Errors: kIoError when the temporary file cannot be written.
Result<std::string> AccountListToXlsx(const snapshot::Snapshot& snap,
                                      const std::vector<analytics::AccountRow>& rows);

}  // namespace bw::service
