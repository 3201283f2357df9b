// The dashboard's files over real HTTP (libcurl, paths sent as they are): content types,
// caching, precompressed variants, ETags, the single-page fallback, and that no path a
// client sends reads a file outside the site.
#include "server/static_site.h"

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/clock.h"
#include "server/internal/curl_capture.h"
#include "server/router.h"

namespace bw::server {
namespace {

namespace fs = std::filesystem;

struct Reply {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

using test_support::CollectBody;
using test_support::CollectHeader;

void WriteFile(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const char kIndex[] = "<!doctype html><title>Bellwether</title><div id=app></div>";
const char kScript[] = "console.log('dashboard')";

class StaticSiteTest : public testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("bellwether_static_" + std::to_string(::getpid()));
    fs::remove_all(base_);
    root_ = base_ / "dist";
    WriteFile(root_ / "index.html", kIndex);
    WriteFile(root_ / "assets" / "index-4f2a.js", kScript);
    WriteFile(root_ / "assets" / "index-4f2a.js.gz", "GZIP-BYTES");
    WriteFile(root_ / "assets" / "index-4f2a.js.br", "BROTLI-BYTES");
    WriteFile(root_ / "assets" / "style-9c1d.css", "body{}");
    WriteFile(root_ / "favicon.svg", "<svg/>");
    WriteFile(root_ / ".env", "SECRET=dotfile");
    WriteFile(base_ / "secret.txt", "SECRET=outside");
    fs::create_symlink(base_ / "secret.txt", root_ / "linked.txt");
    fs::create_directory_symlink(base_, root_ / "up");

    Result<std::shared_ptr<const StaticSite>> site = StaticSite::Load(root_);
    ASSERT_TRUE(site.ok()) << site.status().message();
    site_ = *site;
    router_.Add(boost::beast::http::verb::get, "/api/v1/ping",
                [](RouteCall& call) { call.exchange.response.body() = "pong"; });
    router_.SetFallback(
        [this](RouteCall& call) { site_->Serve(call.exchange.request, call.exchange.response); });
    HttpServerOptions options;
    options.port = 0;
    server_ = std::make_unique<HttpServer>(
        options, [this](Exchange& e) { router_.Dispatch(e); }, SystemClock::Instance());
    ASSERT_TRUE(server_->Start().ok());
    curl_ = curl_easy_init();
  }
  void TearDown() override {
    curl_easy_cleanup(curl_);
    server_.reset();
    fs::remove_all(base_);
  }

  Reply Get(const std::string& path, const std::vector<std::string>& headers = {}) {
    Reply reply;
    const std::string url = "http://127.0.0.1:" + std::to_string(server_->port()) + path;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_PATH_AS_IS, 1L);  // send "/../" as it is
    curl_slist* list = nullptr;
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, CollectBody);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, CollectHeader);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &reply.headers);
    EXPECT_EQ(curl_easy_perform(curl_), CURLE_OK) << path;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(list);
    return reply;
  }

  fs::path base_, root_;
  std::shared_ptr<const StaticSite> site_;
  Router router_;
  std::unique_ptr<HttpServer> server_;
  CURL* curl_ = nullptr;
};

