#include "service/churn_json.h"

namespace bw::service {
namespace {

nlohmann::ordered_json Optional(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json ChurnModelToJson(const predict::ChurnModel& model,
                                        const std::string& source) {
  nlohmann::ordered_json j;
  j["source"] = source;
  j["trained_as_of"] = FormatDate(model.trained_as_of);
  std::vector<std::string> dates;
  for (Day d : model.training_dates) dates.push_back(FormatDate(d));
  j["training_dates"] = dates;
  j["features"] = model.features.size();
  j["examples"] = model.metrics.examples;
  j["positives"] = model.metrics.positives;
  j["rounds"] = model.rounds;
  j["validation_auc"] = Optional(model.metrics.validation_auc);
  j["validation_auc_logistic"] = Optional(model.metrics.validation_auc_logistic);
  j["calibrated"] = !model.calibration.identity();
  return j;
}

nlohmann::ordered_json AccountRiskToJson(const snapshot::Snapshot& snap,
                                         const predict::AccountRisk& r) {
  nlohmann::ordered_json j;
  j["account_id"] = snap.account_id[static_cast<size_t>(r.account)];
  j["name"] = snap.account_name[static_cast<size_t>(r.account)];
  j["tier"] = analytics::TierName(r.tier);
  j["risk"] = r.risk;
  j["ttm"] = r.ttm;
  j["revenue_at_risk"] = r.revenue_at_risk;
  nlohmann::ordered_json factors = nlohmann::ordered_json::array();
  for (const predict::Factor& f : r.factors) {
    nlohmann::ordered_json fj;
    fj["feature"] = f.feature;
    fj["value"] = Optional(f.value);
    fj["contribution"] = f.contribution;
    fj["text"] = f.text;
    factors.push_back(std::move(fj));
  }
  j["factors"] = std::move(factors);
  j["actions"] = r.actions;
  return j;
}

nlohmann::ordered_json ChurnScoresToJson(const snapshot::Snapshot& snap,
                                         const predict::ChurnScores& scores,
                                         const std::vector<size_t>& which,
                                         const nlohmann::ordered_json& model) {
  nlohmann::ordered_json j;
  j["as_of"] = FormatDate(scores.as_of);
  j["model"] = model;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (size_t i : which) list.push_back(AccountRiskToJson(snap, scores.accounts[i]));
  j["scores"] = std::move(list);
  return j;
}

nlohmann::ordered_json BacktestToJson(const predict::Backtest& bt) {
  nlohmann::ordered_json j;
  j["as_of"] = FormatDate(bt.as_of);
  j["scored_on"] = FormatDate(bt.scored_on);
  j["accounts"] = bt.accounts;
  j["churned"] = bt.churned;
  std::vector<std::string> dates;
  for (Day d : bt.training_dates) dates.push_back(FormatDate(d));
  j["training_dates"] = dates;
  j["rounds"] = bt.rounds;
  nlohmann::ordered_json methods = nlohmann::ordered_json::array();
  for (const predict::Evaluation& e : bt.methods) {
    nlohmann::ordered_json m;
    m["method"] = e.method;
    m["roc_auc"] = Optional(e.roc_auc);
    m["pr_auc"] = Optional(e.pr_auc);
    m["brier"] = Optional(e.brier);
    m["top_decile_lift"] = Optional(e.top_decile_lift);
    m["top_decile_revenue_share"] = Optional(e.top_decile_revenue_share);
    nlohmann::ordered_json bins = nlohmann::ordered_json::array();
    for (const predict::ReliabilityBin& b : e.reliability) {
      bins.push_back({{"low", b.low},
                      {"high", b.high},
                      {"accounts", b.accounts},
                      {"mean_predicted", b.mean_predicted},
                      {"observed", b.observed}});
    }
    m["reliability"] = std::move(bins);
    methods.push_back(std::move(m));
  }
  j["methods"] = std::move(methods);
  return j;
}

}  // namespace bw::service
