// KeyTable: the set of keys (account ids, contact ids, ...) seen so far in a data set, each
// with the line where it was first seen, for the unique-key and reference checks of the
// import reader.
//
// An open-addressing hash table (linear probing, load at most 3/4) of 32-byte slots. A key
// of up to 16 bytes is stored in its slot, so that a lookup costs one cache miss; longer
// keys go to one byte arena. A million keys cost 32-64 MB, with one allocation per growth
// instead of one per key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/huge_page_allocator.h"

namespace bw::io::internal {

class KeyTable {
 public:
  KeyTable();

  // The line stored with `key`, or -1 when the key is not in the table.
  int64_t Find(std::string_view key) const { return Find(key, Hash(key)); }
  // Adds `key` with `line`; returns false (and changes nothing) when it is already there.
  bool Insert(std::string_view key, int64_t line) { return Insert(key, Hash(key), line); }

  // The same with the key's Hash() computed by the caller, who may first Prefetch() it:
  // a lookup in a large table is a cache miss, and prefetching the two or three keys of a
  // row together overlaps their misses.
  static uint64_t Hash(std::string_view key);
  void Prefetch(uint64_t hash) const {
    __builtin_prefetch(&slots_[static_cast<size_t>(hash) & mask_]);
  }
  int64_t Find(std::string_view key, uint64_t hash) const;
  bool Insert(std::string_view key, uint64_t hash, int64_t line);

  size_t size() const { return size_; }
  // Makes room for `keys` keys without growing.
  void Reserve(size_t keys);
  void Clear();

 private:
  static constexpr size_t kInlineBytes = 16;
  struct Slot {
    uint32_t tag = 0;     // high bits of the hash, never 0; 0 marks an empty slot
    uint32_t length = 0;  // the key's length (keys are shorter than 4 GiB)
    int64_t line = 0;
    // The key when length <= kInlineBytes, else its offset in arena_ (first 8 bytes).
    char key[kInlineBytes] = {};
  };
  static_assert(sizeof(Slot) == 32);

  std::string_view KeyOf(const Slot& slot) const;
  void Resize(size_t slot_count);

  // Index of the slot holding `key`, or of the empty slot where it would go.
  size_t Probe(std::string_view key, uint64_t hash) const;
  bool Matches(const Slot& slot, std::string_view key, uint32_t tag) const;

  std::vector<Slot, bw::HugePageAllocator<Slot>> slots_;
  std::string arena_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace bw::io::internal
