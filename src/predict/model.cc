#include "predict/model.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "analytics/account_facts.h"
#include "analytics/health_check.h"

namespace bw::predict {
namespace {

constexpr const char* kFormatName = "bellwether-churn-model";
constexpr std::string_view kKindNames[] = {"score", "change", "count", "days",  "money",
                                           "ratio", "flag",   "level", "signal"};

std::string_view KindName(FeatureKind kind) { return kKindNames[static_cast<size_t>(kind)]; }
std::optional<FeatureKind> ParseKind(std::string_view name) {
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    if (kKindNames[i] == name) return static_cast<FeatureKind>(i);
  }
  return std::nullopt;
}

// The first day anything was recorded: the start of the history.
Day EarliestDay(const Snapshot& snap) {
  Day earliest = kNoDay;
  auto take = [&](Day d) {
    if (d != kNoDay && (earliest == kNoDay || d < earliest)) earliest = d;
  };
  for (MonthIndex m : snap.revenue_month) take(FirstDayOf(m));
  for (Day d : snap.response_day) take(d);
  for (Day d : snap.touchpoint_day) take(d);
  for (Day d : snap.signal_day) take(d);
  for (Day d : snap.invitation_sent_on) take(d);
  return earliest;
}

// A deterministic pseudo-random number in [0, 1) for a row: which rows a capped training
// set keeps does not depend on threads or on the order rows were built in.
double RowHash(uint64_t seed, int32_t rank, Day day) {
  uint64_t x = seed ^ (static_cast<uint64_t>(static_cast<uint32_t>(rank)) << 32) ^
               static_cast<uint32_t>(day);
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return static_cast<double>(x >> 11) / 9007199254740992.0;
}

// The rows of `rows` at `keep`.
FeatureRows Select(const FeatureRows& rows, const std::vector<size_t>& keep) {
  FeatureRows out;
  out.feature_count = rows.feature_count;
  out.values.resize(keep.size() * rows.feature_count);
  out.account.resize(keep.size());
  out.day.resize(keep.size());
  for (size_t i = 0; i < keep.size(); ++i) {
    std::copy_n(rows.row(keep[i]), rows.feature_count, out.values.data() + i * rows.feature_count);
    out.account[i] = rows.account[keep[i]];
    out.day[i] = rows.day[keep[i]];
  }
  return out;
}

Matrix MatrixOf(const FeatureRows& rows, const std::vector<float>* labels) {
  return {rows.values.data(), rows.rows(), rows.feature_count,
          labels != nullptr ? labels->data() : nullptr};
}

std::vector<FeatureKind> KindsOf(const std::vector<FeatureInfo>& features) {
  std::vector<FeatureKind> kinds;
  kinds.reserve(features.size());
  for (const FeatureInfo& f : features) kinds.push_back(f.kind);
  return kinds;
}

std::optional<double> Auc(const std::vector<double>& risk, const std::vector<float>& labels) {
  std::vector<uint8_t> positive(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) positive[i] = labels[i] > 0.5f ? 1 : 0;
  return analytics::RocAuc(risk, positive);
}

nlohmann::json OptionalJson(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

Result<TrainingSet> BuildTrainingSet(const Snapshot& snap, Day as_of,
                                     const analytics::MetricParams& params,
                                     const TrainingOptions& options) {
  TrainingSet set;
  set.features = FeatureList(snap);
  const Day earliest = EarliestDay(snap);
  if (earliest == kNoDay) {
    return FailedPrecondition(
        "no history to learn churn from: the data set has no revenue, "
        "answers, touchpoints or signals");
  }
  // A year of history before a training date when there is enough of it, else 90 days.
  for (const int min_history : {180, 90}) {
    set.dates.clear();
    for (Day t = as_of - kHorizonDays;
         t >= earliest + min_history && static_cast<int>(set.dates.size()) < options.max_dates;
         t -= kGridDays) {
      set.dates.push_back(t);
    }
    if (set.dates.size() >= 3) break;
  }
  if (set.dates.empty()) {
    return FailedPrecondition("not enough history to learn churn as of " + FormatDate(as_of) +
                              ": the first record is from " + FormatDate(earliest) +
                              ", training needs outcomes of at least " +
                              std::to_string(kHorizonDays + 90) + " days");
  }
  std::vector<Day> days = set.dates;
  if (options.recent_dates) {
    const Day first_allowed = set.dates.back();  // no earlier than the full dates reach
    for (Day t = as_of - kGridDays; t > as_of - kHorizonDays; t -= kGridDays) {
      if (t >= first_allowed) set.recent_dates.push_back(t);
    }
    days.insert(days.end(), set.recent_dates.begin(), set.recent_dates.end());
  }
  // Cap the examples with a deterministic sample (docs/churn.md, "Training set"), drawn
  // before the features: only the kept rows are computed.
  size_t candidates = 0;
  for (Day t : days) {
    for (AccountIndex a = 0; a < snap.account_count(); ++a) {
      candidates += analytics::IsActive(snap, a, t) ? 1 : 0;
    }
  }
  RowFilter keep;
  if (candidates > options.max_rows) {
    const double keep_share =
        static_cast<double>(options.max_rows) / static_cast<double>(candidates);
    keep = [&snap, keep_share, seed = options.booster.seed](AccountIndex a, Day t) {
      return RowHash(seed, snap.account_id_rank[a], t) < keep_share;
    };
  }
  FeatureRows all = ComputeFeatures(snap, days, params, keep);
  set.rows = std::move(all);
  set.labels.resize(set.rows.rows());
  set.margins.resize(set.rows.rows());
  for (size_t i = 0; i < set.rows.rows(); ++i) {
    // A recent date's outcome is known up to as_of only: a shorter window, whose odds of
    // churn are about window / 180 of the full one's for a rare outcome.
    const int window = std::min(kHorizonDays, as_of - set.rows.day[i]);
    set.labels[i] = ChurnedWithin(snap, set.rows.account[i], set.rows.day[i], window) ? 1.f : 0.f;
    set.margins[i] =
        window == kHorizonDays ? 0.f : static_cast<float>(std::log(window / double{kHorizonDays}));
  }
  return set;
}

namespace {

// The probability of log-odds share x logit(trees) + (1 - share) x logistic.
double Blend(double tree_probability, double logistic_log_odds, double share) {
  const double q = std::clamp(tree_probability, 1e-7, 1 - 1e-7);
  const double z = share * std::log(q / (1 - q)) + (1 - share) * logistic_log_odds;
  return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace

Result<std::vector<float>> ChurnModel::Predict(const FeatureRows& rows) const {
  if (rows.feature_count != features.size()) {
    return FailedPrecondition("feature rows have " + std::to_string(rows.feature_count) +
                              " columns, the model " + std::to_string(features.size()));
  }
  BW_ASSIGN_OR_RETURN(std::vector<float> p, booster.Predict(MatrixOf(rows, nullptr)));
  if (tree_share < 1.0) {
    for (size_t i = 0; i < p.size(); ++i) {
      p[i] = static_cast<float>(Blend(p[i], logistic.LogOdds(rows.row(i)), tree_share));
    }
  }
  if (!calibration.identity()) {
    for (float& v : p) v = static_cast<float>(calibration.Apply(v));
  }
  return p;
}

Result<ChurnModel> TrainChurnModel(const Snapshot& snap, Day as_of,
                                   const analytics::MetricParams& params,
                                   const TrainingOptions& options) {
  BW_ASSIGN_OR_RETURN(TrainingSet set, BuildTrainingSet(snap, as_of, params, options));
  ChurnModel model;
  model.features = set.features;
  model.trained_as_of = as_of;
  model.training_dates = set.dates;
  model.params = options.booster;
  model.metrics.examples = static_cast<int64_t>(set.rows.rows());
  for (float l : set.labels) model.metrics.positives += l > 0.5f ? 1 : 0;
  if (model.metrics.positives == 0 || model.metrics.positives == model.metrics.examples) {
    return FailedPrecondition(
        "cannot learn churn as of " + FormatDate(as_of) + ": the " +
        std::to_string(model.metrics.examples) + " training examples of " +
        std::to_string(set.dates.size()) + " dates include " +
        (model.metrics.positives == 0 ? "no churned account" : "no account that stayed"));
  }
  const std::vector<FeatureKind> kinds = KindsOf(set.features);
  // The rows with the full 180-day outcome: early stopping, calibration and the logistic
  // baseline use only them.
  const Day last_full = set.dates.front();
  std::vector<size_t> full_idx;
  for (size_t i = 0; i < set.rows.rows(); ++i) {
    if (set.rows.day[i] <= last_full) full_idx.push_back(i);
  }
  // Time-based validation split: the latest dates.
  size_t validation_dates = 0;
  if (set.dates.size() >= 3) {
    validation_dates = std::max<size_t>(
        1, static_cast<size_t>(
               std::lround(options.validation_share * static_cast<double>(set.dates.size()))));
  }
  int rounds = options.booster.max_rounds;
  if (validation_dates > 0) {
    const Day first_validation = set.dates[validation_dates - 1];
    std::vector<size_t> train_idx, valid_idx;
    for (size_t i : full_idx) {
      (set.rows.day[i] >= first_validation ? valid_idx : train_idx).push_back(i);
    }
    const FeatureRows train = Select(set.rows, train_idx), valid = Select(set.rows, valid_idx);
    std::vector<float> train_labels, valid_labels;
    for (size_t i : train_idx) train_labels.push_back(set.labels[i]);
    for (size_t i : valid_idx) valid_labels.push_back(set.labels[i]);
    double train_pos = 0;
    for (float l : train_labels) train_pos += l;
    if (train_pos > 0 && train_pos < static_cast<double>(train_labels.size())) {
      BW_ASSIGN_OR_RETURN(
          Booster early,
          Booster::Train(MatrixOf(train, &train_labels), MatrixOf(valid, &valid_labels),
                         options.booster, options.booster.max_rounds));
      rounds = early.best_rounds();
      BW_ASSIGN_OR_RETURN(std::vector<float> p, early.Predict(MatrixOf(valid, nullptr)));
      const Logistic lr = Logistic::Fit(train, train_labels, kinds);
      for (size_t i = 0; i < p.size(); ++i) {
        p[i] = static_cast<float>(Blend(p[i], lr.LogOdds(valid.row(i)), ChurnModel::kTreeShare));
      }
      model.metrics.validation_examples = static_cast<int64_t>(valid_idx.size());
      model.metrics.validation_auc = Auc(std::vector<double>(p.begin(), p.end()), valid_labels);
      model.calibration = PlattCalibration::Fit(p, valid_labels);
      model.metrics.validation_auc_logistic = Auc(lr.Predict(valid), valid_labels);
    }
  }
  Matrix all = MatrixOf(set.rows, &set.labels);
  all.base_margin = set.margins.data();
  BW_ASSIGN_OR_RETURN(model.booster, Booster::Train(all, Matrix{}, options.booster, rounds));
  model.rounds = rounds;
  model.tree_share = ChurnModel::kTreeShare;
  if (full_idx.size() == set.rows.rows()) {
    model.logistic = Logistic::Fit(set.rows, set.labels, kinds);
  } else {
    std::vector<float> full_labels;
    full_labels.reserve(full_idx.size());
    for (size_t i : full_idx) full_labels.push_back(set.labels[i]);
    model.logistic = Logistic::Fit(Select(set.rows, full_idx), full_labels, kinds);
  }
  return model;
}

Result<std::string> ModelToJson(const ChurnModel& model) {
  BW_ASSIGN_OR_RETURN(const std::string xgb, model.booster.SaveJson());
  nlohmann::json j;
  j["format"] = kFormatName;
  j["version"] = ChurnModel::kFormatVersion;
  j["trained_as_of"] = FormatDate(model.trained_as_of);
  j["horizon_days"] = kHorizonDays;
  std::vector<std::string> dates;
  for (Day d : model.training_dates) dates.push_back(FormatDate(d));
  j["training_dates"] = dates;
  nlohmann::json features = nlohmann::json::array();
  for (const FeatureInfo& f : model.features) {
    features.push_back({{"name", f.name}, {"kind", KindName(f.kind)}});
  }
  j["features"] = features;
  const BoosterParams& p = model.params;
  j["params"] = {{"seed", p.seed},
                 {"max_depth", p.max_depth},
                 {"eta", p.eta},
                 {"max_bin", p.max_bin},
                 {"min_child_weight", p.min_child_weight},
                 {"subsample", p.subsample},
                 {"colsample_bytree", p.colsample_bytree},
                 {"lambda", p.lambda},
                 {"max_rounds", p.max_rounds},
                 {"early_stopping_rounds", p.early_stopping_rounds}};
  j["rounds"] = model.rounds;
  j["metrics"] = {{"examples", model.metrics.examples},
                  {"positives", model.metrics.positives},
                  {"validation_examples", model.metrics.validation_examples},
                  {"validation_auc", OptionalJson(model.metrics.validation_auc)},
                  {"validation_auc_logistic", OptionalJson(model.metrics.validation_auc_logistic)}};
  if (!model.calibration.identity()) {
    j["calibration"] = {{"method", "platt"},
                        {"a", model.calibration.a},
                        {"b", model.calibration.b},
                        {"examples", model.calibration.examples}};
  }
  j["logistic"] = model.logistic.ToJson();
  if (model.tree_share < 1.0) {
    j["blend"] = {{"trees", model.tree_share}, {"logistic", 1.0 - model.tree_share}};
  }
  j["xgboost"] = nlohmann::json::parse(xgb);
  return j.dump();
}

Result<ChurnModel> ModelFromJson(const std::string& text, const std::string& source) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return InvalidArgument(source + ": not a complete churn model file (JSON error at byte " +
                           std::to_string(e.byte) +
                           "; truncated?); train one with "
                           "`bellwether churn train --model FILE`");
  }
  ChurnModel model;
  try {
    if (!j.is_object() || j.value("format", "") != kFormatName) {
      return InvalidArgument(source + ": not a churn model file (\"format\" is not \"" +
                             std::string(kFormatName) + "\")");
    }
    const int version = j.at("version").get<int>();
    if (version != ChurnModel::kFormatVersion) {
      return InvalidArgument(source + ": churn model format version " + std::to_string(version) +
                             " is not supported (this bellwether reads version " +
                             std::to_string(ChurnModel::kFormatVersion) + ")");
    }
    const std::optional<Day> as_of = ParseDate(j.at("trained_as_of").get<std::string>());
    if (!as_of) return InvalidArgument(source + ": trained_as_of is not a date");
    model.trained_as_of = *as_of;
    for (const auto& d : j.at("training_dates")) {
      const std::optional<Day> day = ParseDate(d.get<std::string>());
      if (!day)
        return InvalidArgument(source + ": training_dates holds a value that is not a date");
      model.training_dates.push_back(*day);
    }
    for (const auto& f : j.at("features")) {
      const std::optional<FeatureKind> kind = ParseKind(f.at("kind").get<std::string>());
      if (!kind) return InvalidArgument(source + ": unknown feature kind");
      model.features.push_back({f.at("name").get<std::string>(), *kind});
    }
    const auto& p = j.at("params");
    model.params.seed = p.at("seed").get<uint64_t>();
    model.params.max_depth = p.at("max_depth").get<int>();
    model.params.eta = p.at("eta").get<double>();
    model.params.max_bin = p.at("max_bin").get<int>();
    model.params.min_child_weight = p.at("min_child_weight").get<double>();
    model.params.subsample = p.at("subsample").get<double>();
    model.params.colsample_bytree = p.at("colsample_bytree").get<double>();
    model.params.lambda = p.at("lambda").get<double>();
    model.params.max_rounds = p.at("max_rounds").get<int>();
    model.params.early_stopping_rounds = p.at("early_stopping_rounds").get<int>();
    model.rounds = j.at("rounds").get<int>();
    const auto& m = j.at("metrics");
    model.metrics.examples = m.at("examples").get<int64_t>();
    model.metrics.positives = m.at("positives").get<int64_t>();
    model.metrics.validation_examples = m.at("validation_examples").get<int64_t>();
    if (!m.at("validation_auc").is_null())
      model.metrics.validation_auc = m.at("validation_auc").get<double>();
    if (!m.at("validation_auc_logistic").is_null()) {
      model.metrics.validation_auc_logistic = m.at("validation_auc_logistic").get<double>();
    }
    if (j.contains("calibration")) {
      const auto& c = j.at("calibration");
      if (c.at("method").get<std::string>() != "platt")
        return InvalidArgument(source + ": unknown calibration method");
      model.calibration.a = c.at("a").get<double>();
      model.calibration.b = c.at("b").get<double>();
      model.calibration.examples = c.at("examples").get<size_t>();
      if (!std::isfinite(model.calibration.a) || !std::isfinite(model.calibration.b))
        return InvalidArgument(source + ": the calibration is not finite");
    }
    BW_ASSIGN_OR_RETURN(model.logistic,
                        Logistic::FromJson(j.at("logistic"), model.features.size()));
    if (j.contains("blend")) {
      model.tree_share = j.at("blend").at("trees").get<double>();
      if (!(model.tree_share >= 0 && model.tree_share <= 1))
        return InvalidArgument(source + ": blend.trees is not between 0 and 1");
    }
    BW_ASSIGN_OR_RETURN(model.booster, Booster::LoadJson(j.at("xgboost").dump()));
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgument(source + ": not a valid churn model file: " + e.what());
  }
  return model;
}

Status SaveModel(const ChurnModel& model, const std::string& path) {
  BW_ASSIGN_OR_RETURN(const std::string text, ModelToJson(model));
  // Written next to the target, then renamed: a crash never leaves half a model behind.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError(path + ": cannot be written");
    out << text;
    out.close();
    if (!out) return IoError(path + ": cannot be written");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return IoError(path + ": cannot be written: " + ec.message());
  return Status::Ok();
}

Result<ChurnModel> LoadModel(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return NotFound(path +
                    ": no such model file; train one with "
                    "`bellwether churn train --model " +
                    path + "`");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return ModelFromJson(text.str(), path);
}

Status CheckFeatures(const ChurnModel& model, const std::vector<FeatureInfo>& features,
                     const std::string& source) {
  std::vector<std::string> missing, extra;
  for (const FeatureInfo& f : features) {
    if (FindFeature(model.features, f.name) < 0) missing.push_back(f.name);
  }
  for (const FeatureInfo& f : model.features) {
    if (FindFeature(features, f.name) < 0) extra.push_back(f.name);
  }
  bool same_order = features.size() == model.features.size();
  for (size_t i = 0; same_order && i < features.size(); ++i) {
    same_order = features[i].name == model.features[i].name;
  }
  if (same_order) return Status::Ok();
  auto list = [](const std::vector<std::string>& names) {
    std::string s;
    for (size_t i = 0; i < names.size() && i < 5; ++i) s += (i ? ", " : "") + names[i];
    if (names.size() > 5) s += ", ... (" + std::to_string(names.size()) + " in all)";
    return s;
  };
  std::string message = source + ": the model's feature list does not match this data set's";
  if (!missing.empty()) message += "; not in the model: " + list(missing);
  if (!extra.empty()) message += "; not in the data set: " + list(extra);
  if (missing.empty() && extra.empty()) message += " (same features in another order)";
  message += ". Retrain the model on this data set with `bellwether churn train`";
  return FailedPrecondition(message);
}

}  // namespace bw::predict
