#include "survey/outbox_sender.h"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace bw::survey {
namespace {

double Jitter() {
  // randombytes_uniform is thread-safe and needs no seeding.
  return randombytes_uniform(1'000'001) / 1'000'000.0;
}

// A message and what became of it.
struct Outcome {
  store::OutboxMessage message;
  std::optional<SendResult> result;  // none: not sent, the address is suppressed
};

// The pass's SMTP connections, each driven by a thread of its own. The pass's thread hands
// a message to an idle connection (Start), and collects the finished ones (WaitFinished);
// a connection is idle again only once collected, and the pass records the outcomes it
// collected before it starts anything new, so each connection has at most one message
// whose outcome is not committed.
class Connections {
 public:
  Connections(std::span<MailTransport* const> transports, std::string_view from)
      : from_(from), slots_(transports.size()) {
    threads_.reserve(transports.size());
    for (size_t i = 0; i < transports.size(); ++i) {
      threads_.emplace_back([this, i, transport = transports[i]] { Run(i, *transport); });
    }
  }
  ~Connections() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  Connections(const Connections&) = delete;
  Connections& operator=(const Connections&) = delete;

  size_t busy() const { return busy_; }
  bool HasIdle() const { return busy_ < slots_.size(); }

  // Hands `message` to an idle connection (there must be one: HasIdle).
  void Start(store::OutboxMessage message) {
    {
      std::lock_guard lock(mutex_);
      for (Slot& slot : slots_) {
        if (slot.state != Slot::State::kIdle) continue;
        slot.message = std::move(message);
        slot.state = Slot::State::kSending;
        break;
      }
    }
    ++busy_;
    work_.notify_all();
  }

  // Waits until at least one connection has finished, and takes all that have.
  std::vector<Outcome> WaitFinished() {
    std::vector<Outcome> finished;
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] {
      return std::any_of(slots_.begin(), slots_.end(),
                         [](const Slot& s) { return s.state == Slot::State::kFinished; });
    });
    for (Slot& slot : slots_) {
      if (slot.state != Slot::State::kFinished) continue;
      finished.push_back({std::move(slot.message), std::move(slot.result)});
      slot.state = Slot::State::kIdle;
      --busy_;
    }
    return finished;
  }

 private:
  struct Slot {
    enum class State { kIdle, kSending, kFinished };
    State state = State::kIdle;
    store::OutboxMessage message;
    SendResult result;
  };

  void Run(size_t index, MailTransport& transport) {
    std::unique_lock lock(mutex_);
    while (true) {
      work_.wait(lock, [&] { return stopping_ || slots_[index].state == Slot::State::kSending; });
      if (slots_[index].state != Slot::State::kSending) return;  // stopping, nothing to send
      const store::OutboxMessage& message = slots_[index].message;
      lock.unlock();
      // The slot is this thread's while it is "sending": nobody else touches it.
      SendResult result = transport.Send(from_, message.recipient, message.payload);
      lock.lock();
      slots_[index].result = std::move(result);
      slots_[index].state = Slot::State::kFinished;
      done_.notify_one();
    }
  }

  std::string from_;
  std::mutex mutex_;
  std::condition_variable work_;  // a slot got a message, or stopping
  std::condition_variable done_;  // a slot finished
  std::vector<Slot> slots_;       // guarded by mutex_ (but a sending slot's message)
  size_t busy_ = 0;               // slots not idle; the pass's thread's alone
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// Records one outcome (inside the caller's transaction) and counts it.
Status RecordOne(store::OutreachStore& outreach, const Outcome& o, int64_t now,
                 const DeliveryOptions& options, DeliveryReport& counted) {
  const store::OutboxMessage& message = o.message;
  if (!o.result) {
    BW_RETURN_IF_ERROR(outreach.MarkFailed(message.message_id, "address suppressed"));
    ++counted.skipped;
    return Status::Ok();
  }
  const SendResult& result = *o.result;
  switch (result.kind) {
    case SendResult::Kind::kSent:
      BW_RETURN_IF_ERROR(outreach.MarkSent(message.message_id, now));
      ++counted.sent;
      break;
    case SendResult::Kind::kRetry:
      if (message.attempts >= options.max_attempts) {
        BW_RETURN_IF_ERROR(outreach.MarkFailed(message.message_id, result.detail));
        ++counted.failed;
      } else {
        BW_RETURN_IF_ERROR(outreach.MarkRetry(
            message.message_id, now + RetryDelaySeconds(options, message.attempts, Jitter()),
            result.detail));
        ++counted.retried;
      }
      break;
    case SendResult::Kind::kRejected:
      BW_RETURN_IF_ERROR(outreach.MarkFailed(message.message_id, result.detail));
      BW_RETURN_IF_ERROR(outreach.Suppress(message.recipient,
                                           "bounced: " + std::to_string(result.smtp_code), now));
      ++counted.failed;
      ++counted.suppressed;
      break;
  }
  return Status::Ok();
}

