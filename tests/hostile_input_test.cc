// Regression tests of issue 9, "Hostile and broken input", through the `bellwether`
// binary: one test per class (money out of range, paths that crashed, outputs written over
// inputs or through links, silent data changes, read-only stores, terminal escapes).
// Reader-level ones are in src/io/hostile_input_test.cc.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_support.h"

namespace {

namespace fs = std::filesystem;

using bw::test_support::CommandResult;
using bw::test_support::WriteFile;
std::string Slurp(const fs::path& path) { return bw::test_support::ReadFile(path); }

constexpr const char* kAsOf = "--as-of 2026-06-30";

class HostileInputCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = bw::test_support::FreshTempDir("bellwether_hostile", true);
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Runs `bellwether ARGS` in dir_; `prefix` goes before the binary (e.g. setpriv).
  CommandResult Run(const std::string& args, const std::string& prefix = "") {
    return bw::test_support::RunBellwether(dir_, args, prefix);
  }
  CommandResult MustRun(const std::string& args, const std::string& prefix = "") {
    CommandResult result = Run(args, prefix);
    EXPECT_EQ(result.exit_code, 0) << args << "\n" << result.err;
    return result;
  }

  // A small valid data set in dir_/NAME.
  void WriteDataSet(const std::string& name) {
    fs::create_directories(dir_ / name);
    WriteFile(dir_ / name / "accounts.csv", "account_id,name\nA1,Alpha\nA2,Beta\n");
    WriteFile(dir_ / name / "revenue.csv",
              "account_id,month,amount\nA1,2026-01,100.00\nA2,2026-02,200.00\n");
  }

  // Runs as user nobody, for whom dir_ is read-only; empty when that is not possible.
  std::string AsNobody() const {
    if (::geteuid() != 0 || std::system("command -v setpriv >/dev/null") != 0) return "";
    return "setpriv --reuid=65534 --regid=65534 --clear-groups";
  }

  fs::path dir_;
};

TEST_F(HostileInputCli, MoneyOverflowOfTheIssueIsRefused) {
  WriteDataSet("d");
  WriteFile(dir_ / "d" / "revenue.csv",
            "account_id,month,amount\nA1,2026-01,50000000000000000.00\n"
            "A1,2026-02,50000000000000000.00\n");
  const CommandResult result = Run("import d --db a.db");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("revenue.csv:2: amount: \"50000000000000000.00\" is above the limit "
                            "of 10000000000000.00 per row"),
            std::string::npos)
      << result.err;
  const CommandResult metrics = Run(std::string("metrics --data d ") + kAsOf);
  EXPECT_EQ(metrics.exit_code, 2);
  EXPECT_EQ(metrics.out.find("-84,467,440,737,095,516.16"), std::string::npos);
}

TEST_F(HostileInputCli, PathSymlinkLoopsAreErrorsNotCrashes) {
  fs::create_directories(dir_ / "d");
  fs::create_symlink("accounts.csv", dir_ / "d" / "accounts.csv");
  CommandResult result = Run("import d --db a.db");
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_NE(result.err.find("d/accounts.csv: Too many levels of symbolic links"), std::string::npos)
      << result.err;
  result = Run(std::string("metrics --data d ") + kAsOf);
  EXPECT_EQ(result.exit_code, 4) << result.err;

  fs::create_symlink("loop", dir_ / "loop");
  result = Run("import loop --db a.db");
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_NE(result.err.find("cannot read loop: Too many levels of symbolic links"),
            std::string::npos)
      << result.err;
  result = Run(std::string("metrics --data loop ") + kAsOf);
  EXPECT_EQ(result.exit_code, 4) << result.err;
  result = Run(std::string("metrics --db loop ") + kAsOf);
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_FALSE(fs::exists(dir_ / "a.db"));
}

TEST_F(HostileInputCli, PathUnreadableDirectoryIsAnError) {
  const std::string nobody = AsNobody();
  if (nobody.empty()) GTEST_SKIP() << "needs root and setpriv to drop to user nobody";
  WriteDataSet("d");
  fs::permissions(dir_ / "d", fs::perms::owner_all);  // nobody may not enter it
  const CommandResult result = Run(std::string("metrics --data d ") + kAsOf, nobody);
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_NE(result.err.find("cannot read d/accounts.csv: Permission denied"), std::string::npos)
      << result.err;
}

TEST_F(HostileInputCli, FifoIsRefused) {
  WriteDataSet("d");
  ASSERT_EQ(::mkfifo((dir_ / "d" / "contacts.csv").c_str(), 0600), 0);
  // Would block forever before; `timeout` turns a hang into a failure of this test.
  const CommandResult result = Run("import d --db a.db", "timeout 60");
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_NE(result.err.find("d/contacts.csv: not a regular file (a FIFO)"), std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(dir_ / "a.db"));
}

