#include "core/toml_guard.h"

#include <cctype>
#include <cstdint>

namespace bw {
namespace {

bool IsAscii(char c) { return static_cast<unsigned char>(c) < 0x80; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// toml++ 3.3 asserts, and in a release build assumes, that a table header's first
// character starts a key ("[~server]"). Returns the 1-based line of the first bad header,
// or 0.
int64_t FirstBadTableHeader(std::string_view text) {
  int64_t line = 0;
  while (!text.empty()) {
    ++line;
    const size_t end = text.find('\n');
    std::string_view row = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    size_t at = row.find_first_not_of(" \t");
    if (at == std::string_view::npos || row[at] != '[') continue;
    ++at;
    if (at < row.size() && row[at] == '[') ++at;  // [[array of tables]]
    at = row.find_first_not_of(" \t", at);
    if (at == std::string_view::npos) return line;
    const unsigned char c = static_cast<unsigned char>(row[at]);
    const bool key_start = std::isalnum(c) || c == '_' || c == '-' || c == '"' || c == '\'';
    if (!key_start) return line;
  }
  return 0;
}

// Whether a quote after `previous` (the code character before it on its line, '\n' at a
// line start) starts a key or a value, as TOML allows: after whitespace, `=`, `[`, `{`,
// `,` or a dotted key's `.`. Anywhere else toml++ is inside a bare value (a number, a
// date, a boolean) and reads the string's bytes as that value's, where 3.3 reaches its
// unreachable point on some non-ASCII characters ("x =+\"high\u0190\"").
bool QuoteMayStartHere(char previous) {
  switch (previous) {
    case '\n':
    case ' ':
    case '\t':
    case '\r':
    case '=':
    case '[':
    case '{':
    case ',':
    case '.':
      return true;
    default:
      return false;
  }
}

// After a backslash at text[i] in a multi-line basic string, whether the next character
// that is not whitespace (or, after a line break, not a newline) is ASCII or the text ends.
// toml++ 3.3 trims that whitespace with a check that reaches its unreachable point on some
// non-ASCII characters (marzer/tomlplusplus #190).
bool LineEndingBackslashIsSafe(std::string_view text, size_t i) {
  size_t j = i + 1;
  while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
  // toml++ checks the character after the blanks for whitespace before it looks for the
  // line break (`\<TAB><U+FEBF>`, found by the fuzzers).
  if (j < text.size() && !IsAscii(text[j])) return false;
  if (j >= text.size() || text[j] != '\n') return true;  // not a line-ending backslash
  while (j < text.size() &&
         (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) {
    ++j;
  }
  return j >= text.size() || IsAscii(text[j]);
}

// The index of the last quote of a multi-line string's closing delimiter that starts at
// `i`: TOML lets up to two more quotes of the same kind precede it as content (`""""x"""""`).
size_t CloseMultiLine(std::string_view text, size_t i) {
  const char quote = text[i];
  size_t last = i + 2;
  for (int extra = 0; extra < 2 && last + 1 < text.size() && text[last + 1] == quote; ++extra) {
    ++last;
  }
  return last;
}

// Where the scan is between strings: reading a key (a line's start, a table header, an
// inline table) or a value (after `=`, in an array).
enum class Expect { kKey, kValue };

// toml++ reads a bare value (a number, a date, a boolean) up to one of these, whatever
// lies between: an `=`, a bracket or a quote in it is part of the value, not syntax.
bool EndsBareValue(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == ']' || c == '}' ||
         c == ',' || c == '#';
}

// The scan of the text as TOML's lexer sees it: strings, comments, keys and bare values,
// and the brackets that nest them. Returns the message of the first defect and sets
// `line`, or "".
// One state machine over the text: splitting it would spread its state over functions.
// NOLINTNEXTLINE(readability-function-size, readability-function-cognitive-complexity)
std::string FirstDefect(std::string_view text, int64_t& line) {
  line = 1;
  enum class In { kCode, kComment, kBasic, kLiteral, kMultiBasic, kMultiLiteral } in = In::kCode;
  char previous = '\n';  // the last code character on this line
  std::string open;      // [ of arrays, h of table headers, { of inline tables; innermost last
  Expect expect = Expect::kKey;
  bool bare_value = false;
  // What is read after a bracket closes or a comma: a value in an array, a key elsewhere.
  const auto expect_in_context = [&open] {
    return !open.empty() && open.back() == '[' ? Expect::kValue : Expect::kKey;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const std::string_view rest = text.substr(i);
    if (c == '\n') {
      ++line;
      if (in == In::kComment || in == In::kBasic || in == In::kLiteral) in = In::kCode;
      previous = '\n';
      bare_value = false;
      if (open.empty()) expect = Expect::kKey;
      continue;
    }
    switch (in) {
      case In::kCode:
        if (bare_value) {
          if (c == '"' || c == '\'') return "a quote inside a value (a number or a \"string\"?)";
          if (!IsAscii(c)) {
            return "a character that is not ASCII outside a \"string\" or # comment";
          }
          if (!EndsBareValue(c)) break;
          bare_value = false;
          // toml++ 3.3 reads on through a space when the value could be a date with a
          // time after it, and asserts when one digit ends that time (`d = 2024-01-01 1`,
          // found by workspace_config_fuzz). A time is never a single digit.
          if (c == ' ' && i + 1 < text.size() && IsDigit(text[i + 1]) &&
              (i + 2 == text.size() || EndsBareValue(text[i + 2]) || text[i + 2] == '\n')) {
            return "a value, a space and one digit (a date with a time? write it as "
                   "2024-01-01 07:30:00)";
          }
        }
        if (c == '#') {
          in = In::kComment;
        } else if (c == '"' || c == '\'') {
          if (!QuoteMayStartHere(previous)) {
            return "a quote inside a value (a number or a \"string\"?)";
          }
          const bool multi = rest.starts_with(c == '"' ? "\"\"\"" : "\'\'\'");
          in = c == '"' ? (multi ? In::kMultiBasic : In::kBasic)
                        : (multi ? In::kMultiLiteral : In::kLiteral);
          if (multi) i += 2;
        } else if (!IsAscii(c)) {
          return "a character that is not ASCII outside a \"string\" or # comment";
        } else if (c == '=' && expect == Expect::kKey) {
          expect = Expect::kValue;
        } else if (c == '[') {
          open.push_back(expect == Expect::kKey && (open.empty() || open.back() == 'h') ? 'h'
                                                                                        : '[');
        } else if (c == '{') {
          open.push_back('{');
          expect = Expect::kKey;
        } else if (c == ']' || c == '}') {
          const bool closes = !open.empty() && (c == '}' ? open.back() == '{' : open.back() != '{');
          if (!closes) return "a ] or } that closes no [ or { of its own";
          open.pop_back();
          expect = expect_in_context();
        } else if (c == ',') {
          expect = expect_in_context();
        } else if (expect == Expect::kValue && !EndsBareValue(c)) {
          bare_value = true;
        }
        previous = c;
        break;
      case In::kComment:
        break;
      case In::kBasic:
      case In::kMultiBasic:
        if (c == '\\') {
          // No TOML escape starts with a non-ASCII character, and in a multi-line string
          // toml++ 3.3 checks the escaped character for whitespace first (its
          // unreachable point again, found by workspace_config_fuzz).
          if (i + 1 < text.size() && !IsAscii(text[i + 1])) {
            return "a backslash before a character that is not ASCII (no TOML escape)";
          }
          if (in == In::kMultiBasic && !LineEndingBackslashIsSafe(text, i)) {
            return "a line-ending backslash before a character that is not ASCII (toml++ "
                   "cannot read it: join the lines or start the next one with an ASCII "
                   "character)";
          }
          ++i;  // the escaped character (a newline after a backslash still counts as one)
          if (i < text.size() && text[i] == '\n') ++line;
        } else if (in == In::kBasic && c == '"') {
          in = In::kCode;
          previous = c;
        } else if (in == In::kMultiBasic && rest.starts_with("\"\"\"")) {
          in = In::kCode;
          i = CloseMultiLine(text, i);
          previous = c;
        }
        break;
      case In::kLiteral:
        if (c == '\'') {
          in = In::kCode;
          previous = c;
        }
        break;
      case In::kMultiLiteral:
        if (rest.starts_with("'''")) {
          in = In::kCode;
          i = CloseMultiLine(text, i);
          previous = c;
        }
        break;
    }
  }
  return "";
}

}  // namespace

Status GuardTomlParser(std::string_view text, const std::string& source) {
  int64_t line = 0;
  const std::string defect = FirstDefect(text, line);
  if (!defect.empty()) return InvalidArgument(source + ":" + std::to_string(line) + ": " + defect);
  if (const int64_t bad = FirstBadTableHeader(text); bad > 0) {
    return InvalidArgument(source + ":" + std::to_string(bad) +
                           ": a table header must start with a key, e.g. [metrics]");
  }
  return Status::Ok();
}

}  // namespace bw
