// End-to-end tests of the `bellwether` binary: generate, import, export and metrics agree
// with each other, and bad input leaves the store untouched.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "cli_support.h"
#include "core/clock.h"

namespace {

namespace fs = std::filesystem;

using bw::test_support::CommandResult;
using bw::test_support::ReadFile;
using bw::test_support::WriteFile;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("bellwether_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `bellwether ARGS` with the working directory dir_.
  CommandResult Run(const std::string& args) { return bw::test_support::RunBellwether(dir_, args); }

  CommandResult MustRun(const std::string& args) {
    CommandResult result = Run(args);
    EXPECT_EQ(result.exit_code, 0) << args << "\n" << result.err;
    return result;
  }

  fs::path dir_;
};

constexpr const char* kAsOf = "--as-of 2026-06-30";

TEST_F(CliTest, DefaultAsOfIsTheLastDayOfTheLastCompleteMonth) {
  MustRun(std::string("generate --out data --accounts 20 --seed 11 ") + kAsOf);
  const CommandResult summary = MustRun("metrics --data data --format json");
  const std::string expected =
      bw::FormatDate(bw::LastDayOfLastCompleteMonth(bw::SystemClock::Instance().Today()));
  EXPECT_NE(summary.out.find("\"as_of\": \"" + expected + "\""), std::string::npos) << summary.out;
}

TEST_F(CliTest, MetricsFromCsvAndFromStoreAgree) {
  MustRun(std::string("generate --out data --accounts 300 --seed 11 ") + kAsOf);
  const CommandResult from_csv = MustRun(std::string("metrics --data data --format json ") + kAsOf);
  MustRun("import data --db a.db");
  const CommandResult from_db = MustRun(std::string("metrics --db a.db --format json ") + kAsOf);
  EXPECT_EQ(from_csv.out, from_db.out);
  EXPECT_NE(from_csv.out.find("\"retention\""), std::string::npos);
  EXPECT_NE(from_csv.out.find("\"total\": 300"), std::string::npos);
}

TEST_F(CliTest, ExportImportRoundTripIsLossless) {
  MustRun(std::string("generate --out data --accounts 200 --seed 3 ") + kAsOf);
  MustRun("import data --db a.db");
  MustRun("export --out exported --db a.db");
  MustRun("import exported --db b.db");
  MustRun("export --out exported2 --db b.db");
  for (const char* file : {"accounts.csv", "contacts.csv", "revenue.csv", "invitations.csv",
                           "responses.csv", "touchpoints.csv", "signals.csv"}) {
    const std::string first = ReadFile(dir_ / "exported" / file);
    EXPECT_FALSE(first.empty()) << file;
    EXPECT_EQ(first, ReadFile(dir_ / "exported2" / file)) << file;
  }
  EXPECT_EQ(MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out,
            MustRun(std::string("metrics --data exported --format json ") + kAsOf).out);
}

TEST_F(CliTest, ImportingTwiceChangesNothing) {
  MustRun(std::string("generate --out data --accounts 100 --seed 5 ") + kAsOf);
  MustRun("import data --db a.db");
  const std::string once = MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out;
  MustRun("export --out e1 --db a.db");
  MustRun("import data --db a.db");
  EXPECT_EQ(once, MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out);
  MustRun("export --out e2 --db a.db");
  for (const char* file : {"accounts.csv", "contacts.csv", "revenue.csv", "responses.csv"}) {
    EXPECT_EQ(ReadFile(dir_ / "e1" / file), ReadFile(dir_ / "e2" / file)) << file;
  }
}

void WriteSmallDataSet(const fs::path& dir, const std::string& bad_response_line) {
  fs::create_directories(dir);
  WriteFile(dir / "accounts.csv",
            "account_id,name,created_on\nA1,Müller AG,2020-01-01\nA2,\"Beta, Inc.\",2021-05-01\n");
  WriteFile(dir / "contacts.csv", "contact_id,account_id,role\nC1,A1,A\nC2,A2,user\n");
  WriteFile(dir / "revenue.csv", "account_id,month,amount\nA1,2026-01,1000\nA2,2026-02,3000\n");
  WriteFile(dir / "responses.csv", "response_id,contact_id,responded_on,score\nR1,C1,2026-03-01,9\n" +
                                       bad_response_line);
}

TEST_F(CliTest, BadInputNamesFileLineAndFieldAndStoresNothing) {
  WriteSmallDataSet(dir_ / "good", "");
  MustRun("import good --db a.db");
  const std::string before = MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out;

  WriteSmallDataSet(dir_ / "bad", "R2,C2,2026-03-02,11\n");
  // A new account that would change the figures if any of this import were stored.
  WriteFile(dir_ / "bad" / "accounts.csv",
            "account_id,name\nA1,Müller AG\nA2,Beta\nA3,Gamma\n");
  const CommandResult bad = Run("import bad --db a.db");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("responses.csv:3: score: \"11\""), std::string::npos) << bad.err;
  EXPECT_EQ(before, MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out);
}

