#include "core/executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

namespace bw {
namespace {

TEST(ExecutorTest, InlineRunsEveryIndexInOrderOnTheCaller) {
  InlineExecutor inline_executor;
  std::vector<size_t> seen;
  const auto caller = std::this_thread::get_id();
  inline_executor.ParallelFor(5, 4, [&](size_t i) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    seen.push_back(i);
  });
  EXPECT_EQ(seen, (std::vector<size_t>{0, 1, 2, 3, 4}));
}

TEST(ExecutorTest, PoolRunsEveryIndexExactlyOnce) {
  ThreadPoolExecutor pool(3);
  EXPECT_EQ(pool.Concurrency(), 4u);
  std::vector<std::atomic<int>> calls(10000);
  pool.ParallelFor(calls.size(), 4, [&](size_t i) { calls[i]++; });
  for (size_t i = 0; i < calls.size(); ++i) ASSERT_EQ(calls[i].load(), 1) << i;
}

TEST(ExecutorTest, PoolUsesNoMoreThreadsThanAsked) {
  ThreadPoolExecutor pool(3);
  std::mutex mutex;
  std::set<std::thread::id> threads;
  pool.ParallelFor(2000, 2, [&](size_t) {
    std::lock_guard lock(mutex);
    threads.insert(std::this_thread::get_id());
  });
  EXPECT_LE(threads.size(), 2u);
}

TEST(ExecutorTest, NestedLoopsFinishEvenWhenEveryThreadWaits) {
  // Every outer task runs an inner loop on the same pool: the callers work on their own
  // loops, so nothing waits for a thread that is waiting itself.
  ThreadPoolExecutor pool(2);
  std::atomic<int> inner_calls{0};
  pool.ParallelFor(16, 3, [&](size_t) {
    pool.ParallelFor(100, 3, [&](size_t) { inner_calls++; });
  });
  EXPECT_EQ(inner_calls.load(), 1600);
}

TEST(ExecutorTest, ConcurrentCallersShareThePool) {
  ThreadPoolExecutor pool(2);
  std::atomic<int> calls{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 8; ++c) {
    callers.emplace_back([&] { pool.ParallelFor(500, 3, [&](size_t) { calls++; }); });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(calls.load(), 4000);
}

TEST(ExecutorTest, ProcessExecutorCanBeReplacedForATest) {
  InlineExecutor inline_executor;
  {
    ScopedProcessExecutor scope(inline_executor);
    EXPECT_EQ(&ProcessExecutor(), &inline_executor);
  }
  EXPECT_NE(&ProcessExecutor(), &inline_executor);
  EXPECT_GE(ProcessExecutor().Concurrency(), 1u);
}

}  // namespace
}  // namespace bw
