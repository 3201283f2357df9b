#include "survey/email.h"

#include <sodium.h>

#include <array>
#include <ctime>

namespace bw::survey {
namespace {

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  if (bytes.empty()) return {};
  const size_t size = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(size, '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(size - 1);  // the terminating NUL
  return out;
}

// Base64 in lines of 76 characters (RFC 2045).
std::string Base64Lines(std::string_view bytes) {
  const std::string encoded = Base64(bytes);
  std::string out;
  for (size_t i = 0; i < encoded.size(); i += 76) {
    out += encoded.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

// RFC 5322 date-time in UTC, independent of the locale.
std::string MailDate(int64_t unix_seconds) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buffer;
}

std::string Address(const MailAddress& a) {
  if (a.name.empty()) return "<" + a.address + ">";
  std::string name = HeaderText(a.name);
  // A plain ASCII name is quoted so that commas and the like stay part of it.
  if (IsAscii(a.name)) {
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    name = quoted + "\"";
  }
  return name + " <" + a.address + ">";
}

std::string NormalisedLines(std::string_view text) {
  // Bodies are base64-encoded, so their line ends only need to be consistent: CRLF.
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') out += '\r';
    out += text[i];
  }
  return out;
}

}  // namespace

bool IsValidEmailAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '"' || c == ',' || c == '<' || c == '>' || c == '(' ||
        c == ')' || c == ';' || c == '\\' || c == '[' || c == ']') {
      return false;
    }
  }
  return true;
}

Result<MailAddress> ParseMailAddress(std::string_view text) {
  MailAddress out;
  const size_t open = text.rfind('<');
  if (open != std::string_view::npos) {
    const size_t close = text.find('>', open);
    if (close == std::string_view::npos || close + 1 != text.size()) {
      return InvalidArgument("\"" + std::string(text) + "\" is not an email address");
    }
    out.address = std::string(text.substr(open + 1, close - open - 1));
    std::string_view name = text.substr(0, open);
    while (!name.empty() && (name.back() == ' ' || name.back() == '"')) name.remove_suffix(1);
    while (!name.empty() && (name.front() == ' ' || name.front() == '"')) name.remove_prefix(1);
    out.name = std::string(name);
  } else {
    out.address = std::string(text);
  }
  if (!IsValidEmailAddress(out.address)) {
    return InvalidArgument("\"" + std::string(text) + "\" is not an email address");
  }
  return out;
}

std::string HeaderText(std::string_view text) {
  std::string clean;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool control = u < 0x20 || u == 0x7f;
    const char put = control ? ' ' : c;
    if (put == ' ' && (clean.empty() || clean.back() == ' ')) continue;
    clean += put;
  }
  while (!clean.empty() && clean.back() == ' ') clean.pop_back();
  if (IsAscii(clean)) return clean;
  // Encoded words of at most 75 characters (RFC 2047): 45 bytes of text each, cut between
  // UTF-8 characters.
  std::string out;
  size_t i = 0;
  while (i < clean.size()) {
    size_t end = std::min(clean.size(), i + 45);
    while (end < clean.size() && end > i &&
           (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(clean).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string DomainOf(std::string_view address) {
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 >= address.size()) return "localhost";
  return std::string(address.substr(at + 1));
}

std::string RenderEmail(const EmailContent& c) {
  const std::string boundary = "=_bw_" + c.message_id.substr(0, c.message_id.find('@'));
  std::string m;
  m += "From: " + Address(c.from) + "\r\n";
  m += "To: " + Address(c.to) + "\r\n";
  m += "Subject: " + HeaderText(c.subject) + "\r\n";
  m += "Date: " + MailDate(c.date) + "\r\n";
  m += "Message-ID: <" + c.message_id + ">\r\n";
  if (!c.list_unsubscribe_url.empty()) {
    m += "List-Unsubscribe: <" + c.list_unsubscribe_url + ">\r\n";
    m += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  m += "Auto-Submitted: auto-generated\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  m += "\r\n";
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/plain; charset=utf-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n\r\n";
  m += Base64Lines(NormalisedLines(c.text));
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/html; charset=utf-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n\r\n";
  m += Base64Lines(NormalisedLines(c.html));
  m += "--" + boundary + "--\r\n";
  return m;
}

std::string MessageIdOf(std::string_view message) {
  const std::string_view key = "\r\nMessage-ID: <";
  const size_t at = message.find(key);
  if (at == std::string_view::npos) return {};
  const size_t start = at + key.size();
  const size_t end = message.find('>', start);
  if (end == std::string_view::npos) return {};
  return std::string(message.substr(start, end - start));
}

}  // namespace bw::survey
