#include "io/xlsx_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <string>

#include "io/import_input.h"
#include "io/normalizer.h"
#include "io/test_recording_sink.h"

namespace bw::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A zip archive in memory holding `parts` (name -> bytes), written with libzip.
std::string Zip(const std::map<std::string, std::string>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_source_keep(buffer);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* part = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    zip_file_add(archive, name.c_str(), part, ZIP_FL_OVERWRITE);
  }
  zip_close(archive);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

// A workbook with the given sheets (name -> sheetData XML), shared strings and styles:
// style 1 shows a date (built-in format 14), style 2 a custom date format, style 3 money.
std::string Workbook(const std::vector<std::pair<std::string, std::string>>& sheets,
                     const std::vector<std::string>& shared, bool date1904 = false) {
  std::map<std::string, std::string> parts;
  std::string workbook =
      "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
      "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/"
      "2006/relationships\">";
  workbook += date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>";
  workbook += "<sheets>";
  std::string rels = "<?xml version=\"1.0\"?><Relationships>";
  for (size_t i = 0; i < sheets.size(); ++i) {
    const std::string id = "rId" + std::to_string(i + 1);
    workbook += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + std::to_string(i + 1) +
                "\" r:id=\"" + id + "\"/>";
    rels += "<Relationship Id=\"" + id + "\" Target=\"worksheets/sheet" + std::to_string(i + 1) +
            ".xml\"/>";
    parts["xl/worksheets/sheet" + std::to_string(i + 1) + ".xml"] =
        "<?xml version=\"1.0\"?><worksheet><sheetData>" + sheets[i].second +
        "</sheetData></worksheet>";
  }
  parts["xl/workbook.xml"] = workbook + "</sheets></workbook>";
  parts["xl/_rels/workbook.xml.rels"] = rels + "</Relationships>";
  std::string sst = "<?xml version=\"1.0\"?><sst>";
  for (const std::string& s : shared) sst += "<si><t>" + s + "</t></si>";
  parts["xl/sharedStrings.xml"] = sst + "</sst>";
  parts["xl/styles.xml"] =
      "<?xml version=\"1.0\"?><styleSheet><numFmts><numFmt numFmtId=\"164\" "
      "formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"#,##0.00\\ "
      "&quot;€&quot;\"/>"
      "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/>"
      "<xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>";
  return Zip(parts);
}

std::vector<std::string> Rows(RowSource& rows) {
  std::vector<std::string> out;
  while (rows.Next()) {
    std::string line = std::to_string(rows.line()) + ":";
    for (size_t i = 0; i < rows.fields().size(); ++i) {
      const char type = "tnde"[static_cast<int>(rows.types()[i])];
      line += std::string(i ? "," : "") + std::string(rows.fields()[i]) + "/" + type;
    }
    out.push_back(line);
  }
  EXPECT_TRUE(rows.status().ok()) << rows.status().message();
  return out;
}

TEST(XlsxReaderTest, ReadsTypedCells) {
  const std::string bytes = Workbook(
      {{"revenue",
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<c r=\"C1\" t=\"inlineStr\"><is><t>amount</t></is></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" s=\"1\"><v>46112</v></c>"
        "<c r=\"C2\" s=\"3\"><v>1234.5599999999999</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"str\"><f>A2</f><v>A1</v></c><c r=\"B4\" s=\"2\"><v>61</v></c>"
        "<c r=\"C4\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c><c r=\"E4\"><v>1</v></c></row>"}},
      {"account_id", "month", "A1"});
  Result<std::unique_ptr<XlsxWorkbook>> book = XlsxWorkbook::FromBytes(bytes, "book.xlsx");
  ASSERT_TRUE(book.ok()) << book.status().message();
  EXPECT_THAT((*book)->SheetNames(), ElementsAre("revenue"));
  Result<std::unique_ptr<RowSource>> rows = (*book)->OpenSheet(0);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)->name(), "book.xlsx:revenue");
  EXPECT_THAT(Rows(**rows),
              ElementsAre("1:account_id/t,month/t,amount/t", "2:A1/t,2026-03-31/d,1234.56/n",
                          "4:A1/t,1900-03-01/d,#DIV/0!/e,/t,1/n"));
}

