// The streamed account rows (service::AccountListJsonText, WriteAccountPageJson) equal the
// DOM's dump(2) byte for byte: for every row of generated books, and for rows whose texts
// hold quotes, backslashes, control characters, umlauts and emoji.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "analytics/account_rows.h"
#include "generate/generator.h"
#include "io/data_set_reader.h"
#include "service/account_json.h"
#include "service/json_writer.h"
#include "snapshot/snapshot_builder.h"
#include "snapshot/testing.h"

namespace bw {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

const Day kAsOf = *ParseDate("2026-06-30");

std::vector<analytics::AccountRow> Rows(const snapshot::Snapshot& snap) {
  return analytics::ComputeAccountRows(snap, kAsOf, analytics::MetricParams(),
                                       analytics::DefaultHealthConfig());
}

// Every row streamed alone, the whole list, and a page, against the DOM forms.
void ExpectStreamEqualsDom(const snapshot::Snapshot& snap,
                           const std::vector<analytics::AccountRow>& rows) {
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string text;
    service::JsonWriter out(&text);
    service::WriteAccountRowJson(out, snap, rows[i]);
    ASSERT_EQ(text, service::AccountRowToJson(snap, rows[i]).dump(2)) << "row " << i;
  }
  EXPECT_EQ(service::AccountListJsonText(snap, kAsOf, rows),
            service::AccountListToJson(snap, kAsOf, rows).dump(2) + "\n");

  // The API's page as the server builds it today (src/server/api.cc, GET /accounts).
  const size_t offset = rows.size() / 3, end = std::min(rows.size(), offset + 7);
  ordered_json body;
  body["as_of"] = FormatDate(kAsOf);
  body["total"] = rows.size();
  body["limit"] = size_t{7};
  body["offset"] = offset;
  body["accounts"] = ordered_json::array();
  for (size_t i = offset; i < end; ++i)
    body["accounts"].push_back(service::AccountRowToJson(snap, rows[i]));
  const auto replace = nlohmann::json::error_handler_t::replace;
  std::string page;
  service::JsonWriter out(&page, {.indent = 2, .invalid_utf8 = replace});
  service::WriteAccountPageJson(out, snap, {kAsOf, rows.size(), 7, offset}, rows, offset, end);
  EXPECT_EQ(page, body.dump(2, ' ', false, replace));
}

class GeneratedBookTest : public ::testing::TestWithParam<std::pair<uint64_t, int>> {};

TEST_P(GeneratedBookTest, StreamedRowsEqualTheDomDump) {
  const fs::path dir =
      fs::temp_directory_path() / ("bellwether_json_stream_" + std::to_string(::getpid()) + "_" +
                                   std::to_string(GetParam().first));
  generate::GenerateOptions options;
  options.seed = GetParam().first;
  options.accounts = GetParam().second;
  options.as_of = kAsOf;
  ASSERT_TRUE(generate::GenerateDataSet(dir.string(), options).ok());
  snapshot::SnapshotBuilder builder;
  const Result<io::ReadStats> read = io::ReadDataSet(dir.string(), builder);
  fs::remove_all(dir);
  ASSERT_TRUE(read.ok()) << read.status().message();
  const std::shared_ptr<const snapshot::Snapshot> snap = builder.Finish();
  const std::vector<analytics::AccountRow> rows = Rows(*snap);
  ASSERT_GT(rows.size(), 100u);
  ExpectStreamEqualsDom(*snap, rows);
}

INSTANTIATE_TEST_SUITE_P(Seeds, GeneratedBookTest,
                         ::testing::Values(std::pair<uint64_t, int>{7, 500},
                                           std::pair<uint64_t, int>{42, 2000}));

TEST(AccountJsonStreamTest, TrickyTextsEqualTheDomDump) {
  const std::string kNames[] = {
      "Say \"Hi\" GmbH",
      "Back\\slash \\\\ AG",
      std::string("Ctl \x01\x02\x1f \b\f\n\r\t end"),
      "Müller & Söhne Straße ÄÖÜ",
      "Rocket \xF0\x9F\x9A\x80 Ltd \xF0\x9F\x98\x80",
      "slash / and DEL \x7f",
      "",
  };
  snapshot::TestData d;
  int i = 0;
  for (const std::string& name : kNames) {
    const std::string id = "A" + std::to_string(++i);
    snapshot::TestData::AccountFields fields;
    fields.name = name;
    fields.owner = i % 2 == 0 ? "" : "am\t\"" + std::to_string(i) + "\"@vendor.example";
    fields.industry = i % 3 == 0 ? "" : "Industrie \xE2\x80\x94 " + name;
    fields.region = i == 3 ? "" : "DACH \\ Süd";
    d.Account(id, fields);
    d.Revenue(id, "2026-03", 1000.0 * i + 0.05 * i);
    d.Contact("C" + std::to_string(i), id, Role::kDecisionMaker);
    if (i % 2 == 1) d.Response("R" + std::to_string(i), "C" + std::to_string(i), "2026-05-01", i);
  }
  const std::shared_ptr<const snapshot::Snapshot> snap = d.Build();
  const std::vector<analytics::AccountRow> rows = Rows(*snap);
  ASSERT_EQ(rows.size(), std::size(kNames));
  ExpectStreamEqualsDom(*snap, rows);
  // The escapes themselves, as nlohmann-json writes them.
  const std::string text = service::AccountListJsonText(*snap, kAsOf, rows);
  EXPECT_NE(text.find(R"("name": "Say \"Hi\" GmbH")"), std::string::npos);
  EXPECT_NE(text.find(R"(Ctl \u0001\u0002\u001f \b\f\n\r\t end)"), std::string::npos);
  EXPECT_NE(text.find("Rocket \xF0\x9F\x9A\x80 Ltd"), std::string::npos);
}

}  // namespace
}  // namespace bw