// Records the outcomes in one transaction and counts them.
Status Record(store::OutreachStore& outreach, const std::vector<Outcome>& outcomes, int64_t now,
              const DeliveryOptions& options, DeliveryReport& report) {
  DeliveryReport counted;
  BW_RETURN_IF_ERROR(outreach.Transact([&]() -> Status {
    counted = DeliveryReport{};  // a retried transaction counts again from zero
    for (const Outcome& o : outcomes) {
      BW_RETURN_IF_ERROR(RecordOne(outreach, o, now, options, counted));
    }
    return Status::Ok();
  }));
  report.sent += counted.sent;
  report.retried += counted.retried;
  report.failed += counted.failed;
  report.suppressed += counted.suppressed;
  report.skipped += counted.skipped;
  return Status::Ok();
}

}  // namespace

int64_t RetryDelaySeconds(const DeliveryOptions& options, int attempts, double jitter) {
  int64_t delay = options.first_retry_seconds;
  for (int i = 1; i < attempts && delay < options.max_retry_seconds; ++i) delay *= 2;
  delay = std::min(delay, options.max_retry_seconds);
  const double factor = 0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0);
  return std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(delay) * factor));
}

// One pass in order (claim, hand out, collect, record) reads best as one function; its
// steps are commented where they happen.
// NOLINTNEXTLINE(readability-function-size)
Result<DeliveryReport> DeliverMailOnce(store::Store& store,
                                       std::span<MailTransport* const> transports,
                                       const Clock& clock, const DeliveryOptions& options,
                                       const std::atomic<bool>* stop) {
  DeliveryReport report;
  store::OutreachStore& outreach = store.outreach();
  const int64_t pass_start = clock.UnixSeconds();
  auto stopping = [stop] { return stop != nullptr && stop->load(); };
  // The first claim before any thread starts: most passes find nothing to do.
  BW_ASSIGN_OR_RETURN(std::vector<store::OutboxMessage> claimed,
                      outreach.ClaimDue("email", pass_start, clock.UnixSeconds(),
                                        options.lease_seconds, options.batch));
  if (claimed.empty() || transports.empty()) return report;
  std::deque<store::OutboxMessage> queue(std::make_move_iterator(claimed.begin()),
                                         std::make_move_iterator(claimed.end()));
  bool drained = false;  // the last claim found nothing
  Connections connections(transports, options.envelope_from);
  std::vector<Outcome> outcomes;  // collected, not yet recorded
  while (true) {
    // Hand out messages while a connection is idle. (Whatever was claimed but not handed
    // out when stopping stays "sending" and comes back after its lease.)
    while (!stopping() && connections.HasIdle()) {
      // The next batch only once nothing is out: a mail in flight is "sending" with a
      // lease that may have run out (a slow server, a short lease), and a claim now would
      // take it again and send it twice.
      if (queue.empty() && !drained) {
        if (connections.busy() > 0) break;
        BW_ASSIGN_OR_RETURN(claimed, outreach.ClaimDue("email", pass_start, clock.UnixSeconds(),
                                                       options.lease_seconds, options.batch));
        drained = claimed.empty();
        for (store::OutboxMessage& m : claimed) queue.push_back(std::move(m));
      }
      if (queue.empty()) break;
      store::OutboxMessage message = std::move(queue.front());
      queue.pop_front();
      // Checked now, after the outcomes before were recorded: a 5xx a moment ago counts.
      BW_ASSIGN_OR_RETURN(const bool suppressed, outreach.IsSuppressed(message.recipient));
      if (suppressed) {
        outcomes.push_back({std::move(message), std::nullopt});
      } else {
        connections.Start(std::move(message));
      }
    }
    if (connections.busy() == 0) {
      BW_RETURN_IF_ERROR(Record(outreach, outcomes, clock.UnixSeconds(), options, report));
      outcomes.clear();
      if (stopping() || (queue.empty() && drained)) break;
      continue;
    }
    // Group commit: whatever finished meanwhile is recorded in one transaction, before
    // the connections that sent it get anything new.
    for (Outcome& o : connections.WaitFinished()) outcomes.push_back(std::move(o));
    BW_RETURN_IF_ERROR(Record(outreach, outcomes, clock.UnixSeconds(), options, report));
    outcomes.clear();
  }
  return report;
}

Result<DeliveryReport> DeliverMailOnce(store::Store& store, MailTransport& transport,
                                       const Clock& clock, const DeliveryOptions& options,
                                       const std::atomic<bool>* stop) {
  MailTransport* const one[] = {&transport};
  return DeliverMailOnce(store, std::span<MailTransport* const>(one), clock, options, stop);
}

Result<DeliveryReport> DeliverMailOnce(
    store::Store& store, const std::vector<std::unique_ptr<MailTransport>>& transports,
    const Clock& clock, const DeliveryOptions& options, const std::atomic<bool>* stop) {
  std::vector<MailTransport*> pointers;
  pointers.reserve(transports.size());
  for (const std::unique_ptr<MailTransport>& t : transports) pointers.push_back(t.get());
  return DeliverMailOnce(store, std::span<MailTransport* const>(pointers), clock, options, stop);
}

}  // namespace bw::survey
