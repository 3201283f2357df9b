// Regression tests of issue 9, "Hostile and broken input", at the reader's level: one test
// per class of problem (money out of range, memory from tiny files, paths that crash,
// files that hang, files that change under the reader, silent data changes), named after
// the class. CLI-level ones are in tests/hostile_input_test.cc.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "io/csv_reader.h"
#include "io/data_set_reader.h"
#include "io/test_recording_sink.h"

namespace bw::io {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace fs = std::filesystem;

constexpr const char* kAccountsHeader = "account_id,name\n";

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("bw_hostile_input_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::permissions(dir_, fs::perms::owner_all, ignored);
    fs::remove_all(dir_, ignored);
  }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  Result<ReadStats> Read(const ReadOptions& options = {}) {
    return ReadDataSet(dir_.string(), sink_, options);
  }

  fs::path dir_;
  RecordingSink sink_;
};

// Reads `buffers` into a fresh sink, collecting warnings.
struct MemoryRead {
  Result<ReadStats> result = ReadStats{};
  std::vector<std::string> warnings;
  RecordingSink sink;
};
MemoryRead ReadBuffers(const DataSetBuffers& buffers, bool skip_invalid = false) {
  MemoryRead read;
  ReadOptions options;
  options.skip_invalid = skip_invalid;
  options.on_warning = [&read](const std::string& w) { read.warnings.push_back(w); };
  read.result = ReadDataSetFromMemory(buffers, read.sink, options);
  return read;
}

// --- 1. Money overflow -------------------------------------------------------------------

TEST_F(HostileInput, MoneyAboveTheRowLimitIsAnError) {
  DataSetBuffers buffers;
  buffers.accounts = "account_id,name\nA1,N\n";
  buffers.revenue =
      "account_id,month,amount\nA1,2025-01,10000000000000.00\nA1,2025-02,50000000000000000.00\n";
  MemoryRead read = ReadBuffers(buffers);
  ASSERT_FALSE(read.result.ok());
  EXPECT_EQ(read.result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(read.result.status().message(),
            "revenue.csv:3: amount: \"50000000000000000.00\" is above the limit of "
            "10000000000000.00 per row (docs/limits.md)");

  // Just above the limit, and too large even for ParseMoney: the same error.
  buffers.revenue = "account_id,month,amount\nA1,2025-01,10000000000000.01\n";
  EXPECT_THAT(ReadBuffers(buffers).result.status().message(),
              HasSubstr("revenue.csv:2: amount: \"10000000000000.01\" is above the limit"));
  buffers.revenue = "account_id,month,amount\nA1,2025-01,123456789012345678901234567890\n";
  EXPECT_THAT(ReadBuffers(buffers).result.status().message(),
              HasSubstr("revenue.csv:2: amount: \"123456789012345678901234567890\" is above"));
}

TEST_F(HostileInput, MoneyTotalAboveTheLimitIsAnError) {
  // 1,001 rows at the row limit add up to more than 10^16: the row that crosses it fails.
  std::string revenue = "account_id,month,amount\n";
  for (int i = 0; i < 1001; ++i) revenue += "A1,2025-01,10000000000000\n";
  DataSetBuffers buffers;
  buffers.accounts = "account_id,name\nA1,N\n";
  buffers.revenue = revenue;
  MemoryRead read = ReadBuffers(buffers);
  ASSERT_FALSE(read.result.ok());
  EXPECT_EQ(read.result.status().message(),
            "revenue.csv:1002: amount: the revenue of the data set adds up to more than "
            "10000000000000000.00 (docs/limits.md)");
}

// --- 2. Memory from a tiny file ----------------------------------------------------------

// Records what the reader reserves for.
class ExpectingSink : public RecordingSink {
 public:
  void ExpectRecords(RecordKind kind, size_t estimated_count) override {
    expected[static_cast<int>(kind)] = estimated_count;
  }
  std::map<int, size_t> expected;
};

TEST_F(HostileInput, MemoryIsNotReservedForBlankLines) {
  // A header, 4 million blank lines in the first megabyte and beyond, and one row.
  const std::string accounts =
      std::string(kAccountsHeader) + std::string(4'000'000, '\n') + "A1,N\n";
  ExpectingSink sink;
  DataSetBuffers buffers;
  buffers.accounts = accounts;
  Result<ReadStats> stats = ReadDataSetFromMemory(buffers, sink);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->rows_read, 1);
  EXPECT_LE(sink.expected[static_cast<int>(RecordKind::kAccount)], 64u);

  // A quoted field of newlines is no more rows than its one line.
  const std::string quoted =
      std::string(kAccountsHeader) + "A1,\"" + std::string(3'000'000, '\n') + "N\"\n";
  buffers.accounts = quoted;
  ExpectingSink quoted_sink;
  ASSERT_FALSE(ReadDataSetFromMemory(buffers, quoted_sink).ok());  // a 3 MB field
  EXPECT_LE(quoted_sink.expected[static_cast<int>(RecordKind::kAccount)], 64u);
}

