// PrepareUploadedFiles: the files of an upload (POST /api/v1/imports) are read as a
// directory is (docs/importing.md): strict files as they are, other dialects detected and
// converted, a workbook by its sheets.
#include "io/import_input.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/test_recording_sink.h"
#include "io/xlsx_table_writer.h"

namespace bw::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Read(const PreparedDataSet& prepared) {
  RecordingSink sink;
  ReadOptions options;
  options.require_accounts = false;
  const Result<ReadStats> stats = ReadDataSetInputs(prepared.inputs, sink, options);
  EXPECT_TRUE(stats.ok()) << stats.status().message();
  return sink.events;
}

TEST(PrepareUploadedFilesTest, StrictGermanCsvAndAWorkbookGiveTheSameRecords) {
  // accounts as a workbook sheet (typed date cell), contacts as German Excel CSV
  // (Windows-1252 "ö", ';', DD.MM.YYYY), revenue in the strict format.
  XlsxTable accounts{"accounts",
                     {"account_id", "name", "created_on"},
                     {{{"A1"}, {"Muster AG"}, {"2020-01-15", XlsxKind::kDate}}}};
  Result<std::string> book = XlsxTablesBytes({accounts});
  ASSERT_TRUE(book.ok());
  const std::string contacts =
      "contact_id;account_id;name;role;left_on\r\n"
      "C1;A1;J\xF6rg;user;31.03.2026\r\n";
  const std::string revenue = "account_id,month,amount\nA1,2026-01,1234.50\n";
  Result<PreparedDataSet> prepared = PrepareUploadedFiles(
      {{"book.xlsx", *book}, {"contacts.csv", contacts}, {"revenue.csv", revenue}},
      PrepareOptions{}, ReadOptions{});
  ASSERT_TRUE(prepared.ok()) << prepared.status().message();
  EXPECT_THAT(Read(*prepared),
              ElementsAre("account A1|Muster AG|||||2020-01-15|",
                          "contact C1|A1|Jörg||user|2026-03-31", "revenue A1|2026-01|1234.50"));
  ASSERT_EQ(prepared->notes.size(), 3u);
  EXPECT_EQ(prepared->notes[0].how, "XLSX sheet");
  EXPECT_THAT(prepared->notes[1].how,
              HasSubstr("Windows-1252 (detected), delimiter ';' (detected), dates DD.MM.YYYY"));
  EXPECT_EQ(prepared->notes[2].how, "strict import format");
}

TEST(PrepareUploadedFilesTest, OverridesApplyAndBadFilesAreRefused) {
  PrepareOptions options;
  options.overrides.date_order = DateOrder::kMonthDayYear;
  Result<PreparedDataSet> prepared = PrepareUploadedFiles(
      {{"accounts.csv", "account_id;name;created_on\nA1;Alpha;03/04/2025\n"}}, options, {});
  ASSERT_TRUE(prepared.ok()) << prepared.status().message();
  EXPECT_THAT(Read(*prepared), ElementsAre("account A1|Alpha|||||2025-03-04|"));
  // Ambiguous without the override: refused, never guessed.
  prepared = PrepareUploadedFiles(
      {{"accounts.csv", "account_id;name;created_on\nA1;Alpha;03/04/2025\n"}}, {}, {});
  ASSERT_FALSE(prepared.ok());
  EXPECT_THAT(prepared.status().message(), HasSubstr("could be day/month or month/day"));
  prepared = PrepareUploadedFiles({{"notes.txt", "x"}}, {}, {});
  EXPECT_THAT(prepared.status().message(), HasSubstr("\"notes.txt\" is not a file"));
  const std::string strict = "account_id,name\nA1,Alpha\n";
  prepared = PrepareUploadedFiles({{"accounts.csv", strict}, {"accounts.csv", strict}}, {}, {});
  EXPECT_THAT(prepared.status().message(), HasSubstr("found twice"));
  ReadOptions small;
  small.max_file_bytes = 10;
  prepared = PrepareUploadedFiles({{"accounts.csv", strict}}, {}, small);
  EXPECT_THAT(prepared.status().message(), HasSubstr("more than the limit of 10"));
}

}  // namespace
}  // namespace bw::io
