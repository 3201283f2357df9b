// The churn objects as JSON (docs/churn.md, docs/api.md): what `bellwether churn ...
// --format json` prints and `GET /api/v1/churn/...` answers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "predict/evaluation.h"
#include "predict/scoring.h"

namespace bw::service {

// {"trained_as_of", "training_dates", "features", "examples", "positives", "rounds",
//  "validation_auc", "validation_auc_logistic", "calibrated", "source"}
nlohmann::ordered_json ChurnModelToJson(const predict::ChurnModel& model,
                                        const std::string& source);

// One score: {"account_id", "name", "tier", "risk", "ttm", "revenue_at_risk", "factors":
// [{"feature", "value", "contribution", "text"}], "actions": [...]}.
nlohmann::ordered_json AccountRiskToJson(const snapshot::Snapshot& snap,
                                         const predict::AccountRisk& risk);

// {"as_of", "model": {...}, "scores": [...]} for the accounts at `which`.
nlohmann::ordered_json ChurnScoresToJson(const snapshot::Snapshot& snap,
                                         const predict::ChurnScores& scores,
                                         const std::vector<size_t>& which,
                                         const nlohmann::ordered_json& model);

nlohmann::ordered_json BacktestToJson(const predict::Backtest& backtest);

}  // namespace bw::service
