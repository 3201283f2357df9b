#include "cli/format.h"

#include <fmt/core.h>

#include <algorithm>

#include "cli/language.h"

namespace bw::cli {
namespace {

// fmt writes a decimal point; German writes a comma.
std::string Localised(std::string text) {
  if (InGerman()) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

}  // namespace

std::string GroupThousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(InGerman() ? '.' : ',');
    out.push_back(digits[i]);
  }
  return value < 0 ? "-" + out : out;
}

std::string MoneyText(Cents cents) {
  const Cents magnitude = cents < 0 ? -cents : cents;
  return fmt::format("{}{}{}{:02d}", cents < 0 ? "-" : "", GroupThousands(magnitude / 100),
                     InGerman() ? ',' : '.', magnitude % 100);
}

std::string PercentText(std::optional<double> fraction) {
  if (!fraction) return std::string(Tr("n/a", "k. A."));
  return Localised(fmt::format("{:.1f} %", *fraction * 100.0));
}

std::string NpsText(std::optional<double> nps) {
  if (!nps) return std::string(Tr("n/a", "k. A."));
  return Localised(fmt::format("{:+.1f}", *nps));
}

std::string ShortestText(double value) { return Localised(fmt::format("{}", value)); }

std::string DecimalText(double value, int decimals) {
  return Localised(fmt::format("{:.{}f}", value, decimals));
}

std::string Truncated(const std::string& text, size_t width) {
  if (text.size() <= width) return text;
  size_t cut = width - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

std::string Pad(const std::string& text, size_t width) {
  const size_t w = DisplayWidth(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

}  // namespace bw::cli
