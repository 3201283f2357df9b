#include "analytics/health.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analytics/account_rows.h"

namespace bw::analytics {
namespace {

constexpr std::string_view kSourceNames[] = {"loyalty",    "stakeholder_coverage", "revenue_trend",
                                             "engagement", "support_load",         "response_rate",
                                             "signal"};

double Normalise(const HealthComponentConfig& c, double raw) {
  if (c.high == c.low) return raw >= c.high ? 1.0 : 0.0;
  double x = (raw - c.low) / (c.high - c.low);
  x = std::clamp(x, 0.0, 1.0);
  return c.direction == Direction::kHigherIsBetter ? x : 1.0 - x;
}

// Latest value of signal `signal` (an index into snap.signal_names) observed in
// (as_of - window, as_of] for the account.
std::optional<double> LatestSignal(const Snapshot& snap, AccountIndex a, int32_t signal, Day as_of,
                                   int window_days) {
  if (signal == snapshot::kNone) return std::nullopt;
  const snapshot::IndexRange range = snap.SignalsOf(a);
  std::optional<double> latest;
  // Sorted by (signal, day): the last matching one in the window is the latest.
  for (uint32_t i = range.begin; i < range.end; ++i) {
    if (snap.signal_name[i] != signal) continue;
    const Day day = snap.signal_day[i];
    if (day > as_of - window_days && day <= as_of) latest = snap.signal_value[i];
  }
  return latest;
}

// The raw value of a component, NaN when it is missing (a double rather than an
// optional: this runs for every component of every account on every refresh).
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
double RawValue(const Snapshot& snap, const AccountBasics& b, const HealthComponentConfig& c,
                int32_t signal, Day as_of, int window_days) {
  switch (c.source) {
    case HealthSource::kLoyalty:
      return b.score.value_or(kMissing);
    case HealthSource::kStakeholderCoverage: {
      const double required = std::max(1, b.check.required);
      int roles = 0;
      for (int n : b.contacts_by_role) roles += n > 0 ? 1 : 0;
      return (std::min(1.0, b.contacts_current / required) + roles / 3.0) / 2.0;
    }
    case HealthSource::kRevenueTrend:
      if (b.ttm_prior <= 0) return kMissing;
      return static_cast<double>(b.ttm) / static_cast<double>(b.ttm_prior);
    case HealthSource::kEngagement:
      return b.touchpoints.days_since_proactive ? *b.touchpoints.days_since_proactive : kMissing;
    case HealthSource::kSupportLoad:
      return b.touchpoints.support_tickets_90d;
    case HealthSource::kResponseRate:
      if (b.invitations.sent == 0) return kMissing;
      return static_cast<double>(b.invitations.answered) / static_cast<double>(b.invitations.sent);
    case HealthSource::kSignal:
      return LatestSignal(snap, b.account, signal, as_of, window_days).value_or(kMissing);
  }
  return kMissing;
}

}  // namespace

std::optional<HealthSource> ParseHealthSource(std::string_view name) {
  for (size_t i = 0; i < std::size(kSourceNames); ++i) {
    if (kSourceNames[i] == name) return static_cast<HealthSource>(i);
  }
  return std::nullopt;
}

std::string_view HealthSourceName(HealthSource source) {
  return kSourceNames[static_cast<size_t>(source)];
}

std::string_view HealthColourName(HealthColour colour) {
  switch (colour) {
    case HealthColour::kGreen:
      return "green";
    case HealthColour::kYellow:
      return "yellow";
    case HealthColour::kRed:
      return "red";
  }
  return "";
}

HealthConfig DefaultHealthConfig() {
  HealthConfig config;
  auto add = [&config](std::string name, HealthSource source, double weight, Direction direction,
                       double low, double high, std::optional<double> missing) {
    config.components.push_back({std::move(name), source, weight, direction, low, high, missing});
  };
  // Weights and thresholds tuned with `report health-check` on generated books of 100,000
  // accounts (docs/health-score.md): loyalty, revenue trend, support load and response
  // rate separate later churners; coverage and engagement keep a small say because account
  // teams act on them.
  add("loyalty", HealthSource::kLoyalty, 0.35, Direction::kHigherIsBetter, 5.0, 9.0, std::nullopt);
  add("stakeholder_coverage", HealthSource::kStakeholderCoverage, 0.05, Direction::kHigherIsBetter,
      0.0, 1.0, std::nullopt);
  add("revenue_trend", HealthSource::kRevenueTrend, 0.25, Direction::kHigherIsBetter, 0.8, 1.1,
      std::nullopt);
  // No proactive touchpoint at all is as bad as the worst recency.
  add("engagement", HealthSource::kEngagement, 0.05, Direction::kLowerIsBetter, 14.0, 120.0, 0.0);
  add("support_load", HealthSource::kSupportLoad, 0.15, Direction::kLowerIsBetter, 0.0, 4.0,
      std::nullopt);
  add("response_rate", HealthSource::kResponseRate, 0.15, Direction::kHigherIsBetter, 0.0, 0.6,
      std::nullopt);
  return config;
}

HealthScorer::HealthScorer(const Snapshot& snap, const HealthConfig& config)
    : snap_(snap), config_(config) {
  for (const HealthComponentConfig& c : config.components) {
    const auto it = std::find(snap.signal_names.begin(), snap.signal_names.end(), c.name);
    const bool found = c.source == HealthSource::kSignal && it != snap.signal_names.end();
    signal_ids_.push_back(found ? static_cast<int32_t>(it - snap.signal_names.begin())
                                : snapshot::kNone);
  }
}

std::optional<double> HealthScorer::ScoreInto(const AccountBasics& basics, Day as_of,
                                              HealthComponent* components,
                                              HealthColour& colour) const {
  double total_weight = 0;
  for (size_t i = 0; i < config_.components.size(); ++i) {
    const HealthComponentConfig& c = config_.components[i];
    HealthComponent& component = components[i];
    component = HealthComponent{};
    component.name = c.name;
    const double raw = RawValue(snap_, basics, c, signal_ids_[i], as_of, config_.window_days);
    if (!std::isnan(raw)) component.raw = raw;
    if (component.raw) {
      component.normalised = Normalise(c, *component.raw);
      component.used = true;
    } else if (c.missing_value) {
      component.normalised = *c.missing_value;
      component.used = true;
    }
    if (component.used) {
      component.weight = c.weight;
      total_weight += c.weight;
    }
  }
  colour = HealthColour::kRed;
  if (total_weight <= 0) return std::nullopt;
  double weighted = 0;
  for (size_t i = 0; i < config_.components.size(); ++i) {
    HealthComponent& component = components[i];
    if (!component.used) continue;
    weighted += component.weight * component.normalised;
    component.weight /= total_weight;
    component.contribution = 100.0 * component.weight * component.normalised;
  }
  // Computed as Evaluate computes it, so that both give the same score to the last bit.
  const double score = 100.0 * weighted / total_weight;
  colour = ColourOf(score);
  return score;
}

HealthColour HealthScorer::ColourOf(double score) const {
  return score >= config_.green_at    ? HealthColour::kGreen
         : score >= config_.yellow_at ? HealthColour::kYellow
                                      : HealthColour::kRed;
}

std::optional<double> HealthScorer::Evaluate(const AccountBasics& basics, Day as_of,
                                             double* normalised) const {
  double total_weight = 0, weighted = 0;
  for (size_t i = 0; i < config_.components.size(); ++i) {
    const HealthComponentConfig& c = config_.components[i];
    const double raw = RawValue(snap_, basics, c, signal_ids_[i], as_of, config_.window_days);
    double value = kMissing;
    if (!std::isnan(raw)) {
      value = Normalise(c, raw);
    } else if (c.missing_value) {
      value = *c.missing_value;
    }
    if (normalised != nullptr) normalised[i] = value;
    if (std::isnan(value)) continue;
    total_weight += c.weight;
    weighted += c.weight * value;
  }
  if (total_weight <= 0) return std::nullopt;
  return 100.0 * weighted / total_weight;
}

HealthScore HealthScorer::Score(const AccountBasics& basics, Day as_of) const {
  HealthScore health;
  health.components.resize(config_.components.size());
  health.score = ScoreInto(basics, as_of, health.components.data(), health.colour);
  return health;
}

HealthScore ComputeHealth(const Snapshot& snap, const AccountBasics& basics, Day as_of,
                          const HealthConfig& config) {
  return HealthScorer(snap, config).Score(basics, as_of);
}

}  // namespace bw::analytics
