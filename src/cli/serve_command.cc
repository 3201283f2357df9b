// `bellwether serve [--db FILE] [--bind ADDR] [--port N] [--config FILE] [--secure-cookies]
// [--web-root DIR]`: the HTTP API (shared/spec/api.md) and the web dashboard until SIGINT or
// SIGTERM, then a graceful shutdown. Settings: flags, else BELLWETHER_BIND / BELLWETHER_PORT /
// BELLWETHER_DB / BELLWETHER_WEB_ROOT, else the [server] section of the workspace
// configuration, else its defaults (the dashboard: web/dist of the source tree this binary
// was built from, docs/dashboard.md).
#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "cli/commands.h"
#include "cli/common.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/static_site.h"
#include "service/outbox_worker.h"
#include "service/workspace.h"
#include "store/store.h"

namespace bw::cli {
namespace {

struct ServeFlags {
  std::string db;
  std::string bind;
  int port = -1;  // -1: not given; 0: any free port (tests)
  std::string config;
  std::string access_log = "-";
  bool secure_cookies = false;
  std::string web_root;
};

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

// The dashboard's files: an explicit choice that cannot be loaded is an error; the build's
// default (the checkout's web/dist) missing only means an API without a dashboard.
Result<std::shared_ptr<const server::StaticSite>> LoadDashboard(const ServeFlags& flags,
                                                                const std::string& configured) {
  std::string root = flags.web_root.empty() ? EnvOr("BELLWETHER_WEB_ROOT", configured)
                                            : flags.web_root;
  if (!root.empty()) return server::StaticSite::Load(root);
  Result<std::shared_ptr<const server::StaticSite>> site =
      server::StaticSite::Load(BELLWETHER_DEFAULT_WEB_ROOT);
  if (site.ok()) return site;
  fmt::print(stderr, "bellwether: no dashboard: {}; serving the API only\n",
             site.status().message());
  return std::shared_ptr<const server::StaticSite>();
}

Status RunServe(const ServeFlags& flags) {
  const std::string db_path = service::DatabasePath(flags.db);
  BW_ASSIGN_OR_RETURN(config::WorkspaceConfig workspace, service::LoadWorkspace(flags.config));
  const config::ServerSettings& file = workspace.server;
  const std::string bind = flags.bind.empty() ? EnvOr("BELLWETHER_BIND", file.bind) : flags.bind;
  int port = flags.port;
  if (port < 0) {
    const std::string env = EnvOr("BELLWETHER_PORT", std::to_string(file.port));
    port = std::atoi(env.c_str());
    if (port <= 0 || port > 65535) {
      return InvalidArgument("BELLWETHER_PORT: \"" + env + "\" is not a port");
    }
  }
  BW_ASSIGN_OR_RETURN(std::shared_ptr<const server::StaticSite> dashboard,
                      LoadDashboard(flags, file.web_root));
  BW_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStore(db_path));

  // Signals are taken by sigwait below: block them before any thread starts, so every
  // thread inherits the mask and none is interrupted.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  FILE* log = stderr;
  if (flags.access_log != "-") {
    log = std::fopen(flags.access_log.c_str(), "a");
    if (log == nullptr) return IoError(flags.access_log + ": cannot open the access log");
  }
  // The access log is buffered and written every 200 ms (and at shutdown): a write and a
  // flush per request would cost more than answering a cached figure.
  std::mutex log_mutex;
  std::string log_buffer;
  std::atomic<bool> log_stop{false};

  const Clock& clock = SystemClock::Instance();
  server::AppOptions app_options;
  app_options.auth.secure_cookies = flags.secure_cookies || file.secure_cookies;
  app_options.auth.public_origin = file.public_url;
  app_options.dashboard = dashboard;
  app_options.workspace_name = std::filesystem::path(db_path).stem().string();
  app_options.open_snapshot_reader = [db_path] { return store::OpenSqliteStoreReadOnly(db_path); };
  const config::WorkspaceConfig sender_workspace = workspace;
  server::App app(*store, std::move(workspace), clock, app_options);

  server::HttpServerOptions options;
  options.bind = bind;
  options.port = static_cast<uint16_t>(port);
  options.access_log = [&log_mutex, &log_buffer](const std::string& line) {
    std::lock_guard lock(log_mutex);
    if (log_buffer.size() < (64u << 20)) {  // bounded if the log cannot keep up
      log_buffer += line;
      log_buffer += '\n';
    }
  };
  server::HttpServer http(
      options, [&app](server::Exchange& e) { app.Handle(e); }, clock);
  BW_RETURN_IF_ERROR(http.Start());
  std::thread log_writer([&] {
    while (!log_stop) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      std::string chunk;
      {
        std::lock_guard lock(log_mutex);
        chunk.swap(log_buffer);
      }
      if (!chunk.empty()) {
        std::fwrite(chunk.data(), 1, chunk.size(), log);
        std::fflush(log);
      }
    }
  });
  // The first line names the address: scripts and tests read the port from it.
  fmt::print("bellwether: serving {} on http://{}:{} (Ctrl-C to stop)\n", db_path, bind,
             http.port());
  if (dashboard) {
    fmt::print("bellwether: dashboard from {} ({} files)\n", dashboard->root().string(),
               dashboard->file_count());
  }
  // The outbox's sender (docs/surveys.md), on a connection of its own.
  service::OutboxWorker sender(
      [db_path] { return store::OpenSqliteStore(db_path); }, sender_workspace, clock,
      [](const std::string& line) {
        std::fprintf(stderr, "bellwether: %s\n", line.c_str());
        std::fflush(stderr);
      });
  if (Status started = sender.Start(); !started.ok()) {
    http.Stop();
    log_stop = true;
    log_writer.join();
    return started;
  }
  if (sender_workspace.smtp.host.empty()) {
    fmt::print("bellwether: no [smtp] host configured: mails wait in the outbox\n");
  } else {
    fmt::print("bellwether: sending mail through {}:{}\n", sender_workspace.smtp.host,
               sender_workspace.smtp.port);
  }
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  fmt::print("bellwether: {} received, finishing requests in flight\n",
             signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  std::fflush(stdout);
  sender.Stop();
  http.Stop();
  log_stop = true;
  log_writer.join();
  std::fwrite(log_buffer.data(), 1, log_buffer.size(), log);
  std::fflush(log);
  if (log != stderr) std::fclose(log);
  return Status::Ok();
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the JSON API (and the dashboard) over HTTP.");
  cmd->add_option("--db", flags->db, "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
  cmd->add_option("--bind", flags->bind,
                  "Address to listen on (default $BELLWETHER_BIND or 127.0.0.1)");
  cmd->add_option("--port", flags->port,
                  "Port (default $BELLWETHER_PORT, [server] port, or 8080); 0: any free port")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--config", flags->config,
                  "Workspace configuration (TOML; default ./bellwether.toml if present)");
  cmd->add_option("--access-log", flags->access_log,
                  "File for the access log, one JSON line per request ('-': stderr)")
      ->capture_default_str();
  cmd->add_option("--web-root", flags->web_root,
                  "The dashboard's built files (default $BELLWETHER_WEB_ROOT, [server] web_root, "
                  "or web/dist of the source tree this binary was built from)");
  cmd->add_flag("--secure-cookies", flags->secure_cookies,
                "Mark the session cookie Secure with the __Host- prefix (behind TLS)");
  cmd->callback([flags, exit_code] {
    const Status status = RunServe(*flags);
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

}  // namespace bw::cli
