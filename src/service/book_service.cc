#include "service/book_service.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "core/ascii.h"
#include "core/executor.h"
#include "snapshot/snapshot_builder.h"

namespace bw::service {
namespace {

class OwnerFilter final : public DataSetSink {
 public:
  OwnerFilter(DataSetSink& downstream, std::string owner)
      : downstream_(downstream), owner_(AsciiLower(owner)) {}

  Status OnAccount(const AccountRecord& r) override {
    if (AsciiLower(r.owner) != owner_) return Status::Ok();
    accounts_.emplace(r.account_id);
    return downstream_.OnAccount(r);
  }
  Status OnContact(const ContactRecord& r) override {
    if (!accounts_.contains(std::string(r.account_id))) return Status::Ok();
    contacts_.emplace(r.contact_id);
    ContactRecord copy = r;
    copy.account_ordinal = kNoOrdinal;
    return downstream_.OnContact(copy);
  }
  Status OnRevenue(const RevenueRecord& r) override {
    if (!accounts_.contains(std::string(r.account_id))) return Status::Ok();
    RevenueRecord copy = r;
    copy.account_ordinal = kNoOrdinal;
    return downstream_.OnRevenue(copy);
  }
  Status OnInvitation(const InvitationRecord& r) override {
    if (!contacts_.contains(std::string(r.contact_id))) return Status::Ok();
    InvitationRecord copy = r;
    copy.contact_ordinal = kNoOrdinal;
    return downstream_.OnInvitation(copy);
  }
  Status OnResponse(const ResponseRecord& r) override {
    if (!contacts_.contains(std::string(r.contact_id))) return Status::Ok();
    ResponseRecord copy = r;
    copy.contact_ordinal = kNoOrdinal;
    return downstream_.OnResponse(copy);
  }
  Status OnTouchpoint(const TouchpointRecord& r) override {
    if (!accounts_.contains(std::string(r.account_id))) return Status::Ok();
    TouchpointRecord copy = r;
    copy.account_ordinal = kNoOrdinal;
    copy.contact_ordinal = kNoOrdinal;
    // A contact of another owner's account is not in this scope.
    if (!copy.contact_id.empty() && !contacts_.contains(std::string(copy.contact_id))) {
      copy.contact_id = {};
    }
    return downstream_.OnTouchpoint(copy);
  }
  Status OnSignal(const SignalRecord& r) override {
    if (!accounts_.contains(std::string(r.account_id))) return Status::Ok();
    SignalRecord copy = r;
    copy.account_ordinal = kNoOrdinal;
    return downstream_.OnSignal(copy);
  }

 private:
  DataSetSink& downstream_;
  const std::string owner_;
  std::unordered_set<std::string> accounts_, contacts_;
};

// Finds `key` in `lru` (most recently used first) and moves it to the front, or puts
// `fresh` there; entries beyond `capacity` go to `retired` (freed off the request path).
// Returns the future to wait for and whether the caller must fulfil it.
template <typename Key, typename Future>
std::pair<Future, bool> FindOrAdd(std::list<std::pair<Key, Future>>& lru, const Key& key,
                                  const Future& fresh, size_t capacity,
                                  std::vector<std::shared_ptr<const void>>& retired) {
  const auto it = std::find_if(lru.begin(), lru.end(),
                               [&key](const auto& entry) { return entry.first == key; });
  if (it != lru.end()) {
    lru.splice(lru.begin(), lru, it);
    return {it->second, false};
  }
  lru.emplace_front(key, fresh);
  while (lru.size() > capacity) {
    retired.push_back(std::make_shared<Future>(std::move(lru.back().second)));
    lru.pop_back();
  }
  return {fresh, true};
}

// Lowers the calling thread's scheduling priority (Linux: the nice value is per thread;
// threads it starts inherit it). Best effort: a failure leaves the priority as it was.
void LowerThisThreadsPriority() {
  constexpr int kBackgroundNice = 10;
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kBackgroundNice);
}

}  // namespace

std::vector<Day> QuarterEndsUpTo(Day as_of, int count) {
  const CivilDate date = CivilFromDay(as_of);
  // The end of as_of's quarter, or of the one before when that end is still ahead.
  MonthIndex month = MakeMonthIndex(date.year, ((date.month - 1) / 3) * 3 + 3);
  auto end_of = [](MonthIndex m) { return FirstDayOf(m + 1) - 1; };
  if (end_of(month) > as_of) month -= 3;
  std::vector<Day> out(static_cast<size_t>(std::max(0, count)));
  for (size_t i = out.size(); i > 0; --i, month -= 3) out[i - 1] = end_of(month);
  return out;
}

