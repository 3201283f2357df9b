// The server driven over real HTTP (libcurl) on a loopback port the OS chooses: figures
// equal the CLI's, roles and scopes, sessions, CSRF, tokens, limits and errors.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "config/workspace_config.h"
#include "core/clock.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/internal/curl_capture.h"
#include "server/openapi.h"
#include "server/static_site.h"
#include "service/credentials.h"
#include "store/store.h"

namespace bw::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

using test_support::CollectBody;
using test_support::CollectHeader;

// A client with a cookie jar, like a browser.
class Client {
 public:
  explicit Client(uint16_t port) : base_("http://127.0.0.1:" + std::to_string(port)) {
    curl_ = curl_easy_init();
    curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");  // in-memory cookie engine
  }
  ~Client() { curl_easy_cleanup(curl_); }

  HttpResult Request(const std::string& method, const std::string& path,
                     const std::string& body = "", std::vector<std::string> headers = {}) {
    HttpResult result;
    curl_easy_setopt(curl_, CURLOPT_URL, (base_ + path).c_str());
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl_, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
    curl_easy_setopt(curl_, CURLOPT_MIMEPOST, nullptr);
    if (method == "GET") {
      curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
      curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, nullptr);
    } else {
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    curl_slist* list = nullptr;
    headers.push_back("Content-Type: application/json");
    if (!bearer_.empty()) headers.push_back("Authorization: Bearer " + bearer_);
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, CollectBody);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, CollectHeader);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &result.headers);
    const CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(list);
    EXPECT_EQ(rc, CURLE_OK) << curl_easy_strerror(rc);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.status);
    return result;
  }
  HttpResult Get(const std::string& path) { return Request("GET", path); }

  // A multipart/form-data upload of files (name -> content), as `curl -F`.
  HttpResult Upload(const std::string& path, const std::map<std::string, std::string>& files,
                    const std::vector<std::string>& headers = {}) {
    HttpResult result;
    curl_mime* mime = curl_mime_init(curl_);
    for (const auto& [name, content] : files) {
      curl_mimepart* part = curl_mime_addpart(mime);
      curl_mime_name(part, name.c_str());
      curl_mime_filename(part, name.c_str());
      curl_mime_data(part, content.data(), content.size());
    }
    curl_easy_setopt(curl_, CURLOPT_URL, (base_ + path).c_str());
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, nullptr);
    curl_easy_setopt(curl_, CURLOPT_MIMEPOST, mime);
    curl_slist* list = nullptr;
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    if (!bearer_.empty()) list = curl_slist_append(list, ("Authorization: Bearer " + bearer_).c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, CollectBody);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, CollectHeader);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &result.headers);
    EXPECT_EQ(curl_easy_perform(curl_), CURLE_OK);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.status);
    curl_easy_setopt(curl_, CURLOPT_MIMEPOST, nullptr);
    curl_slist_free_all(list);
    curl_mime_free(mime);
    return result;
  }

  // Logs in; returns the CSRF token.
  std::string Login(const std::string& email, const std::string& password) {
    const HttpResult r = Request("POST", "/api/v1/session",
                                 json{{"email", email}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? json::parse(r.body)["csrf_token"].get<std::string>() : "";
  }
  void UseToken(std::string token) { bearer_ = std::move(token); }

 private:
  CURL* curl_;
  std::string base_;
  std::string bearer_;
};

std::string ErrorCode(const HttpResult& r) {
  const json body = json::parse(r.body, nullptr, false);
  return body.is_discarded() ? "" : body["error"]["code"].get<std::string>();
}
std::string ErrorField(const HttpResult& r) {
  const json body = json::parse(r.body, nullptr, false);
  if (body.is_discarded() || body["error"]["field"].is_null()) return "";
  return body["error"]["field"].get<std::string>();
}

std::string RunCli(const fs::path& dir, const std::string& args) {
  const fs::path out = dir / "cli_stdout.txt";
  const std::string command = "cd '" + dir.string() + "' && '" BELLWETHER_BINARY "' " + args +
                              " >'" + out.string() + "' 2>/dev/null";
  const int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << args;
  std::ifstream in(out, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr char kPassword[] = "correct horse battery";

class ServerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    dir_ = fs::temp_directory_path() / ("bellwether_server_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    RunCli(dir_, "generate --out data --accounts 300 --seed 11 --as-of 2026-06-30");
    RunCli(dir_, "import data --db book.db");
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  void SetUp() override {
    Result<std::unique_ptr<store::Store>> store = store::OpenSqliteStore((dir_ / "book.db").string());
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    for (const auto& [email, role] :
         std::vector<std::pair<std::string, store::UserRole>>{
             {"admin@example.com", store::UserRole::kAdmin},
             {"cx@example.com", store::UserRole::kCxManager},
             {"viewer@example.com", store::UserRole::kViewer},
             {Owner(), store::UserRole::kAccountManager}}) {
      store::User user;
      user.email = email;
      user.name = email;
      user.role = role;
      user.password_hash = *service::HashPassword(kPassword);
      (void)store_->users().AddUser(user, store::Actor{"test", clock_.UnixSeconds()});
    }
    AppOptions app_options;
    const std::string path = (dir_ / "book.db").string();
    app_options.open_snapshot_reader = [path] { return store::OpenSqliteStoreReadOnly(path); };
    app_ = std::make_unique<App>(*store_, config::WorkspaceConfig{}, clock_, app_options);
    ASSERT_TRUE(app_->WaitUntilLoaded(std::chrono::seconds(30)));
    HttpServerOptions options;
    options.port = 0;
    http_ = std::make_unique<HttpServer>(options, [this](Exchange& e) { app_->Handle(e); }, clock_);
    ASSERT_TRUE(http_->Start().ok());
  }
  void TearDown() override {
    http_.reset();
    app_.reset();
    store_.reset();
  }

  // An owner that the generated book has (the account manager of these tests).
  static std::string Owner() {
    std::ifstream in(dir_ / "data" / "accounts.csv");
    std::string header, line;
    std::getline(in, header);
    // owner is a column of accounts.csv; take the first non-empty one.
    std::vector<std::string> names;
    std::stringstream hs(header);
    for (std::string name; std::getline(hs, name, ',');) names.push_back(name);
    const size_t column = std::find(names.begin(), names.end(), "owner") - names.begin();
    while (std::getline(in, line)) {
      std::vector<std::string> fields;
      std::stringstream ls(line);
      for (std::string f; std::getline(ls, f, ',');) fields.push_back(f);
      if (column < fields.size() && !fields[column].empty()) return fields[column];
    }
    return "nobody@example.com";
  }

  static fs::path dir_;
  ManualClock clock_{ManualClock::Noon(*ParseDate("2026-07-15"))};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<App> app_;
  std::unique_ptr<HttpServer> http_;
};

fs::path ServerTest::dir_;

TEST_F(ServerTest, HealthAndReadinessNeedNoLogin) {
  Client client(http_->port());
  EXPECT_EQ(client.Get("/healthz").status, 200);
  EXPECT_EQ(client.Get("/readyz").status, 200);
  EXPECT_EQ(client.Get("/").status, 200);
  const HttpResult metrics = client.Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("bellwether_http_requests_total{route=\"GET /healthz\",status=\"200\"} 1"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("bellwether_snapshot_build_seconds"), std::string::npos);
}

TEST_F(ServerTest, FiguresNeedALogin) {
  Client client(http_->port());
  const HttpResult r = client.Get("/api/v1/metrics/summary");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorCode(r), "unauthenticated");
}

TEST_F(ServerTest, WrongEmailAndWrongPasswordLookTheSame) {
  Client client(http_->port());
  const HttpResult wrong_password = client.Request(
      "POST", "/api/v1/session", json{{"email", "cx@example.com"}, {"password", "nope nope nope"}}.dump());
  const HttpResult unknown = client.Request(
      "POST", "/api/v1/session", json{{"email", "who@example.com"}, {"password", "nope nope nope"}}.dump());
  EXPECT_EQ(wrong_password.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong_password.body, unknown.body);
}

TEST_F(ServerTest, SummaryRowsAndReportsEqualTheCli) {
  Client client(http_->port());
  client.Login("viewer@example.com", kPassword);
  const std::string as_of = "--as-of 2026-06-30 --db book.db --format json";
  EXPECT_EQ(client.Get("/api/v1/metrics/summary?as_of=2026-06-30").body,
            RunCli(dir_, "metrics " + as_of));
  for (const std::string report : {"matrix", "lifecycle", "drivers", "retention", "touchpoints",
                                   "health-check"}) {
    EXPECT_EQ(client.Get("/api/v1/reports/" + report + "?as_of=2026-06-30").body,
              RunCli(dir_, "report " + report + " " + as_of))
        << report;
  }
  // The rows: the API's page holds the CLI's rows in the same order.
  const json cli = json::parse(RunCli(dir_, "accounts " + as_of));
  const HttpResult page = client.Get("/api/v1/accounts?as_of=2026-06-30&limit=1000");
  ASSERT_EQ(page.status, 200);
  const json api = json::parse(page.body);
  EXPECT_EQ(api["total"], cli["accounts"].size());
  EXPECT_EQ(api["accounts"], cli["accounts"]);
  const HttpResult second = client.Get("/api/v1/accounts?as_of=2026-06-30&limit=10&offset=10");
  const json second_page = json::parse(second.body);
  ASSERT_EQ(second_page["accounts"].size(), 10u);
  EXPECT_EQ(second_page["accounts"][0], cli["accounts"][10]);
  // The account 360.
  const std::string id = cli["accounts"][0]["account_id"];
  EXPECT_EQ(client.Get("/api/v1/accounts/" + id + "?as_of=2026-06-30").body,
            RunCli(dir_, "account " + id + " " + as_of));
  // The simulator.
  EXPECT_EQ(client
                .Request("POST", "/api/v1/reports/simulate?as_of=2026-06-30",
                         R"({"moves": [{"from": "detractor", "to": "passive", "share": 0.2}]})")
                .body,
            RunCli(dir_, "report simulate --move detractor:passive:0.2 " + as_of));
}

TEST_F(ServerTest, DefaultAsOfIsTheLastDayOfTheLastCompleteMonth) {
  Client client(http_->port());
  client.Login("viewer@example.com", kPassword);
  const json summary = json::parse(client.Get("/api/v1/metrics/summary").body);
  EXPECT_EQ(summary["as_of"], "2026-06-30");  // the clock says 2026-07-15
  const HttpResult workspace = client.Get("/api/v1/workspace");
  ASSERT_EQ(workspace.status, 200);
  EXPECT_EQ(json::parse(workspace.body),
            json({{"name", "bellwether"},
                  {"currency", "EUR"},
                  {"pareto", 0.8},
                  {"default_as_of", "2026-06-30"}}));
  EXPECT_EQ(Client(http_->port()).Get("/api/v1/workspace").status, 401);
}

TEST_F(ServerTest, BadRequestsNameTheField) {
  Client client(http_->port());
  client.Login("viewer@example.com", kPassword);
  HttpResult r = client.Get("/api/v1/metrics/summary?as_of=yesterday");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "as_of");
  r = client.Get("/api/v1/metrics/summary?colour=red");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "colour");
  r = client.Get("/api/v1/accounts?limit=1001");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "limit");
  r = client.Get("/api/v1/reports/nonsense");
  EXPECT_EQ(r.status, 404);
  r = client.Request("POST", "/api/v1/reports/simulate", "{not json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorCode(r), "invalid");
  r = client.Request("POST", "/api/v1/reports/simulate", R"({"moves": [], "extra": 1})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "extra");
  r = client.Request("POST", "/api/v1/reports/simulate",
                     R"({"moves": [{"from": "detractor", "to": "passive", "share": "lots"}]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "moves[0].share");
  r = client.Request("PUT", "/api/v1/metrics/summary");
  EXPECT_EQ(r.status, 405);
  r = client.Request("POST", "/api/v1/reports/simulate", std::string(2 * 1024 * 1024, ' '));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(ErrorCode(r), "too_large");
}

TEST_F(ServerTest, TheTrendIsTheSummaryOfEachQuarterEnd) {
  Client client(http_->port());
  client.Login("viewer@example.com", kPassword);
  const HttpResult r = client.Get("/api/v1/metrics/trend?as_of=2026-06-30");
  ASSERT_EQ(r.status, 200) << r.body;
  const json trend = json::parse(r.body);
  EXPECT_EQ(trend["as_of"], "2026-06-30");
  EXPECT_EQ(trend["quarters"], 8);
  const std::vector<std::string> dates = {"2024-09-30", "2024-12-31", "2025-03-31",
                                          "2025-06-30", "2025-09-30", "2025-12-31",
                                          "2026-03-31", "2026-06-30"};
  ASSERT_EQ(trend["summaries"].size(), dates.size());
  for (size_t i = 0; i < dates.size(); ++i) {
    EXPECT_EQ(trend["summaries"][i],
              json::parse(client.Get("/api/v1/metrics/summary?as_of=" + dates[i]).body))
        << dates[i];
  }
  // A date inside a quarter: the quarter ends before it.
  const json short_trend =
      json::parse(client.Get("/api/v1/metrics/trend?as_of=2026-05-15&quarters=3").body);
  ASSERT_EQ(short_trend["summaries"].size(), 3u);
  EXPECT_EQ(short_trend["summaries"][0]["as_of"], "2025-09-30");
  EXPECT_EQ(short_trend["summaries"][1]["as_of"], "2025-12-31");
  EXPECT_EQ(short_trend["summaries"][2]["as_of"], "2026-03-31");
  // The default date (the clock says 2026-07-15) and an account manager's own figures.
  EXPECT_EQ(json::parse(client.Get("/api/v1/metrics/trend").body), trend);
  Client manager(http_->port());
  manager.Login(Owner(), kPassword);
  const json own = json::parse(manager.Get("/api/v1/metrics/trend?as_of=2026-06-30").body);
  EXPECT_EQ(own["summaries"][7],
            json::parse(manager.Get("/api/v1/metrics/summary?as_of=2026-06-30").body));
  EXPECT_NE(own["summaries"][7], trend["summaries"][7]);
  for (const char* bad : {"0", "41", "eight", "8.5", "-1"}) {
    const HttpResult b = client.Get(std::string("/api/v1/metrics/trend?quarters=") + bad);
    EXPECT_EQ(b.status, 400) << bad;
    EXPECT_EQ(ErrorField(b), "quarters") << bad;
  }
  EXPECT_EQ(ErrorField(client.Get("/api/v1/metrics/trend?limit=3")), "limit");
}

TEST_F(ServerTest, TheLifecycleTakesAParetoShare) {
  Client client(http_->port());
  client.Login("viewer@example.com", kPassword);
  const std::string cli = "report lifecycle --as-of 2026-06-30 --db book.db --format json";
  const std::string url = "/api/v1/reports/lifecycle?as_of=2026-06-30";
  EXPECT_EQ(client.Get(url + "&pareto=0.5").body, RunCli(dir_, cli + " --pareto 0.5"));
  EXPECT_EQ(client.Get(url + "&pareto=0.95").body, RunCli(dir_, cli + " --pareto 0.95"));
  EXPECT_EQ(client.Get(url + "&pareto=0.8").body, client.Get(url).body);  // the workspace's
  EXPECT_NE(client.Get(url + "&pareto=0.5").body, client.Get(url).body);
  // Every active account is in the set of 100 %.
  const json all = json::parse(client.Get(url + "&pareto=1").body);
  for (const auto& [category, cell] : all["rest"].items()) EXPECT_EQ(cell["accounts"], 0) << category;
  for (const char* bad : {"0", "0.001", "1.01", "-0.5", "lots", "nan", "0.5x", ""}) {
    const HttpResult b = client.Get(url + "&pareto=" + bad);
    EXPECT_EQ(b.status, 400) << bad;
    EXPECT_EQ(ErrorField(b), "pareto") << bad;
  }
  // Only the lifecycle knows it.
  EXPECT_EQ(ErrorField(client.Get("/api/v1/reports/drivers?pareto=0.5")), "pareto");
}

TEST_F(ServerTest, TheResponsesReportsAccountListsArePaged) {
  Client client(http_->port());
  client.Login("viewer@example.com", kPassword);
  const json cli = json::parse(
      RunCli(dir_, "report responses --as-of 2026-06-30 --db book.db --format json"));
  const size_t accounts = cli["by_account"].size();
  const size_t never = cli["never_answering"]["list"].size();
  ASSERT_GT(accounts, 100u);  // the default page is shorter than the list
  ASSERT_GT(never, 12u);
  auto page = [&](const std::string& query) {
    const HttpResult r = client.Get("/api/v1/reports/responses?as_of=2026-06-30" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  };
  auto slice = [](const json& list, size_t from, size_t count) {
    json out = json::array();
    for (size_t i = from; i < std::min(list.size(), from + count); ++i) out.push_back(list[i]);
    return out;
  };
  json first = page("");
  EXPECT_EQ(first["total"], accounts);
  EXPECT_EQ(first["limit"], 100);
  EXPECT_EQ(first["offset"], 0);
  EXPECT_EQ(first["by_account"], slice(cli["by_account"], 0, 100));
  EXPECT_EQ(first["never_answering"]["list"], slice(cli["never_answering"]["list"], 0, 100));
  const json second = page("&limit=10&offset=5");
  EXPECT_EQ(second["by_account"], slice(cli["by_account"], 5, 10));
  EXPECT_EQ(second["never_answering"]["list"], slice(cli["never_answering"]["list"], 5, 10));
  // Everything else is the CLI's report; with the whole lists, all of it.
  json whole = page("&limit=1000");
  for (const char* key : {"total", "limit", "offset"}) whole.erase(key);
  EXPECT_EQ(whole, cli);
  EXPECT_EQ(page("&offset=100000")["by_account"].size(), 0u);
  EXPECT_EQ(ErrorField(client.Get("/api/v1/reports/responses?limit=1001")), "limit");
  EXPECT_EQ(ErrorField(client.Get("/api/v1/reports/responses?offset=-1")), "offset");
}

TEST_F(ServerTest, ChurnScoresAndThreatsAreScopedPagedAndExplained) {
  Client viewer(http_->port());
  viewer.Login("viewer@example.com", kPassword);
  const HttpResult r = viewer.Get("/api/v1/churn/scores?as_of=2026-06-30&limit=5");
  ASSERT_EQ(r.status, 200) << r.body;
  const json scores = json::parse(r.body);
  EXPECT_EQ(scores["as_of"], "2026-06-30");
  EXPECT_EQ(scores["model"]["trained_as_of"], "2026-06-30");
  ASSERT_EQ(scores["scores"].size(), 5u);
  const json rows = json::parse(RunCli(dir_, "accounts --as-of 2026-06-30 --db book.db --format json"));
  EXPECT_EQ(scores["total"], rows["accounts"].size());  // every active account
  for (const json& s : scores["scores"]) {
    EXPECT_GE(s["risk"].get<double>(), 0.0);
    EXPECT_LE(s["risk"].get<double>(), 1.0);
    EXPECT_NEAR(s["revenue_at_risk"].get<double>(), s["risk"].get<double>() * s["ttm"].get<double>(), 1e-6);
    EXPECT_LE(s["factors"].size(), 3u);
  }
  // By revenue at risk, descending.
  EXPECT_GE(scores["scores"][0]["revenue_at_risk"].get<double>(),
            scores["scores"][4]["revenue_at_risk"].get<double>());
  // The same as the CLI trained on the same history.
  const json cli = json::parse(RunCli(dir_, "churn score --as-of 2026-06-30 --db book.db --format json --limit 5"));
  EXPECT_EQ(scores["scores"], cli["scores"]);
  EXPECT_EQ(viewer.Get("/api/v1/churn/scores?as_of=2026-06-30&limit=2000").status, 400);
  EXPECT_EQ(viewer.Get("/api/v1/churn/threats?as_of=2026-06-30&limit=5").status, 400);

  const HttpResult t = viewer.Get("/api/v1/churn/threats?as_of=2026-06-30");
  ASSERT_EQ(t.status, 200) << t.body;
  const json threats = json::parse(t.body);
  EXPECT_EQ(threats["threat_risk"], 0.5);
  double at_risk = 0;
  for (const json& s : threats["threats"]) {
    EXPECT_GE(s["risk"].get<double>(), 0.5);
    EXPECT_TRUE(s["tier"] == "A" || s["tier"] == "B");
    at_risk += s["revenue_at_risk"].get<double>();
  }
  EXPECT_NEAR(threats["revenue_at_risk"].get<double>(), at_risk, 0.005);
  // One account's score (the account 360's churn risk): its entry of the whole list.
  const json third = scores["scores"][2];
  const json one = json::parse(
      viewer.Get("/api/v1/churn/scores?as_of=2026-06-30&account_id=" + third["account_id"].get<std::string>())
          .body);
  EXPECT_EQ(one["total"], 1);
  ASSERT_EQ(one["scores"].size(), 1u);
  EXPECT_EQ(one["scores"][0], third);
  EXPECT_EQ(json::parse(viewer.Get("/api/v1/churn/scores?as_of=2026-06-30&account_id=NOPE").body)["total"], 0);
  // An account manager sees the scores of their accounts only.
  Client manager(http_->port());
  manager.Login(Owner(), kPassword);
  const json own = json::parse(manager.Get("/api/v1/churn/scores?as_of=2026-06-30&limit=1000").body);
  const json own_rows = json::parse(manager.Get("/api/v1/accounts?as_of=2026-06-30&limit=1000").body);
  EXPECT_EQ(own["total"], own_rows["total"]);
  EXPECT_LT(own["total"].get<size_t>(), scores["total"].get<size_t>());
  // Another owner's account has no score for them (never reveal that it exists).
  for (const json& s : scores["scores"]) {
    const std::string id = s["account_id"];
    const bool theirs = std::any_of(own_rows["accounts"].begin(), own_rows["accounts"].end(),
                                    [&](const json& row) { return row["account_id"] == id; });
    EXPECT_EQ(json::parse(manager.Get("/api/v1/churn/scores?as_of=2026-06-30&account_id=" + id).body)["total"],
              theirs ? 1 : 0)
        << id;
  }
}

TEST_F(ServerTest, ChurnWithoutWaitingAnswersTrainingUntilTheModelIsThere) {
  Client viewer(http_->port());
  viewer.Login("viewer@example.com", kPassword);
  const std::string url = "/api/v1/churn/threats?as_of=2026-03-31";
  HttpResult r = viewer.Get(url + "&wait=false");
  // The first ask starts the training and answers at once; later ones, once it is done, the
  // figures (no timing is asserted: the loop ends when the model is there).
  if (r.status == 202) {
    EXPECT_EQ(json::parse(r.body), json({{"status", "training"}, {"as_of", "2026-03-31"}}));
  }
  for (int i = 0; i < 600 && r.status == 202; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    r = viewer.Get(url + "&wait=false");
  }
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, viewer.Get(url).body);
  EXPECT_EQ(viewer.Get(url + "&wait=true").body, r.body);
  const HttpResult bad = viewer.Get(url + "&wait=maybe");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorField(bad), "wait");
}

TEST_F(ServerTest, RiskInTheAccount360AndRowsOnRequest) {
  Client viewer(http_->port());
  viewer.Login("viewer@example.com", kPassword);
  const json scores = json::parse(viewer.Get("/api/v1/churn/scores?as_of=2026-06-30&limit=1").body);
  const json& top = scores["scores"][0];
  const std::string id = top["account_id"];
  const HttpResult plain = viewer.Get("/api/v1/accounts/" + id + "?as_of=2026-06-30");
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_FALSE(json::parse(plain.body).contains("churn"));
  const HttpResult with = viewer.Get("/api/v1/accounts/" + id + "?as_of=2026-06-30&risk=true");
  ASSERT_EQ(with.status, 200) << with.body;
  json view = json::parse(with.body);
  EXPECT_EQ(view["churn"]["risk"], top["risk"]);
  EXPECT_EQ(view["churn"]["factors"], top["factors"]);
  EXPECT_EQ(view["churn"]["actions"], top["actions"]);
  view.erase("churn");
  EXPECT_EQ(view, json::parse(plain.body));
  // The same as the CLI's account 360 with a model trained on the same history.
  const json cli = json::parse(
      RunCli(dir_, "account " + id + " --as-of 2026-06-30 --db book.db --format json --risk"));
  EXPECT_EQ(json::parse(with.body)["churn"], cli["churn"]);
  EXPECT_EQ(viewer.Get("/api/v1/accounts/" + id + "?as_of=2026-06-30&risk=maybe").status, 400);
  // The rows: the risk of /churn/scores, nothing else changed.
  const HttpResult rows = viewer.Get("/api/v1/accounts?as_of=2026-06-30&tier=A&limit=20&risk=true");
  ASSERT_EQ(rows.status, 200) << rows.body;
  json page = json::parse(rows.body);
  const json all = json::parse(viewer.Get("/api/v1/churn/scores?as_of=2026-06-30&limit=1000").body);
  std::map<std::string, json> risk_of;
  for (const json& s : all["scores"]) risk_of[s["account_id"]] = s["risk"];
  ASSERT_GT(page["accounts"].size(), 0u);
  for (json& row : page["accounts"]) {
    EXPECT_EQ(row["risk"], risk_of.at(row["account_id"]));
    row.erase("risk");
    row.erase("revenue_at_risk");
  }
  EXPECT_EQ(page,
            json::parse(viewer.Get("/api/v1/accounts?as_of=2026-06-30&tier=A&limit=20").body));
}

TEST_F(ServerTest, AccountManagersSeeOnlyTheirAccounts) {
  Client manager(http_->port());
  manager.Login(Owner(), kPassword);
  const json rows = json::parse(manager.Get("/api/v1/accounts?as_of=2026-06-30&limit=1000").body);
  ASSERT_GT(rows["total"].get<int>(), 0);
  for (const json& row : rows["accounts"]) EXPECT_EQ(row["owner"], Owner());
  // Another owner's account is not found, by id or in a filter.
  Client viewer(http_->port());
  viewer.Login("viewer@example.com", kPassword);
  const json all = json::parse(viewer.Get("/api/v1/accounts?as_of=2026-06-30&limit=1000").body);
  std::string foreign;
  for (const json& row : all["accounts"]) {
    if (row["owner"] != Owner()) {
      foreign = row["account_id"];
      break;
    }
  }
  ASSERT_FALSE(foreign.empty());
  EXPECT_EQ(viewer.Get("/api/v1/accounts/" + foreign + "?as_of=2026-06-30").status, 200);
  const HttpResult hidden = manager.Get("/api/v1/accounts/" + foreign + "?as_of=2026-06-30");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(ErrorCode(hidden), "not_found");
  const std::string csv = manager.Get("/api/v1/accounts.csv?as_of=2026-06-30").body;
  EXPECT_EQ(csv.find(foreign), std::string::npos);
  EXPECT_NE(csv.find(rows["accounts"][0]["account_id"].get<std::string>()), std::string::npos);
  const HttpResult xlsx = manager.Get("/api/v1/accounts.xlsx?as_of=2026-06-30");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(xlsx.headers.at("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  // The manager's rows are exactly the book's rows of their accounts.
  size_t own = 0;
  for (const json& row : all["accounts"]) own += row["owner"] == Owner() ? 1 : 0;
  EXPECT_EQ(rows["total"].get<size_t>(), own);
  const json summary = json::parse(manager.Get("/api/v1/metrics/summary?as_of=2026-06-30").body);
  const json book = json::parse(viewer.Get("/api/v1/metrics/summary?as_of=2026-06-30").body);
  EXPECT_NE(summary, book);
}

// RFC 4180 records of a CSV text (quotes, doubled quotes, newlines inside quotes).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    std::string quoted = "\"";
    for (char c : fields[i]) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += quoted + "\"";
  }
  return line + "\n";
}

// Copies the generated data set keeping only `owner`'s accounts and what hangs on them,
// written independently of the server (plain CSV filtering).
void WriteOwnersDataSet(const fs::path& from, const fs::path& to, const std::string& owner) {
  fs::create_directories(to);
  std::set<std::string> accounts, contacts;
  auto filter = [&](const std::string& file, const std::string& key_column,
                    const std::set<std::string>* keep, std::set<std::string>* remember,
                    const std::string& remember_column) {
    if (!fs::exists(from / file)) return;
    std::ifstream in(from / file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const auto rows = ParseCsv(text.str());
    const auto& header = rows.front();
    const size_t key = std::find(header.begin(), header.end(), key_column) - header.begin();
    const size_t mem = std::find(header.begin(), header.end(), remember_column) - header.begin();
    std::ofstream out(to / file, std::ios::binary);
    out << CsvLine(header);
    for (size_t r = 1; r < rows.size(); ++r) {
      const std::string& value = rows[r][key];
      const bool kept = keep == nullptr ? value == owner : keep->count(value) > 0;
      if (!kept) continue;
      if (remember != nullptr) remember->insert(rows[r][mem]);
      out << CsvLine(rows[r]);
    }
  };
  filter("accounts.csv", "owner", nullptr, &accounts, "account_id");
  filter("contacts.csv", "account_id", &accounts, &contacts, "contact_id");
  filter("revenue.csv", "account_id", &accounts, nullptr, "");
  filter("invitations.csv", "contact_id", &contacts, nullptr, "");
  filter("responses.csv", "contact_id", &contacts, nullptr, "");
  filter("touchpoints.csv", "account_id", &accounts, nullptr, "");
  filter("signals.csv", "account_id", &accounts, nullptr, "");
}

TEST_F(ServerTest, AnAccountManagersFiguresAreThoseOfABookOfTheirAccountsOnly) {
  WriteOwnersDataSet(dir_ / "data", dir_ / "owners", Owner());
  Client manager(http_->port());
  manager.Login(Owner(), kPassword);
  const std::string as_of = "--as-of 2026-06-30 --data owners --format json";
  EXPECT_EQ(manager.Get("/api/v1/metrics/summary?as_of=2026-06-30").body,
            RunCli(dir_, "metrics " + as_of));
  for (const std::string report : {"matrix", "lifecycle", "drivers", "retention"}) {
    EXPECT_EQ(manager.Get("/api/v1/reports/" + report + "?as_of=2026-06-30").body,
              RunCli(dir_, "report " + report + " " + as_of))
        << report;
  }
  // The responses report with its whole lists (the API pages them): the CLI's and the page's
  // total, limit and offset.
  json responses =
      json::parse(manager.Get("/api/v1/reports/responses?as_of=2026-06-30&limit=1000").body);
  const json cli_responses = json::parse(RunCli(dir_, "report responses " + as_of));
  EXPECT_EQ(responses["total"], cli_responses["by_account"].size());
  for (const char* key : {"total", "limit", "offset"}) responses.erase(key);
  EXPECT_EQ(responses, cli_responses);
  const json cli = json::parse(RunCli(dir_, "accounts " + as_of));
  const json api = json::parse(manager.Get("/api/v1/accounts?as_of=2026-06-30&limit=1000").body);
  EXPECT_EQ(api["accounts"], cli["accounts"]);
}

TEST_F(ServerTest, RolesAreEnforced) {
  Client viewer(http_->port());
  viewer.Login("viewer@example.com", kPassword);
  EXPECT_EQ(viewer.Get("/api/v1/audit").status, 403);
  Client cx(http_->port());
  cx.Login("cx@example.com", kPassword);
  EXPECT_EQ(cx.Get("/api/v1/audit").status, 403);
  Client admin(http_->port());
  admin.Login("admin@example.com", kPassword);
  const HttpResult audit = admin.Get("/api/v1/audit?limit=2");
  ASSERT_EQ(audit.status, 200) << audit.body;
  const json page = json::parse(audit.body);
  EXPECT_GE(page["total"].get<int>(), 4);  // the four users added
  EXPECT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["action"], "user.add");
}

TEST_F(ServerTest, LogoutNeedsTheCsrfTokenAndTheOwnOrigin) {
  Client client(http_->port());
  const std::string csrf = client.Login("cx@example.com", kPassword);
  HttpResult r = client.Request("DELETE", "/api/v1/session");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "csrf");
  r = client.Request("DELETE", "/api/v1/session", "",
                     {"X-CSRF-Token: " + csrf, "Origin: http://evil.example"});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "csrf");
  r = client.Request("DELETE", "/api/v1/session", "", {"X-CSRF-Token: " + csrf});
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(client.Get("/api/v1/session").status, 401);
}

