// The key tables of one read of a data set: the account and contact ids later files refer
// to, the key of a signal row, and the account ids that only look alike.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/records.h"
#include "io/internal/key_table.h"

namespace bw::io::internal {

// The keys later files refer to: written while accounts.csv and contacts.csv are read,
// read-only (and so shared by concurrent readers) afterwards.
struct ReferenceKeys {
  KeyTable accounts;                   // account_id -> ordinal
  KeyTable contacts;                   // contact_id -> ordinal
  std::vector<int64_t> account_lines;  // ordinal -> line in accounts.csv
  std::vector<int64_t> contact_lines;  // ordinal -> line in contacts.csv
};

// The key of a signal row (account ordinal, day, name) as bytes for a KeyTable.
std::string SignalKey(const SignalRecord& r);

// Account ids that differ only by a byte order mark, surrounding spaces or Unicode
// normalization (internal/id_fold.h): imported as two accounts, so worth a warning.
class LookAlikeAccounts {
 public:
  // Called for each account id accepted (on `line`) before it enters `keys`: the line of
  // an earlier id that looks like `id`, or -1.
  int64_t FirstLookAlike(std::string_view id, int64_t line, const ReferenceKeys& keys);

 private:
  KeyTable folded_;  // folds of account ids that differ from the id -> line
};

}  // namespace bw::io::internal
