// The [churn] settings of bellwether.toml (docs/churn.md, docs/configuration.md): the
// threat threshold, how many factors an explanation lists, and the table that maps a
// factor (a feature name, or "signal.NAME" for every feature of an imported signal) to the
// recommended action.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bw::predict {

struct ChurnSettings {
  double threat_risk = 0.5;  // metrics.md: a threat is a tier A or B account with risk >= 0.5
  int factors = 3;           // largest risk-raising factors shown per account
  std::map<std::string, std::string> actions;  // factor key -> action
  bool operator==(const ChurnSettings&) const = default;
};

ChurnSettings DefaultChurnSettings();

// The names of the fixed features (features.h), in column order.
std::vector<std::string> FixedFeatureNames();

// A key of [churn.actions]: a fixed feature name, "signal.NAME" or
// "signal.NAME.last|change|days_since|mean_180d|count_180d".
bool IsActionKey(std::string_view key);

// The action for a feature: its own entry, else its signal's "signal.NAME" entry, else
// nullptr.
const std::string* ActionFor(const ChurnSettings& settings, const std::string& feature);

}  // namespace bw::predict
