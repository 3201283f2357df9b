#include "server/write_batcher.h"

#include <vector>

namespace bw::server {

WriteBatcher::WriteBatcher(LockedStore& store, std::function<void()> after_commit)
    : store_(store), after_commit_(std::move(after_commit)), committer_([this] { Run(); }) {}

WriteBatcher::~WriteBatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  committer_.join();
}

Status WriteBatcher::Write(store::Store::WriteBody body) {
  std::future<Status> done;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return Unavailable("the server is shutting down");
    queue_.push_back(Pending{std::move(body), {}});
    done = queue_.back().done.get_future();
  }
  wake_.notify_one();
  return done.get();
}

void WriteBatcher::Run() {
  for (;;) {
    std::vector<Pending> group;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping with nothing left
      while (!queue_.empty() && group.size() < kMaxGroup) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<store::Store::WriteBody> bodies;
    bodies.reserve(group.size());
    for (Pending& p : group) bodies.push_back(std::move(p.body));
    std::vector<Status> statuses;
    {
      std::lock_guard lock(store_.mutex);
      statuses = store_.store->WriteGroup(bodies);
    }
    bool changed = false;
    for (size_t i = 0; i < group.size(); ++i) {
      changed = changed || statuses[i].ok();
      group[i].done.set_value(statuses[i]);
    }
    if (changed && after_commit_) after_commit_();
  }
}

}  // namespace bw::server