TEST_F(HostileInputCli, FileAboveMaxFileSizeIsRefused) {
  WriteDataSet("d");
  CommandResult result = Run("import d --db a.db --max-file-size 20");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("d/accounts.csv: file is 33 bytes, more than the limit of 20"),
            std::string::npos)
      << result.err;
  result = Run(std::string("metrics --data d --max-file-size 1K ") + kAsOf);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  result = Run(std::string("metrics --data d --max-file-size lots ") + kAsOf);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("--max-file-size: \"lots\" is not a size"), std::string::npos);
}

TEST_F(HostileInputCli, RejectsFileThatIsAnInputIsRefused) {
  WriteDataSet("d");
  const std::string accounts = Slurp(dir_ / "d" / "accounts.csv");
  CommandResult result = Run("import d --db a.db --skip-invalid --rejects d/accounts.csv");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("--rejects d/accounts.csv is the input file d/accounts.csv"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(Slurp(dir_ / "d" / "accounts.csv"), accounts);
  // Also through a link, and for the database.
  fs::create_symlink("d/revenue.csv", dir_ / "link.csv");
  result = Run("import d --db a.db --skip-invalid --rejects link.csv");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  result = Run("import d --db d/revenue.csv");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("--db d/revenue.csv is the input file"), std::string::npos);
  EXPECT_EQ(Slurp(dir_ / "d" / "accounts.csv"), accounts);
  EXPECT_FALSE(fs::exists(dir_ / "a.db"));
}

TEST_F(HostileInputCli, ExportRefusesToReplaceADataSetWithoutForce) {
  WriteDataSet("d");
  MustRun("import d --db a.db");
  fs::create_directories(dir_ / "out");
  WriteFile(dir_ / "out" / "keep.txt", "mine");
  CommandResult result = Run("export --out out --db a.db");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("out is not empty; use --force"), std::string::npos) << result.err;
  EXPECT_EQ(Slurp(dir_ / "out" / "keep.txt"), "mine");
  EXPECT_FALSE(fs::exists(dir_ / "out" / "accounts.csv"));

  MustRun("export --out out --db a.db --force");
  EXPECT_FALSE(fs::exists(dir_ / "out" / "keep.txt"));
  EXPECT_NE(Slurp(dir_ / "out" / "accounts.csv").find("A1,Alpha"), std::string::npos);
  // No staging directory is left beside it.
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
  // An empty or missing target needs no --force.
  fs::create_directories(dir_ / "empty");
  MustRun("export --out empty --db a.db");
  MustRun("export --out new/sub --db a.db");
  EXPECT_TRUE(fs::exists(dir_ / "new" / "sub" / "signals.csv"));
}

TEST_F(HostileInputCli, ExportNeverFollowsASymlink) {
  WriteDataSet("d");
  MustRun("import d --db a.db");
  WriteFile(dir_ / "victim.txt", "precious");
  // A link as the target directory, and a link planted as accounts.csv inside it.
  fs::create_directories(dir_ / "real");
  fs::create_directory_symlink("real", dir_ / "linked");
  CommandResult result = Run("export --out linked --db a.db --force");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("linked is a symbolic link"), std::string::npos) << result.err;
  fs::create_directories(dir_ / "out");
  fs::create_symlink("../victim.txt", dir_ / "out" / "accounts.csv");
  MustRun("export --out out --db a.db --force");
  EXPECT_EQ(Slurp(dir_ / "victim.txt"), "precious");
  EXPECT_FALSE(fs::is_symlink(dir_ / "out" / "accounts.csv"));
}

