#include "core/money.h"

#include <cstdio>

namespace bw {

std::optional<Cents> ParseMoney(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  constexpr int64_t kMaxWhole = INT64_MAX / 100 - 1;
  int64_t whole = 0;
  size_t whole_digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    whole = whole * 10 + (text[i] - '0');
    if (whole > kMaxWhole) return std::nullopt;
    ++i;
    ++whole_digits;
  }
  int64_t fraction = 0;
  size_t fraction_digits = 0;
  bool round_up = false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (fraction_digits < 2) {
        fraction = fraction * 10 + (text[i] - '0');
      } else if (fraction_digits == 2) {
        round_up = text[i] >= '5';
      }
      ++i;
      ++fraction_digits;
    }
    if (fraction_digits == 0 && whole_digits == 0) return std::nullopt;
  }
  if (i != text.size() || (whole_digits == 0 && fraction_digits == 0)) return std::nullopt;
  if (fraction_digits == 1) fraction *= 10;
  Cents cents = whole * 100 + fraction + (round_up ? 1 : 0);
  return negative ? -cents : cents;
}

std::string FormatMoney(Cents cents) {
  char buf[32];
  const bool negative = cents < 0;
  const uint64_t magnitude = negative ? -static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "",
                static_cast<unsigned long long>(magnitude / 100),
                static_cast<unsigned long long>(magnitude % 100));
  return buf;
}

}  // namespace bw