TEST_F(ServerTest, SessionsExpireByTheClock) {
  Client client(http_->port());
  client.Login("cx@example.com", kPassword);
  EXPECT_EQ(client.Get("/api/v1/session").status, 200);
  clock_.Advance(std::chrono::minutes(29));
  EXPECT_EQ(client.Get("/api/v1/session").status, 200);  // and this counts as activity
  clock_.Advance(std::chrono::minutes(31));
  EXPECT_EQ(client.Get("/api/v1/session").status, 401);
  // Absolute timeout: active every 20 minutes, still ends 8 hours after login.
  client.Login("cx@example.com", kPassword);
  for (int i = 0; i < 23; ++i) {
    clock_.Advance(std::chrono::minutes(20));
    ASSERT_EQ(client.Get("/api/v1/session").status, 200) << i;
  }
  clock_.Advance(std::chrono::minutes(21));
  EXPECT_EQ(client.Get("/api/v1/session").status, 401);
}

TEST_F(ServerTest, TokensWorkUntilRevoked) {
  const std::string token = "bw_" + service::RandomHex(24);
  Result<store::ApiToken> created = store_->users().AddToken(
      "viewer@example.com", "integration", service::Sha256Hex(token), store::Actor{"test", 0});
  ASSERT_TRUE(created.ok());
  Client client(http_->port());
  client.UseToken(token);
  EXPECT_EQ(client.Get("/api/v1/metrics/summary?as_of=2026-06-30").status, 200);
  // Revoked by another process (the CLI's way): api.md allows 5 seconds.
  ASSERT_TRUE(store_->users().RevokeToken(created->id, store::Actor{"test", 0}).ok());
  const auto revoked = std::chrono::steady_clock::now();
  long status = 200;
  while (status != 401 && std::chrono::steady_clock::now() - revoked < std::chrono::seconds(5)) {
    status = client.Get("/api/v1/metrics/summary?as_of=2026-06-30").status;
    if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, 401);
  client.UseToken("bw_" + service::RandomHex(24));
  EXPECT_EQ(client.Get("/api/v1/metrics/summary?as_of=2026-06-30").status, 401);
}

