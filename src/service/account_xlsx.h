// The account rows as an Excel workbook (.xlsx), the same columns as the CSV form
// (service/account_csv.h): one sheet "Accounts", a bold header row, numbers as numbers,
// text as text cells (never formulas; text that starts like a formula keeps the CSV form's
// leading apostrophe, so a copy-paste into another sheet stays safe too). libxlsxwriter
// writes it.
#pragma once

#include <string>
#include <vector>

#include "analytics/account_rows.h"
#include "core/status.h"

namespace bw::service {

// The .xlsx file's bytes. Errors: kIoError when the temporary file cannot be written.
Result<std::string> AccountListToXlsx(const snapshot::Snapshot& snap,
                                      const std::vector<analytics::AccountRow>& rows);

}  // namespace bw::service
