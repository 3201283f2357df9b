#include "server/router.h"

#include "server/responses.h"

namespace bw::server {
namespace http = boost::beast::http;

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

bool ParseQuery(std::string_view query, std::multimap<std::string, std::string>& out) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string name, value;
    if (!PercentDecode(pair.substr(0, eq), true, name)) return false;
    if (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, value)) {
      return false;
    }
    out.emplace(std::move(name), std::move(value));
  }
  return true;
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    const size_t end = path.find('/', start);
    segments.push_back(path.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end;
  }
  return segments;
}

void Router::Add(http::verb method, std::string pattern, RouteHandler handler) {
  Route route{method, pattern, {}, std::move(handler)};
  for (std::string_view s : SplitPath(pattern)) route.segments.emplace_back(s);
  routes_.push_back(std::move(route));
}

void Router::Dispatch(Exchange& exchange) const {
  const std::string_view target(exchange.request.target().data(), exchange.request.target().size());
  const size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::vector<std::string_view> segments = SplitPath(path);
  std::string allow;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> captured;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        std::string value;
        if (!PercentDecode(segments[i], false, value) || value.empty()) {
          match = false;
        } else {
          captured[want.substr(1, want.size() - 2)] = std::move(value);
        }
      } else {
        match = want == segments[i];
      }
    }
    if (!match) continue;
    // Trailing-slash and exact-path differences do not matter; a path with more slashes
    // than its segments is the same route.
    if (route.method != exchange.request.method()) {
      if (!allow.empty()) allow += ", ";
      allow += std::string(http::to_string(route.method));
      continue;
    }
    exchange.route = std::string(http::to_string(route.method)) + " " + route.pattern;
    RouteCall call{exchange, std::move(captured), {}};
    if (question != std::string_view::npos &&
        !ParseQuery(target.substr(question + 1), call.query)) {
      return SetError(exchange.response, InvalidArgument("malformed percent escape in the query"));
    }
    route.handler(call);
    return;
  }
  if (!allow.empty()) {
    exchange.route = "method_not_allowed";
    SetError(exchange.response, Status(StatusCode::kInvalidArgument, "method not allowed"));
    exchange.response.result(http::status::method_not_allowed);
    exchange.response.set(http::field::allow, allow);
    return;
  }
  if (fallback_) {
    RouteCall call{exchange, {}, {}};
    return fallback_(call);
  }
  SetError(exchange.response, NotFound("no such path"));
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const Route& route : routes_) {
    out.push_back({std::string(http::to_string(route.method)), route.pattern});
  }
  return out;
}

}  // namespace bw::server
