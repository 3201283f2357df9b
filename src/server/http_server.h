// The HTTP/1.1 server under `bellwether serve`: Boost.Beast over Asio (docs/server.md says
// why). A few I/O threads serve every connection asynchronously, so an idle keep-alive
// connection or a slow client holds no thread. Each request is read with limits (header
// size, body size by route, read and write timeouts), handed to one Handler, and answered;
// one JSON line per request goes to the access log.
//
// Stop() shuts down gracefully: no new connections are accepted, idle connections are
// closed, requests in flight are finished and answered, then the I/O threads end.
#pragma once

#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"

namespace bw::server {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

// One request and its answer, as a handler sees them.
struct Exchange {
  const Request& request;
  std::string peer;  // the client's IP address
  Response response;
  std::string route = "unmatched";  // the route pattern, for the metrics
  std::string user;                 // who asked, for the access log ("" = nobody)
};

using Handler = std::function<void(Exchange&)>;

struct HttpServerOptions {
  std::string bind = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (tests)
  // Threads that read, handle and answer requests. More than the cores: a write's handler
  // waits for its group commit (server/write_batcher.h), and the waiting writes of many
  // threads share one sync to disk.
  int io_threads = 8;
  size_t header_limit = 16 * 1024;
  size_t body_limit = 1024 * 1024;              // api.md: 1 MiB ...
  size_t upload_body_limit = 64 * 1024 * 1024;  // ... 64 MiB for imports
  std::string upload_path_prefix = "/api/v1/imports";
  std::chrono::seconds read_timeout{30};    // a request must arrive within this
  std::chrono::seconds idle_timeout{60};    // a keep-alive connection may idle this long
  std::chrono::seconds write_timeout{60};   // an answer must be taken within this
  std::chrono::seconds shutdown_grace{20};  // in-flight requests get this long at Stop()
  size_t max_connections = 10000;
  // One JSON line per request; nullptr: no access log.
  std::function<void(const std::string&)> access_log;
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Handler handler, const Clock& clock);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts the I/O threads; returns at once. Errors: kIoError when the address
  // cannot be bound (in use, not local...).
  Status Start();
  // The port bound (the OS's choice when options.port was 0).
  uint16_t port() const;
  // Graceful shutdown, see above; returns when the I/O threads have ended. Idempotent.
  void Stop();

  struct Impl;  // the Asio state; public only so the connections (in the .cc) can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace bw::server
