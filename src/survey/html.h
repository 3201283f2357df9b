// Escaping for the HTML the survey module writes (mails and answer pages): every text that
// comes from data or from a person is written through HtmlEscape.
#pragma once

#include <string>
#include <string_view>

namespace bw::survey {

// `text` with & < > " ' written as character references.
inline std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace bw::survey
