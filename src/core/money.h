// Money as integer cents (one currency per workspace).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bw {

using Cents = int64_t;

// Parses a plain decimal with '.' ("1234.50", "-3", "0.5", ".5"): an optional '-', digits,
// an optional '.' and digits. No exponent, no thousands separator, no '+'. More than two
// decimals are rounded half away from zero to the cent (docs/import-format.md). nullopt
// when the text is not such a number or does not fit.
std::optional<Cents> ParseMoney(std::string_view text);

// "1234.50" style, always two decimals; the inverse of ParseMoney for whole cents.
std::string FormatMoney(Cents cents);

inline double CentsToDouble(Cents cents) { return static_cast<double>(cents) / 100.0; }

}  // namespace bw
