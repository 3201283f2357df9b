// An allocator for vectors of trivially constructible values that a pass fills anyway:
// resize() leaves new elements uninitialised instead of zeroing them first on one thread
// (the analytics' per-account facts: tens of megabytes on every refresh).
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace bw {

template <typename T>
class UninitializedAllocator : public std::allocator<T> {
 public:
  using value_type = T;
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };

  UninitializedAllocator() noexcept = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}

  // Default construction is default-initialisation, which leaves a trivial value as the
  // memory was: only for values written before they are read.
  template <typename U>
  void construct(U* p) noexcept {
    static_assert(std::is_trivially_default_constructible_v<U>);
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

template <typename T, typename U>
bool operator==(const UninitializedAllocator<T>&, const UninitializedAllocator<U>&) {
  return true;
}

}  // namespace bw
