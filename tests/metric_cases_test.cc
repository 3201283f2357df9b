// Metric cases as data (conventions.md, "Tests"): each directory tests/data/<case>/ holds a
// small data set in the import format, its date in AS_OF, and the expected output of one or
// more commands, computed by hand (derivation in the case's README.md):
//   expected.json            bellwether metrics --format json
//   expected-accounts.json   bellwether accounts --format json
//   expected-<report>.json   bellwether report <report> --format json
// One runner reads them all: numbers must agree to 1e-9 (relative, or absolute near 0),
// everything else exactly. A fixed bug gets a case named after what broke.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Differences between `actual` and `expected`, each as "path: what".
void Compare(const json& actual, const json& expected, const std::string& path,
             std::vector<std::string>& differences) {
  if (expected.is_number() && actual.is_number()) {
    const double a = actual.get<double>(), e = expected.get<double>();
    const double tolerance = 1e-9 * std::max(1.0, std::fabs(e));
    if (std::fabs(a - e) > tolerance) {
      differences.push_back(path + ": " + actual.dump() + " instead of " + expected.dump());
    }
    return;
  }
  if (expected.type() != actual.type()) {
    differences.push_back(path + ": " + actual.dump() + " instead of " + expected.dump());
    return;
  }
  if (expected.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        differences.push_back(path + "." + key + ": missing");
      } else {
        Compare(actual[key], value, path + "." + key, differences);
      }
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key)) differences.push_back(path + "." + key + ": not expected");
    }
  } else if (expected.is_array()) {
    if (actual.size() != expected.size()) {
      differences.push_back(path + ": " + std::to_string(actual.size()) + " items instead of " +
                            std::to_string(expected.size()));
      return;
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      Compare(actual[i], expected[i], path + "[" + std::to_string(i) + "]", differences);
    }
  } else if (actual != expected) {
    differences.push_back(path + ": " + actual.dump() + " instead of " + expected.dump());
  }
}

struct MetricCase {
  fs::path dir;
  fs::path expected;
  std::string command;  // e.g. "metrics", "report matrix"
};

std::vector<MetricCase> Cases() {
  std::vector<MetricCase> cases;
  const fs::path root = fs::path(BELLWETHER_SOURCE_DIR) / "tests" / "data";
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      const std::string name = file.path().filename().string();
      if (name.rfind("expected", 0) != 0 || file.path().extension() != ".json") continue;
      const std::string stem = file.path().stem().string();  // expected[-WHAT]
      std::string command = "metrics";
      if (stem != "expected") {
        const std::string what = stem.substr(std::string("expected-").size());
        command = what == "accounts" ? "accounts" : "report " + what;
      }
      cases.push_back({dir.path(), file.path(), command});
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const MetricCase& a, const MetricCase& b) { return a.expected < b.expected; });
  return cases;
}

class MetricCaseTest : public testing::TestWithParam<MetricCase> {};

TEST_P(MetricCaseTest, OutputEqualsTheHandComputedFigures) {
  const MetricCase& c = GetParam();
  std::string as_of = ReadText(c.dir / "AS_OF");
  while (!as_of.empty() && std::isspace(static_cast<unsigned char>(as_of.back()))) as_of.pop_back();
  ASSERT_FALSE(as_of.empty()) << c.dir << ": AS_OF is missing";
  const fs::path out = fs::temp_directory_path() /
                       ("bellwether_case_" + std::to_string(getpid()) + ".json");
  const std::string command = std::string("'") + BELLWETHER_BINARY + "' " + c.command +
                              " --data '" + c.dir.string() + "' --as-of " + as_of +
                              " --format json > '" + out.string() + "'";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
  const json actual = json::parse(ReadText(out));
  fs::remove(out);
  std::vector<std::string> differences;
  Compare(actual, json::parse(ReadText(c.expected)), "", differences);
  std::string report;
  for (const std::string& d : differences) report += "\n  " + d;
  EXPECT_TRUE(differences.empty()) << c.expected << report;
}

INSTANTIATE_TEST_SUITE_P(Cases, MetricCaseTest, testing::ValuesIn(Cases()),
                         [](const testing::TestParamInfo<MetricCase>& info) {
                           std::string name = info.param.dir.filename().string() + "_" +
                                              info.param.expected.stem().string();
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(MetricCasesTest, EveryCaseHasADataSetAndADate) {
  const std::vector<MetricCase> cases = Cases();
  EXPECT_GE(cases.size(), 3u);
  for (const MetricCase& c : cases) {
    EXPECT_TRUE(fs::exists(c.dir / "accounts.csv")) << c.dir;
    EXPECT_TRUE(fs::exists(c.dir / "AS_OF")) << c.dir;
  }
}

}  // namespace
