#include "io/dialect.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "io/import_input.h"
#include "io/normalizer.h"
#include "io/test_recording_sink.h"

namespace bw::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Converts `csv` (UTF-8) as file `file` and returns the strict bytes or the error.
Result<NormalizedFile> Convert(size_t file, std::string_view csv, char delimiter = ';',
                               const NormalizeOptions& options = {}) {
  DelimitedRows rows(csv, delimiter, std::string(DataSetFileName(file)));
  return NormalizeToImportFormat(file, rows, options);
}

TEST(DialectTest, DecodesWindows1252AndNamesIt) {
  const std::string bytes = "name\nM\xFCller \x80\n";  // ü and € in Windows-1252
  Result<DecodedText> decoded = DecodeText(bytes, "accounts.csv", std::nullopt);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->encoding, TextEncoding::kWindows1252);
  EXPECT_TRUE(decoded->detected);
  EXPECT_EQ(decoded->text(), "name\nM\xC3\xBCller \xE2\x82\xAC\n");
}

TEST(DialectTest, RefusesLatin9OrWindows1252WhenABytesReadsDifferently) {
  // 0xA4 is '¤' in Windows-1252 and '€' in ISO-8859-15; nothing else tells.
  Result<DecodedText> decoded = DecodeText("name\nPreis 5 \xA4\n", "accounts.csv", std::nullopt);
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(decoded.status().message(),
              HasSubstr("accounts.csv:2: not UTF-8, and byte 0xA4 reads differently"));
  EXPECT_THAT(decoded.status().message(), HasSubstr("--encoding windows-1252"));
  Result<DecodedText> given =
      DecodeText("name\nPreis 5 \xA4\n", "accounts.csv", TextEncoding::kIso8859_15);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->text(), "name\nPreis 5 \xE2\x82\xAC\n");
}

TEST(DialectTest, DecodesUtf16WithByteOrderMark) {
  const std::string utf8 = "a\tb\n\xC3\xA4\t1\n";  // "ä"
  std::string le = "\xFF\xFE";
  for (char c : std::string("a\tb\n")) le += std::string{c, '\0'};
  le += std::string(
      "\xE4\0\t\0"
      "1\0\n\0",
      8);
  Result<DecodedText> decoded = DecodeText(le, "x.csv", std::nullopt);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->encoding, TextEncoding::kUtf16Le);
  EXPECT_EQ(decoded->text(), utf8);
  // Without the mark: NUL bytes, refused with the option to use.
  Result<DecodedText> bare = DecodeText(le.substr(2), "x.csv", std::nullopt);
  ASSERT_FALSE(bare.ok());
  EXPECT_THAT(bare.status().message(), HasSubstr("UTF-16 without a byte order mark"));
}

TEST(DialectTest, StripsUtf8ByteOrderMark) {
  Result<DecodedText> decoded = DecodeText("\xEF\xBB\xBFid;name\n", "a.csv", std::nullopt);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->encoding, TextEncoding::kUtf8Bom);
  EXPECT_EQ(decoded->text(), "id;name\n");
}

TEST(DialectTest, DetectsDelimiters) {
  EXPECT_EQ(*DetectDelimiter("a;b;c\n1;2,5;3\n", "f"), ';');
  EXPECT_EQ(*DetectDelimiter("a\tb\n1\t2\n", "f"), '\t');
  EXPECT_EQ(*DetectDelimiter("a|b|c\n1|\"x|y\"|3\n", "f"), '|');
  EXPECT_EQ(*DetectDelimiter("a,b\n1,2\n", "f"), ',');
  Result<char> none = DetectDelimiter("abc\n1\n", "f.csv");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.status().message(), HasSubstr("f.csv:1: no delimiter found"));
  Result<char> two = DetectDelimiter("a;b,c\n1;2,3\n", "f.csv");
  ASSERT_FALSE(two.ok());
  EXPECT_THAT(two.status().message(), HasSubstr("use --delimiter"));
}

