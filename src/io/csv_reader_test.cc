#include "io/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "io/csv_writer.h"

namespace bw::io {
namespace {

using ::testing::ElementsAre;

struct Row {
  int64_t line;
  std::vector<std::string> fields;
  bool operator==(const Row&) const = default;
};

void PrintTo(const Row& row, std::ostream* os) {
  *os << "line " << row.line << ":";
  for (const std::string& f : row.fields) *os << " [" << f << "]";
}

// All rows of `text`, and the status the read ended with.
std::vector<Row> ReadAll(std::string_view text, Status* status = nullptr,
                         CsvReaderOptions options = {}) {
  CsvReader reader(text, "t.csv", options);
  std::vector<Row> rows;
  while (reader.Next()) {
    rows.push_back({reader.line(), {reader.fields().begin(), reader.fields().end()}});
  }
  if (status != nullptr) *status = reader.status();
  return rows;
}

std::string ErrorOf(std::string_view text) {
  Status status;
  ReadAll(text, &status);
  return status.message();
}

TEST(CsvReaderTest, ReadsPlainRowsWithLineNumbers) {
  Status status;
  EXPECT_THAT(ReadAll("a,b,c\n1,2,3\n", &status),
              ElementsAre(Row{1, {"a", "b", "c"}}, Row{2, {"1", "2", "3"}}));
  EXPECT_TRUE(status.ok());
}

TEST(CsvReaderTest, QuotedFieldsWithCommasAndEscapedQuotes) {
  EXPECT_THAT(ReadAll("\"x,y\",\"say \"\"hi\"\"\",\"\",\"\"\"\"\n"),
              ElementsAre(Row{1, {"x,y", "say \"hi\"", "", "\""}}));
}

TEST(CsvReaderTest, CrlfAndLfLineEndsMixed) {
  EXPECT_THAT(ReadAll("a,b\r\n1,2\n3,\"4\"\r\n"),
              ElementsAre(Row{1, {"a", "b"}}, Row{2, {"1", "2"}}, Row{3, {"3", "4"}}));
}

TEST(CsvReaderTest, SkipsByteOrderMark) {
  EXPECT_THAT(ReadAll("\xEF\xBB\xBF"
                      "id,name\nA1,x\n"),
              ElementsAre(Row{1, {"id", "name"}}, Row{2, {"A1", "x"}}));
}

TEST(CsvReaderTest, EmbeddedLineBreaksCountInLineNumbers) {
  EXPECT_THAT(ReadAll("h1,h2\n\"a\nb\",\"c\r\nd\"\ne,f\n\"g\n\n\",h\ni,j"),
              ElementsAre(Row{1, {"h1", "h2"}}, Row{2, {"a\nb", "c\r\nd"}}, Row{5, {"e", "f"}},
                          Row{6, {"g\n\n", "h"}}, Row{9, {"i", "j"}}));
}

TEST(CsvReaderTest, LastLineWithoutLineEnd) {
  EXPECT_THAT(ReadAll("a\nb,c"), ElementsAre(Row{1, {"a"}}, Row{2, {"b", "c"}}));
  EXPECT_THAT(ReadAll("a\n\"b\""), ElementsAre(Row{1, {"a"}}, Row{2, {"b"}}));
}

TEST(CsvReaderTest, BlankLinesAreSkippedButCounted) {
  EXPECT_THAT(ReadAll("a\n\n\r\nb\n\n"), ElementsAre(Row{1, {"a"}}, Row{4, {"b"}}));
  // A line of spaces is not blank: it is a row with one field.
  EXPECT_THAT(ReadAll(" \n"), ElementsAre(Row{1, {" "}}));
}

TEST(CsvReaderTest, EmptyFieldsAndTrailingComma) {
  EXPECT_THAT(ReadAll(",\na,\n,b,\n\"\""), ElementsAre(Row{1, {"", ""}}, Row{2, {"a", ""}},
                                                       Row{3, {"", "b", ""}}, Row{4, {""}}));
}

TEST(CsvReaderTest, KeepsSpacesAndUtf8) {
  EXPECT_THAT(ReadAll(" a , Müller ,\"  \"\n"), ElementsAre(Row{1, {" a ", " Müller ", "  "}}));
}

TEST(CsvReaderTest, ManyEscapedFieldsInOneRowStayIntact) {
  // Enough escaped text that the scratch buffer grows (and moves) within the row.
  std::string line;
  std::vector<std::string> expected;
  for (int i = 0; i < 50; ++i) {
    const std::string value =
        std::string(static_cast<size_t>(i * 7), 'x') + "\"" + std::to_string(i);
    expected.push_back(value);
    if (i > 0) line += ",";
    line += CsvWriter::Escape(value);
  }
  const std::vector<Row> rows = ReadAll(line + "\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, expected);
}

TEST(CsvReaderTest, EmptyInput) {
  Status status;
  EXPECT_TRUE(ReadAll("", &status).empty());
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(ReadAll("\xEF\xBB\xBF", &status).empty());
  EXPECT_TRUE(status.ok());
}

TEST(CsvReaderTest, UnterminatedQuoteNamesTheLineWhereItStarts) {
  EXPECT_EQ(ErrorOf("a,b\nc,\"d\ne\n"), "t.csv:2: malformed CSV: quoted field is not terminated");
}

TEST(CsvReaderTest, QuoteInsideUnquotedField) {
  EXPECT_EQ(ErrorOf("a,b\nc,d\"e\"\n"), "t.csv:2: malformed CSV: quote inside an unquoted field");
}

TEST(CsvReaderTest, CharactersAfterClosingQuote) {
  EXPECT_EQ(ErrorOf("a\n\"x\ny\"z,1\n"),
            "t.csv:3: malformed CSV: characters after a closing quote");
  EXPECT_EQ(ErrorOf("\"x\" ,1\n"), "t.csv:1: malformed CSV: characters after a closing quote");
}

TEST(CsvReaderTest, CarriageReturnWithoutLineFeed) {
  EXPECT_EQ(ErrorOf("a,b\rc\n"),
            "t.csv:1: malformed CSV: carriage return without line feed outside quotes");
}

TEST(CsvReaderTest, StopsAtTheFirstError) {
  Status status;
  const std::vector<Row> rows = ReadAll("a\nb\"\nc\n", &status);
  EXPECT_THAT(rows, ElementsAre(Row{1, {"a"}}));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  CsvReader reader("x\"", "t.csv");
  EXPECT_FALSE(reader.Next());
  EXPECT_FALSE(reader.Next());
  EXPECT_EQ(reader.status().message(), "t.csv:1: malformed CSV: quote inside an unquoted field");
}

TEST(CsvReaderTest, InvalidUtf8FailsWithColumnName) {
  EXPECT_EQ(ErrorOf("a,b\nok,\xC3\x28\n"), "t.csv:2: field 2: invalid UTF-8");
  CsvReader reader("id,comment\n1,\"bad \xFF\"\n", "x.csv");
  ASSERT_TRUE(reader.Next());
  reader.set_column_names({"id", "comment"});
  EXPECT_FALSE(reader.Next());
  EXPECT_EQ(reader.status().message(), "x.csv:2: comment: invalid UTF-8");
}

TEST(CsvReaderTest, InvalidUtf8CanBeReportedPerRow) {
  CsvReaderOptions options;
  options.fail_on_invalid_utf8 = false;
  CsvReader reader("a,b\n\xE2\x82,x\nok,\xC3\xBC\n", "t.csv", options);
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.invalid_utf8_field(), -1);
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.invalid_utf8_field(), 0);
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.invalid_utf8_field(), -1);
  EXPECT_THAT(reader.fields(), ElementsAre("ok", "ü"));
  EXPECT_FALSE(reader.Next());
  EXPECT_TRUE(reader.status().ok());
}

