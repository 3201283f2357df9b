// The importer's map from text ids (account_id, contact_id) to surrogate keys. Every child
// record of an import looks one up, so it is a flat open-addressing table: one probe into
// a contiguous slot array (hash, key, and the id's place in one text arena) instead of
// std::unordered_map's bucket -> node -> string chain of cache misses.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bw::store::internal {

class IdKeyMap {
 public:
  // The key of `id`, if inserted.
  std::optional<int64_t> Find(std::string_view id) const {
    if (slots_.empty()) return std::nullopt;
    const uint64_t hash = Hash(id);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.size == kEmpty) return std::nullopt;
      if (slot.hash == hash && IdOf(slot) == id) return slot.key;
    }
  }

  // Maps `id` to `key` unless `id` is already mapped (then the map is unchanged).
  void Insert(std::string_view id, int64_t key) {
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t hash = Hash(id);
    size_t i = hash & mask_;
    for (; slots_[i].size != kEmpty; i = (i + 1) & mask_) {
      if (slots_[i].hash == hash && IdOf(slots_[i]) == id) return;
    }
    slots_[i] = Slot{hash, key, arena_.size(), static_cast<uint32_t>(id.size())};
    arena_.append(id);
    ++count_;
  }

  size_t size() const { return count_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;  // ids are at most 64 bytes
  struct Slot {
    uint64_t hash;
    int64_t key;
    uint64_t offset;  // of the id in arena_
    uint32_t size = kEmpty;
  };

  static uint64_t Hash(std::string_view id) { return std::hash<std::string_view>{}(id); }
  std::string_view IdOf(const Slot& slot) const {
    return std::string_view(arena_).substr(slot.offset, slot.size);
  }

  // Doubles the table (at least 1024 slots) and re-places every slot; load stays <= 1/2.
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.size == kEmpty) continue;
      size_t i = slot.hash & mask_;
      while (slots_[i].size != kEmpty) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t count_ = 0;
  std::string arena_;
};

}  // namespace bw::store::internal
