// libcurl callbacks that the server's tests share: collect an answer's body and its
// headers (names in lower case). For tests only.
#pragma once

#include <cctype>
#include <cstddef>
#include <map>
#include <string>

namespace bw::server::test_support {

// CURLOPT_WRITEFUNCTION: appends to the std::string at `out`.
inline size_t CollectBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// CURLOPT_HEADERFUNCTION: adds "Name: value" to the std::map<std::string, std::string> at
// `out`, the name in lower case.
inline size_t CollectHeader(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  const size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

}  // namespace bw::server::test_support
