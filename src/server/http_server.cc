#include "server/http_server.h"

#include <fmt/core.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace bw::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string ErrorBody(std::string_view code, std::string_view message) {
  nlohmann::ordered_json body;
  body["error"] = {{"code", code}, {"message", message}, {"field", nullptr}};
  return body.dump();
}

}  // namespace

class Connection;

struct HttpServer::Impl {
  Impl(HttpServerOptions o, Handler h, const Clock& c)
      : options(std::move(o)), handler(std::move(h)), clock(c), acceptor(ioc) {}

  HttpServerOptions options;
  Handler handler;
  const Clock& clock;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::atomic<uint16_t> bound_port{0};
  std::once_flag stop_once;

  std::mutex connections_mutex;
  std::set<std::shared_ptr<Connection>> connections;
  std::condition_variable connections_done;

  void Accept();
  void Forget(const std::shared_ptr<Connection>& connection);
};

// One TCP connection: reads requests one after another (keep-alive) and answers each.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) peer_ = endpoint.address().to_string();
  }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

  // Closes the connection if it is waiting for a request; one busy with a request closes
  // after answering it (the server is stopping).
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->Close();
    });
  }

 private:
  void ReadHeader() {
    if (server_.stopping) return Close();
    idle_ = true;
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    stream_.expires_after(first_ ? server_.options.read_timeout : server_.options.idle_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    idle_ = false;
    first_ = false;
    if (ec) return OnReadError(ec);
    started_ = std::chrono::steady_clock::now();
    const std::string_view target(parser_->get().target().data(), parser_->get().target().size());
    if (target.substr(0, server_.options.upload_path_prefix.size()) ==
        server_.options.upload_path_prefix) {
      parser_->body_limit(server_.options.upload_body_limit);
    }
    stream_.expires_after(server_.options.read_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return Answer(http::status::payload_too_large, "too_large",
                    "the request body is over the limit for this path");
    }
    if (ec == http::error::header_limit) {
      return Answer(http::status::request_header_fields_too_large, "too_large",
                    "the request headers are over the limit");
    }
    if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
        ec != http::error::end_of_stream) {
      return Answer(http::status::bad_request, "invalid", "malformed HTTP request");
    }
    Close();  // end of stream, timeout, reset: nothing to answer
  }

  // Answers a request that could not be read, then closes.
  void Answer(http::status status, std::string_view code, std::string_view message) {
    response_.emplace(status, 11);
    response_->set(http::field::content_type, "application/json; charset=utf-8");
    response_->body() = ErrorBody(code, message);
    response_->keep_alive(false);
    response_->prepare_payload();
    Log("-", "-", "-", "");
    Write(/*keep_alive=*/false);
  }

  void OnRead(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const Request& request = parser_->get();
    Exchange exchange{request, peer_, Response(http::status::ok, request.version()), "unmatched",
                      ""};
    try {
      server_.handler(exchange);
    } catch (const std::exception& e) {
      exchange.response = Response(http::status::internal_server_error, request.version());
      exchange.response.set(http::field::content_type, "application/json; charset=utf-8");
      exchange.response.body() = ErrorBody("internal", "internal error");
    }
    const bool keep_alive = request.keep_alive() && !server_.stopping;
    response_.emplace(std::move(exchange.response));
    response_->keep_alive(keep_alive);
    response_->prepare_payload();
    Log(std::string(request.method_string()), std::string(request.target()), exchange.route,
        exchange.user);
    Write(keep_alive);
  }

  void Log(const std::string& method, const std::string& target, const std::string& route,
           const std::string& user) {
    if (!server_.options.access_log) return;
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    // The path without the query: a query may hold search text of a person's name.
    const std::string path = target.substr(0, target.find('?'));
    nlohmann::ordered_json line;
    line["time"] = server_.clock.UnixSeconds();
    line["method"] = method;
    line["path"] = path;
    line["route"] = route;
    line["status"] = response_->result_int();
    line["bytes"] = response_->body().size();
    line["duration_ms"] = std::round(ms * 1000) / 1000;
    line["user"] = user.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(user);
    line["peer"] = peer_;
    server_.options.access_log(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }

  void Write(bool keep_alive) {
    stream_.expires_after(server_.options.write_timeout);
    http::async_write(stream_, *response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                        if (ec || !keep_alive) return self->Close();
                        self->response_.reset();
                        self->ReadHeader();
                      });
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
    server_.Forget(shared_from_this());
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  HttpServer::Impl& server_;
  std::string peer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<Response> response_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  bool idle_ = true;
  bool first_ = true;
  bool closed_ = false;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping && acceptor.is_open()) Accept();
      return;
    }
    std::shared_ptr<Connection> connection;
    {
      std::lock_guard lock(connections_mutex);
      if (connections.size() < options.max_connections && !stopping) {
        connection = std::make_shared<Connection>(std::move(socket), *this);
        connections.insert(connection);
      }
    }
    if (connection) connection->Start();  // else the socket closes as it goes out of scope
    if (!stopping) Accept();
  });
}

void HttpServer::Impl::Forget(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(connections_mutex);
  connections.erase(connection);
  if (connections.empty()) connections_done.notify_all();
}

HttpServer::HttpServer(HttpServerOptions options, Handler handler, const Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), clock)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.bind, ec);
  if (ec) return InvalidArgument("--bind: \"" + impl_->options.bind + "\" is not an IP address");
  const tcp::endpoint endpoint(address, impl_->options.port);
  const std::string where = impl_->options.bind + ":" + std::to_string(impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return IoError("cannot listen on " + where + ": " + ec.message());
  impl_->bound_port = impl_->acceptor.local_endpoint().port();
  impl_->Accept();
  for (int t = 0; t < std::max(1, impl_->options.io_threads); ++t) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
  return Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->bound_port; }

void HttpServer::Stop() {
  std::call_once(impl_->stop_once, [this] {
    Impl& s = *impl_;
    s.stopping = true;
    asio::post(s.acceptor.get_executor(), [&s] {
      beast::error_code ec;
      s.acceptor.close(ec);
    });
    std::vector<std::shared_ptr<Connection>> open;
    {
      std::lock_guard lock(s.connections_mutex);
      open.assign(s.connections.begin(), s.connections.end());
    }
    for (const auto& connection : open) connection->CloseIfIdle();
    open.clear();
    {
      std::unique_lock lock(s.connections_mutex);
      s.connections_done.wait_for(lock, s.options.shutdown_grace,
                                  [&s] { return s.connections.empty(); });
    }
    s.ioc.stop();
    for (std::thread& t : s.threads) t.join();
    s.threads.clear();
  });
}

}  // namespace bw::server
