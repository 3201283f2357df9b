// `--format xlsx` of the tables the CLI prints (docs/reports.md, "Excel workbooks"): the
// account list, every report and the summary, read back with the project's own XLSX
// reader (io/xlsx_reader.h), hold the values of the JSON output as typed cells: numbers
// as number cells, dates as date cells, text as text. And the file is written safely: never
// onto an input, never over a file without --force.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_support.h"
#include "io/xlsx_reader.h"

namespace {

namespace fs = std::filesystem;
using bw::io::CellType;
using bw::test_support::CommandResult;
using Json = nlohmann::ordered_json;

struct Cell {
  std::string text;
  CellType type = CellType::kText;
};
using Sheet = std::vector<std::vector<Cell>>;               // the header row first
using Sheets = std::vector<std::pair<std::string, Sheet>>;  // in workbook order

Sheets ReadWorkbook(const fs::path& path) {
  Sheets sheets;
  auto book = bw::io::XlsxWorkbook::Open(path.string(), path.filename().string());
  EXPECT_TRUE(book.ok()) << book.status().message();
  if (!book.ok()) return sheets;
  const std::vector<std::string> names = (*book)->SheetNames();
  for (size_t i = 0; i < names.size(); ++i) {
    auto rows = (*book)->OpenSheet(i);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    Sheet& sheet = sheets.emplace_back(names[i], Sheet()).second;
    while ((*rows)->Next()) {
      std::vector<Cell>& row = sheet.emplace_back();
      for (size_t c = 0; c < (*rows)->fields().size(); ++c) {
        const auto& types = (*rows)->types();
        row.push_back(
            {std::string((*rows)->fields()[c]), types.empty() ? CellType::kText : types[c]});
      }
    }
  }
  return sheets;
}

const Sheet* Find(const Sheets& sheets, const std::string& name) {
  for (const auto& [n, sheet] : sheets) {
    if (n == name) return &sheet;
  }
  return nullptr;
}

// The JSON value at a dotted path with list indexes: "segments.industry", "drivers[2]".
const Json* At(const Json& root, const std::string& path) {
  const Json* node = &root;
  size_t i = 0;
  while (i < path.size() && node != nullptr) {
    if (path[i] == '.') ++i;
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      const size_t index = std::stoul(path.substr(i + 1, close - i - 1));
      node = node->is_array() && index < node->size() ? &(*node)[index] : nullptr;
      i = close + 1;
      continue;
    }
    const size_t end = path.find_first_of(".[", i);
    const std::string key = path.substr(i, end == std::string::npos ? end : end - i);
    node = node->is_object() && node->contains(key) ? &(*node)[key] : nullptr;
    i = end == std::string::npos ? path.size() : end;
  }
  return node;
}

// Checks one cell against the JSON value it shows; `tolerance` for numbers rounded in the
// table (0: exact to Excel's 15 significant digits). Counts the checks in `checked`.
void ExpectCell(const Cell& cell, const Json& value, const std::string& where, int* checked,
                double tolerance = 0) {
  ++*checked;
  if (value.is_null()) {
    EXPECT_EQ(cell.text, "") << where;
  } else if (value.is_number()) {
    ASSERT_EQ(cell.type, CellType::kNumber) << where << ": " << cell.text;
    const double expected = value.get<double>();
    const double bound = std::max(tolerance, std::fabs(expected) * 1e-14);
    EXPECT_NEAR(std::stod(cell.text), expected, bound) << where;
  } else if (value.is_string()) {
    const std::string text = value.get<std::string>();
    const bool date = text.size() == 10 && text[4] == '-' && text[7] == '-';
    EXPECT_EQ(cell.type, date ? CellType::kDate : CellType::kText) << where << ": " << text;
    EXPECT_EQ(cell.text, text) << where;
  } else {
    EXPECT_EQ(cell.text, value.dump()) << where;
  }
}

class CliXlsxOutputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(bw::test_support::FreshTempDir("bellwether_xlsx_out"));
    MustRun("generate --out data --accounts 150 --seed 5 --as-of 2026-06-30");
    MustRun("import data --db bw.db");
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static CommandResult Run(const std::string& args) {
    return bw::test_support::RunBellwether(*dir_, args);
  }
  static CommandResult MustRun(const std::string& args) {
    CommandResult result = Run(args);
    EXPECT_EQ(result.exit_code, 0) << args << "\n" << result.err;
    return result;
  }
  static inline fs::path* dir_ = nullptr;
};

