#include "io/internal/key_table.h"

#include <cstring>

namespace bw::io::internal {
namespace {

constexpr size_t kInitialSlots = 1024;
constexpr size_t kEntryHeader = 16;  // line and length before each key in the arena

uint64_t Mix(uint64_t x) {
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ULL;
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ULL;
  x ^= x >> 32;
  return x;
}

}  // namespace

KeyTable::KeyTable() : slots_(kInitialSlots), mask_(kInitialSlots - 1) {}

uint64_t KeyTable::Hash(std::string_view key) {
  // Keys are short ids: eight bytes at a time, multiply-mixed, is fast and spreads well.
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ key.size();
  const char* p = key.data();
  size_t n = key.size();
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ Mix(word)) * 0x9E3779B97F4A7C15ULL;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t word = 0;
    std::memcpy(&word, p, n);
    h = (h ^ Mix(word ^ (n << 59))) * 0x9E3779B97F4A7C15ULL;
  }
  return Mix(h);
}

bool KeyTable::Matches(const Slot& slot, std::string_view key, uint32_t tag) const {
  if (slot.tag != tag || slot.length != static_cast<uint32_t>(key.size())) return false;
  const char* entry = arena_.data() + slot.offset;
  uint64_t length;
  std::memcpy(&length, entry + 8, 8);
  return length == key.size() && std::memcmp(entry + kEntryHeader, key.data(), key.size()) == 0;
}

size_t KeyTable::Probe(std::string_view key, uint64_t hash) const {
  const uint32_t tag = static_cast<uint32_t>(hash >> 32) | 1;
  size_t index = static_cast<size_t>(hash) & mask_;
  while (true) {
    const Slot& slot = slots_[index];
    if (slot.tag == 0 || Matches(slot, key, tag)) return index;
    index = (index + 1) & mask_;
  }
}

int64_t KeyTable::Find(std::string_view key) const {
  const Slot& slot = slots_[Probe(key, Hash(key))];
  if (slot.tag == 0) return -1;
  int64_t line;
  std::memcpy(&line, arena_.data() + slot.offset, 8);
  return line;
}

bool KeyTable::Insert(std::string_view key, int64_t line) {
  const uint64_t hash = Hash(key);
  size_t index = Probe(key, hash);
  if (slots_[index].tag != 0) return false;
  // Keep the load at most 1/2 so probe sequences stay short.
  if ((size_ + 1) * 2 > slots_.size()) {
    Grow();
    index = Probe(key, hash);
  }
  const uint64_t length = key.size();
  const size_t offset = arena_.size();
  arena_.resize(offset + kEntryHeader + key.size());
  std::memcpy(arena_.data() + offset, &line, 8);
  std::memcpy(arena_.data() + offset + 8, &length, 8);
  std::memcpy(arena_.data() + offset + kEntryHeader, key.data(), key.size());
  slots_[index] = Slot{offset, static_cast<uint32_t>(hash >> 32) | 1,
                       static_cast<uint32_t>(key.size())};
  ++size_;
  return true;
}

void KeyTable::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{0, 0, 0});
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.tag == 0) continue;
    uint64_t length;
    std::memcpy(&length, arena_.data() + slot.offset + 8, 8);
    const std::string_view key(arena_.data() + slot.offset + kEntryHeader, length);
    size_t index = static_cast<size_t>(Hash(key)) & mask_;
    while (slots_[index].tag != 0) index = (index + 1) & mask_;
    slots_[index] = slot;
  }
}

void KeyTable::Clear() {
  slots_.assign(kInitialSlots, Slot{0, 0, 0});
  mask_ = kInitialSlots - 1;
  arena_.clear();
  arena_.shrink_to_fit();
  size_ = 0;
}

}  // namespace bw::io::internal
