#include "cli/format.h"

#include <fmt/core.h>

namespace bw::cli {

std::string GroupThousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return value < 0 ? "-" + out : out;
}

std::string MoneyText(Cents cents) {
  const Cents magnitude = cents < 0 ? -cents : cents;
  return fmt::format("{}{}.{:02d}", cents < 0 ? "-" : "", GroupThousands(magnitude / 100),
                     magnitude % 100);
}

std::string PercentText(std::optional<double> fraction) {
  if (!fraction) return "n/a";
  return fmt::format("{:.1f} %", *fraction * 100.0);
}

std::string NpsText(std::optional<double> nps) {
  if (!nps) return "n/a";
  return fmt::format("{:+.1f}", *nps);
}

}  // namespace bw::cli