TEST_F(HostileInput, MemoryReservationIsCapped) {
  // 2 MB of tiny rows in the sample claims ~100 M rows for a 200 MB file; the reservation
  // is capped whatever the claim.
  std::string accounts = kAccountsHeader;
  while (accounts.size() < (3 << 20)) accounts += "a,b\n";
  accounts += "x\n";  // a bad row ends the read early
  ExpectingSink sink;
  DataSetBuffers buffers;
  buffers.accounts = accounts;
  (void)ReadDataSetFromMemory(buffers, sink);
  EXPECT_LE(sink.expected[static_cast<int>(RecordKind::kAccount)], size_t{1} << 22);
}

TEST_F(HostileInput, MemoryFieldLongerThanTheLimitIsAnError) {
  // The reader reads views into its input: each input is kept in a variable.
  const std::string long_field = "a,b\n" + std::string(kDefaultMaxFieldBytes + 1, 'x') + ",y\n";
  CsvReader unquoted(long_field, "f.csv");
  ASSERT_TRUE(unquoted.Next());
  unquoted.set_column_names({"a", "b"});
  EXPECT_FALSE(unquoted.Next());
  EXPECT_EQ(unquoted.status().message(), "f.csv:2: a: field is longer than 1 MiB");

  // Escaped quotes are copied: the limit holds before the copy grows past it.
  std::string escaped = "x,\"";
  for (size_t i = 0; i <= kDefaultMaxFieldBytes; ++i) escaped += "\"\"";
  escaped += "\"\n";
  CsvReader quoted(escaped, "f.csv");
  EXPECT_FALSE(quoted.Next());
  EXPECT_EQ(quoted.status().message(), "f.csv:1: field 2: field is longer than 1 MiB");

  // At the limit: accepted.
  const std::string field_at_limit = std::string(kDefaultMaxFieldBytes, 'x') + "\n";
  CsvReader at_limit(field_at_limit, "f.csv");
  EXPECT_TRUE(at_limit.Next()) << at_limit.status().message();
}

TEST_F(HostileInput, MemoryRowOfManyFieldsIsAnError) {
  // A 100 MB line of commas stops at field 257, not after 100 M fields.
  const std::string commas(20'000'000, ',');  // NOLINT(bugprone-string-constructor): meant
  CsvReader reader(commas, "f.csv");
  EXPECT_FALSE(reader.Next());
  EXPECT_EQ(reader.status().message(), "f.csv:1: row has more than 256 fields");

  const std::string fields_at_limit = std::string(255, ',') + "\n";
  CsvReader at_limit(fields_at_limit, "f.csv");
  ASSERT_TRUE(at_limit.Next());
  EXPECT_EQ(at_limit.fields().size(), 256u);
}

TEST_F(HostileInput, MemoryRowLongerThanTheLimitIsAnError) {
  std::string row;
  for (int i = 0; i < 10; ++i) row += std::string(kDefaultMaxFieldBytes, 'x') + ",";
  row += "\n";
  const std::string input = "h\n" + row;
  CsvReader reader(input, "f.csv");
  ASSERT_TRUE(reader.Next());
  EXPECT_FALSE(reader.Next());
  EXPECT_EQ(reader.status().message(), "f.csv:2: row is longer than 8 MiB");
}

TEST_F(HostileInput, MemoryWideHeaderIsRefusedQuickly) {
  // 200,000 columns: one error at the 257th, no 200,000 warnings.
  std::string header = "account_id,name";
  for (int i = 0; i < 200'000; ++i) header += ",c" + std::to_string(i);
  DataSetBuffers buffers;
  const std::string accounts = header + "\n";
  buffers.accounts = accounts;
  MemoryRead read = ReadBuffers(buffers);
  ASSERT_FALSE(read.result.ok());
  EXPECT_EQ(read.result.status().message(), "accounts.csv:1: row has more than 256 fields");
  EXPECT_LE(read.warnings.size(), static_cast<size_t>(kMaxWarningsPerFile) + 1);
}

TEST_F(HostileInput, MemoryWarningsAreCappedThenCounted) {
  std::string header = "account_id,name";
  for (int i = 0; i < 100; ++i) header += ",extra" + std::to_string(i);
  const std::string accounts = header + "\nA1,N" + std::string(100, ',') + "\n";
  DataSetBuffers buffers;
  buffers.accounts = accounts;
  MemoryRead read = ReadBuffers(buffers);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.warnings.size(), static_cast<size_t>(kMaxWarningsPerFile) + 1);
  EXPECT_EQ(read.warnings.front(), "accounts.csv:1: unknown column \"extra0\" ignored");
  EXPECT_EQ(read.warnings.back(), "accounts.csv: 80 more warnings not shown");
}

