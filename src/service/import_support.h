// What both front ends need around the import format's reader when they write to the
// store: references that resolve against what the store already holds (incremental
// imports, data-format.md), and every broken rule reported at once, not only the first.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/data_set_reader.h"
#include "store/store.h"

namespace bw::service {

// The reader's lookups of ids not among the files' own keys: true when the store holds
// the account or contact (and, with `owner` not empty, it is that owner's; compared in
// lower case). Answers are cached per id for the life of the returned object's functions.
io::KnownKeys KnownToStore(const store::Store& store, const std::string& owner = "");

// Collects the rows a reader rejects (ReadOptions.skip_invalid), so that one run reports
// every broken rule, up to `max_listed`, then how many more there were.
class RejectedRows {
 public:
  explicit RejectedRows(size_t max_listed = 50) : max_listed_(max_listed) {}
  // Sets options.skip_invalid and options.on_reject to collect into this object, which
  // must outlive the read.
  void Collect(io::ReadOptions& options);
  size_t count() const { return count_; }
  // The first `max_listed` problems, in the order found.
  const std::vector<std::string>& listed() const { return listed_; }
  // Ok when no row was rejected. Else kInvalidArgument: one problem alone as the reader
  // would report it (`FILE:LINE: column: what is wrong`, the column as the detail's
  // field); several as "N rows break the import format; nothing was stored:" and one line
  // each.
  Status AsStatus() const;

 private:
  size_t max_listed_;
  size_t count_ = 0;
  std::vector<std::string> listed_;
};

}  // namespace bw::service