TEST_F(ServerTest, LoginsAreThrottledPerEmail) {
  Client client(http_->port());
  HttpResult r;
  for (int i = 0; i < kFreeFailuresPerEmail; ++i) {
    r = client.Request("POST", "/api/v1/session",
                       json{{"email", "cx@example.com"}, {"password", "wrong password!"}}.dump());
    EXPECT_EQ(r.status, 401);
  }
  r = client.Request("POST", "/api/v1/session",
                     json{{"email", "cx@example.com"}, {"password", kPassword}}.dump());
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(ErrorCode(r), "throttled");
  ASSERT_TRUE(r.headers.count("retry-after"));
  // The real user waits at most a minute.
  clock_.Advance(kMaxAccountDelay);
  r = client.Request("POST", "/api/v1/session",
                     json{{"email", "cx@example.com"}, {"password", kPassword}}.dump());
  EXPECT_EQ(r.status, 200);
}

// A contact of the generated book owned by `owner` (or not, with `owned` false).
std::string ContactOf(Client& admin, const std::string& owner, bool owned) {
  const json rows = json::parse(admin.Get("/api/v1/accounts?as_of=2026-06-30&limit=1000").body);
  for (const json& row : rows["accounts"]) {
    if ((row["owner"] == owner) != owned) continue;
    const json contacts = json::parse(
        admin.Get("/api/v1/contacts?account_id=" + row["account_id"].get<std::string>()).body);
    if (!contacts["items"].empty()) return contacts["items"][0]["contact_id"];
  }
  return "";
}

