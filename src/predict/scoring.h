// Churn risk of the active accounts as of a day, the factors behind one account's risk
// (XGBoost's SHAP contributions, in words) and the actions they map to, revenue at risk
// and threats (metrics.md, "Churn risk"; docs/churn.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/account_rows.h"
#include "predict/model.h"
#include "predict/settings.h"

namespace bw::predict {

struct Factor {
  std::string feature;
  std::optional<double> value;  // null when missing (e.g. no answers)
  double contribution = 0;      // log-odds the feature adds to the account's risk
  std::string text;             // "no business review, meeting, call or training for 210 days"
};

struct AccountRisk {
  AccountIndex account = 0;
  double risk = 0;             // probability of churn within 180 days
  double ttm = 0;              // TTM revenue (metrics.md, Basics), currency units
  double revenue_at_risk = 0;  // risk x TTM
  analytics::Tier tier = analytics::Tier::kD;
  std::vector<Factor> factors;       // filled by Explain
  std::vector<std::string> actions;  // filled by Explain, one per distinct action
};

struct ChurnScores {
  Day as_of = 0;
  std::vector<AccountRisk> accounts;  // every active account, by revenue at risk descending
  FeatureRows rows;                   // the features of accounts[i] in row i
};

// Scores every account active at `as_of` (kFailedPrecondition when the model's feature
// list does not match the data set's; `model_source` names the model in that error).
Result<ChurnScores> ScoreAccounts(const ChurnModel& model, const Snapshot& snap, Day as_of,
                                  const analytics::MetricParams& params,
                                  const std::string& model_source);

// Fills factors and actions of scores.accounts[i] for each i of `which` (SHAP costs about
// a millisecond per account: explain the accounts shown, not the whole book).
Status Explain(const ChurnModel& model, const ChurnSettings& settings,
               const std::vector<size_t>& which, ChurnScores& scores);

// A threat: tier A or B with risk >= settings.threat_risk.
bool IsThreat(const AccountRisk& risk, const ChurnSettings& settings);

// Indexes into scores.accounts of the threats: tier A or B, risk >= settings.threat_risk,
// by revenue at risk descending.
std::vector<size_t> Threats(const ChurnScores& scores, const ChurnSettings& settings);

// The accounts at `which` (and their feature rows), in that order: a page to explain
// without touching shared scores.
ChurnScores Subset(const ChurnScores& scores, const std::vector<size_t>& which);

// The position of an account in scores.accounts, or -1.
int64_t FindScore(const ChurnScores& scores, AccountIndex account);

// A factor in words: what the feature's value means for people.
std::string FactorText(const FeatureInfo& feature, std::optional<double> value);

}  // namespace bw::predict