TEST_F(CliXlsxOutputTest, AccountListHoldsTheJsonValuesAsTypedCells) {
  const Json json =
      Json::parse(MustRun("accounts --db bw.db --as-of 2026-06-30 --sort ttm --format json").out);
  const CommandResult written = MustRun(
      "accounts --db bw.db --as-of 2026-06-30 --sort ttm --format xlsx --out accounts.xlsx");
  EXPECT_NE(written.out.find("to accounts.xlsx"), std::string::npos) << written.out;
  const auto sheets = ReadWorkbook(*dir_ / "accounts.xlsx");
  ASSERT_EQ(sheets.size(), 1u);
  ASSERT_EQ(sheets[0].first, "Accounts");
  const Sheet& sheet = sheets[0].second;
  const Json& accounts = json["accounts"];
  ASSERT_EQ(sheet.size(), accounts.size() + 1);
  ASSERT_GT(accounts.size(), 100u);
  std::map<std::string, size_t> column;
  for (size_t c = 0; c < sheet[0].size(); ++c) column[sheet[0][c].text] = c;
  // xlsx column -> JSON path of the account object, and the table's rounding.
  const std::vector<std::tuple<std::string, std::string, double>> checks = {
      {"account_id", "account_id", 0},
      {"name", "name", 0},
      {"tier", "tier", 0},
      {"ttm", "ttm", 0.005},
      {"ttm_prior", "ttm_prior", 0.005},
      {"score", "score", 0.00501},  // two decimals
      {"answers", "answers", 0},
      {"contacts_current", "contacts.current", 0},
      {"decision_makers", "contacts.decision_maker", 0},
      {"days_since_last_touchpoint", "touchpoints.days_since_last", 0},
      {"invitations_sent", "invitations.sent", 0},
      {"health_score", "health.score", 0.0501},  // one decimal, as the CSV form
      {"health_change_90d", "health.change_90d", 0.0501},
      {"engagement_class", "engagement_class", 0},
  };
  int checked = 0;
  for (size_t r = 0; r < accounts.size(); ++r) {
    for (const auto& [name, path, tolerance] : checks) {
      ASSERT_EQ(column.count(name), 1u) << name;
      const Json* value = At(accounts[r], path);
      ASSERT_NE(value, nullptr) << path;
      const std::vector<Cell>& row = sheet[r + 1];
      const Cell blank;
      ExpectCell(column[name] < row.size() ? row[column[name]] : blank, *value,
                 "row " + std::to_string(r + 2) + " " + name, &checked, tolerance);
    }
  }
  EXPECT_EQ(checked, static_cast<int>(accounts.size() * checks.size()));
}

TEST_F(CliXlsxOutputTest, EveryReportAndTheSummaryHoldTheJsonValues) {
  const std::vector<std::string> commands = {"report matrix",
                                             "report lifecycle",
                                             "report drivers",
                                             "report retention",
                                             "report touchpoints",
                                             "report responses",
                                             "report simulate --move detractor:passive:0.2",
                                             "report health-check",
                                             "metrics"};
  for (const std::string& command : commands) {
    SCOPED_TRACE(command);
    const std::string args = command + " --db bw.db --as-of 2026-06-30";
    const Json json = Json::parse(MustRun(args + " --format json").out);
    fs::remove(*dir_ / "report.xlsx");
    MustRun(args + " --format xlsx --out report.xlsx");
    const auto sheets = ReadWorkbook(*dir_ / "report.xlsx");
    ASSERT_FALSE(sheets.empty());
    int checked = 0;
    const std::string report =
        command == "metrics" ? "summary" : command.substr(7, command.find(' ', 7) - 7);
    // The first sheet: the figures, named after the report.
    EXPECT_TRUE(sheets[0].first == report || sheets[0].first == report + " figures")
        << sheets[0].first;
    for (size_t s = 0; s < sheets.size(); ++s) {
      const auto& [name, sheet] = sheets[s];
      ASSERT_FALSE(sheet.empty()) << name;
      if (s == 0) {
        EXPECT_EQ(sheet[0][0].text, "field");
        // field / value rows.
        for (size_t r = 1; r < sheet.size(); ++r) {
          const Json* value = At(json, sheet[r][0].text);
          ASSERT_NE(value, nullptr) << sheet[r][0].text;
          const Cell blank;
          ExpectCell(sheet[r].size() > 1 ? sheet[r][1] : blank, *value, sheet[r][0].text, &checked);
        }
        continue;
      }
      // A table: the collection at the sheet's path, a row per member.
      const Json* collection = At(json, name);
      ASSERT_NE(collection, nullptr) << name;
      ASSERT_EQ(sheet.size(), collection->size() + 1) << name;
      const bool keyed = collection->is_object();
      for (size_t r = 1; r < sheet.size(); ++r) {
        const Json& member = keyed ? (*collection)[sheet[r][0].text] : (*collection)[r - 1];
        for (size_t c = keyed ? 1 : 0; c < sheet[0].size(); ++c) {
          const Json* value = At(member, sheet[0][c].text);
          ASSERT_NE(value, nullptr) << name << " " << sheet[0][c].text;
          const Cell blank;
          ExpectCell(c < sheet[r].size() ? sheet[r][c] : blank, *value,
                     name + "!" + std::to_string(r + 1) + " " + sheet[0][c].text, &checked);
        }
      }
    }
    EXPECT_GT(checked, 8) << "too few cells compared";
  }
}

