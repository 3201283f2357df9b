// The streaming writer against nlohmann-json's dump on tricky values: every value is
// written once through the writer (walking a DOM) and compared with the DOM's dump(2),
// dump(4) and compact dump() byte for byte.
#include "service/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "service/internal/json_dom_builder.h"

namespace bw::service {
namespace {

using nlohmann::ordered_json;

template <typename Out>
void Walk(Out& out, const ordered_json& value) {
  switch (value.type()) {
    case ordered_json::value_t::object:
      out.BeginObject();
      for (const auto& [key, member] : value.items()) {
        out.Key(key);
        Walk(out, member);
      }
      out.EndObject();
      break;
    case ordered_json::value_t::array:
      out.BeginArray();
      for (const ordered_json& element : value) Walk(out, element);
      out.EndArray();
      break;
    case ordered_json::value_t::string:
      out.String(value.get_ref<const std::string&>());
      break;
    case ordered_json::value_t::boolean:
      out.Bool(value.get<bool>());
      break;
    case ordered_json::value_t::number_integer:
      out.Int(value.get<int64_t>());
      break;
    case ordered_json::value_t::number_unsigned:
      out.Int(value.get<uint64_t>());
      break;
    case ordered_json::value_t::number_float:
      out.Double(value.get<double>());
      break;
    default:
      out.Null();
      break;
  }
}

std::string Streamed(
    const ordered_json& value, int indent,
    nlohmann::json::error_handler_t handler = nlohmann::json::error_handler_t::strict) {
  std::string text;
  JsonWriter out(&text, {.indent = indent, .invalid_utf8 = handler});
  Walk(out, value);
  EXPECT_EQ(out.depth(), 0u);
  return text;
}

void ExpectLikeDump(const ordered_json& value) {
  for (int indent : {2, 4, 0, -1}) {
    EXPECT_EQ(Streamed(value, indent), value.dump(indent)) << "indent " << indent;
  }
}

TEST(JsonWriterTest, Scalars) {
  ExpectLikeDump(nullptr);
  ExpectLikeDump(true);
  ExpectLikeDump(false);
  ExpectLikeDump(0);
  ExpectLikeDump(-1);
  ExpectLikeDump(std::numeric_limits<int64_t>::min());
  ExpectLikeDump(std::numeric_limits<int64_t>::max());
  ExpectLikeDump(std::numeric_limits<uint64_t>::max());
  ExpectLikeDump("");
}

TEST(JsonWriterTest, DoublesAsNlohmannPrintsThem) {
  const double kDoubles[] = {0.0,
                             -0.0,
                             1.0,
                             25.0,
                             -25.0,
                             0.1,
                             0.1 + 0.2,
                             1.0 / 3.0,
                             123456.78,
                             1e-4,
                             1e-5,
                             1.5e-5,
                             1e15,
                             1e16,
                             123456789012345.0,
                             1234567890123456.0,
                             1e21,
                             1e22,
                             -1e21,
                             5e-324,
                             2.2250738585072014e-308,
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::lowest(),
                             64.2,
                             -14.499999999999998,
                             100.0,
                             9007199254740993.0};
  for (double d : kDoubles) {
    const ordered_json value = d;
    EXPECT_EQ(Streamed(value, 2), value.dump(2)) << d;
  }
  // Spot checks of the layout itself, so that a change in the library shows here too.
  EXPECT_EQ(Streamed(25.0, 2), "25.0");
  EXPECT_EQ(Streamed(-0.0, 2), "-0.0");
  EXPECT_EQ(Streamed(1e-5, 2), "1e-05");
  EXPECT_EQ(Streamed(1e21, 2), "1e+21");
  EXPECT_EQ(Streamed(5e-324, 2), "5e-324");
  EXPECT_EQ(Streamed(0.1 + 0.2, 2), "0.30000000000000004");
}

TEST(JsonWriterTest, NonFiniteDoublesAreNull) {
  for (double d : {std::nan(""), std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity()}) {
    const ordered_json value = d;
    EXPECT_EQ(Streamed(value, 2), "null");
    EXPECT_EQ(Streamed(value, 2), value.dump(2));
  }
}

TEST(JsonWriterTest, StringEscapes) {
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls.push_back(static_cast<char>(c));
  const std::string kStrings[] = {
      "plain",
      "quote \" and backslash \\ and slash /",
      controls,
      std::string("nul \0 inside", 12),
      "DEL \x7f stays",
      "Groß Köln Genève",
      "emoji \xF0\x9F\x98\x80 and CJK \xE4\xB8\xAD",
      "U+2028 \xE2\x80\xA8 and U+FFFF \xEF\xBF\xBF",
      "\"\\\"\\",
      "tab\tnew\nline\r\n",
  };
  for (const std::string& s : kStrings) {
    ExpectLikeDump(s);
    ordered_json object;
    object[s] = s;  // keys are escaped alike
    ExpectLikeDump(object);
  }
  EXPECT_EQ(Streamed("\x01\x1f\b", 2), "\"\\u0001\\u001f\\b\"");
}

TEST(JsonWriterTest, InvalidUtf8FollowsTheErrorHandler) {
  for (const std::string bad : {"\xC3", "a\xFFz", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
    const ordered_json value = bad;
    EXPECT_THROW(Streamed(value, 2), nlohmann::json::type_error) << bad;
    for (auto handler :
         {nlohmann::json::error_handler_t::replace, nlohmann::json::error_handler_t::ignore}) {
      EXPECT_EQ(Streamed(value, 2, handler), value.dump(2, ' ', false, handler));
    }
  }
}

TEST(JsonWriterTest, ContainersAndEmptyOnes) {
  ExpectLikeDump(ordered_json::object());
  ExpectLikeDump(ordered_json::array());
  ExpectLikeDump(ordered_json::parse(R"([[], {}, [[]], {"a": {}}, {"b": []}, [{}], 1])"));
  ExpectLikeDump(ordered_json::parse(R"({"z": 1, "a": [1, 2.5, "x", null, true],
      "m": {"deep": {"deeper": [{"k": -0.0}]}}, "e": {}})"));
}

TEST(JsonWriterTest, DomBuilderBuildsTheSameValue) {
  const ordered_json value = ordered_json::parse(
      R"({"a": [1, -2, 3.5, "s", null, false, {}, []], "b": {"c": {"d": [[], [1]]}}})");
  internal::JsonDomBuilder dom;
  Walk(dom, value);
  EXPECT_EQ(std::move(dom).Take(), value);
}

}  // namespace
}  // namespace bw::service
