// The names of an account's flags (shared/spec/metrics.md, "The account row": `flags`),
// shared by the JSON and CSV forms of the row. Private to src/service.
#pragma once

#include <string>
#include <vector>

#include "analytics/account_rows.h"

namespace bw::service::internal {

// The flags the account has, in the order of analytics::AccountFlag (sorted by name).
inline std::vector<std::string> FlagNames(const analytics::AccountBasics& basics) {
  std::vector<std::string> flags;
  for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
    const auto flag = static_cast<analytics::AccountFlag>(f);
    if (basics.Has(flag)) flags.emplace_back(analytics::FlagName(flag));
  }
  return flags;
}

}  // namespace bw::service::internal
