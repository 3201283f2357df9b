// KeyTable: the set of keys (account ids, contact ids, ...) seen so far in a data set, each
// with the line where it was first seen, for the unique-key and reference checks of the
// import reader.
//
// An open-addressing hash table of 16-byte slots over one byte arena that holds the keys,
// so a million keys cost about 16-32 MB of slots plus their bytes, with one allocation
// per growth instead of one per key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bw::io::internal {

class KeyTable {
 public:
  KeyTable();

  // The line stored with `key`, or -1 when the key is not in the table.
  int64_t Find(std::string_view key) const;
  // Adds `key` with `line`; returns false (and changes nothing) when it is already there.
  bool Insert(std::string_view key, int64_t line);

  size_t size() const { return size_; }
  void Clear();

 private:
  struct Slot {
    uint64_t offset;  // of the entry in arena_: line (8 bytes), length (8 bytes), bytes
    uint32_t tag;     // high bits of the hash, never 0; 0 marks an empty slot
    uint32_t length;  // low 32 bits of the key length, to skip most mismatches cheaply
  };

  static uint64_t Hash(std::string_view key);
  // Index of the slot holding `key`, or of the empty slot where it would go.
  size_t Probe(std::string_view key, uint64_t hash) const;
  bool Matches(const Slot& slot, std::string_view key, uint32_t tag) const;
  void Grow();

  std::vector<Slot> slots_;
  std::string arena_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace bw::io::internal