TEST_F(CliTest, SkipInvalidWritesRejects) {
  WriteSmallDataSet(dir_ / "bad", "R2,C2,2026-03-02,11\nR3,C2,2026-03-05,4\n");
  const CommandResult result = MustRun("import bad --db a.db --skip-invalid --rejects rej.csv");
  EXPECT_NE(result.out.find("skipped 1 invalid rows"), std::string::npos) << result.out;
  const std::string rejects = ReadFile(dir_ / "rej.csv");
  EXPECT_NE(rejects.find("responses.csv:3: score"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("R2,C2,2026-03-02,11"), std::string::npos) << rejects;
  const std::string json = MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out;
  // R1 (9, promoter) and R3 (4, detractor): contact NPS 0.
  EXPECT_NE(json.find("\"contact_nps\": 0.0"), std::string::npos) << json;
}

TEST_F(CliTest, TableShowsMarginsAndWarnsOfBlindFlight) {
  WriteSmallDataSet(dir_ / "d", "");
  // Only A1 (1,000 of 4,000 TTM) answered: revenue coverage 25 %.
  const CommandResult table = MustRun(std::string("metrics --data d ") + kAsOf);
  EXPECT_NE(table.out.find("Contact NPS"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("± 0.0"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("25.0 % of TTM revenue"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("blind flight"), std::string::npos) << table.out;
}

TEST_F(CliTest, ImportOfAMissingDirectoryCreatesNoDatabase) {
  const CommandResult missing = Run("import nowhere --db a.db");
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("nowhere: not found"), std::string::npos) << missing.err;
  fs::create_directories(dir_ / "empty");
  const CommandResult empty = Run("import empty --db a.db");
  EXPECT_NE(empty.err.find("empty/accounts.csv: not found"), std::string::npos) << empty.err;
  EXPECT_FALSE(fs::exists(dir_ / "a.db"));
}

TEST_F(CliTest, MissingDatabaseAndBadDateAreClearErrors) {
  const CommandResult no_db = Run("metrics --db nowhere.db");
  EXPECT_EQ(no_db.exit_code, 3);
  EXPECT_NE(no_db.err.find("nowhere.db: no such database"), std::string::npos) << no_db.err;
  const CommandResult bad_date = Run("metrics --data . --as-of 30.06.2026");
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("--as-of: \"30.06.2026\" is not a date"), std::string::npos)
      << bad_date.err;
}

}  // namespace

namespace {

// Each rule of the import format, broken once: the import fails naming file, line and
// field, and the store keeps exactly what it had.
TEST_F(CliTest, EveryBadInputLeavesTheStoreUnchanged) {
  WriteSmallDataSet(dir_ / "good", "");
  MustRun("import good --db a.db");
  const std::string before = MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out;
  struct Case {
    const char* file;
    const char* content;
    const char* error;
  };
  const Case cases[] = {
      {"revenue.csv", "account_id,month,amount\nA1,2026-01,-12.5\n",
       "revenue.csv:2: amount: \"-12.5\" is negative"},
      {"revenue.csv", "account_id,month,amount\nA1,2026-13,5\n", "revenue.csv:2: month:"},
      {"revenue.csv", "account_id,month,amount\nA9,2026-01,5\n",
       "revenue.csv:2: account_id: unknown account \"A9\""},
      {"contacts.csv", "contact_id,account_id,role\nC1,A1,A\nC1,A2,user\n",
       "contacts.csv:3: contact_id: duplicate key \"C1\""},
      {"contacts.csv", "contact_id,account_id,role\nC1,A1,boss\n", "contacts.csv:2: role:"},
      {"contacts.csv", "contact_id,account_id,role,email\nC1,A1,A,not-an-address\n",
       "contacts.csv:2: email:"},
      {"responses.csv", "response_id,contact_id,responded_on,score\nR1,C1,2026-02-30,9\n",
       "responses.csv:2: responded_on:"},
      {"responses.csv", "response_id,contact_id,responded_on,score\nR1,C1,2026-02-03,\n",
       "responses.csv:2: score: required value missing"},
      {"responses.csv", "response_id,contact_id,responded_on,score,comment\nR1,C1,2026-02-03,9,\"a\xff\"\n",
       "responses.csv:2: comment: invalid UTF-8"},
      {"accounts.csv", "account_id,name\nA1,\n", "accounts.csv:2: name: required value missing"},
      {"signals.csv", "account_id,signal,observed_on,value\nA1,Usage,2026-01-01,3\n",
       "signals.csv:2: signal:"},
      {"touchpoints.csv", "touchpoint_id,account_id,type,occurred_on\nT1,A1,visit,2026-01-01\n",
       "touchpoints.csv:2: type:"},
      {"invitations.csv", "invitation_id,contact_id,survey_id,sent_on\nI1,C1,,2026-01-01\n",
       "invitations.csv:2: survey_id: required value missing"},
      // Keys out of order, then a repeat: found however the file is sorted.
      {"invitations.csv",
       "invitation_id,contact_id,survey_id,sent_on\nI2,C1,Q1,2026-01-01\nI1,C1,Q1,2026-01-02\n"
       "I3,C1,Q1,2026-01-03\nI2,C2,Q1,2026-01-04\n",
       "invitations.csv:5: invitation_id: duplicate key \"I2\" (first on line 2)"},
      {"responses.csv",
       "response_id,contact_id,responded_on,score\nR1,C1,2026-02-03,9\nR2,C2,2026-02-03,9\n"
       "R2,C2,2026-02-04,9\n",
       "responses.csv:4: response_id: duplicate key \"R2\" (first on line 3)"},
  };
  for (const Case& c : cases) {
    fs::remove_all(dir_ / "bad");
    WriteSmallDataSet(dir_ / "bad", "");
    WriteFile(dir_ / "bad" / c.file, c.content);
    const CommandResult bad = Run("import bad --db a.db");
    EXPECT_EQ(bad.exit_code, 2) << c.error;
    EXPECT_NE(bad.err.find(c.error), std::string::npos) << "expected: " << c.error << "\ngot: " << bad.err;
    EXPECT_NE(bad.err.find("nothing was imported"), std::string::npos) << bad.err;
    EXPECT_EQ(before, MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out) << c.error;
  }
}

// Kills `bellwether import` at random moments: the store is either as it was or holds the
// complete import, never anything in between.
TEST_F(CliTest, AKilledImportLeavesTheStoreAsItWasOrComplete) {
  MustRun(std::string("generate --out first --accounts 50 --seed 1 ") + kAsOf);
  MustRun(std::string("generate --out second --accounts 1500 --seed 2 ") + kAsOf);
  MustRun("import first --db a.db");
  const std::string before = MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out;
  MustRun("import first --db full.db");
  MustRun("import second --db full.db");
  const std::string after = MustRun(std::string("metrics --db full.db --format json ") + kAsOf).out;
  ASSERT_NE(before, after);
  std::mt19937 random(20261125);
  int interrupted = 0;
  for (int attempt = 0; attempt < 6; ++attempt) {
    const int delay_ms = std::uniform_int_distribution<int>(20, 600)(random);
    const std::string command = "cd '" + dir_.string() + "' && '" BELLWETHER_BINARY
                                "' import second --db a.db >/dev/null 2>&1 & pid=$!; sleep " +
                                std::to_string(delay_ms / 1000.0) +
                                "; kill -9 $pid 2>/dev/null && echo killed; wait $pid 2>/dev/null";
    std::FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char buffer[64] = {};
    const bool killed = std::fgets(buffer, sizeof buffer, pipe) != nullptr;
    pclose(pipe);
    const std::string now = MustRun(std::string("metrics --db a.db --format json ") + kAsOf).out;
    EXPECT_TRUE(now == before || now == after) << "after a kill at " << delay_ms << " ms";
    if (killed && now == before) ++interrupted;
    if (now == after) {
      // Start over from the first data set for the next attempt.
      fs::remove(dir_ / "a.db");
      fs::remove(dir_ / "a.db-wal");
      fs::remove(dir_ / "a.db-shm");
      MustRun("import first --db a.db");
    }
  }
  EXPECT_GT(interrupted, 0) << "no kill landed during an import; the test proved nothing";
}

}  // namespace

namespace {

// A book of two accounts, worked out by hand. Pareto order A2 (TTM 3,000), A1 (1,000):
// A2 alone reaches 50 % of 4,000 (tier A) but only 75 %, so A1 completes 80 % (tier B);
// both are key accounts.
//   A1: one decision maker answering 5: detractor, so firefighting; executive detractor,
//       single-threaded, silent (no touchpoints); tier B needs 4 contacts and another role.
//   A2: no contacts: non-responder, so blind spot.
void WriteRowsDataSet(const fs::path& dir) {
  fs::create_directories(dir);
  WriteFile(dir / "accounts.csv",
            "account_id,name,owner,industry\nA1,=SUM(1),am@vendor.example,Retail\nA2,Beta,,\n");
  WriteFile(dir / "contacts.csv", "contact_id,account_id,role\nC1,A1,executive\n");
  WriteFile(dir / "revenue.csv", "account_id,month,amount\nA1,2026-01,1000\nA2,2026-02,3000\n");
  WriteFile(dir / "responses.csv",
            "response_id,contact_id,responded_on,score\nR1,C1,2026-03-01,5\n");
}

TEST_F(CliTest, AccountsJsonRowsMatchTheSpecsRow) {
  WriteRowsDataSet(dir_ / "d");
  const std::string json = MustRun(std::string("accounts --data d --format json ") + kAsOf).out;
  // Pareto order: A2 first.
  const size_t a2 = json.find("\"account_id\": \"A2\"");
  const size_t a1 = json.find("\"account_id\": \"A1\"");
  ASSERT_NE(a1, std::string::npos) << json;
  ASSERT_LT(a2, a1) << json;
  const std::string row = json.substr(a1, json.find("\"engagement_class\"", a1) - a1);
  for (const char* expected :
       {"\"owner\": \"am@vendor.example\"", "\"industry\": \"Retail\"", "\"region\": null",
        "\"tier\": \"B\"", "\"ttm\": 1000.0", "\"score\": 5.0", "\"category\": \"detractor\"",
        "\"quadrant\": \"firefighting\"", "\"current\": 1", "\"decision_maker\": 1",
        "\"executive_detractor\"", "\"single_threaded\"", "\"silent\"", "\"required\": 4",
        "\"missing_contacts\": 3", "\"influencer_or_user\"", "\"days_since_last\": null"}) {
    EXPECT_NE(row.find(expected), std::string::npos) << expected << "\n" << row;
  }
  const std::string a2_row = json.substr(a2, a1 - a2);
  EXPECT_NE(a2_row.find("\"quadrant\": \"blind_spot\""), std::string::npos) << a2_row;
  EXPECT_NE(a2_row.find("\"score\": null"), std::string::npos) << a2_row;
  EXPECT_NE(a2_row.find("\"owner\": null"), std::string::npos) << a2_row;
}

TEST_F(CliTest, AccountsCsvIsSafeToOpenInASpreadsheet) {
  WriteRowsDataSet(dir_ / "d");
  const std::string csv = MustRun(std::string("accounts --data d --format csv ") + kAsOf).out;
  // UTF-8 with a byte order mark, so that a spreadsheet reads umlauts right.
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF" "account_id,name,owner,", 0), 0u) << csv;
  EXPECT_NE(csv.find("A1,'=SUM(1),am@vendor.example"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",=SUM"), std::string::npos) << csv;
  const std::string plain =
      MustRun(std::string("accounts --data d --format csv --csv-dialect rfc4180 ") + kAsOf).out;
  EXPECT_EQ(plain.rfind("account_id,name,owner,", 0), 0u) << plain;
  // German Excel: semicolons and decimal commas.
  const std::string german =
      MustRun(std::string("accounts --data d --format csv --lang de ") + kAsOf).out;
  EXPECT_NE(german.find("A1;'=SUM(1);am@vendor.example;Retail;;B;1000,00;"), std::string::npos)
      << german;
}

TEST_F(CliTest, AccountsFiltersAndTheirErrors) {
  WriteRowsDataSet(dir_ / "d");
  const std::string only_b =
      MustRun(std::string("accounts --data d --format csv --filter tier=B ") + kAsOf).out;
  EXPECT_NE(only_b.find("\nA1,"), std::string::npos) << only_b;
  EXPECT_EQ(only_b.find("\nA2,"), std::string::npos) << only_b;
  const std::string not_silent =
      MustRun(std::string("accounts --data d --format csv --filter flag!=single_threaded ") + kAsOf)
          .out;
  EXPECT_EQ(not_silent.find("\nA1,"), std::string::npos) << not_silent;
  const CommandResult bad = Run(std::string("accounts --data d --filter size=big ") + kAsOf);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--filter \"size=big\": unknown field \"size\""), std::string::npos)
      << bad.err;
  const CommandResult bad_flag = Run(std::string("accounts --data d --filter flag=angry ") + kAsOf);
  EXPECT_NE(bad_flag.err.find("unknown flag \"angry\""), std::string::npos) << bad_flag.err;
  const CommandResult bad_tier = Run(std::string("accounts --data d --filter tier=E ") + kAsOf);
  EXPECT_EQ(bad_tier.exit_code, 2);
  EXPECT_NE(bad_tier.err.find("unknown tier \"E\" (one of A, B, C, D)"), std::string::npos)
      << bad_tier.err;
  const std::string lower_tier =
      MustRun(std::string("accounts --data d --format csv --filter tier=b ") + kAsOf).out;
  EXPECT_EQ(lower_tier, only_b) << "case must not matter for tier";
}