TEST(DialectTest, ParsesDecimalsWithThousandsSeparators) {
  EXPECT_EQ(*NormalizeDecimal("1.234,56", DecimalMark::kComma), "1234.56");
  EXPECT_EQ(*NormalizeDecimal("1234,5", DecimalMark::kComma), "1234.5");
  EXPECT_EQ(*NormalizeDecimal("-0,82", DecimalMark::kComma), "-0.82");
  EXPECT_EQ(*NormalizeDecimal("1.234.567,00 €", DecimalMark::kComma), "1234567.00");
  EXPECT_EQ(*NormalizeDecimal("1,234,567.5", DecimalMark::kPoint), "1234567.5");
  EXPECT_EQ(*NormalizeDecimal("$ 12.5", DecimalMark::kPoint), "12.5");
  EXPECT_EQ(*NormalizeDecimal(",5", DecimalMark::kComma), "0.5");
  EXPECT_FALSE(NormalizeDecimal("1.23,4", DecimalMark::kComma));  // a group of two
  EXPECT_FALSE(NormalizeDecimal("12,34.5", DecimalMark::kComma));
  EXPECT_FALSE(NormalizeDecimal("abc", DecimalMark::kPoint));
  EXPECT_EQ(DecimalEvidence("1.234,56"), Evidence::kSecond);
  EXPECT_EQ(DecimalEvidence("1234,5"), Evidence::kSecond);
  EXPECT_EQ(DecimalEvidence("1,234.5"), Evidence::kFirst);
  EXPECT_EQ(DecimalEvidence("1.234"), Evidence::kAmbiguous);
  EXPECT_EQ(DecimalEvidence("0,125"), Evidence::kSecond);  // no group after a lone 0
  EXPECT_EQ(DecimalEvidence("1.234.567"), Evidence::kSecond);
  EXPECT_EQ(DecimalEvidence("1234"), Evidence::kNone);
}

TEST(DialectTest, ParsesDatesAndMonths) {
  EXPECT_EQ(FormatDate(*ParseDialectDate("31.03.2026", DateOrder::kIso)), "2026-03-31");
  EXPECT_EQ(FormatDate(*ParseDialectDate("1.3.2026", DateOrder::kIso)), "2026-03-01");
  EXPECT_EQ(FormatDate(*ParseDialectDate("03/31/2026", DateOrder::kMonthDayYear)), "2026-03-31");
  EXPECT_EQ(FormatDate(*ParseDialectDate("31/03/2026", DateOrder::kDayMonthYear)), "2026-03-31");
  EXPECT_EQ(FormatDate(*ParseDialectDate("31.03.2026 00:00", DateOrder::kIso)), "2026-03-31");
  EXPECT_EQ(FormatDate(*ParseDialectDate("2026-03-31", DateOrder::kMonthDayYear)), "2026-03-31");
  EXPECT_FALSE(ParseDialectDate("31.02.2026", DateOrder::kIso));
  EXPECT_FALSE(ParseDialectDate("03/04/2026", DateOrder::kIso));  // undecided order
  EXPECT_FALSE(ParseDialectDate("31.03.26", DateOrder::kIso));    // two-digit year
  EXPECT_EQ(DateOrderEvidence("31.03.2026"), Evidence::kFirst);
  EXPECT_EQ(DateOrderEvidence("13/03/2026"), Evidence::kFirst);
  EXPECT_EQ(DateOrderEvidence("03/13/2026"), Evidence::kSecond);
  EXPECT_EQ(DateOrderEvidence("03/04/2026"), Evidence::kAmbiguous);
  EXPECT_EQ(DateOrderEvidence("04/04/2026"), Evidence::kNone);
  for (const char* text : {"2026-03", "03/2026", "3/2026", "03.2026", "März 2026", "MÄRZ 2026",
                           "Mar 2026", "March 2026", "Mrz. 2026", "01.03.2026", "2026-03-31"}) {
    const std::optional<MonthIndex> month = ParseDialectMonth(text, DateOrder::kIso);
    ASSERT_TRUE(month) << text;
    EXPECT_EQ(FormatMonth(*month), "2026-03") << text;
  }
  EXPECT_FALSE(ParseDialectMonth("13/2026", DateOrder::kIso));
  EXPECT_FALSE(ParseDialectMonth("Märzen 2026", DateOrder::kIso));
}

TEST(DialectTest, ExcelSerialsHandleThe1900LeapYearBug) {
  EXPECT_EQ(FormatDate(*DayFromExcelSerial(1, false)), "1900-01-01");
  EXPECT_EQ(FormatDate(*DayFromExcelSerial(59, false)), "1900-02-28");
  EXPECT_FALSE(DayFromExcelSerial(60, false));  // "1900-02-29"
  EXPECT_EQ(FormatDate(*DayFromExcelSerial(61, false)), "1900-03-01");
  EXPECT_EQ(FormatDate(*DayFromExcelSerial(46112, false)), "2026-03-31");
  EXPECT_EQ(FormatDate(*DayFromExcelSerial(46112.75, false)), "2026-03-31");  // a time
  EXPECT_EQ(FormatDate(*DayFromExcelSerial(0, true)), "1904-01-01");
  EXPECT_EQ(FormatDate(*DayFromExcelSerial(44650, true)), "2026-03-31");
}

