// Sheets converted while the data set is read (io/streamed_sheets.h,
// PrepareOptions::stream_sheets) give what converting them first gives: the same records,
// notes, errors (a conversion's before the reader's) and rejected rows, in the same order.
// And the CSV reader reads a stream of chunks as it reads the same bytes in one buffer.
#include "io/streamed_sheets.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/executor.h"
#include "io/csv_reader.h"
#include "io/import_input.h"
#include "io/test_recording_sink.h"
#include "io/xlsx_table_writer.h"

namespace bw::io {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Row {
  int64_t line;
  std::vector<std::string> fields;
  bool operator==(const Row&) const = default;
};

std::vector<Row> ReadAll(CsvReader& reader) {
  std::vector<Row> rows;
  while (reader.Next()) {
    rows.push_back({reader.line(), {reader.fields().begin(), reader.fields().end()}});
  }
  return rows;
}

TEST(CsvStreamTest, ChunksReadAsTheSameBytesInOneBuffer) {
  // Chunks end right after a row; the next starts with its line end (as the normalizer
  // cuts them), with blank lines that keep source line numbers and a quoted line end.
  const std::vector<std::string> chunks = {
      "\xEF\xBB\xBF"
      "a,b\n1,2",
      "\n\n3,\"x\ny\"", "\n4,", "\n\n\n5,\"q\"\"\""};
  std::string all;
  for (const std::string& chunk : chunks) all += chunk;
  CsvReader whole(all, "t.csv");
  const std::vector<Row> expected = ReadAll(whole);
  ASSERT_TRUE(whole.status().ok());
  ASSERT_EQ(expected.size(), 5u);
  EXPECT_EQ(expected[4], (Row{9, {"5", "q\""}}));

  CsvStream stream;
  for (const std::string& chunk : chunks) stream.Push(chunk);
  stream.Close(Status::Ok());
  CsvReader streamed(stream, 1000, "t.csv");
  EXPECT_EQ(ReadAll(streamed), expected);
  EXPECT_TRUE(streamed.status().ok());
  EXPECT_EQ(streamed.bytes_consumed(), all.size());
  EXPECT_EQ(streamed.size(), all.size());
  EXPECT_EQ(streamed.expected_size(), 1000u);  // the hint, while larger
}

TEST(CsvStreamTest, AStreamClosedWithAnErrorEndsTheReadWithIt) {
  CsvStream stream;
  stream.Push("a,b\n1,2");
  stream.Close(InvalidArgument("book.xlsx:a!B3: b: bad"));
  CsvReader reader(stream, 0, "book.xlsx:a");
  ASSERT_TRUE(reader.Next());  // the header
  ASSERT_TRUE(reader.Next());
  EXPECT_EQ(reader.fields()[1], "2");
  EXPECT_FALSE(reader.Next());
  EXPECT_EQ(reader.status().message(), "book.xlsx:a!B3: b: bad");
}

TEST(CsvStreamTest, TheReaderWaitsForChunksPushedByAnotherThread) {
  CsvStream stream;
  std::vector<Row> rows;
  ThreadPoolExecutor pool(1);
  pool.ParallelFor(2, 2, [&](size_t task) {
    if (task == 0) {
      stream.Push("id,n");
      for (int i = 0; i < 200; ++i) stream.Push("\n" + std::to_string(i) + ",x");
      stream.Close(Status::Ok());
    } else {
      CsvReader reader(stream, 0, "t.csv");
      rows = ReadAll(reader);
    }
  });
  ASSERT_EQ(rows.size(), 201u);
  EXPECT_EQ(rows[200], (Row{201, {"199", "x"}}));
}

// A workbook written to a file of its own, read both ways.
class StreamedSheetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bw_streamed_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::vector<XlsxTable>& tables) {
    std::string path = (dir_ / "book.xlsx").string();
    EXPECT_TRUE(WriteXlsxTables(path, tables, true).ok());
    return path;
  }

  struct Outcome {
    Status status;
    std::vector<std::string> events;
    std::vector<std::string> notes;
    std::vector<std::string> rejects;
    int64_t rows_rejected = 0;
  };

  // Prepares and reads `path` (converting first, or streaming), collecting rejects when
  // `collect` (as the import command does).
  static Outcome Import(const std::string& path, bool stream, bool collect) {
    Outcome outcome;
    ReadOptions read;
    if (collect) {
      read.skip_invalid = true;
      read.on_reject = [&outcome](std::string_view file, int64_t line,
                                  const std::vector<std::string>& fields,
                                  const std::string& reason) {
        outcome.rejects.push_back(std::string(file) + ":" + std::to_string(line) + ":" +
                                  std::to_string(fields.size()) + ": " + reason);
      };
    }
    PrepareOptions prepare;
    prepare.stream_sheets = stream;
    Result<PreparedDataSet> prepared = PrepareDataSet(path, prepare, read);
    if (!prepared.ok()) {
      outcome.status = prepared.status();
      return outcome;
    }
    EXPECT_EQ(prepared->streamed != nullptr, stream);
    for (const PreparedFileNote& note : prepared->notes) {
      outcome.notes.push_back(note.file + " " + note.source + " " + note.how);
    }
    RecordingSink sink;
    Result<ReadStats> stats = ReadPreparedDataSet(*prepared, sink, read);
    outcome.status = stats.status();
    outcome.events = sink.events;
    outcome.rows_rejected = prepared->rows_rejected + (stats.ok() ? stats->rows_rejected : 0);
    return outcome;
  }

  fs::path dir_;
};

