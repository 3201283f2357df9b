// Each shipped import profile (profiles/*.toml) on a realistic sample export written for
// the tests (tests/data/profiles/NAME/, made-up data with the products' column names):
// the records stored are the hand-checked ones below.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "cli_support.h"

namespace {

namespace fs = std::filesystem;
using bw::test_support::CommandResult;
using bw::test_support::ReadFile;

class ImportProfilesTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = bw::test_support::FreshTempDir("bellwether_profiles", true); }
  void TearDown() override { fs::remove_all(dir_); }
  CommandResult Run(const std::string& args) { return bw::test_support::RunBellwether(dir_, args); }
  // Imports the sample export of `profile` and checks the exported files that hold rows.
  void ExpectRecords(const std::string& profile, const std::map<std::string, std::string>& files) {
    const std::string samples =
        std::string(BELLWETHER_SOURCE_DIR) + "/tests/data/profiles/" + profile;
    const CommandResult imported =
        Run("import '" + samples + "' --profile " + profile + " --db p.db");
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    ASSERT_EQ(Run("export --db p.db --out out").exit_code, 0);
    for (const auto& [file, expected] : files) {
      EXPECT_EQ(ReadFile(dir_ / "out" / file), expected) << profile << " " << file;
    }
  }
  fs::path dir_;
};

TEST_F(ImportProfilesTest, SalesforceAccountsContactsAndClosedWonRevenueByMonth) {
  ExpectRecords(
      "salesforce",
      {
          {"accounts.csv",
           "account_id,name,industry,region,owner,acquisition,created_on,churned_on\n"
           "0015g00000XyZaAAAV,\"Acme Manufacturing, Inc.\",Manufacturing,United "
           "States,jane.doe@vendor.example,earned,2021-03-15,\n"
           "0015g00000XyZbBBBV,Globex "
           "Retail,Retail,Canada,john.smith@vendor.example,bought,2022-11-02,2026-04-30\n"
           "0015g00000XyZcCCCV,Initech "
           "GmbH,Technology,Germany,jane.doe@vendor.example,,2020-01-20,\n"},
          {"contacts.csv",
           "contact_id,account_id,name,email,role,left_on\n"
           "0035g00000AbCdEAAV,0015g00000XyZaAAAV,Maria "
           "Garcia,maria.garcia@acme.example,decision_maker,\n"
           "0035g00000AbCdFAAV,0015g00000XyZaAAAV,Tom Lee,tom.lee@acme.example,influencer,\n"
           "0035g00000AbCdGAAV,0015g00000XyZbBBBV,Priya "
           "Patel,priya@globex.example,user,2026-02-28\n"
           "0035g00000AbCdHAAV,0015g00000XyZcCCCV,Jürgen "
           "Weiß,j.weiss@initech.example,decision_maker,\n"
           "0035g00000AbCdIAAV,0015g00000XyZcCCCV,Anna "
           "Schmidt,anna.schmidt@initech.example,user,\n"},
          {"revenue.csv",
           "account_id,month,amount\n"
           "0015g00000XyZaAAAV,2026-01,128500.50\n"
           "0015g00000XyZbBBBV,2025-12,15000.00\n"
           "0015g00000XyZcCCCV,2026-02,64250.00\n"},
      });
}

TEST_F(ImportProfilesTest, HubSpotCompaniesAndContacts) {
  ExpectRecords("hubspot",
                {
                    {"accounts.csv",
                     "account_id,name,industry,region,owner,acquisition,created_on,churned_on\n"
                     "8815203371,Nordwind Logistik "
                     "GmbH,Transportation/Trucking/"
                     "Railroad,Germany,sales.lead@vendor.example,earned,2022-04-11,\n"
                     "8815203372,Bluebird Analytics,Computer Software,United "
                     "Kingdom,sales.lead@vendor.example,bought,2023-09-30,\n"
                     "8815203373,Casa Verde S.L.,Food & "
                     "Beverages,Spain,iberia@vendor.example,,2024-01-15,\n"},
                    {"contacts.csv",
                     "contact_id,account_id,name,email,role,left_on\n"
                     "151,8815203371,Lena Krüger,lena.krueger@nordwind.example,decision_maker,\n"
                     "152,8815203371,Ole Hansen,ole.hansen@nordwind.example,user,\n"
                     "201,8815203372,Oliver Brown,oliver.brown@bluebird.example,influencer,\n"
                     "202,8815203372,Emily Clark,emily.clark@bluebird.example,user,\n"
                     "301,8815203373,Lucía Fernández,lucia@casaverde.example,decision_maker,\n"},
                });
}