// Numbers read as Excel shows them: at most 15 significant digits, no exponent for
// ordinary magnitudes, no trailing zeros; the plain ones without strtod (a fast path that
// must agree with the general one).
TEST(XlsxReaderTest, NumbersReadAsExcelShowsThem) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1234.50", "1234.5"},
      {"100.0", "100"},
      {"-0", "0"},
      {"-0.000", "0"},
      {"0", "0"},
      {"-12.25", "-12.25"},
      {"0.00012", "0.00012"},
      {"0.00001", "1e-05"},
      {"45657", "45657"},
      {"0.1000000000000000055", "0.1"},
      {"123456789012345", "123456789012345"},
      {"1234567890123456789", "1.23456789012346e+18"},
      {"2.5E3", "2500"},
      {"12.", "12"},
      {"007", "7"},
      {"1.23456789012345678", "1.23456789012346"}};
  std::string sheet = "<row r=\"1\"><c t=\"inlineStr\"><is><t>value</t></is></c></row>";
  for (size_t i = 0; i < cases.size(); ++i) {
    sheet += "<row r=\"" + std::to_string(i + 2) + "\"><c><v>" + cases[i].first + "</v></c></row>";
  }
  Result<std::unique_ptr<XlsxWorkbook>> book =
      XlsxWorkbook::FromBytes(Workbook({{"signals", sheet}}, {}), "book.xlsx");
  ASSERT_TRUE(book.ok()) << book.status().message();
  Result<std::unique_ptr<RowSource>> rows = (*book)->OpenSheet(0);
  ASSERT_TRUE(rows.ok());
  const std::vector<std::string> read = Rows(**rows);
  ASSERT_EQ(read.size(), cases.size() + 1);
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(read[i + 1], std::to_string(i + 2) + ":" + cases[i].second + "/n") << cases[i].first;
  }
}

