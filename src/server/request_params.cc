#include "server/request_params.h"

#include <algorithm>
#include <charconv>

namespace bw::server {

const std::string* QueryValue(const RouteCall& call, const std::string& name) {
  const auto it = call.query.find(name);
  return it == call.query.end() ? nullptr : &it->second;
}

Status OnlyParameters(const RouteCall& call, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : call.query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return InvalidField(name, "unknown query parameter \"" + name + "\"");
    }
  }
  return Status::Ok();
}

Result<std::pair<int64_t, int64_t>> ParsePaging(const RouteCall& call) {
  auto number = [&](const char* name, int64_t fallback) -> Result<int64_t> {
    const std::string* text = QueryValue(call, name);
    if (text == nullptr) return fallback;
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 0) {
      return InvalidField(name, std::string(name) + " must be a whole number >= 0");
    }
    return value;
  };
  BW_ASSIGN_OR_RETURN(const int64_t limit, number("limit", 100));
  BW_ASSIGN_OR_RETURN(const int64_t offset, number("offset", 0));
  if (limit > 1000) return InvalidField("limit", "limit may be at most 1000");
  return std::make_pair(limit, offset);
}

}  // namespace bw::server
