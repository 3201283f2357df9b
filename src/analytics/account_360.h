// Account 360: everything about one account as of a date: its row (when active), the
// stakeholder map by role with each contact's latest score and trend, who left, revenue
// by month, responses with comments and drivers, the touchpoint timeline and signals.
#pragma once

#include <optional>
#include <vector>

#include "analytics/account_rows.h"
#include "core/status.h"

namespace bw::analytics {

enum class ScoreTrend : uint8_t { kNew, kUp, kDown, kSteady };
std::string_view ScoreTrendName(ScoreTrend trend);

struct StakeholderEntry {
  ContactIndex contact = 0;
  bool current = true;
  int32_t latest_response = snapshot::kNone;    // the contact score (in the window)
  int32_t previous_response = snapshot::kNone;  // the answer before it, any age
  std::optional<ScoreTrend> trend;              // nullopt without a contact score
};

struct MonthRevenue {
  MonthIndex month = 0;
  Cents cents = 0;
};

struct SignalSeries {
  int32_t signal = 0;                  // index into snapshot.signal_names
  std::vector<uint32_t> observations;  // indexes into the signal columns, oldest first, <= T
};

struct ResponseRef {
  uint32_t response = 0;
  ContactIndex contact = 0;
};

struct Account360 {
  AccountIndex account = 0;
  bool active = false;
  std::optional<AccountRow> row;               // when active
  std::optional<HealthScore> health;           // when active: the row's health with components
  std::vector<StakeholderEntry> stakeholders;  // current contacts by role, then those who left
  std::vector<MonthRevenue> revenue;           // the 24 months ending with T's month
  std::vector<ResponseRef> responses;          // of all contacts, <= T, newest first
  std::vector<uint32_t> touchpoints;           // <= T, newest first
  std::vector<SignalSeries> signals;
};

// Errors: kNotFound when the account id is unknown.
Result<Account360> ComputeAccount360(const Snapshot& snap, std::string_view account_id, Day as_of,
                                     const MetricParams& params, const HealthConfig& health);

}  // namespace bw::analytics
