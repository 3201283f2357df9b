// Routes: (method, path pattern) -> handler. Patterns are literal segments and `{name}`
// segments that capture one path segment, e.g. `/api/v1/accounts/{id}`. The route table
// is also what the OpenAPI test compares with the document (Routes()).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/http_server.h"

namespace bw::server {

// Percent-decodes a path segment or query value ('+' is a space in a query value only).
// Returns false for a malformed escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out);

// The query string's parameters; a repeated name keeps every value in order.
// Returns false for a malformed escape.
bool ParseQuery(std::string_view query, std::multimap<std::string, std::string>& out);

struct RouteCall {
  Exchange& exchange;
  std::map<std::string, std::string> path;        // captured {name} segments
  std::multimap<std::string, std::string> query;  // ?name=value...
};

using RouteHandler = std::function<void(RouteCall&)>;

struct RouteInfo {
  std::string method;   // "GET", "POST", ...
  std::string pattern;  // "/api/v1/accounts/{id}"
};

class Router {
 public:
  void Add(boost::beast::http::verb method, std::string pattern, RouteHandler handler);

  // Finds the route for the request and calls it. Unknown path: 404; known path, other
  // method: 405 with Allow. Malformed percent escapes: 400.
  void Dispatch(Exchange& exchange) const;

  // Handles a request whose path no route has (instead of the 404), e.g. the dashboard's
  // files. It is not a route: Routes() does not list it, and the OpenAPI document, which
  // describes the API, does not either.
  void SetFallback(RouteHandler handler) { fallback_ = std::move(handler); }

  std::vector<RouteInfo> Routes() const;

 private:
  struct Route {
    boost::beast::http::verb method;
    std::string pattern;
    std::vector<std::string> segments;
    RouteHandler handler;
  };
  std::vector<Route> routes_;
  RouteHandler fallback_;
};

// Splits "/a/b/c" into {"a", "b", "c"} (no decoding).
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace bw::server