std::vector<XlsxTable> Book(int contacts, const std::string& bad_left_on = "") {
  XlsxTable accounts{"accounts", {"account_id", "name", "created_on"}, {}};
  for (int a = 0; a < 50; ++a) {
    accounts.rows.push_back({{"A" + std::to_string(a)},
                             {"Account " + std::to_string(a)},
                             {"2021-03-04", XlsxKind::kDate}});
  }
  XlsxTable people{"Contacts", {"contact_id", "account_id", "name", "role", "left_on"}, {}};
  for (int c = 0; c < contacts; ++c) {
    std::vector<XlsxCell> row = {{"C" + std::to_string(c)},
                                 {"A" + std::to_string(c % 50)},
                                 {"Person number " + std::to_string(c) + ", \"quoted\""},
                                 {c % 3 == 0 ? "decision_maker" : "user"},
                                 {c % 7 == 0 ? "2026-01-31" : "", XlsxKind::kDate}};
    if (c == 5 && !bad_left_on.empty()) row[4] = {bad_left_on, XlsxKind::kNumber};
    people.rows.push_back(std::move(row));
  }
  XlsxTable signals{"signals", {"account_id", "observed_on", "signal", "value"}, {}};
  for (int s = 0; s < 20; ++s) {
    signals.rows.push_back({{"A" + std::to_string(s)},
                            {"2026-02-0" + std::to_string(1 + s % 9), XlsxKind::kDate},
                            {"logins"},
                            {std::to_string(s) + ".25", XlsxKind::kNumber}});
  }
  return {signals, people, accounts};  // sheet order differs from file order
}

TEST_F(StreamedSheetsTest, ManyChunksGiveTheSameRecordsAndNotes) {
  // About 0.8 MB of contacts in the import format: several chunks of 256 KiB.
  const std::string path = Write(Book(12000));
  const Outcome first = Import(path, false, false);
  const Outcome streamed = Import(path, true, false);
  ASSERT_TRUE(first.status.ok()) << first.status.message();
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.message();
  EXPECT_EQ(streamed.events.size(), 50u + 12000u + 20u);
  EXPECT_EQ(streamed.events, first.events);
  EXPECT_EQ(streamed.notes, first.notes);
  EXPECT_THAT(streamed.notes, ElementsAre("signals.csv book.xlsx:signals XLSX sheet",
                                          "contacts.csv book.xlsx:Contacts XLSX sheet",
                                          "accounts.csv book.xlsx:accounts XLSX sheet"));
  EXPECT_EQ(streamed.events[50 + 5], "contact C5|A5|Person number 5, \"quoted\"||user|");
}

