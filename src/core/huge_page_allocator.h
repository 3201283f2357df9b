// An allocator for large arrays that are read or probed at random (the key tables of the
// import reader, the staging columns of the snapshot builder): blocks of 2 MiB or more are aligned to 2 MiB and offered to the kernel for
// transparent huge pages, so that random probes of a table of tens of megabytes do not
// miss the TLB on nearly every lookup. Smaller blocks come from operator new as usual.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

namespace bw {

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding is implicit

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* block = std::aligned_alloc(kHugePage, rounded);
    if (block == nullptr) throw std::bad_alloc();
    // Only a hint: where transparent huge pages are off the block simply stays in 4 KiB
    // pages.
    (void)madvise(block, rounded, MADV_HUGEPAGE);
    return static_cast<T*>(block);
  }

  void deallocate(T* block, size_t n) {
    if (n * sizeof(T) < kHugePage) {
      ::operator delete(block);
    } else {
      std::free(block);
    }
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }

 private:
  static constexpr size_t kHugePage = 2u << 20;
};

// A vector whose large buffers live in huge pages.
template <typename T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace bw
