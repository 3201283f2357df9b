// FileKeySet: the keys seen so far in one file whose keys nothing else refers to
// (invitation, response and touchpoint ids), for the unique-key check.
//
// Exports are usually sorted by their key. While every key is greater (as bytes) than the
// one before, none can repeat, so the keys are only listed, as views into the file, in
// order: no hashing, no random memory access. The first key out of order moves the list
// into a KeyTable, which answers from then on. Either way the answers are the same.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/internal/key_table.h"

namespace bw::io::internal {

class FileKeySet {
 public:
  // Starts a file: keys that point into `stable_input` stay valid until the next Reset;
  // others are copied. `expected_keys` sizes the table if one is needed.
  void Reset(std::string_view stable_input, size_t expected_keys);

  // The line where `key` was first added, or -1 when it is new.
  int64_t FirstLine(std::string_view key);
  // Adds a key that FirstLine() just called new.
  void Add(std::string_view key, int64_t line);

  // True once a key came out of order (for tests).
  bool hashed() const { return hashed_; }

 private:
  void MoveListIntoTable();

  std::string_view input_;
  std::deque<std::string> copies_;  // keys that were not views into input_
  std::vector<std::pair<std::string_view, int64_t>> sorted_;
  bool hashed_ = false;
  size_t expected_keys_ = 0;
  KeyTable table_;
};

}  // namespace bw::io::internal
