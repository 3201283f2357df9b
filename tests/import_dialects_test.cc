// The figures of a data set are the same whether it arrives in the import format, as
// German Excel CSV, as US Excel CSV, tab-separated UTF-16, pipe-separated, or as an XLSX
// workbook (docs/importing.md); dialects a file does not decide are refused clearly.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_support.h"
#include "io/xlsx_table_writer.h"

namespace {

namespace fs = std::filesystem;
using bw::test_support::CommandResult;
using bw::test_support::ReadFile;
using bw::test_support::WriteFile;

class ImportDialectsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(bw::test_support::FreshTempDir("bellwether_dialects"));
    MustRun("generate --out data --accounts 300 --seed 21 --as-of 2026-06-30");
    MustRun("import data --db strict.db");
    figures_ =
        new std::string(MustRun("metrics --db strict.db --as-of 2026-06-30 --format json").out);
    MustRun("export --db strict.db --out strict-export");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete figures_;
  }
  static CommandResult Run(const std::string& args) {
    return bw::test_support::RunBellwether(*dir_, args);
  }
  static CommandResult MustRun(const std::string& args) {
    CommandResult result = Run(args);
    EXPECT_EQ(result.exit_code, 0) << args << "\n" << result.err;
    return result;
  }
  // Exports the store in `dialect`, imports that into a new store, and checks figures
  // and records against the strict import.
  static void ExpectSameFigures(const std::string& dialect, const std::string& flags = "") {
    MustRun("export --db strict.db --out " + dialect + " --dialect " + dialect);
    const CommandResult imported =
        MustRun("import " + dialect + " --db " + dialect + ".db" + flags);
    EXPECT_NE(imported.out.find("read revenue.csv from " + dialect + "/revenue.csv:"),
              std::string::npos)
        << imported.out;
    EXPECT_EQ(MustRun("metrics --db " + dialect + ".db --as-of 2026-06-30 --format json").out,
              *figures_);
    MustRun("export --db " + dialect + ".db --out " + dialect + "-export");
    for (const char* file : {"accounts.csv", "contacts.csv", "revenue.csv", "responses.csv",
                             "signals.csv", "touchpoints.csv", "invitations.csv"}) {
      EXPECT_EQ(ReadFile(*dir_ / (dialect + "-export") / file),
                ReadFile(*dir_ / "strict-export" / file))
          << dialect << " " << file;
    }
  }
  static fs::path* dir_;
  static std::string* figures_;
};
fs::path* ImportDialectsTest::dir_ = nullptr;
std::string* ImportDialectsTest::figures_ = nullptr;

TEST_F(ImportDialectsTest, GermanExcelCsvGivesTheSameFigures) {
  ExpectSameFigures("german-excel");
  const std::string revenue = ReadFile(*dir_ / "german-excel" / "revenue.csv");
  EXPECT_NE(revenue.find(";"), std::string::npos);
  const CommandResult again = MustRun("import german-excel --db german-excel-2.db");
  EXPECT_NE(again.out.find("read accounts.csv from german-excel/accounts.csv: Windows-1252 "
                           "(detected), delimiter ';' (detected), dates DD.MM.YYYY"),
            std::string::npos)
      << again.out;
  EXPECT_NE(again.out.find("decimal ',' (detected from"), std::string::npos) << again.out;
}

TEST_F(ImportDialectsTest, UsExcelCsvGivesTheSameFigures) {
  // Every file is decided on its own: invitations are all sent on days 1..12, so their
  // dates could be either order and the import refuses until told.
  MustRun("export --db strict.db --out us-excel --dialect us-excel");
  const CommandResult refused = Run("import us-excel --db us-refused.db");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("could be day/month or month/day"), std::string::npos) << refused.err;
  ExpectSameFigures("us-excel", " --date-format mm/dd/yyyy");
}

