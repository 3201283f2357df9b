// Runs loops on the machine's cores. Analytics are pure functions over an immutable
// snapshot, so chunks of accounts can be computed at once as long as each iteration writes
// only its own slots of preallocated output, or its chunk's own partial result.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <utility>
#include <vector>

namespace bw::analytics::internal {

// Set while a thread computes one of several views side by side (ComputeBookViews): the
// cores are busy with the other views, so loops inside run on the calling thread alone.
inline thread_local bool serial_views = false;

// Marks the current thread as running views side by side while it lives.
class SerialScope {
 public:
  SerialScope() : previous_(serial_views) { serial_views = true; }
  ~SerialScope() { serial_views = previous_; }
  SerialScope(const SerialScope&) = delete;
  SerialScope& operator=(const SerialScope&) = delete;

 private:
  bool previous_;
};

// The threads a loop may use: the machine's cores, or 1 inside a SerialScope.
inline size_t ThreadCount() {
  if (serial_views) return 1;
  return std::max<size_t>(1, std::thread::hardware_concurrency());
}

// How many chunks a loop over n items is split into: one per core, but none smaller than
// kMinChunk items (a thread costs more than that much work).
inline size_t ChunkCount(size_t n) {
  constexpr size_t kMinChunk = 4096;
  return std::min(ThreadCount(), std::max<size_t>(1, n / kMinChunk));
}

// Calls task(i) for every i in [0, tasks), `threads` of them at once (the calling thread
// is one of them), each thread taking the next task not yet started. Returns when all are
// done.
template <typename Task>
void RunTasks(size_t tasks, size_t threads, const Task& task) {
  threads = std::max<size_t>(1, std::min(threads, tasks));
  if (threads == 1) {
    for (size_t i = 0; i < tasks; ++i) task(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < tasks; i = next++) task(i);
  };
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& w : workers) w.join();
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
