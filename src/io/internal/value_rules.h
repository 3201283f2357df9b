// The rules of single values of the import format (shared/spec/data-format.md) that the
// core parsers (dates, months, money, enums) do not cover, and the texts their errors use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bw::io::internal {

// A file with bytes that are not UTF-8 is likely in another encoding (docs/importing.md).
inline constexpr std::string_view kInvalidUtf8 =
    "invalid UTF-8 (if the file is in another encoding, say which: --encoding windows-1252)";

// Account ids longer than this are refused (docs/limits.md).
inline constexpr size_t kMaxAccountIdBytes = 64;

// `value` in double quotes, as messages show values.
std::string Quoted(std::string_view value);

// data-format.md, contacts.csv: "email must look like an address": one '@', a non-empty
// local part, a domain with a dot inside it, no white space.
bool LooksLikeEmail(std::string_view text);

// A signal name: [a-z0-9_]+.
bool IsSignalName(std::string_view text);

// Plain digits with a value from 0 to 10 ("7", "10", "07").
std::optional<int> ParseScore(std::string_view text);

// The text of a well-formed amount (ParseMoney's syntax) that ParseMoney refused: too large.
bool IsMoneyTooLarge(std::string_view text);

// "is above the limit of ... per row (docs/limits.md)".
std::string AboveMoneyLimit();

// A finite number (a signal's value) in the syntax of fast_float.
std::optional<double> ParseNumber(std::string_view text);

}  // namespace bw::io::internal
