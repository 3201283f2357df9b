// Runs a loop over [0, n) on the machine's cores. Analytics are pure functions over an
// immutable snapshot, so chunks of accounts can be computed at once as long as each
// iteration writes only its own slots of preallocated output.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace bw::analytics::internal {

// Calls body(begin, end) on disjoint chunks covering [0, n), concurrently when n is large
// enough to be worth a thread. Returns when all chunks are done.
template <typename Body>
void ParallelChunks(size_t n, const Body& body) {
  constexpr size_t kMinChunk = 4096;
  const size_t hardware = std::max<size_t>(1, std::thread::hardware_concurrency());
  const size_t chunks = std::min(hardware, std::max<size_t>(1, n / kMinChunk));
  if (chunks <= 1) {
    body(size_t{0}, n);
    return;
  }
  std::vector<std::thread> threads;
  threads.reserve(chunks - 1);
  const size_t step = (n + chunks - 1) / chunks;
  for (size_t c = 1; c < chunks; ++c) {
    const size_t begin = std::min(n, c * step), end = std::min(n, (c + 1) * step);
    threads.emplace_back([&body, begin, end] { body(begin, end); });
  }
  body(size_t{0}, std::min(n, step));
  for (std::thread& t : threads) t.join();
}

}  // namespace bw::analytics::internal
