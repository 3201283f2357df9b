// CSV for spreadsheets: the three dialects, decimal commas, quoting, and flattening an
// object of the spec into field/value rows.
#include "service/csv_dialect.h"

#include <gtest/gtest.h>

namespace bw::service {
namespace {

const std::vector<std::vector<std::string>> kRows = {
    {"account_id", "name", "ttm", "score", "as_of"},
    {"A1", "Müller; Söhne", "1234.50", "-0.5", "2026-06-30"},
    {"A2", "say \"hi\"", "12", "", "2026-06-30"}};

TEST(CsvDialectTest, ExcelDeHasABomSemicolonsAndDecimalCommas) {
  EXPECT_EQ(CsvText(kRows, CsvDialect::kExcelDe),
            "\xEF\xBB\xBF"
            "account_id;name;ttm;score;as_of\n"
            "A1;\"Müller; Söhne\";1234,50;-0,5;2026-06-30\n"
            "A2;\"say \"\"hi\"\"\";12;;2026-06-30\n");
}

TEST(CsvDialectTest, ExcelHasABomCommasAndPoints) {
  EXPECT_EQ(CsvText(kRows, CsvDialect::kExcel),
            "\xEF\xBB\xBF"
            "account_id,name,ttm,score,as_of\n"
            "A1,Müller; Söhne,1234.50,-0.5,2026-06-30\n"
            "A2,\"say \"\"hi\"\"\",12,,2026-06-30\n");
}

TEST(CsvDialectTest, Rfc4180HasNoBom) {
  const std::string text = CsvText(kRows, CsvDialect::kRfc4180);
  EXPECT_EQ(text.rfind("account_id,name", 0), 0u);
  EXPECT_EQ(CsvText({{""}}, CsvDialect::kRfc4180), "\"\"\n");
}

TEST(CsvDialectTest, ParsesTheThreeNames) {
  EXPECT_EQ(*ParseCsvDialect("excel-de"), CsvDialect::kExcelDe);
  EXPECT_EQ(*ParseCsvDialect("excel"), CsvDialect::kExcel);
  EXPECT_EQ(*ParseCsvDialect("rfc4180"), CsvDialect::kRfc4180);
  EXPECT_EQ(ParseCsvDialect("tsv").status().message(),
            "--csv-dialect: \"tsv\" is not a dialect (excel-de, excel, rfc4180)");
}

TEST(CsvDialectTest, FlattensNestedObjectsAndListsInOrder) {
  const nlohmann::ordered_json object = nlohmann::ordered_json::parse(
      R"({"as_of": "2026-06-30", "retention": {"nrr": 1.1, "egr": null},
          "drivers": [{"driver": "=cmd", "mentions": 3}], "ok": true})");
  const std::vector<std::vector<std::string>> expected = {
      {"field", "value"},    {"as_of", "2026-06-30"},        {"retention.nrr", "1.1"},
      {"retention.egr", ""}, {"drivers[0].driver", "'=cmd"}, {"drivers[0].mentions", "3"},
      {"ok", "true"}};
  EXPECT_EQ(FlattenToRows(object), expected);
}

}  // namespace
}  // namespace bw::service
