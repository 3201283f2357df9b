#include "server/static_site.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "server/router.h"
#include "service/credentials.h"

namespace bw::server {
namespace http = boost::beast::http;
namespace fs = std::filesystem;

const char kDashboardContentSecurityPolicy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";
// Vite writes every hashed file (scripts, styles, fonts, images imported by code) here.
constexpr std::string_view kHashedDirectory = "/assets/";

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A path segment the site serves: letters, digits, '.', '_', '-', '@', '+', not starting
// with '.'. Anything else (spaces, quotes, backslashes) is left out of the table.
bool SafeSegment(std::string_view segment) {
  if (segment.empty() || segment.front() == '.') return false;
  for (char c : segment) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '@' || c == '+';
    if (!ok) return false;
  }
  return true;
}

Result<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path.string() + ": cannot be read");
  return text.str();
}

std::string_view HeaderValue(const Request& request, http::field field) {
  const auto it = request.find(field);
  if (it == request.end()) return {};
  return {it->value().data(), it->value().size()};
}

void SetSecurityHeaders(Response& response) {
  response.set("Content-Security-Policy", kDashboardContentSecurityPolicy);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "same-origin");
  response.set("X-Frame-Options", "DENY");
}

void SetPlain(Response& response, http::status status, std::string_view text) {
  response.result(status);
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  SetSecurityHeaders(response);
  response.body() = std::string(text) + "\n";
}

}  // namespace

std::string_view ContentTypeFor(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (EndsWith(name, extension)) return type;
  }
  return "application/octet-stream";
}

bool AcceptsEncoding(std::string_view header, std::string_view coding) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const size_t semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    std::string_view params = semi == std::string_view::npos ? "" : item.substr(semi + 1);
    auto trim = [](std::string_view s) {
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
      return s;
    };
    name = trim(name);
    params = trim(params);
    if (name != coding && name != "*") continue;
    // RFC 9110 12.5.3: q=0 means "not acceptable"; q=0.000 too.
    if (params.size() >= 3 && (params[0] == 'q' || params[0] == 'Q') && params[1] == '=') {
      bool zero = true;
      for (char c : params.substr(2)) {
        if (c != '0' && c != '.' && c != ' ') zero = false;
      }
      if (zero) continue;
    }
    return true;
  }
  return false;
}

Result<std::shared_ptr<const StaticSite>> StaticSite::Load(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return NotFound(root.string() + ": no such directory (build the dashboard: scripts/build.sh)");
  }
  auto site = std::make_shared<StaticSite>();
  site->root_ = root;
  std::map<std::string, std::string> gzip, brotli;  // by the key of the file they compress
  uint64_t total = 0;
  size_t count = 0;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  if (ec) return IoError(root.string() + ": cannot be listed: " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return IoError(root.string() + ": cannot be listed: " + ec.message());
    const fs::directory_entry& entry = *it;
    const fs::file_status status = entry.symlink_status(ec);
    if (ec) return IoError(entry.path().string() + ": " + ec.message());
    // Symlinks are never followed, so nothing outside the root is ever read.
    if (fs::is_symlink(status)) {
      if (fs::is_directory(entry.path(), ec)) it.disable_recursion_pending();
      continue;
    }
    const fs::path relative = entry.path().lexically_relative(root);
    std::string key;
    bool safe = true;
    for (const fs::path& part : relative) {
      safe = safe && SafeSegment(part.string());
      key += "/" + part.string();
    }
    if (fs::is_directory(status)) {
      if (!safe) it.disable_recursion_pending();
      continue;
    }
    if (!fs::is_regular_file(status) || !safe) continue;
    if (++count > kMaxFiles) {
      return InvalidArgument(root.string() + ": more than " + std::to_string(kMaxFiles) +
                             " files; is this the dashboard's dist directory?");
    }
    total += entry.file_size(ec);
    if (total > kMaxTotalBytes) {
      return InvalidArgument(root.string() + ": more than " + std::to_string(kMaxTotalBytes >> 20) +
                             " MiB of files; is this the dashboard's dist directory?");
    }
    BW_ASSIGN_OR_RETURN(std::string bytes, ReadWhole(entry.path()));
    if (EndsWith(key, ".gz")) {
      gzip[key.substr(0, key.size() - 3)] = std::move(bytes);
    } else if (EndsWith(key, ".br")) {
      brotli[key.substr(0, key.size() - 3)] = std::move(bytes);
    } else {
      File file;
      file.content_type = std::string(ContentTypeFor(key));
      file.cache_control =
          std::string(key.rfind(kHashedDirectory, 0) == 0 ? kImmutable : kRevalidate);
      file.etag = "\"" + service::Sha256Hex(bytes).substr(0, 24) + "\"";
      file.identity = std::move(bytes);
      site->files_.emplace(std::move(key), std::move(file));
    }
  }
  for (auto& [key, bytes] : gzip) {
    if (auto f = site->files_.find(key); f != site->files_.end()) f->second.gzip = std::move(bytes);
  }
  for (auto& [key, bytes] : brotli) {
    if (auto f = site->files_.find(key); f != site->files_.end()) {
      f->second.brotli = std::move(bytes);
    }
  }
  if (site->files_.find("/index.html") == site->files_.end()) {
    return NotFound((root / "index.html").string() +
                    ": not found (build the dashboard: scripts/build.sh)");
  }
  return std::shared_ptr<const StaticSite>(std::move(site));
}

