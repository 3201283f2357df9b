// The OpenAPI 3.1 document of the API (GET /api/v1/openapi.json): src/server/openapi.json,
// kept by hand in step with
// shared/spec/api.md. A test checks that its paths are exactly the routes the server
// registers.
#pragma once

#include <string_view>

namespace bw::server {

std::string_view OpenApiDocument();

}  // namespace bw::server