TEST_F(ImportDialectsTest, TabSeparatedUtf16GivesTheSameFigures) {
  ExpectSameFigures("tab-utf16");
  const CommandResult again = MustRun("import tab-utf16 --db tab-2.db");
  EXPECT_NE(again.out.find("UTF-16LE (detected), delimiter tab (detected)"), std::string::npos)
      << again.out;
}

TEST_F(ImportDialectsTest, PipeSeparatedGivesTheSameFigures) { ExpectSameFigures("pipe"); }

TEST_F(ImportDialectsTest, XlsxRoundTripGivesTheSameFigures) {
  MustRun("export --db strict.db --out book.xlsx --format xlsx");
  const CommandResult imported = MustRun("import book.xlsx --db xlsx.db");
  EXPECT_NE(imported.out.find("read revenue.csv from book.xlsx:revenue: XLSX sheet"),
            std::string::npos)
      << imported.out;
  EXPECT_EQ(MustRun("metrics --db xlsx.db --as-of 2026-06-30 --format json").out, *figures_);
  MustRun("export --db xlsx.db --out xlsx-export");
  for (const char* file : {"accounts.csv", "contacts.csv", "revenue.csv", "responses.csv",
                           "signals.csv", "touchpoints.csv", "invitations.csv"}) {
    EXPECT_EQ(ReadFile(*dir_ / "xlsx-export" / file), ReadFile(*dir_ / "strict-export" / file))
        << file;
  }
  // A workbook in a directory, its sheets standing for the files.
  fs::create_directories(*dir_ / "with-book");
  fs::copy_file(*dir_ / "book.xlsx", *dir_ / "with-book" / "crm.xlsx");
  MustRun("import with-book --db with-book.db");
  EXPECT_EQ(MustRun("metrics --db with-book.db --as-of 2026-06-30 --format json").out, *figures_);
  // Refused: an existing file without --force.
  const CommandResult again = Run("export --db strict.db --out book.xlsx --format xlsx");
  EXPECT_EQ(again.exit_code, 2) << again.err;
  EXPECT_NE(again.err.find("use --force"), std::string::npos) << again.err;
}

TEST_F(ImportDialectsTest, AmbiguousDatesAndDecimalsAreRefusedUntilTold) {
  fs::create_directories(*dir_ / "ambiguous");
  WriteFile(*dir_ / "ambiguous" / "accounts.csv",
            "account_id;name;created_on\nA1;Alpha;03/04/2025\nA2;Beta;05/06/2025\n");
  WriteFile(*dir_ / "ambiguous" / "revenue.csv",
            "account_id;month;amount\nA1;2026-01;1.500\nA2;2026-01;2.250\n");
  CommandResult refused = Run("import ambiguous --db ambiguous.db");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("accounts.csv:2: created_on: \"03/04/2025\" could be day/month or "
                             "month/day, and no date of the file tells which; use --date-format "
                             "dd/mm/yyyy or --date-format mm/dd/yyyy"),
            std::string::npos)
      << refused.err;
  EXPECT_FALSE(fs::exists(*dir_ / "ambiguous.db"));
  refused = Run("import ambiguous --db ambiguous.db --date-format dd/mm/yyyy");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("revenue.csv:2: amount: \"1.500\" could be a whole number with a "
                             "thousands separator or a decimal"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("use --decimal ,"), std::string::npos) << refused.err;
  MustRun("import ambiguous --db ambiguous.db --date-format dd/mm/yyyy --decimal ,");
  const CommandResult accounts = MustRun("export --db ambiguous.db --out ambiguous-export");
  EXPECT_EQ(ReadFile(*dir_ / "ambiguous-export" / "revenue.csv"),
            "account_id,month,amount\nA1,2026-01,1500.00\nA2,2026-01,2250.00\n");
  EXPECT_NE(ReadFile(*dir_ / "ambiguous-export" / "accounts.csv").find("A1,Alpha,,,,,2025-04-03,"),
            std::string::npos);
}