TEST(NormalizerTest, ConvertsGermanExcelRevenueKeepingLines) {
  Result<NormalizedFile> out = Convert(2,
                                       "account_id;month;amount\r\n"
                                       "A1;03.2026;1.234,56\r\n"
                                       "\r\n"
                                       ";;\r\n"
                                       "A2;März 2026;\"7,5\"\r\n");
  ASSERT_TRUE(out.ok()) << out.status().message();
  // The fifth line of the source is the fifth line of the output.
  EXPECT_EQ(out->csv, "account_id,month,amount\nA1,2026-03,1234.56\n\n\nA2,2026-03,7.5\n");
  EXPECT_EQ(out->rows, 2);
  EXPECT_EQ(out->detected, "decimal ',' (detected from \"1.234,56\")");
}

TEST(NormalizerTest, RefusesAmbiguousDatesUnlessTold) {
  const std::string csv =
      "account_id;name;created_on\nA1;X;03/04/2026\nA2;Y;05/06/2026\nA3;Z;04/04/2026\n";
  Result<NormalizedFile> out = Convert(0, csv);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "accounts.csv:2: created_on: \"03/04/2026\" could be day/month or month/day, and no "
            "date of the file tells which; use --date-format dd/mm/yyyy or --date-format "
            "mm/dd/yyyy (or date_format in the profile)");
  NormalizeOptions told;
  told.date_order = DateOrder::kMonthDayYear;
  Result<NormalizedFile> us = Convert(0, csv, ';', told);
  ASSERT_TRUE(us.ok());
  EXPECT_THAT(us->csv, HasSubstr("A1,X,2026-03-04\nA2,Y,2026-05-06\nA3,Z,2026-04-04"));
  // One date past the 12th decides the whole file.
  Result<NormalizedFile> decided = Convert(0, csv + "A4;W;13/06/2026\n");
  ASSERT_TRUE(decided.ok()) << decided.status().message();
  EXPECT_THAT(decided->csv, HasSubstr("A1,X,2026-04-03"));
  EXPECT_THAT(decided->detected, HasSubstr("dates DD/MM/YYYY (detected from \"13/06/2026\")"));
}

TEST(NormalizerTest, RefusesAmbiguousDecimalsUnlessTold) {
  const std::string csv = "account_id;month;amount\nA1;2026-03;1.234\nA1;2026-04;2.500\n";
  Result<NormalizedFile> out = Convert(2, csv);
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(out.status().message(),
              HasSubstr("revenue.csv:2: amount: \"1.234\" could be a whole number"));
  EXPECT_THAT(out.status().message(), HasSubstr("use --decimal ,"));
  NormalizeOptions told;
  told.decimal = DecimalMark::kComma;
  Result<NormalizedFile> german = Convert(2, csv, ';', told);
  ASSERT_TRUE(german.ok());
  EXPECT_THAT(german->csv, HasSubstr("A1,2026-03,1234\nA1,2026-04,2500\n"));
}

TEST(NormalizerTest, ABadValueNamesFileLineColumnAndTheFix) {
  NormalizeOptions point;
  point.decimal = DecimalMark::kPoint;
  Result<NormalizedFile> out =
      Convert(2, "account_id;month;amount\nA1;2026-03;10.5\nA1;2026-04;1234,56\n", ';', point);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "revenue.csv:3: amount: \"1234,56\" is not a number with decimal '.' (like "
            "1,234.56); use --decimal ,");
  EXPECT_EQ(out.status().detail()->line, 3);
  EXPECT_EQ(out.status().detail()->field, "amount");
  Result<NormalizedFile> date =
      Convert(0, "account_id;name;created_on\nA1;X;31.03.2026\nA2;Y;31.02.2026\n");
  ASSERT_FALSE(date.ok());
  EXPECT_EQ(date.status().message(),
            "accounts.csv:3: created_on: \"31.02.2026\" is not a date (DD.MM.YYYY)");
}

TEST(NormalizerTest, SkipInvalidRejectsTheRowAlone) {
  NormalizeOptions options;
  options.skip_invalid = true;
  std::vector<std::string> rejected;
  options.on_reject = [&](std::string_view file, int64_t line, const std::vector<std::string>&,
                          const std::string& reason) {
    rejected.push_back(std::string(file) + "@" + std::to_string(line) + " " + reason);
  };
  Result<NormalizedFile> out = Convert(
      0, "account_id;name;created_on\nA1;X;31.03.2026\nA2;Y;32.03.2026\nA3;Z;\n", ';', options);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->rows_rejected, 1);
  EXPECT_EQ(out->csv, "account_id,name,created_on\nA1,X,2026-03-31\n\nA3,Z,\n");
  EXPECT_THAT(rejected, ElementsAre(HasSubstr("accounts.csv@3 accounts.csv:3: created_on")));
}

