// Issue 13, "Imports as data really arrives", from the user's side: an incremental month,
// a mirror import that deletes, the change counts, every bad row at once, and a dry run
// that leaves the store byte for byte as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_support.h"

namespace {

namespace fs = std::filesystem;

using bw::test_support::CommandResult;
using bw::test_support::ReadFile;
using bw::test_support::WriteFile;

class CliImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("bellwether_import_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "base");
    // Two accounts with two contacts each; revenue for May; one answer each.
    WriteFile(dir_ / "base" / "accounts.csv",
              "account_id,name,owner\nA1,Alpha,am@v.example\nB2,Beta,am@v.example\n");
    WriteFile(dir_ / "base" / "contacts.csv",
              "contact_id,account_id,name,email,role,left_on\n"
              "C1,A1,Ann,ann@a.example,decision_maker,\nC2,A1,Bob,bob@a.example,user,\n"
              "C3,B2,Cid,cid@b.example,decision_maker,\nC4,B2,Dan,dan@b.example,user,\n");
    WriteFile(dir_ / "base" / "revenue.csv",
              "account_id,month,amount\nA1,2026-05,1000\nB2,2026-05,500\n");
    WriteFile(dir_ / "base" / "responses.csv",
              "response_id,contact_id,survey_id,responded_on,score,comment,drivers\n"
              "R1,C1,Q2,2026-05-10,9,,\nR2,C3,Q2,2026-05-11,3,,\n");
    MustRun("import base --db s.db");
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandResult Run(const std::string& args) {
    return bw::test_support::RunBellwether(dir_, args);
  }
  CommandResult MustRun(const std::string& args) {
    CommandResult result = Run(args);
    EXPECT_EQ(result.exit_code, 0) << args << "\n" << result.err;
    return result;
  }
  std::string Summary() { return MustRun("metrics --db s.db --as-of 2026-06-30 --format json").out; }

  fs::path dir_;
};

TEST_F(CliImportTest, AnIncrementalMonthResolvesAgainstTheStore) {
  fs::create_directories(dir_ / "june");
  // Only June's revenue and this week's answers: the contacts are in the store.
  WriteFile(dir_ / "june" / "revenue.csv", "account_id,month,amount\nA1,2026-06,1100\n");
  WriteFile(dir_ / "june" / "responses.csv",
            "response_id,contact_id,survey_id,responded_on,score,comment,drivers\n"
            "R3,C4,Q2,2026-06-20,10,,\n");
  const CommandResult imported = MustRun("import june --db s.db");
  EXPECT_NE(imported.out.find("revenue.csv      account months: 1 new, 0 changed, 0 unchanged"),
            std::string::npos)
      << imported.out;
  EXPECT_NE(imported.out.find("responses.csv    1 new, 0 changed, 0 unchanged"),
            std::string::npos)
      << imported.out;
  EXPECT_EQ(imported.out.find("accounts.csv"), std::string::npos) << "only files present";
  const std::string summary = Summary();
  // C1 9, C3 3 and now C4 10: two promoters, one detractor.
  EXPECT_NE(summary.find("\"contact_nps\": 33.33"), std::string::npos) << summary;

  // A reference to nothing stored is still an error, naming file, line and field.
  WriteFile(dir_ / "june" / "responses.csv",
            "response_id,contact_id,survey_id,responded_on,score,comment,drivers\n"
            "R4,C06,Q2,2026-06-21,10,,\n");
  const CommandResult unknown = Run("import june --db s.db");
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("responses.csv:2: contact_id: unknown contact \"C06\""),
            std::string::npos)
      << unknown.err;
}

TEST_F(CliImportTest, ChangeCountsAreWhatTheStoreHoldsAfterwards) {
  WriteFile(dir_ / "base" / "accounts.csv",
            "account_id,name,owner\nA1,Alpha AG,am@v.example\nB2,Beta,am@v.example\n"
            "N3,New,am@v.example\n");
  const CommandResult again = MustRun("import base --db s.db");
  EXPECT_NE(again.out.find("accounts.csv     1 new, 1 changed, 1 unchanged"), std::string::npos)
      << again.out;
  EXPECT_NE(again.out.find("contacts.csv     0 new, 0 changed, 4 unchanged"), std::string::npos)
      << again.out;
}

