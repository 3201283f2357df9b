#include "io/internal/key_table.h"

#include <cstring>

namespace bw::io::internal {
namespace {

constexpr size_t kInitialSlots = 1024;

uint64_t Mix(uint64_t x) {
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ULL;
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ULL;
  x ^= x >> 32;
  return x;
}

}  // namespace

KeyTable::KeyTable() { Resize(kInitialSlots); }

uint64_t KeyTable::Hash(std::string_view key) {
  // Keys are short ids: one multiply per eight bytes, and one full mix at the end so that
  // the low bits (the slot index) and the high bits (the tag) both depend on every byte.
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ key.size();
  const char* p = key.data();
  size_t n = key.size();
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ word) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    // The last 1 to 7 bytes, read with whole loads (two overlapping 4-byte words, or three
    // single bytes) rather than a byte-wise copy into a stack word, whose 8-byte reload
    // would stall on store forwarding. Together they cover every byte, and the length is
    // already mixed in, so equal words mean equal tails.
    uint64_t word;
    if (n >= 4) {
      uint32_t first, last;
      std::memcpy(&first, p, 4);
      std::memcpy(&last, p + n - 4, 4);
      word = (static_cast<uint64_t>(first) << 32) | last;
    } else {
      word = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
             (static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) |
             static_cast<unsigned char>(p[n - 1]);
    }
    h = (h ^ word) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 29;
  }
  return Mix(h);
}

std::string_view KeyTable::KeyOf(const Slot& slot) const {
  if (slot.length <= kInlineBytes) return std::string_view(slot.key, slot.length);
  uint64_t offset;
  std::memcpy(&offset, slot.key, 8);
  return std::string_view(arena_.data() + offset, slot.length);
}

bool KeyTable::Matches(const Slot& slot, std::string_view key, uint32_t tag) const {
  if (slot.tag != tag || slot.length != key.size()) return false;
  return std::memcmp(KeyOf(slot).data(), key.data(), key.size()) == 0;
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

int64_t KeyTable::Find(std::string_view key, uint64_t hash) const {
  const Slot& slot = slots_[Probe(key, hash)];
  return slot.tag == 0 ? -1 : slot.line;
}

bool KeyTable::Insert(std::string_view key, uint64_t hash, int64_t line) {
  size_t index = Probe(key, hash);
  if (slots_[index].tag != 0) return false;
  if ((size_ + 1) * 4 > slots_.size() * 3) {
    Resize(slots_.size() * 2);
    index = Probe(key, hash);
  }
  Slot& slot = slots_[index];
  slot.tag = static_cast<uint32_t>(hash >> 32) | 1;
  slot.length = static_cast<uint32_t>(key.size());
  slot.line = line;
  if (key.size() <= kInlineBytes) {
    std::memcpy(slot.key, key.data(), key.size());
  } else {
    const uint64_t offset = arena_.size();
    arena_.append(key);
    std::memcpy(slot.key, &offset, 8);
  }
  ++size_;
  return true;
}

void KeyTable::Resize(size_t slot_count) {
  std::vector<Slot, bw::HugePageAllocator<Slot>> old = std::move(slots_);
  slots_.assign(slot_count, Slot{});
  mask_ = slot_count - 1;
  for (const Slot& slot : old) {
    if (slot.tag == 0) continue;
    size_t index = static_cast<size_t>(Hash(KeyOf(slot))) & mask_;
    while (slots_[index].tag != 0) index = (index + 1) & mask_;
    slots_[index] = slot;
  }
}

void KeyTable::Reserve(size_t keys) {
  size_t slot_count = slots_.size();
  while (keys * 4 > slot_count * 3) slot_count *= 2;
  if (slot_count != slots_.size()) Resize(slot_count);
}

void KeyTable::Clear() {
  slots_.clear();
  slots_.shrink_to_fit();
  arena_.clear();
  arena_.shrink_to_fit();
  size_ = 0;
  Resize(kInitialSlots);
}

}  // namespace bw::io::internal