TEST_F(ImportProfilesTest, Dynamics365ExcelExports) {
  ExpectRecords(
      "dynamics365",
      {
          {"accounts.csv",
           "account_id,name,industry,region,owner,acquisition,created_on,churned_on\n"
           "ACC-1001,Fabrikam Deutschland "
           "GmbH,Manufacturing,Germany,key.accounts@vendor.example,earned,2019-07-01,\n"
           "ACC-1002,Contoso "
           "Pharmaceuticals,Pharmaceuticals,Switzerland,key.accounts@vendor.example,bought,2021-02-"
           "15,2026-03-31\n"
           "ACC-1003,Adventure Works Cycles,Retail,Austria,vienna@vendor.example,,2023-10-09,\n"},
          {"contacts.csv",
           "contact_id,account_id,name,email,role,left_on\n"
           "9a7c1d22-0001,ACC-1001,Katrin Vogel,katrin.vogel@fabrikam.example,decision_maker,\n"
           "9a7c1d22-0002,ACC-1001,Stefan Huber,stefan.huber@fabrikam.example,user,\n"
           "9a7c1d22-0003,ACC-1002,Nina Keller,nina.keller@contoso.example,influencer,\n"
           "9a7c1d22-0004,ACC-1003,Paul Gruber,paul.gruber@adventure-works.example,user,\n"},
      });
}

TEST_F(ImportProfilesTest, SurveyResponsesMatchedToContactsByEmail) {
  ExpectRecords("survey",
                {
                    {"accounts.csv",
                     "account_id,name,industry,region,owner,acquisition,created_on,churned_on\n"
                     "A1,Muster AG,Manufacturing,DACH,am1@vendor.example,earned,2021-01-15,\n"
                     "A2,Beta GmbH,Retail,DACH,am2@vendor.example,bought,2022-03-01,\n"},
                    {"contacts.csv",
                     "contact_id,account_id,name,email,role,left_on\n"
                     "C1,A1,Anna Muster,anna@muster.example,decision_maker,\n"
                     "C2,A1,Ben Muster,ben@muster.example,user,\n"
                     "C3,A2,Clara Beta,Clara@Beta.example,influencer,\n"},
                    {"responses.csv",
                     "response_id,contact_id,survey_id,responded_on,score,comment,drivers\n"
                     "R_1a2B3c4D5e6F7g8,C1,,2026-05-04,9,\"Schneller Support, gute Beratung.\",\n"
                     "R_2b3C4d5E6f7G8h9,C3,,2026-05-05,4,\"Too many outages, billing errors.\",\n"
                     "R_3c4D5e6F7g8H9i0,C2,,2026-05-06,7,,\n"},
                });
}

TEST_F(ImportProfilesTest, AMissingSourceColumnNamesTheProfilesExpectation) {
  fs::create_directories(dir_ / "in");
  bw::test_support::WriteFile(dir_ / "in" / "Accounts.csv", "Account ID,Name\n001,Acme\n");
  const CommandResult bad = Run("import in --profile salesforce --db p.db");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("Accounts.csv:1: not in the header, the profile expects: "),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("\"Account Name\" (for name)"), std::string::npos) << bad.err;
  const CommandResult unknown = Run("import in --profile nosuch --db p.db");
  EXPECT_NE(unknown.err.find("\"nosuch\" is neither a shipped profile (dynamics365, hubspot, "
                             "salesforce, survey) nor a profile file"),
            std::string::npos)
      << unknown.err;
}

}  // namespace

namespace {

class DataQualityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bellwether_quality_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  CommandResult Run(const std::string& args) { return bw::test_support::RunBellwether(dir_, args); }
  fs::path dir_;
};

TEST_F(DataQualityTest, ReportAfterImportAndDryRun) {
  const std::string tiny = std::string(BELLWETHER_SOURCE_DIR) + "/tests/data/tiny";
  // tests/data/tiny: A8 and A10 have no revenue rows; C12 has no email; four responses
  // have no invitation of their contact and survey; two accounts skip months.
  const CommandResult imported = Run("import '" + tiny + "' --db t.db --format json");
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("\"accounts_without_revenue\": 2"), std::string::npos)
      << imported.out;
  EXPECT_NE(imported.out.find("\"A8\",\n    \"A10\""), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("\"contacts_without_email\": 1"), std::string::npos);
  EXPECT_NE(imported.out.find("\"responses_without_invitation\": 4"), std::string::npos);
  EXPECT_NE(imported.out.find("\"accounts_with_revenue_gaps\": 2"), std::string::npos);
  EXPECT_NE(imported.out.find("\"revenue.csv\": 106"), std::string::npos);
  // A dry run lists every problem, stores nothing, and fails.
  fs::create_directories(dir_ / "bad");
  bw::test_support::WriteFile(dir_ / "bad" / "accounts.csv",
                              "account_id;name;created_on\nA1;X;31.03.2026\nA2;Y;32.03.2026\n"
                              "A2;Z;01.04.2026\nA3;X;01.04.2026\nA3;W;01.04.2026\n");
  const CommandResult dry = Run("import bad --dry-run");
  EXPECT_EQ(dry.exit_code, 2);
  // The row with the bad date is rejected by the conversion, so the next A2 is no
  // duplicate; the second A3 is.
  EXPECT_NE(dry.out.find("2 problems:\n  accounts.csv:3: created_on: \"32.03.2026\" is not a date "
                         "(DD.MM.YYYY)\n  accounts.csv:6: account_id: duplicate key \"A3\""),
            std::string::npos)
      << dry.out;
  EXPECT_NE(
      dry.out.find("rejected: accounts.csv: created_on: … is not a date (DD.MM.YYYY) (1 rows)"),
      std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("account names under several ids             1"), std::string::npos)
      << dry.out;
  EXPECT_FALSE(fs::exists(dir_ / "bellwether.db"));
}

}  // namespace
