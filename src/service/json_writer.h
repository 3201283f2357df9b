// A streaming JSON writer for the large objects the service module answers (the account
// rows of `bellwether accounts --format json` and `GET /api/v1/accounts`): it appends to a
// std::string instead of building a DOM, and its text is byte for byte what nlohmann-json
// 3.11's `dump(indent)` prints for the same values: the same layout (`indent` spaces per
// level, `"key": value`, empty containers as `{}` and `[]`, or the compact form for indent
// -1), the same string escaping and the same numbers. nlohmann-json stays the library for
// parsing and for small objects; this writer exists only because a DOM of 100,000 rows
// costs more than computing them (docs/performance.md, "JSON output").
//
// Not thread-safe; one writer per output. The caller keeps the output string alive while
// writing and calls the methods in a well-formed order (Key only directly inside an
// object, each Key followed by one value); a misuse is a bug in the caller, not an error.
#pragma once

#include <charconv>
#include <concepts>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace bw::service {

class JsonWriter {
 public:
  struct Options {
    // Spaces per nesting level, as dump(indent); -1 is the compact form of dump().
    int indent = 2;
    // What a string that is not valid UTF-8 becomes, as dump's error_handler: strict throws
    // nlohmann::json::type_error 316 (dump's default; the CLI's), replace writes U+FFFD
    // (the server's), ignore drops the bad bytes. Such strings are handed to nlohmann-json
    // itself, so the result is its own.
    nlohmann::json::error_handler_t invalid_utf8 = nlohmann::json::error_handler_t::strict;
  };

  // Appends to *out, which must outlive the writer.
  explicit JsonWriter(std::string* out) : JsonWriter(out, Options()) {}
  JsonWriter(std::string* out, Options options);

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();

  // The next member's name; the value follows with one of the calls below.
  void Key(std::string_view key);

  void String(std::string_view value);
  template <typename T>
  requires(std::integral<T> && !std::same_as<T, bool>) void Int(T value) {
    BeforeValue();
    char buffer[24];
    const std::to_chars_result end = std::to_chars(buffer, buffer + sizeof buffer, value);
    out_->append(buffer, static_cast<size_t>(end.ptr - buffer));
  }
  // Shortest round-trip form as nlohmann-json prints it (`0.1`, `25.0`, `1e+21`); NaN and
  // infinities are `null`, as in nlohmann-json.
  void Double(double value);
  void Bool(bool value);
  void Null();

  // The number of containers begun and not yet ended.
  size_t depth() const { return open_.size(); }

 private:
  // Separator, line break and indentation before a value or key (none after a key).
  void BeforeValue();
  void End(char close);
  void Quoted(std::string_view text);

  std::string* out_;
  Options options_;
  bool after_key_ = false;
  std::vector<uint32_t> open_;  // per open container: members or elements written so far
};

}  // namespace bw::service