void StaticSite::Serve(const Request& request, Response& response) const {
  const std::string_view target(request.target().data(), request.target().size());
  const std::string_view raw_path = target.substr(0, target.find_first_of("?#"));
  std::string path;
  if (!PercentDecode(raw_path, false, path) || path.empty() || path.front() != '/') {
    return SetPlain(response, http::status::bad_request, "malformed path");
  }
  // Dot segments, backslashes and NUL never name a file of the site (the table has none),
  // and are not sent index.html either: such a request is not a link of the dashboard.
  for (std::string_view segment : SplitPath(path)) {
    if (segment == "." || segment == "..") {
      return SetPlain(response, http::status::not_found, "not found");
    }
  }
  if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) {
    return SetPlain(response, http::status::not_found, "not found");
  }
  if (path == "/") path = "/index.html";
  if (const auto it = files_.find(path); it != files_.end())
    return Answer(it->second, request, response);
  // A missing file (a stale hashed asset, /favicon.ico) is a 404, never index.html with a
  // 200: a script tag given HTML fails in a confusing way.
  const std::string_view last = std::string_view(path).substr(path.rfind('/') + 1);
  if (path.rfind(kHashedDirectory, 0) == 0 || last.find('.') != std::string_view::npos) {
    return SetPlain(response, http::status::not_found, "not found");
  }
  Answer(files_.find("/index.html")->second, request, response);
}

void StaticSite::Answer(const File& file, const Request& request, Response& response) const {
  const std::string_view accept = HeaderValue(request, http::field::accept_encoding);
  const std::string* body = &file.identity;
  std::string etag = file.etag;
  if (!file.brotli.empty() && AcceptsEncoding(accept, "br")) {
    body = &file.brotli;
    etag.insert(etag.size() - 1, "-br");
    response.set(http::field::content_encoding, "br");
  } else if (!file.gzip.empty() && AcceptsEncoding(accept, "gzip")) {
    body = &file.gzip;
    etag.insert(etag.size() - 1, "-gz");
    response.set(http::field::content_encoding, "gzip");
  }
  if (!file.gzip.empty() || !file.brotli.empty())
    response.set(http::field::vary, "Accept-Encoding");
  response.set(http::field::content_type, file.content_type);
  response.set(http::field::cache_control, file.cache_control);
  response.set(http::field::etag, etag);
  SetSecurityHeaders(response);
  const std::string_view if_none_match = HeaderValue(request, http::field::if_none_match);
  if (!if_none_match.empty() &&
      (if_none_match == "*" || if_none_match.find(etag) != std::string_view::npos)) {
    response.result(http::status::not_modified);
    response.erase(http::field::content_encoding);
    response.body().clear();
    return;
  }
  response.result(http::status::ok);
  response.body() = *body;
}

}  // namespace bw::server
