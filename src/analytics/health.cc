#include "analytics/health.h"

#include <algorithm>
#include <cmath>

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

// Latest value of signal `name` observed in (as_of - window, as_of] for the account.
std::optional<double> LatestSignal(const Snapshot& snap, AccountIndex a, std::string_view name,
                                   Day as_of, int window_days) {
  const auto it = std::find(snap.signal_names.begin(), snap.signal_names.end(), name);
  if (it == snap.signal_names.end()) return std::nullopt;
  const int32_t id = static_cast<int32_t>(it - snap.signal_names.begin());
  const snapshot::IndexRange range = snap.SignalsOf(a);
  std::optional<double> latest;
  // Sorted by (signal, day): the last matching one in the window is the latest.
  for (uint32_t i = range.begin; i < range.end; ++i) {
    if (snap.signal_name[i] != id) continue;
    const Day day = snap.signal_day[i];
    if (day > as_of - window_days && day <= as_of) latest = snap.signal_value[i];
  }
  return latest;
}

std::optional<double> RawValue(const Snapshot& snap, const AccountBasics& b,
                               const HealthComponentConfig& c, Day as_of, int window_days) {
  switch (c.source) {
    case HealthSource::kLoyalty:
      return b.score;
    case HealthSource::kStakeholderCoverage: {
      const double required = std::max(1, b.check.required);
      int roles = 0;
      for (int n : b.contacts_by_role) roles += n > 0 ? 1 : 0;
      return (std::min(1.0, b.contacts_current / required) + roles / 3.0) / 2.0;
    }
    case HealthSource::kRevenueTrend:
      if (b.ttm_prior <= 0) return std::nullopt;
      return static_cast<double>(b.ttm) / static_cast<double>(b.ttm_prior);
    case HealthSource::kEngagement:
      if (!b.touchpoints.days_since_proactive) return std::nullopt;
      return *b.touchpoints.days_since_proactive;
    case HealthSource::kSupportLoad:
      return b.touchpoints.support_tickets_90d;
    case HealthSource::kResponseRate:
      if (b.invitations.sent == 0) return std::nullopt;
      return static_cast<double>(b.invitations.answered) / static_cast<double>(b.invitations.sent);
    case HealthSource::kSignal:
      return LatestSignal(snap, b.account, c.name, as_of, window_days);
  }
  return std::nullopt;
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
  add("stakeholder_coverage", HealthSource::kStakeholderCoverage, 0.05,
      Direction::kHigherIsBetter, 0.0, 1.0, std::nullopt);
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

HealthScore ComputeHealth(const Snapshot& snap, const AccountBasics& basics, Day as_of,
                          const HealthConfig& config) {
  HealthScore health;
  double total_weight = 0;
  for (const HealthComponentConfig& c : config.components) {
    HealthComponent component;
    component.name = c.name;
    component.raw = RawValue(snap, basics, c, as_of, config.window_days);
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
    health.components.push_back(std::move(component));
  }
  if (total_weight <= 0) return health;
  double score = 0;
  for (HealthComponent& component : health.components) {
    if (!component.used) continue;
    component.weight /= total_weight;
    component.contribution = 100.0 * component.weight * component.normalised;
    score += component.contribution;
  }
  health.score = score;
  health.colour = score >= config.green_at    ? HealthColour::kGreen
                  : score >= config.yellow_at ? HealthColour::kYellow
                                              : HealthColour::kRed;
  return health;
}

}  // namespace bw::analytics