TEST_F(ServerTest, RecordsAreCreatedReadChangedAndDeletedWithAnAuditTrail) {
  Client cx(http_->port());
  const std::string csrf = cx.Login("cx@example.com", kPassword);
  const std::vector<std::string> h = {"X-CSRF-Token: " + csrf};
  const json rows = json::parse(cx.Get("/api/v1/accounts?as_of=2026-06-30&limit=1").body);
  const std::string account = rows["accounts"][0]["account_id"];
  const json contact = {{"contact_id", "CON-NEW-1"}, {"account_id", account},
                        {"name", "Grete Müller"},    {"email", "grete@example.com"},
                        {"role", "executive"}};
  HttpResult r = cx.Request("POST", "/api/v1/contacts", contact.dump(), h);
  ASSERT_EQ(r.status, 201) << r.body;
  json created = json::parse(r.body);
  EXPECT_EQ(created["role"], "decision_maker");  // the import format's alias, canonical
  EXPECT_EQ(created["left_on"], nullptr);
  EXPECT_EQ(json::parse(cx.Get("/api/v1/contacts/CON-NEW-1").body), created);
  EXPECT_EQ(cx.Request("POST", "/api/v1/contacts", contact.dump(), h).status, 409);

  r = cx.Request("PATCH", "/api/v1/contacts/CON-NEW-1", R"({"left_on": "2026-05-31"})", h);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["left_on"], "2026-05-31");
  EXPECT_EQ(json::parse(r.body)["name"], "Grete Müller");
  r = cx.Request("PATCH", "/api/v1/contacts/CON-NEW-1", R"({"contact_id": "CON-OTHER"})", h);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "contact_id");

  // A response of the new contact, then the revenue of a month and a signal (composite keys).
  r = cx.Request("POST", "/api/v1/responses",
                 R"({"response_id": "RSP-NEW-1", "contact_id": "CON-NEW-1", "responded_on": "2026-06-01", "score": 3, "comment": "zu teuer", "drivers": "price"})",
                 h);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["score"], 3);
  r = cx.Request("POST", "/api/v1/revenue",
                 json{{"account_id", account}, {"month", "2030-01"}, {"amount", 1234.5}}.dump(), h);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["amount"], 1234.5);
  r = cx.Request("PATCH", "/api/v1/revenue/" + account + "/2030-01", R"({"amount": 99})", h);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(cx.Get("/api/v1/revenue/" + account + "/2030-01").body)["amount"], 99.0);
  r = cx.Request("POST", "/api/v1/signals",
                 json{{"account_id", account}, {"signal", "nps_pilot"}, {"observed_on", "2026-06-02"}, {"value", 0.5}}.dump(), h);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(cx.Get("/api/v1/signals/" + account + "/nps_pilot/2026-06-02").status, 200);

  // Deleting the contact deletes its response too.
  EXPECT_EQ(cx.Request("DELETE", "/api/v1/contacts/CON-NEW-1", "", h).status, 204);
  EXPECT_EQ(cx.Get("/api/v1/contacts/CON-NEW-1").status, 404);
  EXPECT_EQ(cx.Get("/api/v1/responses/RSP-NEW-1").status, 404);
  EXPECT_EQ(cx.Request("DELETE", "/api/v1/contacts/CON-NEW-1", "", h).status, 404);

  Client admin(http_->port());
  admin.Login("admin@example.com", kPassword);
  const json audit = json::parse(admin.Get("/api/v1/audit?limit=20").body);
  std::vector<std::string> actions;
  for (const json& e : audit["items"]) {
    if (e["actor"] == "cx@example.com") actions.push_back(e["action"]);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"contact.delete", "signal.create", "revenue.update",
                                               "revenue.create", "response.create",
                                               "contact.update", "contact.create"}));
  EXPECT_EQ(audit["items"][0]["before"]["contact_id"], "CON-NEW-1");
  EXPECT_EQ(audit["items"][0]["after"], nullptr);
}

