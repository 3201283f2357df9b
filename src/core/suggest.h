// "Did you mean ...?": the closest of a few known names to a mistyped one, for messages
// that suggest the fix (`decision_makr` -> `decision_maker`, `lef_on` -> `left_on`).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bw {

// The Levenshtein distance (insertions, deletions, substitutions of bytes) between `a` and
// `b`, compared in ASCII lower case.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `typed` when it is close enough to be a typo: at most 2 edits,
// and fewer edits than half the candidate's length (so "ab" does not suggest "id");
// nullopt otherwise, or when `typed` equals a candidate. Ties go to the first candidate.
std::optional<std::string> ClosestName(std::string_view typed,
                                       const std::vector<std::string_view>& candidates);

// " (did you mean \"left_on\"?)" for ClosestName's answer, or "" when there is none.
std::string DidYouMean(std::string_view typed, const std::vector<std::string_view>& candidates);

}  // namespace bw