// Issue 13, "Safe with files": reading commands never touch a file that is not a store, and
// generate does not overwrite a directory that holds something.
TEST_F(CliTest, ForeignFilesAreLeftAlone) {
  ASSERT_EQ(std::system(("sqlite3 '" + (dir_ / "foreign.db").string() +
                         "' 'CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (1)'")
                            .c_str()),
            0);
  const std::string before = ReadFile(dir_ / "foreign.db");
  for (const std::string& command :
       {std::string("metrics ") + kAsOf, std::string("accounts ") + kAsOf,
        std::string("report matrix ") + kAsOf, std::string("export --out out")}) {
    const CommandResult result = Run(command + " --db foreign.db");
    EXPECT_NE(result.exit_code, 0) << command;
    EXPECT_NE(result.err.find("foreign.db is not a Bellwether store (no schema_version table)"),
              std::string::npos)
        << command << ": " << result.err;
  }
  MustRun(std::string("generate --out data --accounts 20 --seed 1 ") + kAsOf);
  const CommandResult import = Run("import data --db foreign.db");
  EXPECT_NE(import.exit_code, 0);
  EXPECT_TRUE(ReadFile(dir_ / "foreign.db") == before) << "foreign.db was changed";
  EXPECT_FALSE(fs::exists(dir_ / "foreign.db-wal"));

  const std::string accounts_before = ReadFile(dir_ / "data" / "accounts.csv");
  const CommandResult again = Run(std::string("generate --out data --accounts 30 --seed 2 ") + kAsOf);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("data is not empty"), std::string::npos) << again.err;
  EXPECT_TRUE(ReadFile(dir_ / "data" / "accounts.csv") == accounts_before);
  MustRun(std::string("generate --out data --accounts 30 --seed 2 --force ") + kAsOf);
  EXPECT_FALSE(ReadFile(dir_ / "data" / "accounts.csv") == accounts_before);
}