TEST_F(ServerTest, RecordsAreValidatedByTheImportFormatsRules) {
  Client cx(http_->port());
  const std::vector<std::string> h = {"X-CSRF-Token: " + cx.Login("cx@example.com", kPassword)};
  HttpResult r = cx.Request("POST", "/api/v1/contacts",
                            R"({"contact_id": "C-X", "account_id": "NO-SUCH", "role": "user"})", h);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "account_id");
  EXPECT_NE(r.body.find("unknown account"), std::string::npos) << r.body;
  const json rows = json::parse(cx.Get("/api/v1/accounts?as_of=2026-06-30&limit=1").body);
  const std::string account = rows["accounts"][0]["account_id"];
  r = cx.Request("POST", "/api/v1/contacts",
                 json{{"contact_id", "C-X"}, {"account_id", account}, {"role", "boss"}}.dump(), h);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "role");
  EXPECT_NE(r.body.find("contacts.csv:2: role:"), std::string::npos) << r.body;
  r = cx.Request("POST", "/api/v1/contacts",
                 json{{"contact_id", "C-X"}, {"account_id", account}, {"role", "user"}, {"shoe_size", "44"}}.dump(), h);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "shoe_size");
  r = cx.Request("POST", "/api/v1/responses",
                 R"({"response_id": "R-X", "contact_id": "C-X", "responded_on": "2026-06-01", "score": 11})", h);
  EXPECT_EQ(r.status, 400);
  r = cx.Request("POST", "/api/v1/revenue",
                 json{{"account_id", account}, {"month", "2026-13"}, {"amount", 5}}.dump(), h);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "month");
  EXPECT_EQ(cx.Get("/api/v1/contacts/C-X").status, 404);  // nothing stored
  // A viewer writes nothing.
  Client viewer(http_->port());
  const std::vector<std::string> vh = {"X-CSRF-Token: " + viewer.Login("viewer@example.com", kPassword)};
  EXPECT_EQ(viewer.Request("DELETE", "/api/v1/accounts/" + account, "", vh).status, 403);
  // A cookie write without the CSRF token is refused.
  EXPECT_EQ(cx.Request("DELETE", "/api/v1/accounts/" + account).status, 403);
}

