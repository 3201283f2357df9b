#include "core/executor.h"

#include <algorithm>
#include <atomic>
#include <memory>

namespace bw {
namespace {

// The state one loop shares with the pool's threads that help with it. Shared ownership:
// a helper job may start only after the loop has returned, and then finds nothing left.
struct Loop {
  size_t n = 0;
  const std::function<void(size_t)>* task = nullptr;  // valid while indexes remain
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::condition_variable all_done;
  size_t done = 0;  // guarded by mutex

  // Takes and runs indexes until none is left.
  void Work() {
    size_t finished = 0;
    for (size_t i = next++; i < n; i = next++) {
      (*task)(i);
      ++finished;
    }
    if (finished == 0) return;
    std::lock_guard lock(mutex);
    done += finished;
    if (done == n) all_done.notify_all();
  }
};

std::atomic<Executor*> process_override{nullptr};

}  // namespace

void InlineExecutor::ParallelFor(size_t n, size_t /*max_threads*/,
                                 const std::function<void(size_t)>& task) {
  for (size_t i = 0; i < n; ++i) task(i);
}

ThreadPoolExecutor::ThreadPoolExecutor(size_t threads) {
  workers_.reserve(threads);
  for (size_t t = 0; t < threads; ++t) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPoolExecutor::~ThreadPoolExecutor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void ThreadPoolExecutor::Post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void ThreadPoolExecutor::WorkerLoop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left to run
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

void ThreadPoolExecutor::ParallelFor(size_t n, size_t max_threads,
                                     const std::function<void(size_t)>& task) {
  const size_t threads = std::min({n, std::max<size_t>(1, max_threads), Concurrency()});
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) task(i);
    return;
  }
  auto loop = std::make_shared<Loop>();
  loop->n = n;
  loop->task = &task;
  for (size_t t = 1; t < threads; ++t) Post([loop] { loop->Work(); });
  loop->Work();
  // Every index is taken; wait for those that helpers are still running.
  std::unique_lock lock(loop->mutex);
  loop->all_done.wait(lock, [&] { return loop->done == n; });
}

Executor& ProcessExecutor() {
  if (Executor* chosen = process_override.load(std::memory_order_acquire)) return *chosen;
  static ThreadPoolExecutor pool(
      std::max<size_t>(1, std::thread::hardware_concurrency()) - 1);
  return pool;
}

void SetProcessExecutor(Executor* executor) {
  process_override.store(executor, std::memory_order_release);
}

}  // namespace bw