// --- 3. Paths that crashed ---------------------------------------------------------------

TEST_F(HostileInput, PathSymlinkLoopIsAnError) {
  fs::create_symlink("accounts.csv", dir_ / "accounts.csv");
  Result<ReadStats> stats = Read();
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kIoError);
  EXPECT_EQ(stats.status().message(),
            "cannot read " + Path("accounts.csv") + ": Too many levels of symbolic links");
}

TEST_F(HostileInput, PathSelfLoopingDirectoryIsAnError) {
  fs::create_symlink("loop", dir_ / "loop");
  RecordingSink sink;
  Result<ReadStats> stats = ReadDataSet(Path("loop"), sink);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().message(),
            "cannot read " + Path("loop") + ": Too many levels of symbolic links");
}

TEST_F(HostileInput, PathUnreadableDirectoryIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any directory (tested in the CLI tests)";
  Write("accounts.csv", "account_id,name\nA1,N\n");
  fs::permissions(dir_, fs::perms::none);
  Result<ReadStats> stats = Read();
  ASSERT_FALSE(stats.ok());
  EXPECT_THAT(stats.status().message(), HasSubstr("Permission denied"));
}

TEST_F(HostileInput, PathDirectoryAsAFileIsAnError) {
  Write("accounts.csv", "account_id,name\nA1,N\n");
  fs::create_directories(dir_ / "contacts.csv");
  Result<ReadStats> stats = Read();
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().message(),
            "cannot read " + Path("contacts.csv") + ": not a regular file (a directory)");
}

// --- 4. Hangs ----------------------------------------------------------------------------

TEST_F(HostileInput, FifoIsRefused) {
  Write("accounts.csv", "account_id,name\nA1,N\n");
  ASSERT_EQ(::mkfifo(Path("contacts.csv").c_str(), 0600), 0);
  Result<ReadStats> stats = Read();
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kIoError);
  EXPECT_EQ(stats.status().message(),
            "cannot read " + Path("contacts.csv") + ": not a regular file (a FIFO)");
  // Opened directly, too, without waiting for a writer.
  Result<CsvReader> reader = CsvReader::OpenFile(Path("contacts.csv"), "contacts.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_THAT(reader.status().message(), HasSubstr("not a regular file (a FIFO)"));
}

TEST_F(HostileInput, FileAboveTheSizeLimitIsRefusedUpFront) {
  // A sparse 5 GiB file: refused by its size, without reading it.
  Write("accounts.csv", "account_id,name\nA1,N\n");
  ASSERT_EQ(::truncate(Path("accounts.csv").c_str(), int64_t{5} << 30), 0);
  Result<ReadStats> stats = Read();
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(stats.status().message(),
            Path("accounts.csv") +
                ": file is 5368709120 bytes, more than the limit of 4294967296 "
                "(--max-file-size; docs/limits.md)");

  // The limit is an option.
  Write("accounts.csv", "account_id,name\nA1,N\n");
  ReadOptions options;
  options.max_file_bytes = 10;
  stats = Read(options);
  ASSERT_FALSE(stats.ok());
  EXPECT_THAT(stats.status().message(), HasSubstr("more than the limit of 10 "));
  options.max_file_bytes = 21;
  EXPECT_TRUE(Read(options).ok());
}

// --- 5. A file that changes under the reader ---------------------------------------------

TEST_F(HostileInput, TruncatedFileIsAnErrorNotACrash) {
  // Large enough that most of it is not yet read when it is cut short.
  std::string accounts = kAccountsHeader;
  for (int i = 0; accounts.size() < (8 << 20); ++i) {
    accounts += "A" + std::to_string(i) + ",Name " + std::to_string(i) + "\n";
  }
  Write("accounts.csv", accounts);
  Result<CsvReader> reader = CsvReader::OpenFile(Path("accounts.csv"), "accounts.csv");
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  ASSERT_TRUE(reader->Next());
  ASSERT_EQ(::truncate(Path("accounts.csv").c_str(), 4096), 0);
  int rows = 0;
  while (reader->Next()) ++rows;  // would die of SIGBUS past the first page
  EXPECT_EQ(reader->status().code(), StatusCode::kIoError);
  EXPECT_EQ(
      reader->status().message(),
      Path("accounts.csv") + ": the file changed (was truncated or rewritten) while it was read");
}

