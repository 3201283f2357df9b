#include "io/internal/reference_keys.h"

#include <cstring>

#include "io/internal/id_fold.h"

namespace bw::io::internal {

std::string SignalKey(const SignalRecord& r) {
  std::string key(sizeof(int32_t) + sizeof(Day), '\0');
  std::memcpy(key.data(), &r.account_ordinal, sizeof(int32_t));
  std::memcpy(key.data() + sizeof(int32_t), &r.observed_on, sizeof(Day));
  key.append(r.signal);
  // An account known only to the store has no ordinal: its id tells it apart.
  if (r.account_ordinal == kNoOrdinal) {
    key.push_back('\0');
    key.append(r.account_id);
  }
  return key;
}

int64_t LookAlikeAccounts::FirstLookAlike(std::string_view id, int64_t line,
                                          const ReferenceKeys& keys) {
  if (internal::MayFold(id)) {
    const std::string folded = FoldAccountId(id);
    if (folded != id) {
      const int64_t ordinal = keys.accounts.Find(folded);
      const int64_t first =
          ordinal >= 0 ? keys.account_lines[static_cast<size_t>(ordinal)] : folded_.Find(folded);
      folded_.Insert(folded, line);
      return first;
    }
  }
  return folded_.size() > 0 ? folded_.Find(id) : -1;
}

}  // namespace bw::io::internal
