// FoldAccountId: the form of an account id in which ids that a person would take for the
// same are equal, for the import's look-alike warning (docs/import-format.md): a byte
// order mark and spaces or tabs around the id are dropped, and a Latin letter followed
// by one combining mark (U+0300..U+036F) is composed into its precomposed letter, as
// Unicode normalization form C does ("e" U+0301 -> "é"). It is not full NFC: only the
// compositions of ASCII letters into Latin-1 Supplement, Latin Extended-A and -B, which
// is what CRM exports mix in practice.
#pragma once

#include <string>
#include <string_view>

namespace bw::io::internal {

// The folded id; equal to `id` for the usual id (ASCII without surrounding spaces, or
// already composed text).
std::string FoldAccountId(std::string_view id);

// True when FoldAccountId(id) may differ from id (cheap pre-check).
bool MayFold(std::string_view id);

}  // namespace bw::io::internal
