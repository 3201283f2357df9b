// How good the churn model is against the ceiling (docs/churn.md, "Back-test"):
//   churn_quality_bench OUT_DIR ACCOUNTS SEED [AS_OF [NAME=VALUE ...]]
// generates a data set into OUT_DIR (as `bellwether generate`, as-of 2026-06-30 unless
// given), runs the back-test (t0 = AS_OF - 180) and adds an oracle that ranks the accounts
// active at t0 by the generator's hidden health at t0, the ceiling of any model that sees
// only the data. The hidden health reaches this program through a generator option the
// product never sets (src/generate/generator.h); nothing of it is written to the files.
// NAME=VALUE overrides a training parameter (max_depth, eta, min_child_weight, subsample,
// colsample_bytree, lambda, max_rounds, max_dates, validation_share, recent_dates 0/1) for
// experiments, and hazard=X / drift=X / score_noise=X set the generator's churn hazard
// scale, health drift and answer noise (GenerateOptions) to measure the model in worlds with a
// higher ceiling. Run with OMP_WAIT_POLICY=passive on a busy machine.
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "analytics/account_facts.h"
#include "analytics/health.h"
#include "generate/generator.h"
#include "predict/booster.h"
#include "predict/evaluation.h"
#include "predict/features.h"
#include "service/workspace.h"

namespace {

void Print(const bw::predict::Evaluation& e) {
  std::printf("%-14s ROC AUC %.3f  PR AUC %.3f  Brier %s  lift %.2f\n", e.method.c_str(),
              e.roc_auc.value_or(0), e.pr_auc.value_or(0),
              e.brier ? std::to_string(*e.brier).substr(0, 6).c_str() : "  n/a ",
              e.top_decile_lift.value_or(0));
  for (const bw::predict::ReliabilityBin& b : e.reliability) {
    if (b.accounts == 0) continue;
    std::printf("    [%.2f, %.2f) %7lld  predicted %.3f  observed %.3f\n", b.low, b.high,
                static_cast<long long>(b.accounts), b.mean_predicted, b.observed);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: churn_quality_bench OUT_DIR ACCOUNTS SEED [AS_OF]\n");
    return 2;
  }
  const std::optional<bw::Day> as_of = bw::ParseDate(argc > 4 ? argv[4] : "2026-06-30");
  if (!as_of) return 2;
  const bw::Day t0 = *as_of - bw::predict::kHorizonDays;
  bw::generate::GenerateOptions options;
  options.accounts = std::stoll(argv[2]);
  options.seed = std::stoull(argv[3]);
  options.as_of = *as_of;
  options.hidden_health_day = t0;
  // World overrides (generator) before the data set is written: hazard=, drift=.
  for (int i = 5; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.starts_with("hazard=")) options.churn_hazard_scale = std::stod(arg.substr(7));
    if (arg.starts_with("drift=")) options.health_drift_sd = std::stod(arg.substr(6));
    if (arg.starts_with("score_noise=")) options.score_noise_sd = std::stod(arg.substr(12));
  }
  std::map<std::string, double, std::less<>> health;
  options.on_hidden_health = [&](std::string_view id, double h) { health.emplace(id, h); };
  auto generated = bw::generate::GenerateDataSet(argv[1], options);
  if (!generated.ok()) {
    std::fprintf(stderr, "%s\n", generated.status().message().c_str());
    return 1;
  }
  bw::service::DataSource source;
  source.data_dir = argv[1];
  auto snap = bw::service::LoadSnapshot(source, false, {});
  if (!snap.ok()) {
    std::fprintf(stderr, "%s\n", snap.status().message().c_str());
    return 1;
  }
  const bw::analytics::MetricParams params;
  const bw::analytics::HealthConfig health_config = bw::analytics::DefaultHealthConfig();
  // Parameter overrides for experiments: NAME=VALUE after the positional arguments.
  bw::predict::TrainingOptions training;
  for (int i = 5; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (eq == std::string::npos) continue;
    const std::string name = arg.substr(0, eq);
    const double v = std::stod(arg.substr(eq + 1));
    bw::predict::BoosterParams& b = training.booster;
    if (name == "max_depth") b.max_depth = static_cast<int>(v);
    if (name == "eta") b.eta = v;
    if (name == "min_child_weight") b.min_child_weight = v;
    if (name == "subsample") b.subsample = v;
    if (name == "colsample_bytree") b.colsample_bytree = v;
    if (name == "lambda") b.lambda = v;
    if (name == "max_rounds") b.max_rounds = static_cast<int>(v);
    if (name == "max_dates") training.max_dates = static_cast<int>(v);
    if (name == "validation_share") training.validation_share = v;
    if (name == "recent_dates") training.recent_dates = v != 0;
  }
  auto bt = bw::predict::RunBacktest(**snap, *as_of, params, health_config, training);
  if (!bt.ok()) {
    std::fprintf(stderr, "%s\n", bt.status().message().c_str());
    return 1;
  }
  std::printf(
      "accounts %lld seed %s: %lld active at t0, %lld churned; %zu training dates, %d "
      "rounds\n",
      static_cast<long long>(options.accounts), argv[3], static_cast<long long>(bt->accounts),
      static_cast<long long>(bt->churned), bt->training_dates.size(), bt->rounds);
  for (const bw::predict::Evaluation& e : bt->methods) Print(e);

