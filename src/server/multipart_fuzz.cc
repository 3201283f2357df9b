// libFuzzer target for the multipart/form-data parser of POST /api/v1/imports, which reads
// bodies from the network: the input's first line is the Content-Type, the rest the body.
// Never crashes, never returns more than kMaxParts parts, and every part's content is a
// piece of the body. Replayed over tests/fuzz/multipart_corpus by ctest.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t line_end = input.find('\n');
  const std::string_view content_type = input.substr(0, line_end);
  const std::string_view body =
      line_end == std::string_view::npos ? std::string_view() : input.substr(line_end + 1);
  bw::Result<std::vector<bw::server::MultipartFile>> files =
      bw::server::ParseMultipart(content_type, body);
  if (!files.ok()) return 0;
  if (files->size() > bw::server::kMaxParts) std::abort();
  for (const bw::server::MultipartFile& f : *files) {
    if (f.content.size() > body.size()) std::abort();
    if (!f.content.empty() && body.find(f.content) == std::string_view::npos) std::abort();
    if (f.name.find('/') != std::string::npos) std::abort();  // only the last path part
  }
  return 0;
}