TEST_F(CliXlsxOutputTest, RetentionSegmentsBecomeASheetPerGroup) {
  fs::remove(*dir_ / "retention.xlsx");
  MustRun("report retention --db bw.db --as-of 2026-06-30 --format xlsx --out retention.xlsx");
  const auto sheets = ReadWorkbook(*dir_ / "retention.xlsx");
  std::vector<std::string> names;
  for (const auto& [name, sheet] : sheets) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"retention", "segments.industry", "segments.region",
                                             "segments.owner", "segments.prior_category"}));
  ASSERT_NE(Find(sheets, "segments.industry"), nullptr);
  const Sheet& industry = *Find(sheets, "segments.industry");
  ASSERT_GE(industry.size(), 2u);
  EXPECT_EQ(industry[0][0].text, "industry");
  EXPECT_EQ(industry[0][1].text, "cohort");
  EXPECT_EQ(industry[1][1].type, CellType::kNumber);
}

TEST_F(CliXlsxOutputTest, WritesToARedirectedStandardOutput) {
  const CommandResult result = MustRun("report matrix --db bw.db --as-of 2026-06-30 --format xlsx");
  EXPECT_EQ(result.out.substr(0, 2), "PK");  // a zip container, as every .xlsx
  bw::test_support::WriteFile(*dir_ / "stdout.xlsx", result.out);
  EXPECT_NE(Find(ReadWorkbook(*dir_ / "stdout.xlsx"), "quadrants"), nullptr);
}

TEST_F(CliXlsxOutputTest, NeverOverwritesAnInputOrAFileWithoutForce) {
  const std::string args = "report matrix --as-of 2026-06-30 --format xlsx ";
  CommandResult result = Run(args + "--db bw.db --out bw.db");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("is the store"), std::string::npos) << result.err;
  result = Run(args + "--data data --out data/matrix.xlsx");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("data set directory"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(*dir_ / "data" / "matrix.xlsx"));
  bw::test_support::WriteFile(*dir_ / "notes.txt", "keep me");
  result = Run(args + "--db bw.db --out notes.txt");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("--force"), std::string::npos) << result.err;
  EXPECT_EQ(bw::test_support::ReadFile(*dir_ / "notes.txt"), "keep me");
  MustRun(args + "--db bw.db --out notes.txt --force");
  EXPECT_NE(Find(ReadWorkbook(*dir_ / "notes.txt"), "quadrants"), nullptr);
  result = Run("report matrix --db bw.db --as-of 2026-06-30 --format json --out x.xlsx");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("--out is for --format xlsx"), std::string::npos) << result.err;
}

// A missing directory is said in our words, without libxlsxwriter's own error line.
TEST_F(CliXlsxOutputTest, AMissingDirectoryIsAClearError) {
  const CommandResult result =
      Run("report matrix --db bw.db --as-of 2026-06-30 --format xlsx --out no/such/m.xlsx");
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("--out no/such/m.xlsx: the directory "), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("does not exist"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("[ERROR]"), std::string::npos) << result.err;
}

}  // namespace
