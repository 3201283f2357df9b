// The peer of the server benchmark (bench/server_bench.sh): the same HTTP layer
// (server::HttpServer, Boost.Beast) answering every request with a fixed small JSON body,
// without routing, auth or figures. Usage: hello_server PORT
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "core/clock.h"
#include "server/http_server.h"
#include "server/responses.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: hello_server PORT\n");
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  bw::server::HttpServerOptions options;
  options.port = static_cast<uint16_t>(std::atoi(argv[1]));
  bw::server::HttpServer server(
      options,
      [](bw::server::Exchange& e) {
        bw::server::SetJsonText(e.response, "{\"hello\": \"world\"}\n");
      },
      bw::SystemClock::Instance());
  if (!server.Start().ok()) return 1;
  std::printf("hello_server on http://127.0.0.1:%d\n", server.port());
  std::fflush(stdout);
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  server.Stop();
  return 0;
}
