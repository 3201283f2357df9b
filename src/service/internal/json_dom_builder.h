// A JsonWriter look-alike that builds an nlohmann::ordered_json instead of text, so that an
// encoder written once as a template over its output (`template <typename Out> void
// WriteX(Out& out, ...)`) gives both the streaming form (JsonWriter) and the DOM form
// (this) from one list of fields. Private to src/service.
#pragma once

#include <concepts>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bw::service::internal {

class JsonDomBuilder {
 public:
  void BeginObject() { Open(nlohmann::ordered_json::object()); }
  void BeginArray() { Open(nlohmann::ordered_json::array()); }
  void EndObject() { open_.pop_back(); }
  void EndArray() { open_.pop_back(); }
  void Key(std::string_view key) { key_.assign(key); }
  void String(std::string_view value) { Add(std::string(value)); }
  template <typename T>
  requires(std::integral<T> && !std::same_as<T, bool>) void Int(T value) { Add(value); }
  void Double(double value) { Add(value); }
  void Bool(bool value) { Add(value); }
  void Null() { Add(nullptr); }

  // The value built; call once, after the last End.
  nlohmann::ordered_json Take() && { return std::move(root_); }

 private:
  // Places the value in the open container (under the last key in an object) or as the
  // root, and returns where it lives. The pointers in open_ stay valid: a container only
  // grows while it is the innermost open one.
  nlohmann::ordered_json* Add(nlohmann::ordered_json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    nlohmann::ordered_json& parent = *open_.back();
    if (parent.is_object()) return &(parent[key_] = std::move(value));
    parent.push_back(std::move(value));
    return &parent.back();
  }
  void Open(nlohmann::ordered_json container) { open_.push_back(Add(std::move(container))); }

  nlohmann::ordered_json root_;
  std::vector<nlohmann::ordered_json*> open_;
  std::string key_;
};

}  // namespace bw::service::internal
