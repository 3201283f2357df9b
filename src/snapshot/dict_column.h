// A text column with few distinct values (industry, region, owner), dictionary-encoded:
// each row stores the code of its value, each value is stored once. Grouping by such a
// column is an array index instead of a string lookup per row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bw::snapshot {

class DictColumn {
 public:
  // Appends a row with `value`, interning it on first sight.
  void emplace_back(std::string_view value) {
    auto it = code_of_.find(value);
    if (it == code_of_.end()) {
      it = code_of_.emplace(std::string(value), static_cast<int32_t>(values_.size())).first;
      values_.emplace_back(value);
    }
    codes_.push_back(it->second);
  }
  void reserve(size_t rows) { codes_.reserve(rows); }

  size_t size() const { return codes_.size(); }
  const std::string& operator[](size_t row) const { return values_[codes_[row]]; }
  // The code of row's value: an index into values(), in order of first appearance.
  int32_t code(size_t row) const { return codes_[row]; }
  const std::vector<std::string>& values() const { return values_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<int32_t> codes_;
  std::vector<std::string> values_;
  std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> code_of_;
};

}  // namespace bw::snapshot