TEST_F(ServerTest, AccountManagersWriteOnlyTheirAccounts) {
  Client admin(http_->port());
  admin.Login("admin@example.com", kPassword);
  const std::string own = ContactOf(admin, Owner(), true);
  const std::string foreign = ContactOf(admin, Owner(), false);
  ASSERT_FALSE(own.empty());
  ASSERT_FALSE(foreign.empty());
  Client manager(http_->port());
  const std::vector<std::string> h = {"X-CSRF-Token: " + manager.Login(Owner(), kPassword)};
  EXPECT_EQ(manager.Get("/api/v1/contacts/" + own).status, 200);
  EXPECT_EQ(manager.Get("/api/v1/contacts/" + foreign).status, 404);
  EXPECT_EQ(manager.Request("PATCH", "/api/v1/contacts/" + foreign, R"({"name": "x"})", h).status, 404);
  EXPECT_EQ(manager.Request("DELETE", "/api/v1/contacts/" + foreign, "", h).status, 404);
  const json foreign_contact = json::parse(admin.Get("/api/v1/contacts/" + foreign).body);
  HttpResult r = manager.Request(
      "POST", "/api/v1/contacts",
      json{{"contact_id", "C-AM"}, {"account_id", foreign_contact["account_id"]}, {"role", "user"}}.dump(), h);
  EXPECT_EQ(r.status, 400);  // the foreign account is unknown to them
  r = manager.Request("POST", "/api/v1/accounts",
                      R"({"account_id": "ACC-AM-1", "name": "Neu GmbH", "owner": "someone@else.example"})", h);
  EXPECT_EQ(r.status, 403);
  r = manager.Request("POST", "/api/v1/accounts",
                      json{{"account_id", "ACC-AM-1"}, {"name", "Neu GmbH"}, {"owner", Owner()}}.dump(), h);
  EXPECT_EQ(r.status, 201) << r.body;
  const json listed = json::parse(manager.Get("/api/v1/contacts?limit=1000").body);
  for (const json& c : listed["items"]) EXPECT_NE(c["contact_id"], foreign);
}

