// multipart/form-data bodies (RFC 7578), as browsers and `curl -F` send file uploads:
// the parts' names and contents. Bounded: at most kMaxParts parts; the body's size is
// already bounded by the server's upload limit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace bw::server {

inline constexpr size_t kMaxParts = 32;

struct MultipartFile {
  std::string name;     // the part's filename when it has one, else its form field name
  std::string content;  // the part's bytes
};

// Errors: kInvalidArgument when `content_type` is not multipart/form-data with a
// boundary, or the body is not well formed.
Result<std::vector<MultipartFile>> ParseMultipart(std::string_view content_type,
                                                  std::string_view body);

}  // namespace bw::server
