// A thin owner of an XGBoost booster (Debian's libxgboost-dev, C API): training with early
// stopping, prediction, SHAP contributions and the JSON model text. Errors of the library
// come back as Status, never as exceptions or aborts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace bw::predict {

// Parameters of the gradient-boosted trees (docs/churn.md, "Model"). Shallow trees, a small
// learning rate, row and column subsampling and L2 on the leaves: what generalises on a few
// thousand noisy examples rather than what fits one data set best.
struct BoosterParams {
  uint64_t seed = 20260101;
  int max_depth = 2;
  double eta = 0.1;
  double min_child_weight = 20;
  double subsample = 0.8;
  double colsample_bytree = 0.8;
  double lambda = 10;
  int max_bin = 64;
  int max_rounds = 300;
  int early_stopping_rounds = 20;
  int nthread = 0;  // 0: the process executor's concurrency
};

// A dense matrix of float features (NaN = missing) with its 0/1 labels.
struct Matrix {
  const float* values = nullptr;
  size_t rows = 0;
  size_t cols = 0;
  const float* labels = nullptr;  // rows of them, or nullptr
  // Per row, the log-odds every prediction starts from (XGBoost's base_margin), or nullptr
  // for the default (probability 0.5, log-odds 0). Training uses it to offset examples
  // whose outcome window is shorter (docs/churn.md, "Training set").
  const float* base_margin = nullptr;
};

class Booster {
 public:
  Booster() = default;
  ~Booster();
  Booster(Booster&& other) noexcept;
  Booster& operator=(Booster&& other) noexcept;
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;

  // Trains for `rounds` rounds on `train`; with a non-empty `valid`, stops once the
  // validation log loss has not improved for params.early_stopping_rounds rounds and keeps
  // the best number of rounds (best_rounds()).
  static Result<Booster> Train(const Matrix& train, const Matrix& valid,
                               const BoosterParams& params, int rounds);
  // Loads the JSON text of SaveJson.
  static Result<Booster> LoadJson(const std::string& json);

  Result<std::string> SaveJson() const;
  // Probabilities, one per row.
  Result<std::vector<float>> Predict(const Matrix& m) const;
  // SHAP contributions (log-odds): rows x (cols + 1), the last column the bias.
  Result<std::vector<float>> Contributions(const Matrix& m) const;

  int best_rounds() const { return best_rounds_; }
  bool valid() const { return handle_ != nullptr; }

 private:
  void* handle_ = nullptr;
  int best_rounds_ = 0;
};

// The number of threads XGBoost uses by default: the process executor's concurrency.
int DefaultThreads();

}  // namespace bw::predict