TEST_F(CliTest, ReportsHaveTheSpecsKeys) {
  WriteRowsDataSet(dir_ / "d");
  const std::string matrix =
      MustRun(std::string("report matrix --data d --format json ") + kAsOf).out;
  for (const char* quadrant : {"firefighting", "blind_spot", "advocate", "develop", "grow",
                               "fix_efficiently", "monitor"}) {
    EXPECT_NE(matrix.find(std::string("\"") + quadrant + "\""), std::string::npos) << quadrant;
  }
  const std::string retention =
      MustRun(std::string("report retention --data d --format json ") + kAsOf).out;
  for (const char* key : {"\"cohort\"", "\"logo_churn\"", "\"egr\"", "\"segments\"",
                          "\"prior_category\""}) {
    EXPECT_NE(retention.find(key), std::string::npos) << key;
  }
  const CommandResult campaign = Run(std::string("report campaign --data d ") + kAsOf);
  EXPECT_EQ(campaign.exit_code, 2);
  EXPECT_NE(campaign.err.find("needs --baseline WAVE and --followup WAVE"), std::string::npos);
}

TEST_F(CliTest, WorkspaceConfigChangesTheFigures) {
  WriteRowsDataSet(dir_ / "d");
  // With pareto = 0.5 the Pareto set is A2 alone (3,000 of 4,000).
  WriteFile(dir_ / "w.toml", "[metrics]\npareto = 0.5\n");
  const std::string json =
      MustRun(std::string("metrics --data d --format json --config w.toml ") + kAsOf).out;
  EXPECT_NE(json.find("\"accounts\": 1,\n    \"revenue\": 3000.0"), std::string::npos) << json;
  WriteFile(dir_ / "bad.toml", "[metrics]\nparetto = 0.5\n");
  const CommandResult bad = Run(std::string("metrics --data d --config bad.toml ") + kAsOf);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.toml:2: metrics.paretto: unknown key"), std::string::npos)
      << bad.err;
}

