// Mail messages as the outbox stores them: complete RFC 5322 text with a plain text and an
// HTML part (multipart/alternative, UTF-8, base64), a stable Message-ID, and the
// List-Unsubscribe headers of RFC 2369 and RFC 8058. Text that comes from data (names,
// subjects) never reaches a header as it is: control characters, CR and LF among them, are
// dropped and non-ASCII text is written as an RFC 2047 encoded word, so no value can add
// a header of its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace bw::survey {

struct MailAddress {
  std::string name;     // display name, may be empty
  std::string address;  // local@domain
};

// True for a plain address local@domain: one '@', both sides non-empty, at most 254 bytes,
// no space, control character, quote, comma or angle bracket.
bool IsValidEmailAddress(std::string_view address);

// Parses "Name <local@domain>" or "local@domain". Errors: kInvalidArgument naming the text.
Result<MailAddress> ParseMailAddress(std::string_view text);

// `text` made safe for a header: control characters (CR and LF among them) become spaces,
// runs of spaces one, and text with a non-ASCII byte becomes RFC 2047 encoded words
// (=?UTF-8?B?...?=).
std::string HeaderText(std::string_view text);

struct EmailContent {
  MailAddress from;
  MailAddress to;
  std::string subject;
  std::string text;                  // the plain text part (UTF-8)
  std::string html;                  // the HTML part (UTF-8)
  std::string message_id;            // "local@domain", without angle brackets
  std::string list_unsubscribe_url;  // "" for none
  int64_t date = 0;                  // Unix seconds, for the Date header
};

// The whole message, lines ending in CRLF.
std::string RenderEmail(const EmailContent& content);

// The domain of an address ("acme.example" of "cx@acme.example"); "localhost" when none.
std::string DomainOf(std::string_view address);

// The value of the Message-ID header of a rendered message, without angle brackets; ""
// when there is none.
std::string MessageIdOf(std::string_view message);

}  // namespace bw::survey
