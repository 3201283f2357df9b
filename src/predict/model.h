// The churn model (metrics.md, "Churn risk"; docs/churn.md): a training set from the
// workspace's own history, gradient-boosted trees (XGBoost) with a logistic-regression
// baseline on the same features, saved as one JSON file: the XGBoost JSON model plus our
// metadata (feature list, training dates, parameters, validation metrics, version).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/params.h"
#include "core/status.h"
#include "predict/booster.h"
#include "predict/calibration.h"
#include "predict/features.h"
#include "predict/logistic.h"

namespace bw::predict {

// Churn within this many days after a date is what the model predicts.
inline constexpr int kHorizonDays = 180;

struct TrainingOptions {
  BoosterParams booster;
  int max_dates = 24;              // training dates, every kGridDays back from the last
  size_t max_rows = 150000;        // a deterministic sample beyond this many examples
  double validation_share = 0.25;  // the latest dates, for early stopping
  // Also learn from the dates of the last 180 days (as_of - 150, ..., as_of - 30), whose
  // outcome is known only up to as_of: label churned in (t, as_of], offset by the log of
  // the shorter window (docs/churn.md, "Training set"). Only the final fit uses them.
  bool recent_dates = true;
};

// Examples at past dates t = as_of - 180 - 30 k (k = 0, 1, ...): one row per account active
// at t, label 1 when it churned in (t, t + 180]. Only dates whose outcome is known at as_of.
struct TrainingSet {
  std::vector<FeatureInfo> features;
  std::vector<Day> dates;         // latest first; each with the full 180-day outcome
  std::vector<Day> recent_dates;  // latest first; outcome known for as_of - t days only
  FeatureRows rows;               // the rows of `dates`, then those of `recent_dates`
  std::vector<float> labels;
  std::vector<float> margins;  // log(window / 180): 0 for `dates`, negative for recent ones
};
// kFailedPrecondition when the history is too short for a single training date.
Result<TrainingSet> BuildTrainingSet(const Snapshot& snap, Day as_of,
                                     const analytics::MetricParams& params,
                                     const TrainingOptions& options);

// Label of an account for a date: churned in (t, t + horizon].
inline bool ChurnedWithin(const Snapshot& snap, AccountIndex a, Day t, int horizon = kHorizonDays) {
  const Day c = snap.churned_on[a];
  return c != kNoDay && c > t && c <= t + horizon;
}

struct ModelMetrics {
  int64_t examples = 0;
  int64_t positives = 0;
  int64_t validation_examples = 0;
  std::optional<double> validation_auc;           // the model (blend) on the validation dates
  std::optional<double> validation_auc_logistic;  // the baseline on the same
};

struct ChurnModel {
  static constexpr int kFormatVersion = 1;
  std::vector<FeatureInfo> features;
  Day trained_as_of = 0;
  std::vector<Day> training_dates;
  BoosterParams params;
  int rounds = 0;
  ModelMetrics metrics;
  Booster booster;
  // Fitted on the early-stopping model's predictions of the validation dates; the
  // identity when there were none (or for a model file without it).
  PlattCalibration calibration;
  Logistic logistic;
  // The model's log-odds are tree_share x the trees' plus (1 - tree_share) x the logistic
  // regression's, before calibration (docs/churn.md, "Model"): 1 for a model file
  // without "blend" (trees only).
  double tree_share = 1.0;
  static constexpr double kTreeShare = 0.5;  // of a newly trained model

  // Calibrated churn probabilities of feature rows (computed with the same feature list).
  Result<std::vector<float>> Predict(const FeatureRows& rows) const;
};

// Trains on the history known at `as_of` (BuildTrainingSet), early-stopping on the latest
// validation_share of the dates, then refits on every date with the best number of rounds.
Result<ChurnModel> TrainChurnModel(const Snapshot& snap, Day as_of,
                                   const analytics::MetricParams& params,
                                   const TrainingOptions& options);

// The model file: JSON, see docs/churn.md, "Model file".
Result<std::string> ModelToJson(const ChurnModel& model);
// `source` names the file in errors. kInvalidArgument for text that is not a complete
// model file (truncated, not JSON, another format or version).
Result<ChurnModel> ModelFromJson(const std::string& text, const std::string& source);
Status SaveModel(const ChurnModel& model, const std::string& path);
// kNotFound when the file does not exist.
Result<ChurnModel> LoadModel(const std::string& path);

// Ok when the model was trained on exactly `features` (names and order), else
// kFailedPrecondition naming the first differences.
Status CheckFeatures(const ChurnModel& model, const std::vector<FeatureInfo>& features,
                     const std::string& source);

}  // namespace bw::predict
