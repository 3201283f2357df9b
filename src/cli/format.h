// Number formatting for tables shown to people (the JSON API carries raw numbers), in the
// output language of cli/language.h: "1,234,567.89" or "1.234.567,89".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/money.h"

namespace bw::cli {

// 1234567 -> "1,234,567".
std::string GroupThousands(int64_t value);
// Cents -> "1,234,567.89".
std::string MoneyText(Cents cents);
// 0.1234 -> "12.3 %"; "n/a" for nullopt.
std::string PercentText(std::optional<double> fraction);
// `text` when it has at most `width` bytes, else cut on a UTF-8 character boundary to
// fewer than `width` bytes and ended with "…" (umlauts survive).
std::string Truncated(const std::string& text, size_t width);
// Display width of UTF-8 text (code points; good enough for Latin scripts).
size_t DisplayWidth(const std::string& text);
// `text` padded with spaces on the right to `width` display columns.
std::string Pad(const std::string& text, size_t width);
// A number in its shortest exact form: "21", "0.35" / "0,35".
std::string ShortestText(double value);
// A number with `decimals` decimals: "5.7" / "5,7".
std::string DecimalText(double value, int decimals);
// NPS with sign and one decimal: "+12.5", "-3.0"; "n/a" for nullopt.
std::string NpsText(std::optional<double> nps);

}  // namespace bw::cli
