// Golden-output tests of the read commands of `bellwether`: every table, JSON and CSV a
// person or a script reads from `metrics`, `accounts`, `account` and `report` must stay
// byte for byte what tests/golden/cli/ holds. The data set is regenerated with the
// (deterministic) generator and imported into a fresh store, so nothing generated is kept in
// the repository.
//
// A deliberate change of an output: run the test with BELLWETHER_UPDATE_GOLDEN=1 to rewrite
// the files, then review the diff (`git diff tests/golden/cli`) before committing it.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

constexpr const char* kGenerate = "generate --out data --accounts 300 --seed 7 --as-of 2026-06-30";
constexpr const char* kRead = " --db golden.db --as-of 2026-06-30";

// An account of the generated book with stakeholders, answers, touchpoints and signals.
constexpr const char* kAccount = "ACC-000184";
// Two survey waves of the generated book.
constexpr const char* kBaselineWave = "2026-Q1";
constexpr const char* kFollowupWave = "2026-Q2";

struct GoldenCase {
  std::string file;  // under tests/golden/cli/
  std::string args;  // the command; kRead is appended
};

std::vector<GoldenCase> Cases() {
  std::vector<GoldenCase> cases = {
      {"metrics.txt", "metrics"},
      {"metrics.json", "metrics --format json"},
      {"accounts.txt", "accounts"},
      {"accounts.json", "accounts --format json"},
      {"accounts.csv", "accounts --format csv"},
      {"accounts_filtered.txt", "accounts --filter tier=A --sort score:asc --limit 7"},
      {"accounts_filtered.json",
       "accounts --filter tier=A --sort score:asc --limit 7 --format json"},
      {"accounts_filtered.csv", "accounts --filter tier=A --sort score:asc --limit 7 --format csv"},
      {"account.txt", std::string("account ") + kAccount},
      {"account.json", std::string("account ") + kAccount + " --format json"},
  };
  const std::vector<std::pair<std::string, std::string>> reports = {
      {"matrix", "matrix"},
      {"lifecycle", "lifecycle"},
      {"drivers", "drivers"},
      {"retention", "retention"},
      {"touchpoints", "touchpoints"},
      {"responses", "responses"},
      {"simulate", "simulate --move detractor:passive:0.2"},
      {"health_check", "health-check"},
      {"campaign",
       std::string("campaign --baseline ") + kBaselineWave + " --followup " + kFollowupWave},
  };
  for (const auto& [name, args] : reports) {
    cases.push_back({"report_" + name + ".txt", "report " + args});
    cases.push_back({"report_" + name + ".json", "report " + args + " --format json"});
    // Issue 13: German output, reviewed like the English.
    cases.push_back({"de/report_" + name + ".txt", "report " + args + " --lang de"});
  }
  cases.push_back({"de/metrics.txt", "metrics --lang de"});
  // CSV for spreadsheets: excel-de in German, excel in English, rfc4180 on request.
  cases.push_back({"de/metrics.csv", "metrics --lang de --format csv"});
  cases.push_back({"de/accounts_filtered.csv",
                   "accounts --filter tier=A --sort score:asc --limit 7 --lang de --format csv"});
  cases.push_back({"report_matrix.csv", "report matrix --format csv"});
  cases.push_back({"report_drivers_rfc4180.csv",
                   "report drivers --format csv --csv-dialect rfc4180"});
  cases.push_back({"de/accounts_filtered.txt",
                   "accounts --filter tier=A --sort score:asc --limit 7 --lang de"});
  cases.push_back({"de/account.txt", std::string("account ") + kAccount + " --lang de"});
  return cases;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs `bellwether ARGS` in `dir`; returns the exit code, stdout in *out.
int RunIn(const fs::path& dir, const std::string& args, std::string* out) {
  const fs::path out_file = dir / "stdout.txt", err_file = dir / "stderr.txt";
  const std::string command = "cd '" + dir.string() + "' && '" BELLWETHER_BINARY "' " + args +
                              " >'" + out_file.string() + "' 2>'" + err_file.string() + "'";
  const int status = std::system(command.c_str());
  *out = ReadFile(out_file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class CliGoldenTest : public ::testing::TestWithParam<GoldenCase> {
 protected:
  // One generated book and store for all cases.
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("bellwether_cli_golden_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    std::string out;
    ASSERT_EQ(RunIn(*dir_, kGenerate, &out), 0) << out;
    ASSERT_EQ(RunIn(*dir_, "import data --db golden.db", &out), 0) << out;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }

  static fs::path* dir_;
};

fs::path* CliGoldenTest::dir_ = nullptr;

TEST_P(CliGoldenTest, StdoutEqualsTheGoldenFile) {
  const GoldenCase& c = GetParam();
  std::string out;
  ASSERT_EQ(RunIn(*dir_, c.args + kRead, &out), 0) << c.args << "\n"
                                                   << ReadFile(*dir_ / "stderr.txt");
  const fs::path golden = fs::path(BELLWETHER_SOURCE_DIR) / "tests" / "golden" / "cli" / c.file;
  if (const char* update = std::getenv("BELLWETHER_UPDATE_GOLDEN");
      update != nullptr && std::string(update) == "1") {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << out;
    GTEST_SKIP() << "wrote " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing";
  const std::string expected = ReadFile(golden);
  EXPECT_FALSE(expected.empty()) << golden;
  // Not EXPECT_EQ on the whole text: a failure names the first differing line only.
  if (out != expected) {
    std::istringstream got_lines(out), want_lines(expected);
    std::string got, want;
    int line = 0;
    while (true) {
      ++line;
      const bool more_got = static_cast<bool>(std::getline(got_lines, got));
      const bool more_want = static_cast<bool>(std::getline(want_lines, want));
      if (!more_got && !more_want) break;
      if (got != want || more_got != more_want) {
        ADD_FAILURE() << "bellwether " << c.args << kRead << "\ndiffers from " << golden
                      << " at line " << line << ":\n  golden: " << want << "\n  now:    " << got;
        return;
      }
    }
    ADD_FAILURE() << "bellwether " << c.args << kRead << " differs from " << golden
                  << " (line ends or final newline)";
  }
}

INSTANTIATE_TEST_SUITE_P(ReadCommands, CliGoldenTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) {
                           std::string name = info.param.file;
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

}  // namespace
