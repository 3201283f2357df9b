#include "server/multipart.h"

#include <algorithm>
#include <cctype>

#include "core/ascii.h"
namespace bw::server {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The value of `parameter` in a header value like `form-data; name="x"; filename="y.csv"`.
std::string Parameter(std::string_view header, std::string_view parameter) {
  size_t at = 0;
  while ((at = header.find(';', at)) != std::string_view::npos) {
    ++at;
    std::string_view rest = Trim(header.substr(at));
    const size_t eq = rest.find('=');
    if (eq == std::string_view::npos) continue;
    if (AsciiLower(Trim(rest.substr(0, eq))) != parameter) continue;
    std::string_view value = Trim(rest.substr(eq + 1));
    if (!value.empty() && value.front() == '"') {
      const size_t end = value.find('"', 1);
      return std::string(value.substr(1, end == std::string_view::npos ? end : end - 1));
    }
    return std::string(value.substr(0, value.find(';')));
  }
  return "";
}

}  // namespace

Result<std::vector<MultipartFile>> ParseMultipart(std::string_view content_type,
                                                  std::string_view body) {
  if (AsciiLower(Trim(content_type.substr(0, content_type.find(';')))) != "multipart/form-data") {
    return InvalidArgument(
        "an import is a multipart/form-data upload of CSV files "
        "(e.g. curl -F accounts.csv=@accounts.csv)");
  }
  const std::string boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) {
    return InvalidArgument("multipart/form-data without a usable boundary");
  }
  const std::string delimiter = "--" + boundary;
  std::vector<MultipartFile> files;
  size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return InvalidArgument("multipart body without its boundary");
  for (;;) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") break;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return InvalidArgument("malformed multipart delimiter line");
    at += 2;
    const size_t headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos)
      return InvalidArgument("multipart part without headers");
    std::string disposition;
    for (size_t line = at; line < headers_end;) {
      const size_t end = std::min(body.find("\r\n", line), headers_end);
      const std::string_view header = body.substr(line, end - line);
      const size_t colon = header.find(':');
      if (colon != std::string_view::npos &&
          AsciiLower(Trim(header.substr(0, colon))) == "content-disposition") {
        disposition = std::string(header.substr(colon + 1));
      }
      line = end + 2;
    }
    const size_t content_start = headers_end + 4;
    const size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return InvalidArgument("multipart part without an end");
    MultipartFile file;
    file.name = Parameter(disposition, "filename");
    if (file.name.empty()) file.name = Parameter(disposition, "name");
    // A path sent as the file name counts by its last component only.
    if (const size_t slash = file.name.find_last_of("/\\"); slash != std::string::npos) {
      file.name = file.name.substr(slash + 1);
    }
    file.content = std::string(body.substr(content_start, next - content_start));
    files.push_back(std::move(file));
    if (files.size() > kMaxParts) {
      return InvalidArgument("more than " + std::to_string(kMaxParts) + " parts in the upload");
    }
    at = next + 2;
  }
  return files;
}

}  // namespace bw::server