TEST(IsValidUtf8Test, AcceptsWellFormedAndRejectsIllFormed) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii text longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("Müller, Ça va, 東京, 😀"));
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));          // bad continuation
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abcdefgh\xE2\x82"));  // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));
}

class CsvFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bw_csv_reader_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CsvFileTest, OpenFileReadsMappedFile) {
  const std::string path = (dir_ / "a.csv").string();
  std::ofstream(path, std::ios::binary) << "id,name\r\nA1,\"x\"\"y\"\r\n";
  Result<CsvReader> reader = CsvReader::OpenFile(path, "a.csv");
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  ASSERT_TRUE(reader->Next());
  ASSERT_TRUE(reader->Next());
  EXPECT_THAT(reader->fields(), ElementsAre("A1", "x\"y"));
  EXPECT_EQ(reader->line(), 2);
  EXPECT_FALSE(reader->Next());
  EXPECT_TRUE(reader->status().ok());
  EXPECT_EQ(reader->bytes_consumed(), 20u);
}

TEST_F(CsvFileTest, OpenFileErrors) {
  Result<CsvReader> missing = CsvReader::OpenFile((dir_ / "none.csv").string(), "none.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), (dir_ / "none.csv").string() + ": not found");
  Result<CsvReader> directory = CsvReader::OpenFile(dir_.string(), "dir");
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), StatusCode::kIoError);
  EXPECT_EQ(directory.status().message(), "cannot read " + dir_.string() + ": not a regular file");
  const std::string empty = (dir_ / "empty.csv").string();
  std::ofstream(empty).close();
  Result<CsvReader> reader = CsvReader::OpenFile(empty, "empty.csv");
  ASSERT_TRUE(reader.ok());
  EXPECT_FALSE(reader->Next());
  EXPECT_TRUE(reader->status().ok());
}

