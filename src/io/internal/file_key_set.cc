#include "io/internal/file_key_set.h"

#include <algorithm>
#include <functional>

namespace bw::io::internal {

void FileKeySet::Reset(std::string_view stable_input, size_t expected_keys) {
  input_ = stable_input;
  copies_.clear();
  sorted_.clear();
  sorted_.shrink_to_fit();
  hashed_ = false;
  expected_keys_ = expected_keys;
  table_.Clear();
}

int64_t FileKeySet::FirstLine(std::string_view key) {
  if (!hashed_) {
    if (sorted_.empty() || key > sorted_.back().first) return -1;
    MoveListIntoTable();
  }
  return table_.Find(key);
}

void FileKeySet::Add(std::string_view key, int64_t line) {
  if (hashed_) {
    table_.Insert(key, line);
    return;
  }
  // std::less gives a total order even for pointers into different objects.
  const std::less<const char*> before;
  const bool inside = !before(key.data(), input_.data()) &&
                      !before(input_.data() + input_.size(), key.data() + key.size());
  if (!inside) key = copies_.emplace_back(key);
  sorted_.emplace_back(key, line);
}

void FileKeySet::MoveListIntoTable() {
  table_.Reserve(std::max(expected_keys_, sorted_.size() + 1));
  for (const auto& [key, line] : sorted_) table_.Insert(key, line);
  sorted_.clear();
  sorted_.shrink_to_fit();
  hashed_ = true;
}

}  // namespace bw::io::internal
