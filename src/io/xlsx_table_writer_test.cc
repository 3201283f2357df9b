#include "io/xlsx_table_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "io/xlsx_reader.h"

namespace bw::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A cell as the project's reader sees it: its text and type ("" for a blank cell).
struct ReadCell {
  std::string text;
  CellType type = CellType::kText;
  bool operator==(const ReadCell& other) const { return text == other.text && type == other.type; }
};
void PrintTo(const ReadCell& cell, std::ostream* os) {
  *os << "\"" << cell.text << "\"/" << static_cast<int>(cell.type);
}

// Every sheet of a workbook: name -> rows (the header first).
std::map<std::string, std::vector<std::vector<ReadCell>>> ReadBack(const std::string& bytes) {
  std::map<std::string, std::vector<std::vector<ReadCell>>> sheets;
  Result<std::unique_ptr<XlsxWorkbook>> book = XlsxWorkbook::FromBytes(bytes, "out.xlsx");
  EXPECT_TRUE(book.ok()) << book.status().message();
  if (!book.ok()) return sheets;
  const std::vector<std::string> names = (*book)->SheetNames();
  for (size_t i = 0; i < names.size(); ++i) {
    Result<std::unique_ptr<RowSource>> rows = (*book)->OpenSheet(i);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    auto& out = sheets[names[i]];
    while ((*rows)->Next()) {
      std::vector<ReadCell>& row = out.emplace_back();
      const auto& fields = (*rows)->fields();
      const auto& types = (*rows)->types();
      for (size_t c = 0; c < fields.size(); ++c) {
        row.push_back({std::string(fields[c]), types.empty() ? CellType::kText : types[c]});
      }
    }
    EXPECT_TRUE((*rows)->status().ok()) << (*rows)->status().message();
  }
  return sheets;
}

// The uncompressed bytes of part `name` of the zip archive `bytes` ("" when absent).
std::string Part(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  std::string out;
  if (archive != nullptr) {
    zip_stat_t stat;
    if (zip_stat(archive, name.c_str(), 0, &stat) == 0) {
      out.resize(stat.size);
      zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
      zip_fread(file, out.data(), stat.size);
      zip_fclose(file);
    }
    zip_discard(archive);
  } else {
    zip_source_free(source);
  }
  zip_error_fini(&error);
  return out;
}

TEST(XlsxTableWriterTest, CellsAreWrittenAsTheirKind) {
  XlsxTable table;
  table.sheet = "figures";
  table.columns = {"id", "ttm", "nrr", "as_of", "score", "note"};
  table.rows = {
      {{"000123"},
       {"1234567.89", XlsxKind::kMoney},
       {"1.125", XlsxKind::kPercent},
       {"2026-03-31", XlsxKind::kDate},
       {"7", XlsxKind::kNumber},
       {"=1+1"}},
      // Blank cells; a value that does not read as its kind stays text.
      {{"A2"},
       {"", XlsxKind::kMoney},
       {"n/a", XlsxKind::kPercent},
       {"31.03.2026", XlsxKind::kDate},
       {"-0.5", XlsxKind::kNumber},
       {""}},
  };
  Result<std::string> bytes = XlsxTablesBytes({table});
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  const auto sheets = ReadBack(*bytes);
  ASSERT_EQ(sheets.count("figures"), 1u);
  const auto& rows = sheets.at("figures");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0], ElementsAre(ReadCell{"id"}, ReadCell{"ttm"}, ReadCell{"nrr"},
                                   ReadCell{"as_of"}, ReadCell{"score"}, ReadCell{"note"}));
  EXPECT_THAT(rows[1], ElementsAre(ReadCell{"000123"}, ReadCell{"1234567.89", CellType::kNumber},
                                   ReadCell{"1.125", CellType::kNumber},
                                   ReadCell{"2026-03-31", CellType::kDate},
                                   ReadCell{"7", CellType::kNumber}, ReadCell{"=1+1"}));
  EXPECT_THAT(rows[2],
              ElementsAre(ReadCell{"A2"}, ReadCell{""}, ReadCell{"n/a"}, ReadCell{"31.03.2026"},
                          ReadCell{"-0.5", CellType::kNumber}, ReadCell{""}));
}

TEST(XlsxTableWriterTest, TheSheetHasNumberFormatsFrozenPanesAndAFilter) {
  XlsxTable table{
      "t",
      {"ttm", "rate", "day"},
      {{{"1", XlsxKind::kMoney}, {"0.5", XlsxKind::kPercent}, {"2026-01-01", XlsxKind::kDate}}}};
  Result<std::string> bytes = XlsxTablesBytes({table});
  ASSERT_TRUE(bytes.ok());
  const std::string styles = Part(*bytes, "xl/styles.xml");
  EXPECT_THAT(styles, HasSubstr("formatCode=\"#,##0.00\""));
  EXPECT_THAT(styles, HasSubstr("formatCode=\"0.0%\""));
  EXPECT_THAT(styles, HasSubstr("formatCode=\"yyyy-mm-dd\""));
  EXPECT_THAT(styles, HasSubstr("<b/>"));  // the bold header
  const std::string sheet = Part(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet, HasSubstr("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                               "state=\"frozen\"/>"));
  EXPECT_THAT(sheet, HasSubstr("<autoFilter ref=\"A1:C2\"/>"));
  EXPECT_THAT(sheet, HasSubstr("<col min=\"1\" max=\"1\" width=\"8.7109375\""));
}

TEST(XlsxTableWriterTest, SheetNamesAreMadeValidAndUnique) {
  std::vector<XlsxTable> tables = {
      {"segments.industry", {"a"}, {}},
      {"a/b:c[d]*?\\", {"a"}, {}},
      {"a very long name of more than thirty-one characters", {"a"}, {}},
      {"Segments.Industry", {"a"}, {}},
      {"", {"a"}, {}},
  };
  Result<std::string> bytes = XlsxTablesBytes(tables);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  Result<std::unique_ptr<XlsxWorkbook>> book = XlsxWorkbook::FromBytes(*bytes, "out.xlsx");
  ASSERT_TRUE(book.ok());
  EXPECT_THAT((*book)->SheetNames(),
              ElementsAre("segments.industry", "a_b_c_d____", "a very long name of more than t",
                          "Segments.Industry (2)", "Sheet"));
}

TEST(XlsxTableWriterTest, WritesAtomicallyAndReplacesOnlyWithForce) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("bw_xlsx_table_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.xlsx").string();
  { std::ofstream(path) << "old"; }
  const std::vector<XlsxTable> tables = {{"t", {"a"}, {{{"1", XlsxKind::kNumber}}}}};
  const Status refused = WriteXlsxTables(path, tables, /*force=*/false);
  EXPECT_EQ(refused.code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(refused.message(), HasSubstr("--force"));
  EXPECT_EQ(std::filesystem::file_size(path), 3u);  // untouched
  ASSERT_TRUE(WriteXlsxTables(path, tables, /*force=*/true).ok());
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(ReadBack(bytes).at("t")[1][0], (ReadCell{"1", CellType::kNumber}));
  // Nothing else is left beside it (the temporary file was renamed).
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator()),
            1);
  EXPECT_EQ(WriteXlsxTables(path, {}, true).code(), StatusCode::kInvalidArgument);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bw::io