TEST_F(ServerTest, WritesReachTheFiguresWithinTwoSeconds) {
  Client cx(http_->port());
  const std::vector<std::string> h = {"X-CSRF-Token: " + cx.Login("cx@example.com", kPassword)};
  const json before = json::parse(cx.Get("/api/v1/metrics/summary?as_of=2026-06-30").body);
  HttpResult r = cx.Request(
      "POST", "/api/v1/accounts",
      R"({"account_id": "ACC-FRESH", "name": "Frisch AG", "created_on": "2025-01-01"})", h);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto start = std::chrono::steady_clock::now();
  json after;
  do {
    after = json::parse(cx.Get("/api/v1/metrics/summary?as_of=2026-06-30").body);
    if (after["accounts"]["total"] != before["accounts"]["total"]) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  EXPECT_EQ(after["accounts"]["total"].get<int>(), before["accounts"]["total"].get<int>() + 1);
  EXPECT_EQ(cx.Request("DELETE", "/api/v1/accounts/ACC-FRESH", "", h).status, 204);
}

TEST_F(ServerTest, UploadsAreAllOrNothingAndListEveryError) {
  Client cx(http_->port());
  const std::vector<std::string> h = {"X-CSRF-Token: " + cx.Login("cx@example.com", kPassword)};
  const json rows = json::parse(cx.Get("/api/v1/accounts?as_of=2026-06-30&limit=1").body);
  const std::string account = rows["accounts"][0]["account_id"];
  const std::string bad =
      "contact_id,account_id,role\nUP-1," + account + ",user\nUP-2," + account +
      ",boss\nUP-3,NOPE,user\n";
  HttpResult r = cx.Upload("/api/v1/imports", {{"contacts.csv", bad}}, h);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("contacts.csv:3: role"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("contacts.csv:4: account_id"), std::string::npos) << r.body;
  EXPECT_EQ(cx.Get("/api/v1/contacts/UP-1").status, 404);  // nothing of it stored
  const std::string good = "contact_id,account_id,role\nUP-1," + account + ",user\n";
  r = cx.Upload("/api/v1/imports",
                {{"contacts.csv", good},
                 {"responses.csv",
                  "response_id,contact_id,responded_on,score\nUP-R1,UP-1,2026-06-01,10\n"}},
                h);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["imported"]["contacts"], 1);
  EXPECT_EQ(json::parse(r.body)["imported"]["responses"], 1);
  EXPECT_EQ(cx.Get("/api/v1/responses/UP-R1").status, 200);
  r = cx.Upload("/api/v1/imports", {{"notes.txt", "hello"}}, h);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ErrorField(r), "notes.txt");
}

// An upload is read as `bellwether import` reads a directory (docs/importing.md): a German
// Excel CSV is detected and said so; the query's date_format decides what the file does not.
TEST_F(ServerTest, UploadsAcceptCsvDialects) {
  Client cx(http_->port());
  const std::vector<std::string> h = {"X-CSRF-Token: " + cx.Login("cx@example.com", kPassword)};
  const json rows = json::parse(cx.Get("/api/v1/accounts?as_of=2026-06-30&limit=1").body);
  const std::string account = rows["accounts"][0]["account_id"];
  HttpResult r = cx.Upload(
      "/api/v1/imports",
      {{"contacts.csv", "contact_id;account_id;name;role;left_on\r\nDE-1;" + account +
                            ";J\xF6rg;user;31.03.2026\r\n"}},
      h);
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = json::parse(r.body);
  EXPECT_EQ(body["imported"]["contacts"], 1);
  EXPECT_NE(body["read"][0]["how"].get<std::string>().find(
                "Windows-1252 (detected), delimiter ';' (detected), dates DD.MM.YYYY"),
            std::string::npos)
      << r.body;
  const json contact = json::parse(cx.Get("/api/v1/contacts/DE-1").body);
  EXPECT_EQ(contact["name"], "Jörg");
  EXPECT_EQ(contact["left_on"], "2026-03-31");
  const std::string us = "contact_id;account_id;role;left_on\nDE-2;" + account + ";user;03/04/2026\n";
  r = cx.Upload("/api/v1/imports", {{"contacts.csv", us}}, h);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("could be day/month or month/day"), std::string::npos) << r.body;
  r = cx.Upload("/api/v1/imports?date_format=mm/dd/yyyy", {{"contacts.csv", us}}, h);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(cx.Get("/api/v1/contacts/DE-2").body)["left_on"], "2026-03-04");
  r = cx.Upload("/api/v1/imports?date_format=dd-mm", {{"contacts.csv", us}}, h);
  EXPECT_EQ(r.status, 400);
  r = cx.Upload("/api/v1/imports?sheet=1", {{"contacts.csv", us}}, h);
  EXPECT_EQ(r.status, 400);
}

// Route x role x own/foreign object: the status each role gets (api.md, "Roles").
TEST_F(ServerTest, EveryRoleGetsWhatApiMdSaysOnEveryRoute) {
  Client admin(http_->port());
  admin.Login("admin@example.com", kPassword);
  const std::string own_contact = ContactOf(admin, Owner(), true);
  const std::string foreign_contact = ContactOf(admin, Owner(), false);
  const json own = json::parse(admin.Get("/api/v1/contacts/" + own_contact).body);
  const json foreign = json::parse(admin.Get("/api/v1/contacts/" + foreign_contact).body);
  ASSERT_TRUE(own.contains("account_id") && foreign.contains("account_id"));
  const std::string own_account = own["account_id"], foreign_account = foreign["account_id"];

  struct Call {
    std::string method, path, body;
    bool foreign;  // the object belongs to another owner than the account manager
    bool write;    // changes state
    bool admin_only = false;
  };
  const std::string d = "?as_of=2026-06-30";
  std::vector<Call> calls;
  for (bool f : {false, true}) {
    const std::string account = f ? foreign_account : own_account;
    const std::string contact = f ? foreign_contact : own_contact;
    calls.push_back({"GET", "/api/v1/accounts/" + account + d, "", f, false});
    calls.push_back({"GET", "/api/v1/contacts/" + contact, "", f, false});
    calls.push_back({"GET", "/api/v1/revenue?account_id=" + account, "", f, false});
    calls.push_back({"PATCH", "/api/v1/contacts/" + contact, R"({"name": "Renamed"})", f, true});
    calls.push_back({"PATCH", "/api/v1/accounts/" + account, R"({"region": "DACH"})", f, true});
  }
  for (const char* path : {"/api/v1/metrics/summary", "/api/v1/accounts", "/api/v1/accounts.csv",
                           "/api/v1/reports/matrix", "/api/v1/reports/health-check"}) {
    calls.push_back({"GET", std::string(path) + d, "", false, false});
  }
  calls.push_back({"POST", "/api/v1/reports/simulate" + d, R"({"moves": []})", false, false});
  calls.push_back({"GET", "/api/v1/audit", "", false, false, true});

  auto expected = [](const std::string& role, const Call& c) -> long {
    if (c.admin_only) return role == "admin" ? 200 : 403;
    if (role == "viewer" && c.write) return 403;
    if (role == "account_manager" && c.foreign) {
      // Lists of another owner's records are empty, not missing.
      return c.path.find("/api/v1/revenue?") == 0 ? 200 : 404;
    }
    return 200;
  };
  for (const auto& [email, role] : std::vector<std::pair<std::string, std::string>>{
           {"admin@example.com", "admin"},
           {"cx@example.com", "cx_manager"},
           {Owner(), "account_manager"},
           {"viewer@example.com", "viewer"}}) {
    Client client(http_->port());
    const std::vector<std::string> h = {"X-CSRF-Token: " + client.Login(email, kPassword)};
    for (const Call& c : calls) {
      const HttpResult r = client.Request(c.method, c.path, c.body, h);
      EXPECT_EQ(r.status, expected(role, c)) << role << " " << c.method << " " << c.path << "\n"
                                             << r.body.substr(0, 300);
      if (role == "account_manager" && c.foreign && c.path.find("/api/v1/revenue?") == 0) {
        EXPECT_EQ(json::parse(r.body)["total"], 0) << "foreign revenue listed";
      }
    }
  }
}

