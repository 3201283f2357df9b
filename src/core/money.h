// Money as integer cents (one currency per workspace).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bw {

using Cents = int64_t;

// The largest amount of one revenue row: 10^13 currency units (docs/limits.md). The
// importer refuses larger ones (`revenue.csv:LINE: amount: ... is above the limit`).
inline constexpr Cents kMaxAmountCents = 1'000'000'000'000'000;  // 10^15 cents
// The largest total of all revenue of a data set or store: 10^16 currency units. Every
// revenue figure (an account's TTM, a book total, a retention base) sums a subset of the
// stored months, which are >= 0, so it lies in [0, kMaxTotalRevenueCents]; a difference of
// two lies in [-kMax.., kMax..], a sum of two in [0, 2 * kMax..], all far inside int64
// (9.2 * 10^18). docs/limits.md gives the whole argument.
inline constexpr Cents kMaxTotalRevenueCents = 1'000'000'000'000'000'000;  // 10^18 cents

// Parses a plain decimal with '.' ("1234.50", "-3", "0.5", ".5"): an optional '-', digits,
// an optional '.' and digits. No exponent, no thousands separator, no '+'. More than two
// decimals are rounded half away from zero to the cent (docs/import-format.md). nullopt
// when the text is not such a number or does not fit.
std::optional<Cents> ParseMoney(std::string_view text);

// "1234.50" style, always two decimals; the inverse of ParseMoney for whole cents.
std::string FormatMoney(Cents cents);

inline double CentsToDouble(Cents cents) { return static_cast<double>(cents) / 100.0; }

}  // namespace bw