// Issue 13, "German and English output": the language comes from --lang, else the
// workspace's `language`, else LC_ALL / LC_MESSAGES / LANG; JSON never changes.
TEST_F(CliTest, OutputLanguageFollowsFlagWorkspaceAndEnvironment) {
  MustRun(std::string("generate --out data --accounts 40 --seed 4 ") + kAsOf);
  const std::string args = std::string("metrics --data data ") + kAsOf;
  const std::string english = MustRun(args).out;
  EXPECT_EQ(english.rfind("Bellwether summary as of 2026-06-30", 0), 0u) << english;
  const std::string german = MustRun(args + " --lang de").out;
  EXPECT_EQ(german.rfind("Bellwether-Übersicht, Stand 30.06.2026", 0), 0u) << german;
  EXPECT_NE(german.find("Fehlermarge"), std::string::npos);

  const CommandResult by_env =
      bw::test_support::RunBellwether(dir_, args, "env LC_ALL= LC_MESSAGES= LANG=de_DE.UTF-8");
  EXPECT_EQ(by_env.out, german);
  const CommandResult flag_wins = bw::test_support::RunBellwether(
      dir_, args + " --lang en", "env LC_ALL= LC_MESSAGES= LANG=de_DE.UTF-8");
  EXPECT_EQ(flag_wins.out, english);

  WriteFile(dir_ / "bellwether.toml", "language = \"de\"\n");
  EXPECT_EQ(MustRun(args).out, german) << "the workspace's language";
  EXPECT_EQ(MustRun(args + " --format json").out,
            MustRun(args + " --format json --lang en").out);

  const CommandResult bad = Run(args + " --lang fr");
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
