// Refuses, before toml++ sees it, TOML text that would drive Debian 12's toml++ 3.3 into
// an assertion or an "unreachable" point (undefined behaviour in a release build). Each
// case was found by fuzzing (workspace_config_fuzz) or is a known upstream defect
// (marzer/tomlplusplus #190, #295), and none of them is valid TOML that a configuration or
// an import profile needs, except the rare line-ending backslash before a non-ASCII
// character, which gets a message saying how to write it instead.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace bw {

// Ok, or kInvalidArgument "SOURCE:LINE: what is wrong" for the first case found:
// - a character that is not ASCII outside a string or a comment (keys and bare values are
//   ASCII in TOML);
// - a table header that does not start with a key (`[~server]`);
// - a quote that does not start a key or a value: one that follows a bare value's
//   character (`x = +"a"`, `x = 9a'b'`) rather than a line start, whitespace, `=`, `[`,
//   `{`, `,` or the `.` of a dotted key;
// - a `]` or `}` that closes no `[` or `{` of its own;
// - in a multi-line basic string, a line-ending backslash whose next non-blank character
//   is not ASCII.
Status GuardTomlParser(std::string_view text, const std::string& source);

}  // namespace bw
