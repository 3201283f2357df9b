// The account objects of shared/spec/metrics.md as JSON: the account row ("The account
// row"), the list of rows `bellwether accounts --format json` prints (and `GET
// /api/v1/accounts` extends with paging), and the account 360 (`bellwether account ID
// --format json`, `GET /api/v1/accounts/{id}`). The snapshot is only read.
//
// The row and the lists come in two forms with one definition of their fields
// (service/internal/account_json_fields.h): as nlohmann::ordered_json for small objects and
// tests, and streamed through a JsonWriter for the long lists, whose text is byte for byte
// the DOM's dump(2). All functions are pure and safe to call from several threads at once
// (each with its own writer).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analytics/account_360.h"
#include "analytics/account_rows.h"
#include "service/json_writer.h"
#include "snapshot/snapshot.h"

namespace bw::service {

// The row object: every field of the spec plus answers, ttm_prior, action, health change
// and engagement class.
nlohmann::ordered_json AccountRowToJson(const snapshot::Snapshot& snap,
                                        const analytics::AccountRow& row);

// {"as_of": "YYYY-MM-DD", "accounts": [ROW, ...]} with the rows in the order given.
nlohmann::ordered_json AccountListToJson(const snapshot::Snapshot& snap, Day as_of,
                                         const std::vector<analytics::AccountRow>& rows);

// The streaming forms. WriteAccountRowJson writes the row object of AccountRowToJson;
// WriteAccountRowsJson the array [ROW, ...] of rows[begin, end) (begin <= end <=
// rows.size()).
void WriteAccountRowJson(JsonWriter& out, const snapshot::Snapshot& snap,
                         const analytics::AccountRow& row);
void WriteAccountRowsJson(JsonWriter& out, const snapshot::Snapshot& snap,
                          const std::vector<analytics::AccountRow>& rows, size_t begin, size_t end);

// The text `bellwether accounts --format json` prints: AccountListToJson(snap, as_of,
// rows).dump(2) and a newline, streamed. Throws nlohmann::json::type_error (316) for text
// that is not valid UTF-8, as dump(2) does (imports reject such text).
std::string AccountListJsonText(const snapshot::Snapshot& snap, Day as_of,
                                const std::vector<analytics::AccountRow>& rows);

// The answer of GET /api/v1/accounts, {"as_of", "total", "limit", "offset", "accounts":
// [ROW, ...]} with the rows rows[begin, end), keys in that order, written to `out` (an
// indent of 2 and a newline after it give the text the API answers; the server's writer
// replaces invalid UTF-8, as its dump does).
struct AccountPageHeader {
  Day as_of = 0;
  size_t total = 0;   // rows matching the query
  size_t limit = 0;   // as asked (0: no limit)
  size_t offset = 0;  // as asked
};
void WriteAccountPageJson(JsonWriter& out, const snapshot::Snapshot& snap,
                          const AccountPageHeader& header,
                          const std::vector<analytics::AccountRow>& rows, size_t begin, size_t end);

// The points of the loyalty x revenue matrix for the dashboard (GET
// /api/v1/reports/matrix/points): every row as one array, in the order of `rows`,
// {"as_of", "columns": ["account_id", "name", "tier", "ttm", "score", "quadrant"],
// "points": [["ACC-1", "Name", "A", 1234.5, 7.5, "develop"], ...]}; score is null for a
// non-responder. Arrays, not objects, so 100,000 accounts stay a few MB.
void WriteMatrixPointsJson(JsonWriter& out, const snapshot::Snapshot& snap, Day as_of,
                           const std::vector<analytics::AccountRow>& rows);

// The account 360: the account's record, its row (null when not active), health
// components, stakeholders, revenue by month, responses, touchpoints and signals. Names,
// e-mails and comments are null or empty when the snapshot was built without text.
nlohmann::ordered_json Account360ToJson(const snapshot::Snapshot& snap,
                                        const analytics::Account360& view, Day as_of);

}  // namespace bw::service
