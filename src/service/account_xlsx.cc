#include "service/account_xlsx.h"

#include <string_view>

#include "service/account_csv.h"

namespace bw::service {
namespace {

// The kind of each column of AccountCsvHeader() in a workbook.
io::XlsxKind ColumnKind(std::string_view column) {
  if (column == "ttm" || column == "ttm_prior") return io::XlsxKind::kMoney;
  for (const std::string_view number :
       {"score", "answers", "contacts_current", "decision_makers", "influencers", "users",
        "missing_contacts", "days_since_last_touchpoint", "marketing_emails_30d",
        "support_tickets_90d", "invitations_sent", "invitations_answered", "health_score",
        "health_change_90d"}) {
    if (column == number) return io::XlsxKind::kNumber;
  }
  return io::XlsxKind::kText;  // ids, names, tier, category, flags, colour, class, check_ok
}

}  // namespace

io::XlsxTable AccountListXlsxTable(const snapshot::Snapshot& snap,
                                   const std::vector<analytics::AccountRow>& rows) {
  io::XlsxTable table;
  table.sheet = "Accounts";
  table.columns = AccountCsvHeader();
  std::vector<io::XlsxKind> kinds;
  kinds.reserve(table.columns.size());
  for (const std::string& column : table.columns) kinds.push_back(ColumnKind(column));
  table.rows.reserve(rows.size());
  for (const analytics::AccountRow& row : rows) {
    std::vector<std::string> fields = AccountCsvFields(snap, row);
    std::vector<io::XlsxCell>& cells = table.rows.emplace_back();
    cells.reserve(fields.size());
    for (size_t c = 0; c < fields.size(); ++c) {
      cells.push_back({std::move(fields[c]), kinds[c]});
    }
  }
  return table;
}

Result<std::string> AccountListToXlsx(const snapshot::Snapshot& snap,
                                      const std::vector<analytics::AccountRow>& rows) {
  return io::XlsxTablesBytes({AccountListXlsxTable(snap, rows)});
}

}  // namespace bw::service