TEST(NormalizerTest, QuotesFieldsThatNeedIt) {
  Result<NormalizedFile> out =
      Convert(0, "account_id;name\nA1;\"Muster AG, \"\"Werk\"\"\"\nA2;\"zwei\nZeilen\"\nA3;c\n");
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->csv,
            "account_id,name\nA1,\"Muster AG, \"\"Werk\"\"\"\nA2,\"zwei\nZeilen\"\nA3,c\n");
}

class PrepareDataSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bw_dialect_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  Result<std::vector<std::string>> Import(PrepareOptions options = {},
                                          std::vector<std::string>* notes = nullptr) {
    ReadOptions read;
    BW_ASSIGN_OR_RETURN(PreparedDataSet data, PrepareDataSet(dir_.string(), options, read));
    if (notes != nullptr) {
      for (const auto& n : data.notes) notes->push_back(n.file + ": " + n.how);
    }
    RecordingSink sink;
    BW_RETURN_IF_ERROR(ReadDataSetInputs(data.inputs, sink, read).status());
    return sink.events;
  }
  std::filesystem::path dir_;
};

TEST_F(PrepareDataSetTest, GermanExcelCsv) {
  Write("accounts.csv",
        "account_id;name;industry;created_on\r\nA1;M\xFCller GmbH;Maschinenbau;15.01.2020\r\n");
  Write("revenue.csv", "account_id;month;amount\r\nA1;01.2026;1.234,56\r\nA1;Feb 2026;99\r\n");
  std::vector<std::string> notes;
  Result<std::vector<std::string>> events = Import({}, &notes);
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_THAT(*events, ElementsAre("account A1|M\xC3\xBCller GmbH|Maschinenbau||||2020-01-15|",
                                   "revenue A1|2026-01|1234.56", "revenue A1|2026-02|99.00"));
  EXPECT_THAT(notes,
              ElementsAre("accounts.csv: Windows-1252 (detected), delimiter ';' (detected), "
                          "dates DD.MM.YYYY (detected from \"15.01.2020\")",
                          "revenue.csv: UTF-8 (detected), delimiter ';' (detected), decimal ',' "
                          "(detected from \"1.234,56\")"));
}

TEST_F(PrepareDataSetTest, StrictFilesTakeTheStrictPath) {
  Write("accounts.csv", "account_id,name,created_on\nA1,X,2020-01-15\n");
  std::vector<std::string> notes;
  Result<std::vector<std::string>> events = Import({}, &notes);
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_THAT(notes, ElementsAre("accounts.csv: strict import format"));
}

TEST_F(PrepareDataSetTest, PipeAndStrictErrorsKeepSourceLines) {
  Write("accounts.csv", "account_id|name|created_on\nA1|X|2020-01-15\n\nA1|Y|2020-01-16\n");
  Result<std::vector<std::string>> events = Import();
  ASSERT_FALSE(events.ok());
  // The strict reader's check, on the line of the user's file.
  EXPECT_THAT(events.status().message(),
              HasSubstr("accounts.csv:4: account_id: duplicate key \"A1\" (first on line 2)"));
}

TEST_F(PrepareDataSetTest, OverridesApplyToEveryFile) {
  Write("accounts.csv", "account_id\tname\tcreated_on\nA1\tX\t03/04/2026\n");
  PrepareOptions options;
  options.overrides.delimiter = '\t';
  options.overrides.date_order = DateOrder::kDayMonthYear;
  Result<std::vector<std::string>> events = Import(options);
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_THAT(*events, ElementsAre("account A1|X|||||2026-04-03|"));
}

}  // namespace
}  // namespace bw::io

namespace bw::io {
namespace {

// dialect_fuzz found a view into the storage of a moved DecodedText (a short file with a
// byte order mark: its text fits the string's inline buffer, which a move does not keep).
TEST(DialectTest, ShortTextWithByteOrderMarkSurvivesAMove) {
  Result<DecodedText> decoded = DecodeText(
      "\xEF\xBB\xBF"
      "a;b\n",
      "a.csv", std::nullopt);
  ASSERT_TRUE(decoded.ok());
  const DecodedText moved = std::move(decoded).value();
  EXPECT_EQ(moved.text(), "a;b\n");
}

}  // namespace
}  // namespace bw::io

namespace bw::io {
namespace {

// dialect_fuzz: a row of 256 delimiters made 257 fields (the empty last field was pushed
// past the limit check), which the strict reader then refused.
TEST(DialectTest, TheEmptyLastFieldCountsForTheFieldLimit) {
  const std::string text = std::string(256, ';') + "\n";
  DelimitedRows rows(text, ';', "x.csv");
  EXPECT_FALSE(rows.Next());
  EXPECT_EQ(rows.status().message(), "x.csv:1: malformed CSV: more than 256 fields in a row");
}

}  // namespace
}  // namespace bw::io
