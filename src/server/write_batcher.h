// Group commit for the API's writes: requests hand their write to one committer thread,
// which runs every write waiting at that moment in one store transaction (each in its own
// savepoint, Store::WriteGroup) and syncs to disk once for all of them. A request's answer
// waits for its commit, so a 2xx still means "on disk"; under load many writes share one
// sync instead of each paying for its own.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "server/auth.h"
#include "store/store.h"

namespace bw::server {

class WriteBatcher {
 public:
  // `store` (with its lock) must outlive the batcher; `after_commit` runs after each group
  // that committed a change.
  WriteBatcher(LockedStore& store, std::function<void()> after_commit);
  ~WriteBatcher();
  WriteBatcher(const WriteBatcher&) = delete;
  WriteBatcher& operator=(const WriteBatcher&) = delete;

  // Runs `body` in the next group and returns its status once the group is committed.
  Status Write(store::Store::WriteBody body);

 private:
  static constexpr size_t kMaxGroup = 256;
  struct Pending {
    store::Store::WriteBody body;
    std::promise<Status> done;
  };
  void Run();

  LockedStore& store_;
  std::function<void()> after_commit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::thread committer_;
};

}  // namespace bw::server
