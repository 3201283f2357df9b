// The Executor: where parallel loops run. One fixed pool of threads is created once per
// process (ProcessExecutor) and every parallel loop of every request shares it, so N
// concurrent requests never start N x cores threads. Tests can run everything on the
// calling thread (InlineExecutor).
//
// A loop's caller always works on its own loop too: it takes indexes like the pool's
// threads do and only then waits for the indexes others have taken. So a loop inside a
// task of another loop never waits for a thread that is busy waiting for it (no deadlock
// however deep loops nest), and a loop runs even when every pool thread is busy.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bw {

class Executor {
 public:
  virtual ~Executor() = default;

  // How many threads may work on one loop at once, the caller's included (>= 1).
  virtual size_t Concurrency() const = 0;

  // Calls task(i) for every i in [0, n), on at most `max_threads` threads at once (the
  // calling thread is one of them), each taking the next index not yet taken. Returns when
  // every call has returned. `task` must be safe to call from several threads at once.
  virtual void ParallelFor(size_t n, size_t max_threads,
                           const std::function<void(size_t)>& task) = 0;
};

// Runs every loop on the calling thread, in index order.
class InlineExecutor final : public Executor {
 public:
  size_t Concurrency() const override { return 1; }
  void ParallelFor(size_t n, size_t max_threads,
                   const std::function<void(size_t)>& task) override;
};

// A fixed pool of `threads` worker threads. Concurrency() is threads + 1 (the caller).
// Destroying the pool waits for the jobs it has started.
class ThreadPoolExecutor final : public Executor {
 public:
  explicit ThreadPoolExecutor(size_t threads);
  ~ThreadPoolExecutor() override;
  ThreadPoolExecutor(const ThreadPoolExecutor&) = delete;
  ThreadPoolExecutor& operator=(const ThreadPoolExecutor&) = delete;

  size_t Concurrency() const override { return workers_.size() + 1; }
  void ParallelFor(size_t n, size_t max_threads,
                   const std::function<void(size_t)>& task) override;

 private:
  void Post(std::function<void()> job);
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// The process's executor: a ThreadPoolExecutor with one thread fewer than the machine has
// cores (the caller of a loop is the last one), created on first use and kept for the
// process's life. SetProcessExecutor replaces it (e.g. with an InlineExecutor in a test)
// until it is called again with nullptr; the caller keeps ownership and must call it
// before any loop runs concurrently with the change.
Executor& ProcessExecutor();
void SetProcessExecutor(Executor* executor);

// Makes `executor` the process's executor for the lifetime of this object.
class ScopedProcessExecutor {
 public:
  explicit ScopedProcessExecutor(Executor& executor) { SetProcessExecutor(&executor); }
  ~ScopedProcessExecutor() { SetProcessExecutor(nullptr); }
  ScopedProcessExecutor(const ScopedProcessExecutor&) = delete;
  ScopedProcessExecutor& operator=(const ScopedProcessExecutor&) = delete;
};

}  // namespace bw
