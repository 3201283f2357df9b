#include "server/responses.h"

namespace bw::server {
namespace http = boost::beast::http;

HttpError HttpErrorFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return {200, "ok"};
    case StatusCode::kInvalidArgument:
      return {400, "invalid"};
    case StatusCode::kUnauthenticated:
      return {401, "unauthenticated"};
    case StatusCode::kPermissionDenied:
      return {403, "forbidden"};
    case StatusCode::kNotFound:
      return {404, "not_found"};
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict:
    case StatusCode::kFailedPrecondition:
      return {409, "conflict"};
    case StatusCode::kResourceExhausted:
      return {429, "throttled"};
    case StatusCode::kUnavailable:
    case StatusCode::kIoError:
      return {503, "unavailable"};
    case StatusCode::kInternal:
      return {500, "internal"};
  }
  return {500, "internal"};
}

namespace {

void SetErrorBody(Response& response, int http_status, std::string_view code,
                  std::string_view message, std::string_view field) {
  nlohmann::ordered_json body;
  body["error"] = {
      {"code", code},
      {"message", message},
      {"field", field.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(field)}};
  SetJsonText(response, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
              http_status);
}

}  // namespace

void SetError(Response& response, const Status& status) {
  const HttpError error = HttpErrorFor(status.code());
  // An internal error's message may name our code's internals: log it, say less.
  const std::string_view message = status.code() == StatusCode::kInternal
                                       ? "internal error"
                                       : std::string_view(status.message());
  SetErrorBody(response, error.http_status, error.code, message, status.field());
}

void SetError(Response& response, int http_status, std::string_view code,
              std::string_view message) {
  SetErrorBody(response, http_status, code, message, "");
}

void SetJson(Response& response, const nlohmann::ordered_json& body, int http_status) {
  SetJsonText(response, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
              http_status);
}

void SetJsonText(Response& response, std::string body, int http_status) {
  response.result(static_cast<http::status>(http_status));
  response.set(http::field::content_type, "application/json; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  response.body() = std::move(body);
}

}  // namespace bw::server