// The reading commands' --data accepts what `import` accepts (docs/importing.md, "Reading
// commands"): the same detection, said on stderr, and the same options.
TEST_F(ImportDialectsTest, DataOfTheReadingCommandsReadsDialectsAndWorkbooks) {
  MustRun("export --db strict.db --out german-data --dialect german-excel");
  const CommandResult german =
      MustRun("metrics --data german-data --as-of 2026-06-30 --format json");
  EXPECT_EQ(german.out, *figures_);
  EXPECT_NE(german.err.find("read accounts.csv from german-data/accounts.csv: Windows-1252 "
                            "(detected), delimiter ';' (detected)"),
            std::string::npos)
      << german.err;
  EXPECT_EQ(MustRun("accounts --data german-data --as-of 2026-06-30 --format json").out,
            MustRun("accounts --db strict.db --as-of 2026-06-30 --format json").out);
  // The strict format says nothing.
  EXPECT_EQ(MustRun("metrics --data strict-export --as-of 2026-06-30 --format json").err, "");
  // An override that contradicts the files is refused with the file, line and column.
  const CommandResult wrong =
      Run("metrics --data german-data --as-of 2026-06-30 --decimal . --format json");
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("revenue.csv:2: amount:"), std::string::npos) << wrong.err;
  // A workbook.
  MustRun("export --db strict.db --out data-book.xlsx --format xlsx");
  EXPECT_EQ(MustRun("metrics --data data-book.xlsx --as-of 2026-06-30 --format json").out,
            *figures_);
}

// The sheets of a workbook are converted while the import reads the files before them
// (io/streamed_sheets.h): a value a later sheet cannot convert is still reported with its
// cell, with the rows the reader refused, and nothing is stored.
TEST_F(ImportDialectsTest, AWorkbookSheetThatCannotBeConvertedStoresNothing) {
  bw::io::XlsxTable accounts{"accounts", {"account_id", "name"}, {}};
  bw::io::XlsxTable contacts{"contacts", {"contact_id", "account_id", "role", "left_on"}, {}};
  for (int i = 0; i < 2000; ++i) {
    accounts.rows.push_back({{"B" + std::to_string(i)}, {"Account " + std::to_string(i)}});
    contacts.rows.push_back({{"P" + std::to_string(i)},
                             {"B" + std::to_string(i)},
                             {i == 3 ? "boss" : "user"},
                             {i == 1500 ? "99999999" : "", bw::io::XlsxKind::kNumber}});
  }
  ASSERT_TRUE(
      bw::io::WriteXlsxTables((*dir_ / "bad.xlsx").string(), {accounts, contacts}, true).ok());
  CommandResult refused = Run("import bad.xlsx --db bad.db");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("2 rows break the import format; nothing was stored:\n"
                             "bad.xlsx:contacts!D1502: left_on: \"99999999\" is not a date "
                             "serial number of Excel\n"
                             "bad.xlsx:contacts:5: role: \"boss\" is not a role"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("nothing was imported; bad.db was not created"), std::string::npos)
      << refused.err;
  EXPECT_FALSE(fs::exists(*dir_ / "bad.db"));
  // Into a store with data: unchanged.
  fs::copy_file(*dir_ / "strict.db", *dir_ / "kept.db", fs::copy_options::overwrite_existing);
  refused = Run("import bad.xlsx --db kept.db");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("kept.db is unchanged"), std::string::npos) << refused.err;
  EXPECT_EQ(MustRun("metrics --db kept.db --as-of 2026-06-30 --format json").out, *figures_);
}

TEST_F(ImportDialectsTest, ABadOptionValueListsTheChoices) {
  const CommandResult bad = Run("import data --db x.db --delimiter x");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--delimiter: \"x\" is not a delimiter (one of , ; tab |)"),
            std::string::npos)
      << bad.err;
}

}  // namespace