std::shared_ptr<const std::string> BookEntry::Text(const std::string& key,
                                                   const std::function<std::string()>& make) const {
  {
    std::lock_guard lock(texts_mutex_);
    if (const auto it = texts_.find(key); it != texts_.end()) return it->second;
  }
  // Made outside the lock; two requests may both make it the first time, which is harmless.
  auto text = std::make_shared<const std::string>(make());
  std::lock_guard lock(texts_mutex_);
  // Bounded: account pages are kept by their query, and queries are many.
  constexpr size_t kMaxTexts = 256;
  if (texts_.size() >= kMaxTexts) return text;
  return texts_.emplace(key, std::move(text)).first->second;
}

std::unique_ptr<DataSetSink> MakeOwnerFilter(DataSetSink& downstream, std::string owner) {
  return std::make_unique<OwnerFilter>(downstream, std::move(owner));
}

BookService::BookService(ScanFunction scan, config::WorkspaceConfig workspace,
                         size_t views_per_scope)
    : scan_(std::move(scan)),
      workspace_(std::move(workspace)),
      views_per_scope_(std::max<size_t>(1, views_per_scope)) {}

Status BookService::Refresh() {
  const auto start = std::chrono::steady_clock::now();
  snapshot::SnapshotBuilder builder;
  BW_RETURN_IF_ERROR(scan_(builder));
  std::shared_ptr<const snapshot::Snapshot> fresh = builder.Finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::lock_guard lock(mutex_);
  if (full_) retired_.push_back(full_);
  for (auto& [scope, state] : scopes_) {
    // Keep the old futures alive until released off the request path.
    retired_.push_back(std::make_shared<ScopeState>(std::move(state)));
  }
  scopes_.clear();
  for (auto& [day, future] : churn_)
    retired_.push_back(std::make_shared<ChurnFuture>(std::move(future)));
  churn_.clear();
  full_ = std::move(fresh);
  ++version_;
  last_build_seconds_ = seconds;
  return Status::Ok();
}

Result<std::shared_ptr<const snapshot::Snapshot>> BookService::BuildScoped(const Scope& scope) {
  snapshot::SnapshotBuilder builder;
  const std::unique_ptr<DataSetSink> filter = MakeOwnerFilter(builder, scope.owner);
  BW_RETURN_IF_ERROR(scan_(*filter));
  return builder.Finish();
}

Result<std::shared_ptr<const snapshot::Snapshot>> BookService::SnapshotFor(const Scope& scope) {
  std::shared_future<Result<std::shared_ptr<const snapshot::Snapshot>>> future;
  std::promise<Result<std::shared_ptr<const snapshot::Snapshot>>> promise;
  bool build = false;
  {
    std::lock_guard lock(mutex_);
    if (!full_) return Unavailable("the book is still loading; try again in a moment");
    if (scope.owner.empty()) return full_;
    ScopeState& state = scopes_[scope];
    if (!state.snapshot.valid()) {
      state.snapshot = promise.get_future().share();
      build = true;
    }
    future = state.snapshot;
  }
  if (build) promise.set_value(BuildScoped(scope));
  return future.get();
}

Result<std::shared_ptr<const BookEntry>> BookService::Views(const Scope& scope, Day as_of) {
  BW_ASSIGN_OR_RETURN(std::shared_ptr<const snapshot::Snapshot> snap, SnapshotFor(scope));
  std::promise<Result<std::shared_ptr<const BookEntry>>> promise;
  ViewsFuture future;
  bool compute = false;
  {
    std::lock_guard lock(mutex_);
    std::tie(future, compute) =
        FindOrAdd(scopes_[scope].views, as_of, ViewsFuture(promise.get_future().share()),
                  views_per_scope_, retired_);
  }
  if (compute) {
    analytics::BookViewsRequest request;
    request.as_of = as_of;
    Result<analytics::BookViews> views =
        analytics::ComputeBookViews(*snap, request, workspace_.metrics, workspace_.health);
    if (views.ok()) {
      auto entry = std::make_shared<BookEntry>();
      entry->snapshot = snap;
      entry->as_of = as_of;
      entry->views = std::move(*views);
      promise.set_value(std::shared_ptr<const BookEntry>(std::move(entry)));
    } else {
      promise.set_value(views.status());
    }
  }
  return future.get();
}

Result<std::shared_ptr<const TrendEntry>> BookService::Trend(const Scope& scope, Day as_of,
                                                             int quarters) {
  BW_ASSIGN_OR_RETURN(std::shared_ptr<const snapshot::Snapshot> snap, SnapshotFor(scope));
  std::promise<Result<std::shared_ptr<const TrendEntry>>> promise;
  TrendFuture future;
  bool compute = false;
  {
    std::lock_guard lock(mutex_);
    std::tie(future, compute) =
        FindOrAdd(scopes_[scope].trends, std::make_pair(as_of, quarters),
                  TrendFuture(promise.get_future().share()), views_per_scope_, retired_);
  }
  if (compute) {
    auto entry = std::make_shared<TrendEntry>();
    entry->snapshot = snap;
    entry->as_of = as_of;
    const std::vector<Day> dates = QuarterEndsUpTo(as_of, quarters);
    entry->summaries.resize(dates.size());
    // One summary per core at a time: each is one pass over the book, independent of the
    // others, so 8 dates take about 8 / cores passes of wall time.
    Executor& executor = ProcessExecutor();
    executor.ParallelFor(dates.size(), executor.Concurrency(), [&](size_t i) {
      entry->summaries[i] = analytics::ComputeSummary(*snap, dates[i], workspace_.metrics);
    });
    promise.set_value(std::shared_ptr<const TrendEntry>(std::move(entry)));
  }
  return future.get();
}

