#include "service/json_writer.h"

#include <array>
#include <cmath>
#include <cstring>

#include "io/csv_reader.h"

namespace bw::service {
namespace {

// What nlohmann-json's serializer (dump_escaped, ensure_ascii = false) writes for each
// byte below 0x20 and for `"` and `\`: the short escapes \b \t \n \f \r, else \u00xx in
// lower-case hex. Every other byte of valid UTF-8 (`/`, DEL, non-ASCII) is copied.
constexpr std::array<std::string_view, 0x20> kControlEscapes = {
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
    "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
    "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
    "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
};

bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

}  // namespace

JsonWriter::JsonWriter(std::string* out, Options options) : out_(out), options_(options) {
  open_.reserve(16);
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;  // the top-level value
  const uint32_t written = open_.back()++;
  if (options_.indent < 0) {
    if (written > 0) out_->push_back(',');
    return;
  }
  out_->append(written > 0 ? ",\n" : "\n");
  out_->append(open_.size() * static_cast<size_t>(options_.indent), ' ');
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_->push_back('{');
  open_.push_back(0);
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_->push_back('[');
  open_.push_back(0);
}

void JsonWriter::EndObject() { End('}'); }
void JsonWriter::EndArray() { End(']'); }

void JsonWriter::End(char close) {
  const uint32_t written = open_.back();
  open_.pop_back();
  // nlohmann-json writes an empty container as `{}` / `[]` whatever the indent.
  if (written > 0 && options_.indent >= 0) {
    out_->push_back('\n');
    out_->append(open_.size() * static_cast<size_t>(options_.indent), ' ');
  }
  out_->push_back(close);
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  Quoted(key);
  out_->append(options_.indent < 0 ? ":" : ": ");
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  Quoted(value);
}

void JsonWriter::Quoted(std::string_view text) {
  bool ascii = true;
  for (const char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (!ascii && !io::IsValidUtf8(text)) {
    // Invalid UTF-8 is rare (imports reject it); let nlohmann-json apply the error handler
    // so that the exception (strict) or the replaced text is exactly its own.
    out_->append(nlohmann::json(std::string(text))
                     .dump(-1, ' ', /*ensure_ascii=*/false, options_.invalid_utf8));
    return;
  }
  out_->push_back('"');
  size_t copied = 0;  // text[0, copied) is written
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!NeedsEscape(c)) continue;
    out_->append(text.data() + copied, i - copied);
    if (c == '"') {
      out_->append("\\\"");
    } else if (c == '\\') {
      out_->append("\\\\");
    } else {
      out_->append(kControlEscapes[c]);
    }
    copied = i + 1;
  }
  out_->append(text.data() + copied, text.size() - copied);
  out_->push_back('"');
}

void JsonWriter::Double(double value) {
  BeforeValue();
  if (!std::isfinite(value)) {
    out_->append("null");
    return;
  }
  // nlohmann-json's own shortest round-trip formatting (Grisu2, then printf-%g-like layout
  // with exponents outside [-4, 15] and ".0" after whole numbers), called directly so the
  // text cannot drift from dump's: serializer::dump_float does exactly this with a buffer
  // of 64 characters.
  std::array<char, 64> buffer;
  const char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out_->append(buffer.data(), static_cast<size_t>(end - buffer.data()));
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_->append(value ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
}

}  // namespace bw::service
