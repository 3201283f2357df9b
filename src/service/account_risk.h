// Churn risk in the account 360 and the account rows (issue 15, item 6; docs/churn.md,
// "In the account rows and the account 360"; docs/api.md, "Churn risk"). Shared by the CLI
// (`bellwether account ID --risk`, `bellwether accounts --risk`) and the server
// (`?risk=true`). The scores come from a model of the whole book; the 360 and the rows may
// come from a scoped snapshot, so accounts are matched by id.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "predict/scoring.h"
#include "snapshot/snapshot.h"

namespace bw::service {

// What a scored book needs to answer: the model, its scores and the snapshot they index.
struct ScoredBook {
  const predict::ChurnModel* model = nullptr;
  const snapshot::Snapshot* snapshot = nullptr;
  const predict::ChurnScores* scores = nullptr;
};

// The score of an account by id, in O(1) after an O(accounts) index.
class RiskLookup {
 public:
  explicit RiskLookup(const ScoredBook& book);
  // Null when the account is not scored (not active on the as-of date, or unknown).
  const predict::AccountRisk* Find(std::string_view account_id) const;
  // Its position in book.scores->accounts, -1 when not scored.
  int64_t Position(std::string_view account_id) const;

 private:
  const ScoredBook book_;
  std::vector<int32_t> position_;  // by account index of book.snapshot, -1: not scored
};

// Adds "risk" and "revenue_at_risk" (null when not scored) at the end of every object of
// `rows`, an array of account row objects (AccountRowToJson).
void AddRowRisks(nlohmann::ordered_json& rows, const RiskLookup& lookup);

// The "churn" object of one account's 360, null when the account is not scored:
// {"risk", "ttm", "revenue_at_risk", "threat", "threat_risk", "model": {"trained_as_of",
// "calibrated"}, "factors": [...], "actions": [...]}. Explains the account (SHAP) on the way.
Result<nlohmann::ordered_json> AccountChurnJson(const ScoredBook& book, std::string_view account_id,
                                                const predict::ChurnSettings& settings);

}  // namespace bw::service
