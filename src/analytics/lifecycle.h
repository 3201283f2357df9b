// The loyalty x revenue matrix and the Pareto lifecycle with climbers and fallers
// (shared/spec/metrics.md, "Key accounts and lifecycle", "Account views"; report objects
// `matrix` and `lifecycle`).
#pragma once

#include <array>

#include "analytics/account_rows.h"

namespace bw::analytics {

struct AccountsAndRevenue {
  int64_t accounts = 0;
  Cents ttm = 0;
};

struct MatrixReport {
  std::array<AccountsAndRevenue, kQuadrantCount> quadrants;  // by Quadrant
};
MatrixReport ComputeMatrix(const std::vector<AccountBasics>& rows);
MatrixReport ComputeMatrix(const std::vector<AccountRow>& rows);

struct ContactMovement {
  int64_t contacts = 0;
  Cents ttm = 0;  // TTM of their accounts, each account counted once
};

struct LifecycleReport {
  // By Category (detractor, passive, promoter, non_responder).
  std::array<AccountsAndRevenue, 4> pareto;
  std::array<AccountsAndRevenue, 4> rest;
  ContactMovement climbers, fallers, steady;
};
LifecycleReport ComputeLifecycle(const Snapshot& snap, const AccountFacts& facts,
                                 const MetricParams& params);

}  // namespace bw::analytics
