// Runs loops on the machine's cores. Analytics are pure functions over an immutable
// snapshot, so chunks of accounts can be computed at once as long as each iteration writes
// only its own slots of preallocated output, or its chunk's own partial result.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "core/executor.h"

namespace bw::analytics::internal {

// The threads a loop may use: those of the process's executor (core/executor.h).
inline size_t ThreadCount() { return ProcessExecutor().Concurrency(); }

// How many chunks a loop over n items is split into: one per core, but none smaller than
// kMinChunk items (a thread costs more than that much work).
inline size_t ChunkCount(size_t n) {
  constexpr size_t kMinChunk = 4096;
  return std::min(ThreadCount(), std::max<size_t>(1, n / kMinChunk));
}

// Calls task(i) for every i in [0, tasks), at most `threads` of them at once (the calling
// thread is one of them), on the process's executor. Returns when all are done.
template <typename Task>
void RunTasks(size_t tasks, size_t threads, const Task& task) {
  if (std::min(threads, tasks) <= 1) {
    for (size_t i = 0; i < tasks; ++i) task(i);
    return;
  }
  ProcessExecutor().ParallelFor(tasks, threads, [&task](size_t i) { task(i); });
}

// Calls task(i) for every i in [0, tasks), on all cores.
template <typename Task>
void ParallelTasks(size_t tasks, const Task& task) {
  RunTasks(tasks, ThreadCount(), task);
}

// Calls body(begin, end) on disjoint chunks covering [0, n), concurrently when n is large
// enough to be worth a thread. Returns when all chunks are done.
template <typename Body>
void ParallelChunks(size_t n, const Body& body) {
  const size_t chunks = ChunkCount(n);
  const size_t step = (n + chunks - 1) / chunks;
  RunTasks(chunks, chunks, [&](size_t c) {
    body(std::min(n, c * step), std::min(n, (c + 1) * step));
  });
}

// Like ParallelChunks, but each chunk accumulates into its own Partial (a copy of
// `initial`): body(begin, end, partial). Returns the partials in chunk order, for the
// caller to merge. The chunks are the same on any machine (kPartialChunk items each), so
// sums of floating-point numbers merged in chunk order come out the same everywhere.
inline constexpr size_t kPartialChunk = 16384;
template <typename Partial, typename Body>
std::vector<Partial> ParallelPartials(size_t n, const Partial& initial, const Body& body) {
  const size_t chunks = std::max<size_t>(1, (n + kPartialChunk - 1) / kPartialChunk);
  const size_t step = kPartialChunk;
  std::vector<Partial> partials(chunks);
  RunTasks(chunks, ThreadCount(), [&](size_t c) {
    // Each thread works on its own copy, allocated by that thread: partials side by side
    // in one array would share cache lines between the cores.
    Partial local = initial;
    body(std::min(n, c * step), std::min(n, (c + 1) * step), local);
    partials[c] = std::move(local);
  });
  return partials;
}

}  // namespace bw::analytics::internal
