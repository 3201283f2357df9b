// The closed loop's settings, as the workspace configuration gives them ([loop],
// [loop.escalation]; docs/surveys.md).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/date.h"

namespace bw::loop {

struct LoopSettings {
  int due_hours = 48;             // a case is due this long after it opened ...
  bool business_days = false;     // ... counting only hours of working days (Mon-Fri, UTC)
  std::vector<Day> holidays;      // days that are not working days
  bool include_passives = false;  // passives (7-8) open a case too, not only detractors (0-6)
  std::map<std::string, std::string> escalation;  // owner email -> lead email (lower case)
  bool allow_private_webhooks = false;            // loopback/private/link-local webhook targets
  bool operator==(const LoopSettings&) const = default;
};

}  // namespace bw::loop
