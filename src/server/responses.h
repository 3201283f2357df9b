// How the server answers: JSON bodies, and the ONE mapping from Status codes to HTTP
// statuses and api.md's error codes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/status.h"
#include "server/http_server.h"

namespace bw::server {

struct HttpError {
  int http_status;
  std::string_view code;  // api.md's error code
};

// api.md, "Conventions": the status and code for each StatusCode.
HttpError HttpErrorFor(StatusCode code);

// Sets `response` to the error body {"error": {"code", "message", "field"}} of `status`
// (field from its StatusDetail, else null).
void SetError(Response& response, const Status& status);
// The same with an explicit api.md code (e.g. "csrf" with 403).
void SetError(Response& response, int http_status, std::string_view code, std::string_view message);

// A 200 (or `http_status`) JSON answer. Large bodies are built as text by the caller.
void SetJson(Response& response, const nlohmann::ordered_json& body, int http_status = 200);
void SetJsonText(Response& response, std::string body, int http_status = 200);

}  // namespace bw::server