TEST_F(StreamedSheetsTest, AConversionErrorWinsOverAnEarlierFilesReaderError) {
  std::vector<XlsxTable> book = Book(3000, "99999999");
  book[2].rows[7][0].text = "A3";  // accounts: a duplicate id, which the reader refuses
  const std::string path = Write(book);
  const Outcome first = Import(path, false, false);
  const Outcome streamed = Import(path, true, false);
  EXPECT_THAT(first.status.message(),
              HasSubstr("book.xlsx:Contacts!E7: left_on: \"99999999\" is not a date serial"));
  EXPECT_EQ(streamed.status.message(), first.status.message());
  EXPECT_EQ(streamed.status.code(), first.status.code());
  // Without the conversion error, the reader's.
  book = Book(3000);
  book[2].rows[7][0].text = "A3";
  const std::string clean = Write(book);
  const Outcome reader_error = Import(clean, true, false);
  EXPECT_THAT(reader_error.status.message(), HasSubstr("book.xlsx:accounts:9: account_id"));
  EXPECT_EQ(reader_error.status.message(), Import(clean, false, false).status.message());
}

TEST_F(StreamedSheetsTest, RejectedRowsComeInTheSameOrder) {
  std::vector<XlsxTable> book = Book(3000, "99999999");
  book[1].rows[9][1].text = "A-missing";        // contacts: an unknown account (the reader)
  book[0].rows[2][3] = {"#", XlsxKind::kText};  // signals: not a number (the reader)
  const std::string path = Write(book);
  const Outcome first = Import(path, false, true);
  const Outcome streamed = Import(path, true, true);
  ASSERT_TRUE(first.status.ok()) << first.status.message();
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.message();
  // The conversions' (contacts, then signals: the largest sheet is converted first), then
  // the reader's.
  ASSERT_EQ(first.rejects.size(), 3u);
  EXPECT_THAT(first.rejects[0], HasSubstr("book.xlsx:Contacts:7:5: book.xlsx:Contacts!E7"));
  EXPECT_THAT(first.rejects[1], HasSubstr("book.xlsx:signals:4:4: book.xlsx:signals!D4"));
  EXPECT_THAT(first.rejects[2], HasSubstr("book.xlsx:Contacts:11:5: book.xlsx:Contacts:11"));
  EXPECT_EQ(streamed.rejects, first.rejects);
  EXPECT_EQ(streamed.rows_rejected, first.rows_rejected);
  EXPECT_EQ(streamed.rows_rejected, 3);
  EXPECT_EQ(streamed.events, first.events);
}

TEST_F(StreamedSheetsTest, WithoutASecondThreadEverythingIsConvertedThenRead) {
  InlineExecutor inline_executor;
  ScopedProcessExecutor scoped(inline_executor);
  const std::string path = Write(Book(2000));
  const Outcome streamed = Import(path, true, false);
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.message();
  EXPECT_EQ(streamed.events, Import(path, false, false).events);
}

TEST_F(StreamedSheetsTest, ADetectionErrorIsReportedWhilePreparing) {
  std::vector<XlsxTable> book = Book(100);
  // A text date that reads both ways and nothing to tell which: refused up front.
  book[2].rows[0][2] = {"03/04/2021", XlsxKind::kText};
  const std::string path = Write(book);
  const Outcome streamed = Import(path, true, false);
  EXPECT_THAT(streamed.status.message(), HasSubstr("could be day/month or month/day"));
  EXPECT_EQ(streamed.status.message(), Import(path, false, false).status.message());
  EXPECT_TRUE(streamed.events.empty());
}

TEST_F(StreamedSheetsTest, AConvertedSheetAboveTheLimitIsRefused) {
  const std::string path = Write(Book(20000));
  ReadOptions read;
  read.max_file_bytes = 600000;  // the workbook is smaller; the contacts in CSV are not
  PrepareOptions prepare;
  prepare.stream_sheets = true;
  Result<PreparedDataSet> prepared = PrepareDataSet(path, prepare, read);
  ASSERT_TRUE(prepared.ok()) << prepared.status().message();
  RecordingSink sink;
  const Result<ReadStats> stats = ReadPreparedDataSet(*prepared, sink, read);
  ASSERT_FALSE(stats.ok());
  EXPECT_THAT(stats.status().message(), HasSubstr("book.xlsx:Contacts: file is "));
  EXPECT_THAT(stats.status().message(), HasSubstr("bytes, more than the limit of 600000"));
  prepare.stream_sheets = false;
  prepared = PrepareDataSet(path, prepare, read);
  ASSERT_TRUE(prepared.ok()) << prepared.status().message();
  RecordingSink sink_first;
  EXPECT_EQ(ReadPreparedDataSet(*prepared, sink_first, read).status().message(),
            stats.status().message());
}

}  // namespace
}  // namespace bw::io
