// The book of business as the server reads it: the current snapshot of the store, the
// snapshot of each account manager's scope, and the book views computed once per
// (snapshot version, as-of date, scope) and shared by every request that asks for them.
//
// Snapshots are immutable and shared (shared_ptr<const Snapshot>). Refresh() builds a new
// one off the request path and swaps it in; requests never wait for a write. Snapshots and
// views that are replaced are released by the thread that calls ReleaseRetired() (the
// server's refresher), so a request never pays for freeing a large snapshot.
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analytics/book_views.h"
#include "config/workspace_config.h"
#include "core/records.h"
#include "core/status.h"
#include "predict/scoring.h"
#include "snapshot/snapshot.h"

namespace bw::service {

// Whose accounts a request sees: everything (owner empty) or the accounts whose owner is
// `owner` (api.md, role account_manager), with what hangs on them.
struct Scope {
  std::string owner;  // lower-case email; empty: the whole book
  bool operator==(const Scope&) const = default;
  auto operator<=>(const Scope&) const = default;
};

// Streams the store's records into a sink (store::Store::Scan under the caller's lock).
using ScanFunction = std::function<Status(DataSetSink&)>;

struct BookEntry {
  std::shared_ptr<const snapshot::Snapshot> snapshot;
  Day as_of = 0;
  analytics::BookViews views;

  // A rendering of these views (e.g. the summary's JSON text) under `key`, made by `make`
  // on first use and kept with the entry: a dashboard asks for the same figures again and
  // again. Thread-safe.
  std::shared_ptr<const std::string> Text(const std::string& key,
                                          const std::function<std::string()>& make) const;

 private:
  mutable std::mutex texts_mutex_;
  mutable std::map<std::string, std::shared_ptr<const std::string>> texts_;
};

// The churn model of the whole book trained on its history up to `as_of`, and the risk of
// every account active then (docs/churn.md, "Server"). Always the whole book: an account
// manager's scope filters the scores, it does not train a model of its own.
struct ChurnEntry {
  std::shared_ptr<const snapshot::Snapshot> snapshot;
  Day as_of = 0;
  predict::ChurnModel model;
  predict::ChurnScores scores;  // factors not filled: explain the accounts shown
};

// The summaries of the last quarter ends on or before `as_of`, oldest first: the overview's
// trends (docs/api.md, GET /metrics/trend).
struct TrendEntry {
  std::shared_ptr<const snapshot::Snapshot> snapshot;
  Day as_of = 0;
  std::vector<analytics::Summary> summaries;  // one per date of QuarterEndsUpTo, in order
};

// How many quarter ends the overview's trends show, and how many a request may ask for.
inline constexpr int kDefaultTrendQuarters = 8;
inline constexpr int kMaxTrendQuarters = 40;

// The last `count` quarter ends (31 March, 30 June, 30 September, 31 December) on or before
// `as_of`, oldest first; `as_of` itself when it is one.
std::vector<Day> QuarterEndsUpTo(Day as_of, int count);

class BookService {
 public:
  // `views_per_scope`: how many as-of dates of one scope are kept (least recently used
  // go first).
  BookService(ScanFunction scan, config::WorkspaceConfig workspace, size_t views_per_scope = 8);

  // Builds the whole book's snapshot from the store and swaps it in; scoped snapshots and
  // views of the old one are dropped. Errors from the scan leave the old snapshot serving.
  Status Refresh();

  // The snapshot of `scope` (built on first use after each Refresh).
  // Errors: kUnavailable before the first successful Refresh; scan errors.
  Result<std::shared_ptr<const snapshot::Snapshot>> SnapshotFor(const Scope& scope);

  // The book views of `scope` as of `as_of`, computed once and shared.
  Result<std::shared_ptr<const BookEntry>> Views(const Scope& scope, Day as_of);

  // The summaries of `quarters` quarter ends up to `as_of` for `scope`, computed side by side
  // on the process executor (core/executor.h) once per snapshot version and kept like the
  // views. Errors: kUnavailable before the first Refresh; scan errors.
  Result<std::shared_ptr<const TrendEntry>> Trend(const Scope& scope, Day as_of, int quarters);

  // Computes what the dashboard's first page asks for (the whole book's views and trend as
  // of `as_of`) so the first request finds them ready. Called off the request path (the
  // server's refresher, after each Refresh). Errors are those of Views and Trend.
  Status Warm(Day as_of);

  // The churn model and scores of the whole book as of `as_of`, computed once per snapshot
  // version and date (the last few dates are kept). The training runs on a thread of its
  // own at a lower priority. Errors: too little history to train.
  Result<std::shared_ptr<const ChurnEntry>> Churn(Day as_of);
  // The same without waiting: nullopt while the model is still training (the training goes
  // on; ask again), so a request never holds a connection for the seconds it takes.
  std::optional<Result<std::shared_ptr<const ChurnEntry>>> ChurnIfTrained(Day as_of);

  // Frees snapshots and views replaced by Refresh that no request holds any more.
  void ReleaseRetired();

  // The version of the snapshot serving (counts Refresh calls that succeeded), its build
  // time in seconds, and whether one is loaded.
  int64_t version() const;
  double last_build_seconds() const;
  bool loaded() const;

  const config::WorkspaceConfig& workspace() const { return workspace_; }

 private:
  using ViewsFuture = std::shared_future<Result<std::shared_ptr<const BookEntry>>>;
  using TrendFuture = std::shared_future<Result<std::shared_ptr<const TrendEntry>>>;
  struct ScopeState {
    std::shared_future<Result<std::shared_ptr<const snapshot::Snapshot>>> snapshot;
    std::list<std::pair<Day, ViewsFuture>> views;                   // most recently used first
    std::list<std::pair<std::pair<Day, int>, TrendFuture>> trends;  // the same
  };

  Result<std::shared_ptr<const snapshot::Snapshot>> BuildScoped(const Scope& scope);
  using ChurnFuture = std::shared_future<Result<std::shared_ptr<const ChurnEntry>>>;
  // The future of the churn entry as of `as_of`; starts its training when none is cached.
  ChurnFuture StartChurn(Day as_of);
  Result<std::shared_ptr<const ChurnEntry>> TrainChurn(
      const std::shared_ptr<const snapshot::Snapshot>& snap, Day as_of) const;

  ScanFunction scan_;
  const config::WorkspaceConfig workspace_;
  const size_t views_per_scope_;

  mutable std::mutex mutex_;
  std::shared_ptr<const snapshot::Snapshot> full_;  // null until the first Refresh
  int64_t version_ = 0;
  double last_build_seconds_ = 0;
  std::map<Scope, ScopeState> scopes_;
  std::list<std::pair<Day, ChurnFuture>> churn_;  // most recently used first
  int trainings_running_ = 0;
  std::vector<std::shared_ptr<const void>> retired_;
  // The churn trainings running or done; destroyed first (declared last), so the destructor
  // waits for a training before the members it reads go.
  std::mutex trainers_mutex_;
  std::vector<std::future<void>> trainers_;
};

// A sink that passes on only the records of accounts whose owner is `owner`
// (case-insensitive) and what hangs on them: their contacts, revenue, touchpoints and
// signals, and those contacts' invitations and responses. Ordinals are dropped (the
// downstream sink looks references up by id).
std::unique_ptr<DataSetSink> MakeOwnerFilter(DataSetSink& downstream, std::string owner);

}  // namespace bw::service
