// The account objects of shared/spec/metrics.md as JSON: the account row ("The account
// row"), the list of rows `bellwether accounts --format json` prints (and `GET
// /api/v1/accounts` extends with paging), and the account 360 (`bellwether account ID
// --format json`, `GET /api/v1/accounts/{id}`). The snapshot is only read.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analytics/account_360.h"
#include "analytics/account_rows.h"
#include "snapshot/snapshot.h"

namespace bw::service {

// The row object: every field of the spec plus answers, ttm_prior, action, health change
// and engagement class.
nlohmann::ordered_json AccountRowToJson(const snapshot::Snapshot& snap,
                                        const analytics::AccountRow& row);

// {"as_of": "YYYY-MM-DD", "accounts": [ROW, ...]} with the rows in the order given.
nlohmann::ordered_json AccountListToJson(const snapshot::Snapshot& snap, Day as_of,
                                         const std::vector<analytics::AccountRow>& rows);

// The account 360: the account's record, its row (null when not active), health
// components, stakeholders, revenue by month, responses, touchpoints and signals. Names,
// e-mails and comments are null or empty when the snapshot was built without text.
nlohmann::ordered_json Account360ToJson(const snapshot::Snapshot& snap,
                                        const analytics::Account360& view, Day as_of);

}  // namespace bw::service