// Property: any table of fields written by CsvWriter reads back unchanged, with LF or
// CRLF line ends, and each row starts on the line that counting line breaks predicts.
TEST_F(CsvFileTest, WriterOutputReadsBackUnchanged) {
  const std::vector<std::string> pieces = {"a",    "Z", "0", " ", ",",   "\"",   "\r", "\n",
                                           "\r\n", "ü", "€", "😀", "x y", "\"\"", "",   "Müller"};
  std::mt19937 random(20260630);
  for (int table = 0; table < 300; ++table) {
    const size_t columns = 1 + random() % 6;
    const size_t rows = random() % 20;
    std::vector<std::vector<std::string>> expected(rows, std::vector<std::string>(columns));
    for (auto& row : expected) {
      for (std::string& field : row) {
        const size_t length = random() % 4 == 0 ? 0 : random() % 8;
        for (size_t i = 0; i < length; ++i) field += pieces[random() % pieces.size()];
      }
    }
    const bool crlf = table % 2 == 1;
    const std::string path = (dir_ / "t.csv").string();
    {
      Result<CsvWriter> writer = CsvWriter::Open(path);
      ASSERT_TRUE(writer.ok());
      if (crlf) writer->set_line_end("\r\n");
      for (const auto& row : expected) writer->Row(row);
      ASSERT_TRUE(writer->Close().ok());
    }
    Result<CsvReader> reader = CsvReader::OpenFile(path, "t.csv");
    ASSERT_TRUE(reader.ok());
    int64_t expected_line = 1;
    for (size_t r = 0; r < rows; ++r) {
      ASSERT_TRUE(reader->Next()) << "table " << table << " row " << r << ": "
                                  << reader->status().message();
      EXPECT_EQ(reader->line(), expected_line) << "table " << table << " row " << r;
      ASSERT_EQ(std::vector<std::string>(reader->fields().begin(), reader->fields().end()),
                expected[r])
          << "table " << table << " row " << r;
      for (const std::string& field : expected[r]) {
        expected_line += std::count(field.begin(), field.end(), '\n');
      }
      ++expected_line;
    }
    EXPECT_FALSE(reader->Next());
    EXPECT_TRUE(reader->status().ok()) << reader->status().message();
  }
}

}  // namespace
}  // namespace bw::io