TEST_F(CliImportTest, AMirrorImportDeletesAContactAndTheFiguresFollow) {
  const std::string before = Summary();
  EXPECT_NE(before.find("\"contact_nps\": 0.0"), std::string::npos) << before;
  fs::create_directories(dir_ / "crm");
  // C3 (the detractor) is no longer in the CRM export.
  WriteFile(dir_ / "crm" / "contacts.csv",
            "contact_id,account_id,name,email,role,left_on\n"
            "C1,A1,Ann,ann@a.example,decision_maker,\nC2,A1,Bob,bob@a.example,user,\n"
            "C4,B2,Dan,dan@b.example,user,\n");
  const CommandResult mirrored = MustRun("import crm --db s.db --replace contacts.csv");
  EXPECT_NE(mirrored.out.find("contacts.csv     0 new, 0 changed, 3 unchanged, 1 deleted"),
            std::string::npos)
      << mirrored.out;
  EXPECT_NE(mirrored.out.find("responses.csv    not in crm: 1 deleted"), std::string::npos)
      << mirrored.out;
  const std::string after = Summary();
  EXPECT_NE(after.find("\"contact_nps\": 100.0"), std::string::npos) << after;

  // Dropping an account asks first; without a terminal and --yes nothing changes.
  fs::create_directories(dir_ / "accounts_only");
  WriteFile(dir_ / "accounts_only" / "accounts.csv", "account_id,name\nA1,Alpha\n");
  const std::string store_before = ReadFile(dir_ / "s.db");
  const CommandResult refused = Run("import accounts_only --db s.db --replace </dev/null");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("this import deletes 1 accounts"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--yes"), std::string::npos) << refused.err;
  EXPECT_EQ(ReadFile(dir_ / "s.db"), store_before);
  const CommandResult yes = MustRun("import accounts_only --db s.db --replace --yes");
  EXPECT_NE(yes.out.find("accounts.csv     0 new, 1 changed, 0 unchanged, 1 deleted"),
            std::string::npos)
      << yes.out;
}

TEST_F(CliImportTest, FiftyBadRowsAreReportedAtOnce) {
  fs::create_directories(dir_ / "bad");
  std::string revenue = "account_id,month,amount\n";
  for (int i = 0; i < 60; ++i) revenue += "A1,2026-13,1\n";  // month 13 on every row
  WriteFile(dir_ / "bad" / "revenue.csv", revenue);
  const std::string store_before = ReadFile(dir_ / "s.db");
  const CommandResult failed = Run("import bad --db s.db");
  EXPECT_EQ(failed.exit_code, 2) << failed.err;
  EXPECT_NE(failed.err.find("60 rows break the import format"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("revenue.csv:2: month:"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("revenue.csv:51: month:"), std::string::npos) << failed.err;
  EXPECT_EQ(failed.err.find("revenue.csv:52: month:"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("... and 10 more"), std::string::npos) << failed.err;
  EXPECT_EQ(ReadFile(dir_ / "s.db"), store_before);
}

TEST_F(CliImportTest, ADryRunLeavesTheStoreByteForByte) {
  const std::string store_before = ReadFile(dir_ / "s.db");
  WriteFile(dir_ / "base" / "revenue.csv",
            "account_id,month,amount\nA1,2026-05,1000\nB2,2026-05,750\nB2,2026-06,80\n");
  const CommandResult dry = MustRun("import base --db s.db --dry-run");
  EXPECT_NE(dry.out.find("dry run: base is valid"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("revenue.csv      account months: 1 new, 1 changed, 1 unchanged"),
            std::string::npos)
      << dry.out;
  EXPECT_EQ(ReadFile(dir_ / "s.db"), store_before);
  // Into a store that does not exist: nothing is created.
  MustRun("import base --db new.db --dry-run");
  EXPECT_FALSE(fs::exists(dir_ / "new.db"));
}

TEST_F(CliImportTest, MessagesSuggestTheFix) {
  fs::create_directories(dir_ / "typos");
  WriteFile(dir_ / "typos" / "contacts.csv",
            "contact_id,account_id,name,email,role,lef_on\n"
            "C9,A1,Eve,eve@a.example,decision_makr,\n");
  const CommandResult column = Run("import typos --db s.db");
  EXPECT_NE(column.exit_code, 0);
  EXPECT_NE(column.err.find("contacts.csv:1: lef_on: unknown column (did you mean \"left_on\"?)"),
            std::string::npos)
      << column.err;
  const CommandResult role = Run("import typos --db s.db --allow-unknown-columns");
  EXPECT_NE(role.err.find("warning: contacts.csv:1: unknown column \"lef_on\" ignored (did you "
                          "mean \"left_on\"?)"),
            std::string::npos)
      << role.err;
  EXPECT_NE(role.err.find("contacts.csv:2: role: \"decision_makr\" is not a role"),
            std::string::npos)
      << role.err;
  EXPECT_NE(role.err.find("(did you mean \"decision_maker\"?)"), std::string::npos) << role.err;

  // A German Excel file is read as what it is, and says so (issue 14's dialects).
  fs::create_directories(dir_ / "excel");
  WriteFile(dir_ / "excel" / "accounts.csv", "account_id;name\nA7;Seven\n");
  const CommandResult semicolons = MustRun("import excel --db s.db");
  EXPECT_NE(semicolons.out.find("delimiter ';' (detected)"), std::string::npos) << semicolons.out;
}

}  // namespace