  // The oracle on the same accounts: active at t0 by the data, ranked by hidden health.
  const bw::snapshot::Snapshot& s = **snap;
  std::vector<double> risk, ttm;
  std::vector<uint8_t> churned;
  for (bw::snapshot::AccountIndex a = 0; a < s.account_count(); ++a) {
    if (!bw::analytics::IsActive(s, a, t0)) continue;
    auto it = health.find(s.account_id[a]);
    risk.push_back(it == health.end() ? 0.5 : 1.0 - it->second);
    churned.push_back(bw::predict::ChurnedWithin(s, a, t0) ? 1 : 0);
    ttm.push_back(1.0);
  }
  Print(bw::predict::Evaluate("oracle", risk, churned, ttm, false));
  // The oracle with its health blurred by Gaussian noise: how precise an estimate of the
  // health must be to reach a given ROC AUC.
  for (const double sd : {0.03, 0.06, 0.1}) {
    uint64_t state = 12345;
    std::vector<double> blurred(risk.size());
    for (size_t i = 0; i < risk.size(); ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const double u1 = (static_cast<double>(state >> 11) + 0.5) / 9007199254740992.0;
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const double u2 = (static_cast<double>(state >> 11) + 0.5) / 9007199254740992.0;
      blurred[i] = risk[i] + sd * std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    Print(bw::predict::Evaluate("oracle+" + std::to_string(sd).substr(0, 4), blurred, churned, ttm,
                                false));
  }

  // The model's health_score feature alone: the default scorecard at t0 with its revenue
  // trend from complete months. The health_score baseline above reads the facts' TTM, which
  // includes t0's month (not over at t0); the difference is what that month tells.
  const bw::predict::FeatureRows rows = bw::predict::ComputeFeatures(s, {t0}, params);
  const int k = bw::predict::FindFeature(bw::predict::FeatureList(s), "health_score");
  if (k >= 0 && rows.rows() == churned.size()) {
    std::vector<double> feature_risk(rows.rows());
    for (size_t i = 0; i < rows.rows(); ++i) {
      const float h = rows.row(i)[k];
      feature_risk[i] = std::isnan(h) ? 0.5 : (100.0 - h) / 100.0;
    }
    Print(bw::predict::Evaluate("health_feature", feature_risk, churned, ttm, false));
  }
  // How much of the hidden health the features carry: boosted trees fitted to the hidden
  // health at t0 (soft labels) on one half of the accounts, predicting the other half
  // (2-fold), ranked as risk. Near the model: the features are the limit; near the oracle:
  // learning from sparse churn labels is.
  if (rows.rows() == churned.size()) {
    std::vector<float> hidden(rows.rows());
    for (size_t i = 0; i < rows.rows(); ++i) hidden[i] = static_cast<float>(1.0 - risk[i]);
    std::vector<double> fitted(rows.rows(), 0.5);
    for (int fold = 0; fold < 2; ++fold) {
      std::vector<float> tx, ty, px;
      std::vector<size_t> pi;
      for (size_t i = 0; i < rows.rows(); ++i) {
        const float* r = rows.row(i);
        if (static_cast<int>(i % 2) == fold) {
          px.insert(px.end(), r, r + rows.feature_count);
          pi.push_back(i);
        } else {
          tx.insert(tx.end(), r, r + rows.feature_count);
          ty.push_back(hidden[i]);
        }
      }
      bw::predict::Matrix train{tx.data(), ty.size(), rows.feature_count, ty.data(), nullptr};
      bw::predict::Matrix test{px.data(), pi.size(), rows.feature_count, nullptr, nullptr};
      bw::predict::BoosterParams p;
      p.max_depth = 4;
      auto booster = bw::predict::Booster::Train(train, {}, p, 300);
      if (!booster.ok()) break;
      auto pred = booster->Predict(test);
      if (!pred.ok()) break;
      for (size_t j = 0; j < pi.size(); ++j) fitted[pi[j]] = 1.0 - (*pred)[j];
    }
    Print(bw::predict::Evaluate("health_fitted", fitted, churned, ttm, false));
  }
  return 0;
}