TEST_F(HostileInput, TruncatedFileFailsTheDataSetRead) {
  std::string accounts = kAccountsHeader;
  for (int i = 0; accounts.size() < (8 << 20); ++i) {
    accounts += "A" + std::to_string(i) + ",Name\n";
  }
  Write("accounts.csv", accounts);
  // The sink truncates the file after the first record, as a concurrent writer could.
  class TruncatingSink : public RecordingSink {
   public:
    explicit TruncatingSink(std::string path) : path_(std::move(path)) {}
    Status OnAccount(const AccountRecord& r) override {
      if (!done_) done_ = ::truncate(path_.c_str(), 100) == 0;
      return RecordingSink::OnAccount(r);
    }

   private:
    std::string path_;
    bool done_ = false;
  } sink(Path("accounts.csv"));
  Result<ReadStats> stats = ReadDataSet(dir_.string(), sink);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kIoError);
  EXPECT_THAT(stats.status().message(), HasSubstr("changed (was truncated or rewritten)"));
}

// --- 7. Silent data changes --------------------------------------------------------------

TEST_F(HostileInput, DuplicateSignalKeyIsAnError) {
  DataSetBuffers buffers;
  buffers.accounts = "account_id,name\nA1,N\nA2,M\n";
  buffers.signals =
      "account_id,signal,observed_on,value\nA1,usage,2025-01-31,1\nA2,usage,2025-01-31,2\n"
      "A1,usage,2025-02-28,3\nA1,usage,2025-01-31,4\n";
  MemoryRead read = ReadBuffers(buffers);
  ASSERT_FALSE(read.result.ok());
  EXPECT_EQ(read.result.status().message(),
            "signals.csv:5: account_id, signal, observed_on: duplicate key (\"A1\", \"usage\", "
            "\"2025-01-31\") (first on line 2)");

  // With --skip-invalid the second row is rejected and the first one kept.
  MemoryRead skipped = ReadBuffers(buffers, /*skip_invalid=*/true);
  ASSERT_TRUE(skipped.result.ok());
  EXPECT_EQ(skipped.result->rows_rejected, 1);
  int signals = 0;
  for (const std::string& e : skipped.sink.events) signals += e.starts_with("signal ") ? 1 : 0;
  EXPECT_EQ(signals, 3);
}

TEST_F(HostileInput, LookAlikeAccountIdsWarn) {
  DataSetBuffers buffers;
  buffers.accounts =
      "account_id,name\nA1,N\n\" A1 \",N\n\xEF\xBB\xBF"
      "B2,N\nB2,N\n"
      "Caf\xC3\xA9,N\nCafe\xCC\x81,N\nC3,N\n";
  MemoryRead read = ReadBuffers(buffers);
  ASSERT_TRUE(read.result.ok()) << read.result.status().message();
  ASSERT_EQ(read.warnings.size(), 3u) << ::testing::PrintToString(read.warnings);
  EXPECT_EQ(read.warnings[0],
            "accounts.csv:3: account_id: \" A1 \" differs from the id on line 2 only by a byte "
            "order mark, surrounding spaces or Unicode normalization; they are imported as two "
            "accounts");
  EXPECT_THAT(read.warnings[1], StartsWith("accounts.csv:5: account_id: \"B2\" differs from the "
                                           "id on line 4"));
  EXPECT_THAT(read.warnings[2], StartsWith("accounts.csv:7: account_id: \"Cafe\xCC\x81\" differs "
                                           "from the id on line 6"));
}

// --- Siblings ------------------------------------------------------------------------------

TEST_F(HostileInput, UnterminatedQuoteIsReportedWhereItOpened) {
  DataSetBuffers buffers;
  buffers.accounts = "account_id,name\nA1,\"Muster AG\nA2,Beta\nA3,\"Gamma\"\n";
  MemoryRead read = ReadBuffers(buffers);
  ASSERT_FALSE(read.result.ok());
  EXPECT_EQ(read.result.status().message(),
            "accounts.csv:2: malformed CSV: the quoted field starting on this line is not "
            "terminated (its closing quote would be on line 4, followed by other characters)");
}

}  // namespace
}  // namespace bw::io