TEST_F(ServerTest, MatrixPointsAreTheRowsOfTheCallersAccounts) {
  Client client(http_->port());
  client.Login("viewer@example.com", kPassword);
  const json rows = json::parse(client.Get("/api/v1/accounts?as_of=2026-06-30&limit=1000").body);
  const HttpResult r = client.Get("/api/v1/reports/matrix/points?as_of=2026-06-30");
  ASSERT_EQ(r.status, 200) << r.body;
  const json points = json::parse(r.body);
  EXPECT_EQ(points["as_of"], "2026-06-30");
  EXPECT_EQ(points["columns"],
            json::array({"account_id", "name", "tier", "ttm", "score", "quadrant"}));
  ASSERT_EQ(points["points"].size(), rows["total"].get<size_t>());
  for (size_t i = 0; i < points["points"].size(); ++i) {
    const json& p = points["points"][i];
    const json& row = rows["accounts"][i];
    ASSERT_EQ(p, json::array({row["account_id"], row["name"], row["tier"], row["ttm"],
                              row["score"], row["quadrant"]}))
        << i;
  }
  // The quadrant counts of the matrix report are those of the points.
  const json matrix = json::parse(client.Get("/api/v1/reports/matrix?as_of=2026-06-30").body);
  std::map<std::string, int> counts;
  for (const json& p : points["points"]) ++counts[p[5].get<std::string>()];
  for (const auto& [quadrant, cell] : matrix["quadrants"].items()) {
    EXPECT_EQ(counts[quadrant], cell["accounts"].get<int>()) << quadrant;
  }
  EXPECT_EQ(ErrorField(client.Get("/api/v1/reports/matrix/points?tier=A")), "tier");

  Client manager(http_->port());
  manager.Login(Owner(), kPassword);
  const json own = json::parse(manager.Get("/api/v1/reports/matrix/points?as_of=2026-06-30").body);
  const json own_rows =
      json::parse(manager.Get("/api/v1/accounts?as_of=2026-06-30&limit=1000").body);
  EXPECT_GT(own["points"].size(), 0u);
  EXPECT_LT(own["points"].size(), points["points"].size());
  EXPECT_EQ(own["points"].size(), own_rows["total"].get<size_t>());
}

TEST_F(ServerTest, WithoutADashboardTheRootSaysHowToBuildIt) {
  Client client(http_->port());
  HttpResult root = client.Get("/");
  EXPECT_EQ(root.status, 200);
  EXPECT_NE(root.body.find("scripts/build.sh"), std::string::npos);
  EXPECT_NE(root.body.find("/api/v1/openapi.json"), std::string::npos);
  EXPECT_EQ(root.headers["content-security-policy"], kDashboardContentSecurityPolicy);
  EXPECT_EQ(client.Get("/accounts/ACC-000001").status, 404);
}

// The dashboard's files beside the API: views answer index.html, unknown API paths stay
// JSON errors, and a POST outside the API is not a view.
TEST(DashboardServingTest, ServesTheDashboardBesideTheApi) {
  const fs::path dir =
      fs::temp_directory_path() / ("bellwether_dashboard_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "dist" / "assets");
  std::ofstream(dir / "dist" / "index.html") << "<!doctype html><title>Bellwether</title>";
  std::ofstream(dir / "dist" / "assets" / "app-1a2b.js") << "export {}";
  auto store = store::OpenSqliteStore((dir / "book.db").string());
  ASSERT_TRUE(store.ok());
  ManualClock clock(ManualClock::Noon(*ParseDate("2026-07-15")));
  AppOptions options;
  Result<std::shared_ptr<const StaticSite>> site = StaticSite::Load(dir / "dist");
  ASSERT_TRUE(site.ok()) << site.status().message();
  options.dashboard = *site;
  App app(**store, config::WorkspaceConfig{}, clock, options);
  HttpServerOptions http_options;
  http_options.port = 0;
  HttpServer http(http_options, [&app](Exchange& e) { app.Handle(e); }, clock);
  ASSERT_TRUE(http.Start().ok());
  {
    Client client(http.port());
    for (const std::string path : {"/", "/login", "/accounts/ACC-000001", "/matrix?as_of=2026-06-30"}) {
      HttpResult view = client.Get(path);
      EXPECT_EQ(view.status, 200) << path;
      EXPECT_EQ(view.body, "<!doctype html><title>Bellwether</title>") << path;
      EXPECT_EQ(view.headers["cache-control"], "no-cache") << path;
    }
    HttpResult script = client.Get("/assets/app-1a2b.js");
    EXPECT_EQ(script.headers["cache-control"], "public, max-age=31536000, immutable");
    HttpResult api = client.Get("/api/v1/no-such-thing");
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(ErrorCode(api), "not_found");
    EXPECT_EQ(client.Get("/api").status, 404);
    EXPECT_EQ(client.Get("/healthz").body, "{\"status\":\"ok\"}");
    HttpResult post = client.Request("POST", "/login", "{}");
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.headers["allow"], "GET");
    // Requests to the dashboard are counted under one label, not one per path.
    EXPECT_NE(client.Get("/metrics").body.find("route=\"GET (dashboard)\",status=\"200\""),
              std::string::npos);
  }
  http.Stop();
  fs::remove_all(dir);
}

TEST(OpenApiTest, DocumentsExactlyTheRegisteredRoutes) {
  const json doc = json::parse(OpenApiDocument());
  std::set<std::string> documented;
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(upper + " " + path);
    }
  }
  const fs::path db = fs::temp_directory_path() / ("bellwether_openapi_" + std::to_string(::getpid()) + ".db");
  fs::remove(db);
  auto store = store::OpenSqliteStore(db.string());
  ASSERT_TRUE(store.ok());
  ManualClock clock(ManualClock::Noon(0));
  App app(**store, config::WorkspaceConfig{}, clock, AppOptions{});
  std::set<std::string> registered;
  for (const RouteInfo& route : app.router().Routes()) registered.insert(route.method + " " + route.pattern);
  EXPECT_EQ(documented, registered);
  fs::remove(db);
}

}  // namespace
}  // namespace bw::server