TEST_F(HostileInputCli, ExportOnAFullDiskLeavesTheTargetUnchanged) {
  MustRun(std::string("generate --out d --accounts 30 --seed 3 ") + kAsOf);
  MustRun("import d --db a.db");
  MustRun("export --out out --db a.db");
  WriteFile(dir_ / "out" / "accounts.csv", "the old export\n");
  // A file size limit of 8 KiB makes every larger write fail (EFBIG, with SIGXFSZ
  // ignored), as a full disk would fail it (ENOSPC).
  const CommandResult result =
      Run("export --out out --db a.db --force", "trap '' XFSZ; ulimit -f 8;");
  EXPECT_EQ(result.exit_code, 4) << result.err;
  EXPECT_NE(result.err.find("error writing "), std::string::npos) << result.err;
  EXPECT_EQ(Slurp(dir_ / "out" / "accounts.csv"), "the old export\n");
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

TEST_F(HostileInputCli, DuplicateSignalKeyIsAnErrorAndCountsAreStored) {
  WriteDataSet("d");
  WriteFile(dir_ / "d" / "signals.csv",
            "account_id,signal,observed_on,value\nA1,usage,2026-01-31,1\n"
            "A1,usage,2026-01-31,2\n");
  CommandResult result = Run("import d --db a.db");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("signals.csv:3: account_id, signal, observed_on: duplicate key "
                            "(\"A1\", \"usage\", \"2026-01-31\") (first on line 2)"),
            std::string::npos)
      << result.err;
  result = MustRun("import d --db a.db --skip-invalid --rejects rej.csv");
  EXPECT_NE(result.out.find("signals.csv      1 new, 0 changed, 0 unchanged"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("skipped 1 invalid rows"), std::string::npos) << result.out;
}

TEST_F(HostileInputCli, FailedFirstImportLeavesNoDatabase) {
  WriteDataSet("d");
  WriteFile(dir_ / "d" / "revenue.csv", "account_id,month,amount\nA9,2026-01,1\n");
  const CommandResult result = Run("import d --db a.db");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  for (const char* file : {"a.db", "a.db-wal", "a.db-shm", "a.db-journal"}) {
    EXPECT_FALSE(fs::exists(dir_ / file)) << file;
  }
}

TEST_F(HostileInputCli, ReadOnlyStoreCanBeRead) {
  const std::string nobody = AsNobody();
  if (nobody.empty()) GTEST_SKIP() << "needs root and setpriv to drop to user nobody";
  WriteDataSet("d");
  MustRun("import d --db a.db");
  // The store equals its data set (cli_test: MetricsFromCsvAndFromStoreAgree).
  const std::string expected = MustRun(std::string("metrics --data d --format json ") + kAsOf).out;
  // A cleanly closed store has no WAL; dir_ and a.db belong to root, so for nobody both
  // are read-only and SQLite cannot create the WAL index: the store is read as immutable.
  ASSERT_FALSE(fs::exists(dir_ / "a.db-wal"));
  EXPECT_EQ(MustRun(std::string("metrics --db a.db --format json ") + kAsOf, nobody).out, expected);
  MustRun(std::string("accounts --db a.db ") + kAsOf, nobody);
  const std::string out = "/tmp/bw_hostile_ro_export_" + std::to_string(::getpid());
  fs::remove_all(out);
  MustRun("export --out " + out + " --db a.db", nobody);
  EXPECT_EQ(Slurp(fs::path(out) / "accounts.csv"),
            "account_id,name,industry,region,owner,"
            "acquisition,created_on,churned_on\n"
            "A1,Alpha,,,,,,\nA2,Beta,,,,,,\n");
  fs::remove_all(out);
  // Nothing was written beside the store.
  EXPECT_FALSE(fs::exists(dir_ / "a.db-wal"));
  EXPECT_FALSE(fs::exists(dir_ / "a.db-shm"));
}

TEST_F(HostileInputCli, TerminalEscapesInNamesAreShownEscaped) {
  fs::create_directories(dir_ / "d");
  WriteFile(dir_ / "d" / "accounts.csv",
            "account_id,name,created_on\nA1,\"\x1b]0;pwned\x07\x1b[31mEvil\",2020-01-01\n");
  WriteFile(dir_ / "d" / "revenue.csv", "account_id,month,amount\nA1,2026-01,100.00\n");
  const CommandResult table = MustRun(std::string("accounts --data d ") + kAsOf);
  EXPECT_EQ(table.out.find('\x1b'), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("\\x1b]0;pwned\\x07"), std::string::npos) << table.out;
  const CommandResult account = MustRun(std::string("account A1 --data d ") + kAsOf);
  EXPECT_EQ(account.out.find('\x1b'), std::string::npos) << account.out;
  // Error messages quote input values: escaped too.
  WriteFile(dir_ / "d" / "revenue.csv", "account_id,month,amount\nA1,\x1b[2J,100.00\n");
  const CommandResult error = Run(std::string("accounts --data d ") + kAsOf);
  EXPECT_EQ(error.exit_code, 2);
  EXPECT_NE(error.err.find("month: \"\\x1b[2J\" is not a month"), std::string::npos) << error.err;
  EXPECT_EQ(error.err.find('\x1b'), std::string::npos);
  WriteFile(dir_ / "d" / "revenue.csv", "account_id,month,amount\nA1,2026-01,100.00\n");
  // JSON carries the text unchanged (escaped the JSON way).
  const CommandResult json = MustRun(std::string("accounts --data d --format json ") + kAsOf);
  EXPECT_NE(json.out.find("\\u001b[31mEvil"), std::string::npos) << json.out;
}

}  // namespace
