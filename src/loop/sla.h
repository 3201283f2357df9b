// When a case is due (issue 12, "Closed loop"): `due_hours` after it opened, or, with
// business_days, `due_hours` hours of working days (Monday to Friday in UTC, the listed
// holidays excluded): an answer on Friday evening is due on Tuesday evening, not Sunday.
#pragma once

#include <cstdint>

#include "loop/settings.h"

namespace bw::loop {

// Unix seconds at which a case opened at `opened_at` (Unix seconds) is due.
int64_t DueAt(int64_t opened_at, const LoopSettings& settings);

}  // namespace bw::loop
