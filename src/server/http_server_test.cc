// The HTTP layer over real sockets with a real client (libcurl): routing, limits, errors,
// keep-alive and graceful shutdown.
#include "server/http_server.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "server/responses.h"
#include "server/router.h"

namespace bw::server {
namespace {

namespace http = boost::beast::http;

struct Reply {
  long status = 0;
  std::string body;
};

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

Reply Fetch(CURL* curl, const std::string& url, const std::string& method = "GET",
            const std::string& body = "") {
  Reply reply;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  EXPECT_EQ(curl_easy_perform(curl), CURLE_OK);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

class HttpServerTest : public testing::Test {
 protected:
  void SetUp() override {
    router_.Add(http::verb::get, "/hello/{name}", [](RouteCall& call) {
      SetJson(call.exchange.response, {{"hello", call.path["name"]}});
    });
    router_.Add(http::verb::post, "/echo", [](RouteCall& call) {
      SetJsonText(call.exchange.response, call.exchange.request.body());
    });
    router_.Add(http::verb::get, "/slow", [this](RouteCall& call) {
      slow_started_ = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      SetJson(call.exchange.response, {{"slow", true}});
    });
    router_.Add(http::verb::get, "/query", [](RouteCall& call) {
      nlohmann::ordered_json out = nlohmann::ordered_json::object();
      for (const auto& [k, v] : call.query) out[k] = v;
      SetJson(call.exchange.response, out);
    });
    HttpServerOptions options;
    options.port = 0;
    options.body_limit = 1024;
    options.access_log = [this](const std::string& line) {
      std::lock_guard lock(log_mutex_);
      log_.push_back(line);
    };
    server_ = std::make_unique<HttpServer>(
        options, [this](Exchange& e) { router_.Dispatch(e); }, SystemClock::Instance());
    ASSERT_TRUE(server_->Start().ok());
    base_ = "http://127.0.0.1:" + std::to_string(server_->port());
    curl_ = curl_easy_init();
  }
  void TearDown() override {
    curl_easy_cleanup(curl_);
    server_.reset();
  }

  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::string base_;
  CURL* curl_ = nullptr;
  std::atomic<bool> slow_started_{false};
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

TEST_F(HttpServerTest, RoutesCapturePathSegmentsAndDecodeThem) {
  const Reply r = Fetch(curl_, base_ + "/hello/K%C3%B6ln%20Nord");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["hello"], "Köln Nord");
  const Reply q = Fetch(curl_, base_ + "/query?q=a+b%26c&tier=A%7CB");
  EXPECT_EQ(nlohmann::json::parse(q.body)["q"], "a b&c");
  EXPECT_EQ(nlohmann::json::parse(q.body)["tier"], "A|B");
  EXPECT_EQ(Fetch(curl_, base_ + "/query?q=%zz").status, 400);
}

TEST_F(HttpServerTest, UnknownPathsAndMethodsAreRefusedWithTheApisErrorBody) {
  Reply r = Fetch(curl_, base_ + "/nowhere");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "not_found");
  r = Fetch(curl_, base_ + "/echo");  // GET on a POST route
  EXPECT_EQ(r.status, 405);
}

TEST_F(HttpServerTest, BodiesOverTheLimitAre413) {
  EXPECT_EQ(Fetch(curl_, base_ + "/echo", "POST", std::string(1000, 'x')).status, 200);
  const Reply r = Fetch(curl_, base_ + "/echo", "POST", std::string(5000, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "too_large");
}

TEST_F(HttpServerTest, OneConnectionServesManyRequests) {
  long connections = 0;
  for (int i = 0; i < 50; ++i) {
    ASSERT_EQ(Fetch(curl_, base_ + "/hello/x").status, 200);
  }
  curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &connections);
  EXPECT_EQ(connections, 0);  // the last request reused the connection
}

TEST_F(HttpServerTest, EveryRequestIsLoggedAsOneJsonLine) {
  ASSERT_EQ(Fetch(curl_, base_ + "/hello/x?secret=1").status, 200);
  std::lock_guard lock(log_mutex_);
  ASSERT_EQ(log_.size(), 1u);
  const nlohmann::json line = nlohmann::json::parse(log_[0]);
  EXPECT_EQ(line["method"], "GET");
  EXPECT_EQ(line["path"], "/hello/x");  // never the query
  EXPECT_EQ(line["route"], "GET /hello/{name}");
  EXPECT_EQ(line["status"], 200);
  EXPECT_GT(line["bytes"].get<int>(), 0);
  EXPECT_TRUE(line.contains("duration_ms"));
  EXPECT_TRUE(line["user"].is_null());
}

TEST_F(HttpServerTest, StopFinishesTheRequestInFlight) {
  auto slow = std::async(std::launch::async, [this] {
    CURL* curl = curl_easy_init();
    const Reply r = Fetch(curl, base_ + "/slow");
    curl_easy_cleanup(curl);
    return r;
  });
  while (!slow_started_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server_->Stop();
  const Reply r = slow.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["slow"], true);
  // And nothing is accepted any more.
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, (base_ + "/hello/x").c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 2L);
  EXPECT_NE(curl_easy_perform(curl), CURLE_OK);
  curl_easy_cleanup(curl);
}

TEST(ResponsesTest, StatusCodesMapToApiErrors) {
  EXPECT_EQ(HttpErrorFor(StatusCode::kInvalidArgument).http_status, 400);
  EXPECT_EQ(HttpErrorFor(StatusCode::kInvalidArgument).code, "invalid");
  EXPECT_EQ(HttpErrorFor(StatusCode::kUnauthenticated).http_status, 401);
  EXPECT_EQ(HttpErrorFor(StatusCode::kPermissionDenied).code, "forbidden");
  EXPECT_EQ(HttpErrorFor(StatusCode::kNotFound).http_status, 404);
  EXPECT_EQ(HttpErrorFor(StatusCode::kAlreadyExists).code, "conflict");
  EXPECT_EQ(HttpErrorFor(StatusCode::kConflict).http_status, 409);
  EXPECT_EQ(HttpErrorFor(StatusCode::kResourceExhausted).code, "throttled");
  EXPECT_EQ(HttpErrorFor(StatusCode::kUnavailable).http_status, 503);
  EXPECT_EQ(HttpErrorFor(StatusCode::kInternal).http_status, 500);
  Response response;
  SetError(response, InvalidField("limit", "too big"));
  EXPECT_EQ(response.result_int(), 400);
  const nlohmann::json body = nlohmann::json::parse(response.body());
  EXPECT_EQ(body["error"]["field"], "limit");
  EXPECT_EQ(body["error"]["message"], "too big");
  SetError(response, Internal("stack details"));
  EXPECT_EQ(nlohmann::json::parse(response.body())["error"]["message"], "internal error");
}

}  // namespace
}  // namespace bw::server
