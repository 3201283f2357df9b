// Churn prediction costs on a data set (docs/performance.md, "Churn prediction"):
//   churn_bench DATA_DIR AS_OF [--diagnose]
// times building the training set, training (early stopping + refit + logistic baseline),
// scoring every active account and explaining 100 of them; --diagnose also prints each
// feature's ROC AUC alone on the training set (for choosing features, docs/churn.md).
// Run with OMP_WAIT_POLICY=passive on a busy machine (docs/churn.md, "Threads").
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "analytics/health_check.h"
#include "predict/evaluation.h"
#include "predict/scoring.h"
#include "service/workspace.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: churn_bench DATA_DIR AS_OF [--diagnose]\n");
    return 2;
  }
  const bool diagnose = argc > 3 && std::string(argv[3]) == "--diagnose";
  const std::optional<bw::Day> as_of = bw::ParseDate(argv[2]);
  if (!as_of) return 2;
  auto start = std::chrono::steady_clock::now();
  bw::service::DataSource source;
  source.data_dir = argv[1];
  auto snap = bw::service::LoadSnapshot(source, false, {});
  if (!snap.ok()) {
    std::fprintf(stderr, "%s\n", snap.status().message().c_str());
    return 1;
  }
  std::printf("load            %7.2f s  (%d accounts)\n", Seconds(start), (*snap)->account_count());
  const bw::analytics::MetricParams params;
  const bw::predict::TrainingOptions options;

  start = std::chrono::steady_clock::now();
  auto set = bw::predict::BuildTrainingSet(**snap, *as_of, params, options);
  if (!set.ok()) {
    std::fprintf(stderr, "%s\n", set.status().message().c_str());
    return 1;
  }
  std::printf("training set    %7.2f s  (%zu rows x %zu features, %zu dates)\n", Seconds(start),
              set->rows.rows(), set->rows.feature_count, set->dates.size());
  if (diagnose) {
    std::vector<uint8_t> y(set->labels.size());
    for (size_t i = 0; i < y.size(); ++i) y[i] = set->labels[i] > 0.5f;
    for (size_t k = 0; k < set->rows.feature_count; ++k) {
      std::vector<double> x;
      std::vector<uint8_t> yk;
      for (size_t i = 0; i < set->rows.rows(); ++i) {
        const float v = set->rows.row(i)[k];
        if (std::isnan(v)) continue;
        x.push_back(v);
        yk.push_back(y[i]);
      }
      const auto auc = bw::analytics::RocAuc(x, yk);
      std::printf("  %-34s %8zu  AUC %.3f\n", set->features[k].name.c_str(), x.size(),
                  auc ? std::max(*auc, 1 - *auc) : 0.0);
    }
  }

  start = std::chrono::steady_clock::now();
  auto model = bw::predict::TrainChurnModel(**snap, *as_of, params, options);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().message().c_str());
    return 1;
  }
  std::printf("set + training  %7.2f s  (%d rounds, validation AUC %.3f)\n", Seconds(start),
              model->rounds, model->metrics.validation_auc.value_or(0));

  start = std::chrono::steady_clock::now();
  auto scores = bw::predict::ScoreAccounts(*model, **snap, *as_of, params, "model");
  if (!scores.ok()) return 1;
  std::printf("score all       %7.2f s  (%zu accounts)\n", Seconds(start), scores->accounts.size());

  start = std::chrono::steady_clock::now();
  std::vector<size_t> which;
  for (size_t i = 0; i < 100 && i < scores->accounts.size(); ++i) which.push_back(i);
  if (!bw::predict::Explain(*model, bw::predict::DefaultChurnSettings(), which, *scores).ok()) {
    return 1;
  }
  std::printf("explain 100     %7.3f s\n", Seconds(start));
  return 0;
}
