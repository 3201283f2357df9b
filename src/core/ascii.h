// ASCII case folding for identifiers, emails and enumeration names (never for display
// text: umlauts and other non-ASCII bytes are left as they are).
#pragma once

#include <string>
#include <string_view>

namespace bw {

// `text` with A-Z turned into a-z.
inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace bw
