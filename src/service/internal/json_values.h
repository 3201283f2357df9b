// Small conversions shared by the JSON encoders of the service module: how an undefined
// figure, an empty optional text, an absent date and money look in the spec's objects
// (shared/spec/metrics.md). Private to src/service.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/money.h"

namespace bw::service::internal {

// A figure that is undefined (nothing to divide by) is null.
inline nlohmann::ordered_json OptionalNumber(std::optional<double> value) {
  if (!value) return nullptr;
  return *value;
}

// metrics.md, The account row: an empty optional text is null.
inline nlohmann::ordered_json OptionalText(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

// An absent date (kNoDay) is null, else YYYY-MM-DD.
inline nlohmann::ordered_json OptionalDay(Day day) {
  if (day == kNoDay) return nullptr;
  return FormatDate(day);
}

// Money in cents as a number in currency units.
inline double Money(Cents cents) { return CentsToDouble(cents); }

}  // namespace bw::service::internal