TEST_F(StaticSiteTest, ServesFilesWithTypeCachingAndPolicy) {
  Reply index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, kIndex);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  EXPECT_EQ(index.headers["content-security-policy"], kDashboardContentSecurityPolicy);
  EXPECT_NE(index.headers["content-security-policy"].find("script-src 'self';"), std::string::npos);
  EXPECT_EQ(index.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(Get("/index.html").body, kIndex);

  Reply script = Get("/assets/index-4f2a.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.body, kScript);
  EXPECT_EQ(script.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(script.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(script.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(script.headers.count("content-encoding"), 0u);
  EXPECT_EQ(Get("/assets/style-9c1d.css").headers["content-type"], "text/css; charset=utf-8");
  Reply icon = Get("/favicon.svg");
  EXPECT_EQ(icon.headers["content-type"], "image/svg+xml");
  EXPECT_EQ(icon.headers["cache-control"], "no-cache");
}

TEST_F(StaticSiteTest, SendsThePrecompressedVariantTheBrowserAccepts) {
  Reply r = Get("/assets/index-4f2a.js", {"Accept-Encoding: gzip, deflate, br"});
  EXPECT_EQ(r.body, "BROTLI-BYTES");
  EXPECT_EQ(r.headers["content-encoding"], "br");
  r = Get("/assets/index-4f2a.js", {"Accept-Encoding: gzip"});
  EXPECT_EQ(r.body, "GZIP-BYTES");
  EXPECT_EQ(r.headers["content-encoding"], "gzip");
  r = Get("/assets/index-4f2a.js", {"Accept-Encoding: br;q=0, gzip;q=0"});
  EXPECT_EQ(r.body, kScript);
  EXPECT_EQ(r.headers.count("content-encoding"), 0u);
  // The compressed files are not files of their own.
  EXPECT_EQ(Get("/assets/index-4f2a.js.gz").status, 404);
}

TEST_F(StaticSiteTest, AnswersNotModifiedForItsETag) {
  Reply first = Get("/");
  const std::string etag = first.headers["etag"];
  ASSERT_FALSE(etag.empty());
  Reply again = Get("/", {"If-None-Match: " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(Get("/", {"If-None-Match: \"other\""}).status, 200);
  // The gzip variant has an ETag of its own.
  Reply gz = Get("/assets/index-4f2a.js", {"Accept-Encoding: gzip"});
  EXPECT_NE(gz.headers["etag"], Get("/assets/index-4f2a.js").headers["etag"]);
}

TEST_F(StaticSiteTest, ViewsOfTheAppAnswerIndexMissingFilesAre404) {
  for (const std::string path : {"/login", "/accounts", "/accounts/ACC-000001", "/matrix",
                                 "/accounts?tier=A&sort=-ttm", "/simulator/"}) {
    Reply r = Get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, kIndex) << path;
    EXPECT_EQ(r.headers["cache-control"], "no-cache") << path;
  }
  EXPECT_EQ(Get("/assets/index-old.js").status, 404);
  EXPECT_EQ(Get("/assets/chunk").status, 404);
  EXPECT_EQ(Get("/favicon.ico").status, 404);
  // A route of the router still wins over the site.
  EXPECT_EQ(Get("/api/v1/ping").body, "pong");
}

TEST_F(StaticSiteTest, NoPathReachesAFileOutsideTheSite) {
  for (const std::string path :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
        "/assets/..%2f..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..\\secret.txt",
        "/%5c..%5csecret.txt", "/linked.txt", "/up/secret.txt", "/up/dist/index.html", "/.env",
        "/%2eenv", "/index.html%00.js", "//etc/passwd", "/./index.html"}) {
    Reply r = Get(path);
    EXPECT_EQ(r.body.find("SECRET"), std::string::npos) << path;
    EXPECT_TRUE(r.status == 404 || r.status == 400 || (r.status == 200 && r.body == kIndex))
        << path << " " << r.status;
  }
  EXPECT_EQ(Get("/../secret.txt").status, 404);
  EXPECT_EQ(Get("/%2e%2e/secret.txt").status, 404);
  EXPECT_EQ(Get("/linked.txt").status, 404);
  EXPECT_EQ(Get("/%zz").status, 400);
}

TEST(StaticSiteLoadTest, NamesWhatIsMissing) {
  const fs::path dir =
      fs::temp_directory_path() / ("bellwether_static_load_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  Result<std::shared_ptr<const StaticSite>> site = StaticSite::Load(dir);
  ASSERT_FALSE(site.ok());
  EXPECT_EQ(site.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(site.status().message(),
            dir.string() + ": no such directory (build the dashboard: scripts/build.sh)");
  WriteFile(dir / "assets" / "a.js", "x");
  site = StaticSite::Load(dir);
  ASSERT_FALSE(site.ok());
  EXPECT_EQ(site.status().message(),
            (dir / "index.html").string() + ": not found (build the dashboard: scripts/build.sh)");
  fs::remove_all(dir);
}

TEST(StaticSiteHelpersTest, ContentTypesAndAcceptEncoding) {
  EXPECT_EQ(ContentTypeFor("/a/b.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("/a.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("/a.unknown"), "application/octet-stream");
  EXPECT_TRUE(AcceptsEncoding("gzip, deflate, br", "br"));
  EXPECT_TRUE(AcceptsEncoding("gzip;q=0.5", "gzip"));
  EXPECT_TRUE(AcceptsEncoding("*", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("gzip;q=0", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("gzip;q=0.000", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("br", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("", "gzip"));
  EXPECT_FALSE(AcceptsEncoding("xgzip", "gzip"));
}

}  // namespace
}  // namespace bw::server
