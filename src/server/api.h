// The application behind `bellwether serve`: every route of shared/spec/api.md, wired to
// the service layer. Handlers are thin (parse, call the service, render); who may call a
// route and which accounts they see is decided in one place (Authorize) that every
// route goes through.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "config/workspace_config.h"
#include "core/clock.h"
#include "server/auth.h"
#include "server/authorize.h"
#include "server/http_server.h"
#include "server/metrics_registry.h"
#include "server/router.h"
#include "server/static_site.h"
#include "server/survey_pages.h"
#include "server/write_batcher.h"
#include "service/book_service.h"
#include "store/store.h"

namespace bw::server {

struct AppOptions {
  AuthOptions auth;
  // How often the store's change version is polled (api.md: writes are seen within 2 s,
  // user and token changes within 5 s).
  std::chrono::milliseconds poll_interval{500};
  // Snapshots are built from a connection of their own when this is set (serve opens the
  // database read-only again), so a build never holds up a write or a login; without it
  // they are read through the main store under its lock.
  std::function<Result<std::unique_ptr<store::Store>>()> open_snapshot_reader;
  // The workspace's name as GET /api/v1/workspace shows it (serve: the database's file name).
  std::string workspace_name = "bellwether";
  // The dashboard's files; without them `/` says how to build the dashboard.
  std::shared_ptr<const StaticSite> dashboard;
};

class App {
 public:
  // `store` must outlive the App. Starts the refresher thread; the first snapshot is
  // built in the background (readyz answers 503 until it is there).
  App(store::Store& store, config::WorkspaceConfig workspace, const Clock& clock,
      AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // The HTTP handler: routes the exchange and records its metrics.
  void Handle(Exchange& exchange);

  const Router& router() const { return router_; }
  // Blocks until the first snapshot is loaded or `timeout` passes; true when loaded.
  bool WaitUntilLoaded(std::chrono::milliseconds timeout);

 private:
  void RegisterRoutes();
  // The book views of the caller's scope as of the request's `as_of` (its only parameter).
  Result<std::shared_ptr<const service::BookEntry>> ViewsAsOf(const RouteCall& call,
                                                              const Caller& caller);
  void RefreshLoop();
  void RequestRefresh();

  LockedStore store_;
  const Clock& clock_;
  AppOptions options_;
  service::BookService books_;
  Auth auth_;
  Router router_;
  MetricsRegistry metrics_;
  PeerRateLimiter survey_limiter_;  // the public survey pages (server/survey_pages.h)
  std::atomic<int64_t> snapshot_built_at_{0};

  std::mutex refresh_mutex_;
  std::condition_variable refresh_wake_;
  bool stopping_ = false;
  bool refresh_requested_ = false;  // a write committed: poll the store now
  // After the refresher's state: its commits signal refresh_wake_.
  WriteBatcher writes_;
  std::thread refresher_;
};

}  // namespace bw::server
