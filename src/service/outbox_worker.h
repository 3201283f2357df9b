// The sender inside `bellwether serve` (issue 12): a thread that, every `interval`,
// escalates overdue cases, delivers the outbox's mails through the [smtp] server (when a
// host is configured) and its webhook events, and once an hour queues the reminders that
// are due (each wave's reminder_after_days, up to its max_reminders). It works on a store
// connection of its own, so an SMTP or HTTP conversation never holds up the API.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "config/workspace_config.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace bw::service {

struct OutboxWorkerOptions {
  std::chrono::milliseconds interval{1000};      // between delivery passes
  std::chrono::seconds reminder_interval{3600};  // between reminder passes
};

class OutboxWorker {
 public:
  using OpenStore = std::function<Result<std::unique_ptr<store::Store>>()>;
  using Log = std::function<void(const std::string&)>;

  // `clock` must outlive the worker. `log` gets one line per pass that did something and
  // per error.
  OutboxWorker(OpenStore open_store, config::WorkspaceConfig workspace, const Clock& clock, Log log,
               OutboxWorkerOptions options = {});
  ~OutboxWorker();  // Stop()
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Opens the store and the transports and starts the thread. Errors: the store's;
  // kFailedPrecondition when a configured [smtp] is not usable (no from, password_env
  // unset).
  Status Start();
  // Ends the pass under way after its current message and joins the thread. Idempotent.
  void Stop();

 private:
  void Run();

  OpenStore open_store_;
  config::WorkspaceConfig workspace_;
  const Clock& clock_;
  Log log_;
  OutboxWorkerOptions options_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace bw::service
