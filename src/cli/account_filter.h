// `--filter` expressions of `bellwether accounts`: FIELD=VALUE[|VALUE...] or
// FIELD!=VALUE[|VALUE...]; several filters must all hold. Fields: tier, category,
// quadrant, owner, industry, region, colour, flag, class. Values match exactly
// (owner, industry, region: case-insensitive).
#pragma once

#include <string>
#include <vector>

#include "analytics/account_rows.h"
#include "core/status.h"

namespace bw::cli {

struct AccountFilter {
  std::string field;
  bool negate = false;
  std::vector<std::string> values;
};

// Errors: kInvalidArgument naming the expression and what is wrong.
Result<AccountFilter> ParseAccountFilter(const std::string& expression);

bool Matches(const AccountFilter& filter, const snapshot::Snapshot& snap,
             const analytics::AccountRow& row);

// `--sort FIELD[:asc|desc]`: ttm (default, Pareto order), score, health, health_change,
// name, account_id, days_since_last, tier. Errors: kInvalidArgument.
Status SortAccountRows(const std::string& spec, const snapshot::Snapshot& snap,
                       std::vector<analytics::AccountRow>& rows);

}  // namespace bw::cli
