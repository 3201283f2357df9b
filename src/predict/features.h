// Churn features (issue 15, docs/churn.md): what is known about each account as of a day t,
// computed only from events on or before t. Nothing after t counts, and nothing is derived
// from churned_on but whether the account is active at t (and, elsewhere, the label).
//
// Features are computed on a grid of days 30 days apart: the changes "over 90 and 180 days"
// read the same features 3 and 6 grid steps earlier, so building the training set computes
// the facts of each grid day once. Feature values are floats, NaN when not measurable (no
// answers, no revenue in the prior year, a signal never observed); XGBoost treats NaN as
// missing and the logistic baseline imputes the training mean.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analytics/params.h"
#include "core/date.h"
#include "snapshot/snapshot.h"

namespace bw::predict {

using snapshot::AccountIndex;
using snapshot::Snapshot;

// Days between two feature dates, and the look-backs of the change features.
inline constexpr int kGridDays = 30;
inline constexpr int kChangeShortDays = 90;  // 3 grid steps
inline constexpr int kChangeLongDays = 180;  // 6 grid steps

// How a feature is described in words and scaled for the logistic baseline.
enum class FeatureKind : uint8_t {
  kScore,   // 0..10
  kChange,  // a difference, may be negative
  kCount,   // a count >= 0 (log-scaled for the baseline)
  kDays,    // days >= 0 (log-scaled for the baseline)
  kMoney,   // currency units >= 0 (log-scaled for the baseline)
  kRatio,   // a share 0..1 or a relative change
  kFlag,    // 0 or 1
  kLevel,   // an ordinal (tier 0 = A .. 3 = D)
  kSignal,  // an imported signal's value, any scale
};

struct FeatureInfo {
  std::string name;
  FeatureKind kind = FeatureKind::kCount;
};

// At most this many imported signals become features (those with the most observations).
inline constexpr size_t kMaxSignalsAsFeatures = 32;

// The features of a data set: the fixed ones (docs/churn.md), then eight per imported
// signal, for the kMaxSignalsAsFeatures signals with the most observations (ties by name),
// most observed first: "signal.NAME.last", ".change" (last value minus the one observed
// before it), ".days_since", ".mean_180d", ".count_180d", ".mean_365d", ".per_month" and
// ".trend".
std::vector<FeatureInfo> FeatureList(const Snapshot& snap);
std::vector<std::string> FeatureNames(const std::vector<FeatureInfo>& features);

// Rows of features, one per (account, day), row-major.
struct FeatureRows {
  size_t feature_count = 0;
  std::vector<float> values;  // rows() x feature_count
  std::vector<AccountIndex> account;
  std::vector<Day> day;

  size_t rows() const { return account.size(); }
  const float* row(size_t i) const { return values.data() + i * feature_count; }
};

// The features of every account active at each of `days` (any days; each is computed
// only from what was known at it). Rows come day by day in the order of `days`, accounts
// in index order within a day. Facts of each distinct day (and of the days 90 and 180
// days before) are computed once, on the process's executor.
// `keep`, when set, limits the rows to the (account, day) pairs it accepts: building a
// sampled training set computes only the sampled rows (the tiers still rank every active
// account, so a row's values do not depend on the filter).
using RowFilter = std::function<bool(AccountIndex, Day)>;
FeatureRows ComputeFeatures(const Snapshot& snap, const std::vector<Day>& days,
                            const analytics::MetricParams& params, const RowFilter& keep = {});

// Index of a feature name in `features`, -1 when absent.
int FindFeature(const std::vector<FeatureInfo>& features, const std::string& name);

}  // namespace bw::predict