TEST(XlsxReaderTest, ConvertsASheetAndReportsErrorCellsByCell) {
  const std::string bytes = Workbook(
      {{"Revenue",
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>account_id</t></is></c><c t=\"inlineStr\"><is>"
        "<t>month</t></is></c><c t=\"inlineStr\"><is><t>amount</t></is></c></row>"
        "<row r=\"2\"><c t=\"inlineStr\"><is><t>A1</t></is></c><c s=\"1\"><v>46082</v></c>"
        "<c><v>100.5</v></c></row>"
        "<row r=\"3\"><c t=\"inlineStr\"><is><t>A1</t></is></c><c t=\"inlineStr\"><is>"
        "<t>April 2026</t></is></c><c t=\"e\"><v>#N/A</v></c></row>"}},
      {});
  Result<std::unique_ptr<XlsxWorkbook>> book = XlsxWorkbook::FromBytes(bytes, "book.xlsx");
  ASSERT_TRUE(book.ok()) << book.status().message();
  Result<std::unique_ptr<RowSource>> rows = (*book)->OpenSheet(0);
  ASSERT_TRUE(rows.ok());
  Result<NormalizedFile> out = NormalizeToImportFormat(2, **rows, {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "book.xlsx:Revenue!C3: amount: the cell holds the error #N/A; fix the formula or "
            "clear the cell");
  // Without the bad row: serial 46082 with a date style is March 2026.
  const std::string good = Workbook(
      {{"revenue",
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>account_id</t></is></c><c t=\"inlineStr\"><is>"
        "<t>month</t></is></c><c t=\"inlineStr\"><is><t>amount</t></is></c></row>"
        "<row r=\"2\"><c t=\"inlineStr\"><is><t>A1</t></is></c><c s=\"1\"><v>46082</v></c>"
        "<c><v>100.5</v></c></row>"
        "<row r=\"5\"><c t=\"inlineStr\"><is><t>A1</t></is></c><c><v>46113</v></c>"
        "<c t=\"inlineStr\"><is><t>7,25</t></is></c></row>"}},
      {});
  book = XlsxWorkbook::FromBytes(good, "book.xlsx");
  ASSERT_TRUE(book.ok());
  rows = (*book)->OpenSheet(0);
  ASSERT_TRUE(rows.ok());
  out = NormalizeToImportFormat(2, **rows, {});
  ASSERT_TRUE(out.ok()) << out.status().message();
  // Row 5 is line 5; an undated serial in a month column is a date too; text amounts
  // follow the dialect rules.
  EXPECT_EQ(out->csv, "account_id,month,amount\nA1,2026-03,100.5\n\n\nA1,2026-04,7.25\n");
}

TEST(XlsxReaderTest, Workbook1904DateSystem) {
  const std::string bytes = Workbook(
      {{"accounts",
        "<row><c t=\"inlineStr\"><is><t>account_id</t></is></c><c t=\"inlineStr\"><is><t>name"
        "</t></is></c><c t=\"inlineStr\"><is><t>created_on</t></is></c></row>"
        "<row><c><v>1001</v></c><c t=\"b\"><v>1</v></c><c s=\"1\"><v>44650</v></c></row>"}},
      {}, true);
  Result<std::unique_ptr<XlsxWorkbook>> book = XlsxWorkbook::FromBytes(bytes, "b.xlsx");
  ASSERT_TRUE(book.ok()) << book.status().message();
  Result<std::unique_ptr<RowSource>> rows = (*book)->OpenSheet(0);
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(Rows(**rows),
              ElementsAre("1:account_id/t,name/t,created_on/t", "2:1001/n,TRUE/t,2026-03-31/d"));
}

TEST(XlsxReaderTest, RefusesWhatIsNotAWorkbook) {
  Result<std::unique_ptr<XlsxWorkbook>> book = XlsxWorkbook::FromBytes("hello", "x.xlsx");
  ASSERT_FALSE(book.ok());
  EXPECT_THAT(book.status().message(), HasSubstr("x.xlsx: not an .xlsx workbook"));
  book = XlsxWorkbook::FromBytes(Zip({{"a.txt", "x"}}), "x.xlsx");
  ASSERT_FALSE(book.ok());
  EXPECT_THAT(book.status().message(), HasSubstr("part xl/workbook.xml missing"));
  book = XlsxWorkbook::FromBytes(Zip({{"xl/workbook.xml", "<workbook><sheets>"}}), "x.xlsx");
  ASSERT_FALSE(book.ok());
  EXPECT_THAT(book.status().message(), HasSubstr("malformed XML"));
}

TEST(XlsxReaderTest, ZipBombStopsAtTheLimit) {
  // 8 MiB of one repeated row compresses to a few KiB.
  std::string rows;
  while (rows.size() < (8u << 20)) rows += "<row><c><v>1</v></c></row>";
  const std::string bytes = Workbook({{"accounts", rows}}, {});
  EXPECT_LT(bytes.size(), 200u << 10);
  XlsxLimits limits;
  limits.max_part_bytes = 1 << 20;
  Result<std::unique_ptr<XlsxWorkbook>> book = XlsxWorkbook::FromBytes(bytes, "bomb.xlsx", limits);
  ASSERT_TRUE(book.ok()) << book.status().message();
  Result<std::unique_ptr<RowSource>> sheet = (*book)->OpenSheet(0);
  ASSERT_TRUE(sheet.ok());
  while ((*sheet)->Next()) {
  }
  EXPECT_THAT((*sheet)->status().message(),
              HasSubstr("more than 1048576 uncompressed bytes (docs/limits.md; a zip bomb?)"));
  limits = XlsxLimits();
  limits.max_cells = 1000;
  book = XlsxWorkbook::FromBytes(bytes, "many.xlsx", limits);
  ASSERT_TRUE(book.ok());
  sheet = (*book)->OpenSheet(0);
  ASSERT_TRUE(sheet.ok());
  while ((*sheet)->Next()) {
  }
  EXPECT_THAT((*sheet)->status().message(), HasSubstr("more than 1000 cells"));
}

}  // namespace
}  // namespace bw::io
