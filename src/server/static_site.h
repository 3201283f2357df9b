// The web dashboard's files (web/dist, built by Vite) as `bellwether serve` ships them.
// Every file under the root is read into memory once at start: a request is a lookup in
// that table and never touches the file system, so no path a client sends (`..`,
// percent-encoded slashes, symlinks) can reach a file outside the dashboard.
//
// Each answer carries the right Content-Type, a strict Content-Security-Policy, and
// caching that fits Vite's output: files under /assets/ have a content hash in their
// name and are cached for a year (`immutable`); everything else (index.html) is
// revalidated on every load (`no-cache` with an ETag). Precompressed siblings written by
// the build (`app.js.br`, `app.js.gz`) are sent when the browser accepts them. A path that
// names no file and does not look like a file (`/accounts/ACC-1`, `/login`) answers
// index.html, so every view of the single-page app has a URL of its own.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "server/http_server.h"

namespace bw::server {

// The Content-Security-Policy of every dashboard page: scripts, styles, fonts and API
// calls only from this server; no inline script or style, no frames, no plugins.
extern const char kDashboardContentSecurityPolicy[];

class StaticSite {
 public:
  // Limits on what Load reads (a dashboard build is a few MB in a few dozen files).
  static constexpr size_t kMaxFiles = 4096;
  static constexpr uint64_t kMaxTotalBytes = 256u << 20;

  // Reads every regular file under `root` (symlinks and dot files are skipped). Errors:
  // kNotFound when `root` or `root`/index.html is missing; kInvalidArgument over the limits;
  // kIoError when a file cannot be read. Each names the path.
  static Result<std::shared_ptr<const StaticSite>> Load(const std::filesystem::path& root);

  // Answers a GET of `request`'s target into `response` (200, 304, 400 or 404).
  // Thread-safe (the site is immutable).
  void Serve(const Request& request, Response& response) const;

  const std::filesystem::path& root() const { return root_; }
  size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string cache_control;
    std::string etag;  // of the identity bytes; variants add a suffix
    std::string identity;
    std::string gzip;    // empty: no .gz sibling
    std::string brotli;  // empty: no .br sibling
  };
  void Answer(const File& file, const Request& request, Response& response) const;

  std::filesystem::path root_;
  std::map<std::string, File, std::less<>> files_;  // "/assets/index-abc.js" -> file
};

// The content type for a file name by its extension ("application/octet-stream" if unknown).
std::string_view ContentTypeFor(std::string_view file_name);

// Whether an Accept-Encoding header value accepts `coding` ("br", "gzip"): listed, or
// "*", and not with q=0.
bool AcceptsEncoding(std::string_view accept_encoding, std::string_view coding);

}  // namespace bw::server