Status BookService::Warm(Day as_of) {
  BW_RETURN_IF_ERROR(Views(Scope{}, as_of).status());
  return Trend(Scope{}, as_of, kDefaultTrendQuarters).status();
}

Result<std::shared_ptr<const ChurnEntry>> BookService::Churn(Day as_of) {
  return StartChurn(as_of).get();
}

std::optional<Result<std::shared_ptr<const ChurnEntry>>> BookService::ChurnIfTrained(Day as_of) {
  const ChurnFuture future = StartChurn(as_of);
  if (future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
  return future.get();
}

BookService::ChurnFuture BookService::StartChurn(Day as_of) {
  constexpr size_t kChurnDates = 4;
  auto promise = std::make_shared<std::promise<Result<std::shared_ptr<const ChurnEntry>>>>();
  std::shared_ptr<const snapshot::Snapshot> snap;
  ChurnFuture future;
  bool compute = false;
  {
    std::lock_guard lock(mutex_);
    if (!full_) {
      promise->set_value(Unavailable("the book is still loading; try again in a moment"));
      return promise->get_future().share();
    }
    snap = full_;
    // Trainings are bounded: each takes every core and some hundred MB for seconds, and a
    // request with wait=false does not wait for the one it starts.
    constexpr int kMaxTrainings = 2;
    const bool cached = std::any_of(churn_.begin(), churn_.end(),
                                    [as_of](const auto& entry) { return entry.first == as_of; });
    if (!cached && trainings_running_ >= kMaxTrainings) {
      promise->set_value(Unavailable(
          "the churn models of other dates are being trained; try again in a few seconds"));
      return promise->get_future().share();
    }
    std::tie(future, compute) =
        FindOrAdd(churn_, as_of, ChurnFuture(promise->get_future().share()), kChurnDates, retired_);
    if (compute) ++trainings_running_;
  }
  if (compute) {
    // Training takes seconds of every core on a large book. It runs on a thread of its own
    // at a lower priority (its OpenMP workers, started by that thread, inherit it), so the
    // requests served meanwhile, dashboard pages among them, keep their share of the cores.
    std::lock_guard lock(trainers_mutex_);
    std::erase_if(trainers_, [](const std::future<void>& t) {
      return t.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    });
    trainers_.push_back(std::async(std::launch::async, [this, snap, as_of, promise] {
      LowerThisThreadsPriority();
      Result<std::shared_ptr<const ChurnEntry>> result = TrainChurn(snap, as_of);
      {
        std::lock_guard running(mutex_);
        --trainings_running_;
      }
      promise->set_value(std::move(result));
    }));
  }
  return future;
}

Result<std::shared_ptr<const ChurnEntry>> BookService::TrainChurn(
    const std::shared_ptr<const snapshot::Snapshot>& snap, Day as_of) const {
  auto entry = std::make_shared<ChurnEntry>();
  entry->snapshot = snap;
  entry->as_of = as_of;
  BW_ASSIGN_OR_RETURN(entry->model, predict::TrainChurnModel(*snap, as_of, workspace_.metrics,
                                                             predict::TrainingOptions{}));
  BW_ASSIGN_OR_RETURN(entry->scores, predict::ScoreAccounts(entry->model, *snap, as_of,
                                                            workspace_.metrics, "the model"));
  return std::shared_ptr<const ChurnEntry>(std::move(entry));
}

void BookService::ReleaseRetired() {
  std::vector<std::shared_ptr<const void>> releasing;
  {
    std::lock_guard lock(mutex_);
    // Those some request still holds stay for the next round.
    auto held = std::partition(retired_.begin(), retired_.end(),
                               [](const auto& p) { return p.use_count() > 1; });
    releasing.assign(std::make_move_iterator(held), std::make_move_iterator(retired_.end()));
    retired_.erase(held, retired_.end());
  }
  // `releasing` is freed here, outside the lock, on the caller's thread.
}

int64_t BookService::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

double BookService::last_build_seconds() const {
  std::lock_guard lock(mutex_);
  return last_build_seconds_;
}

bool BookService::loaded() const {
  std::lock_guard lock(mutex_);
  return full_ != nullptr;
}

}  // namespace bw::service
