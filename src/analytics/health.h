// The health scorecard (shared/spec/metrics.md, "Health score and churn risk"): a weighted
// mean of normalised components with weights, directions and thresholds from a versioned
// configuration; green >= 70, yellow >= 40, red below. docs/health-score.md explains the
// default scorecard and how to change it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/account_facts.h"

namespace bw::analytics {

struct AccountBasics;

// Where a component's raw value comes from.
enum class HealthSource : uint8_t {
  kLoyalty,              // account score 0..10 (missing for a non-responder)
  kStakeholderCoverage,  // (min(1, current / required) + share of the 3 roles covered) / 2
  kRevenueTrend,         // TTM / TTM of the 12 months before (missing when that is 0)
  kEngagement,           // days since the last business review, meeting, call or training
  kSupportLoad,          // support tickets in the last 90 days
  kResponseRate,         // answered / sent invitations in the window (missing when none sent)
  kSignal,               // latest value of an imported signal in the window (missing if none)
};
std::optional<HealthSource> ParseHealthSource(std::string_view name);
std::string_view HealthSourceName(HealthSource source);

enum class Direction : uint8_t { kHigherIsBetter, kLowerIsBetter };

struct HealthComponentConfig {
  std::string name;  // shown in explanations; for kSignal the signal's name
  HealthSource source = HealthSource::kLoyalty;
  double weight = 1.0;
  Direction direction = Direction::kHigherIsBetter;
  // Normalisation: the raw value at `low` maps to 0 and at `high` to 1 (reversed for
  // kLowerIsBetter: `low` maps to 1 and `high` to 0), linear between, clamped outside.
  double low = 0.0;
  double high = 1.0;
  // Value used when the raw value is missing; nullopt drops the component for that
  // account (the other weights are renormalised).
  std::optional<double> missing_value;
};

struct HealthConfig {
  int version = 1;
  std::vector<HealthComponentConfig> components;
  double green_at = 70.0;
  double yellow_at = 40.0;
  int window_days = 365;  // for kSignal and kResponseRate
};

// The default scorecard (docs/health-score.md).
HealthConfig DefaultHealthConfig();

enum class HealthColour : uint8_t { kGreen, kYellow, kRed };
std::string_view HealthColourName(HealthColour colour);

struct HealthComponent {
  std::string_view name;      // points into the HealthConfig, which must outlive the score
  std::optional<double> raw;  // the measured value; nullopt when missing
  double normalised = 0;      // 0..1
  double weight = 0;          // effective weight share (sums to 1 over used components)
  double contribution = 0;    // points of the 0..100 score
  bool used = false;          // false when missing and dropped
};

// The score and colour alone: what a list of accounts shows.
struct HealthSummary {
  std::optional<double> score;  // 0..100; nullopt when no component could be measured
  HealthColour colour = HealthColour::kRed;
};

struct HealthScore {
  std::optional<double> score;  // 0..100; nullopt when no component could be measured
  HealthColour colour = HealthColour::kRed;
  std::vector<HealthComponent> components;
};

// Scores accounts with one scorecard. Resolves the scorecard's signal names once, so
// scoring every account of a book costs no lookups and, with ScoreInto, no allocation.
class HealthScorer {
 public:
  // `snap` and `config` must outlive the scorer.
  HealthScorer(const Snapshot& snap, const HealthConfig& config);

  size_t component_count() const { return config_.components.size(); }

  // Health of one account from its basics as of `as_of`, with its components.
  HealthScore Score(const AccountBasics& basics, Day as_of) const;
  // The same into `components` (component_count() of them); returns the score and sets
  // `colour`.
  std::optional<double> ScoreInto(const AccountBasics& basics, Day as_of,
                                  HealthComponent* components, HealthColour& colour) const;
  // The score alone, for loops over every account: no component records. When
  // `normalised` is given, each component's normalised value goes there (NaN when the
  // component is missing and dropped).
  std::optional<double> Evaluate(const AccountBasics& basics, Day as_of,
                                 double* normalised = nullptr) const;
  HealthColour ColourOf(double score) const;

 private:
  const Snapshot& snap_;
  const HealthConfig& config_;
  std::vector<int32_t> signal_ids_;  // by component: index into snap.signal_names or kNone
};

// Health of one account from its basics as of `as_of`.
HealthScore ComputeHealth(const Snapshot& snap, const AccountBasics& basics, Day as_of,
                          const HealthConfig& config);

}  // namespace bw::analytics
