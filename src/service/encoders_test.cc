// Golden files of every object the service module encodes (service/*_json.h, account_csv.h),
// computed from the hand-checked data set tests/data/tiny as of its date T = 2026-06-30:
// the JSON each object dumps (indent 2) must equal tests/golden/objects/<object>.json byte
// for byte. A deliberate change: run with BELLWETHER_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "analytics/account_360.h"
#include "analytics/account_facts.h"
#include "analytics/account_rows.h"
#include "analytics/drivers.h"
#include "analytics/engagement_classes.h"
#include "analytics/engagement_reports.h"
#include "analytics/health_check.h"
#include "analytics/lifecycle.h"
#include "analytics/retention.h"
#include "analytics/simulator.h"
#include "analytics/summary.h"
#include "io/data_set_reader.h"
#include "service/account_csv.h"
#include "service/account_json.h"
#include "service/report_json.h"
#include "service/summary_json.h"
#include "snapshot/snapshot_builder.h"

namespace bw::service {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class EncodersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    snapshot::SnapshotBuilder builder(snapshot::SnapshotOptions{.keep_text = true});
    const fs::path tiny = fs::path(BELLWETHER_SOURCE_DIR) / "tests" / "data" / "tiny";
    const Result<io::ReadStats> read = io::ReadDataSet(tiny.string(), builder);
    ASSERT_TRUE(read.ok()) << read.status().message();
    snap_ = new std::shared_ptr<const snapshot::Snapshot>(builder.Finish());
  }
  static void TearDownTestSuite() {
    delete snap_;
    snap_ = nullptr;
  }

  const snapshot::Snapshot& snap() const { return **snap_; }

  // Compares the object's text with tests/golden/objects/<name>; rewrites the file instead
  // when BELLWETHER_UPDATE_GOLDEN=1.
  static void ExpectGolden(const std::string& name, const std::string& text) {
    const fs::path golden = fs::path(BELLWETHER_SOURCE_DIR) / "tests" / "golden" / "objects" / name;
    if (const char* update = std::getenv("BELLWETHER_UPDATE_GOLDEN");
        update != nullptr && std::string(update) == "1") {
      fs::create_directories(golden.parent_path());
      std::ofstream(golden, std::ios::binary) << text;
      return;
    }
    ASSERT_TRUE(fs::exists(golden)) << golden << " is missing";
    EXPECT_EQ(text, ReadFile(golden)) << "differs from " << golden;
  }
  static void ExpectGolden(const std::string& name, const ordered_json& object) {
    ExpectGolden(name, object.dump(2) + "\n");
  }

  static std::shared_ptr<const snapshot::Snapshot>* snap_;
  const Day as_of_ = *ParseDate("2026-06-30");
  const analytics::MetricParams params_{};
  const analytics::HealthConfig health_ = analytics::DefaultHealthConfig();
};

std::shared_ptr<const snapshot::Snapshot>* EncodersTest::snap_ = nullptr;

TEST_F(EncodersTest, Summary) {
  const analytics::Summary summary = analytics::ComputeSummary(snap(), as_of_, params_);
  ExpectGolden("summary.json", SummaryToJson(summary));
  ExpectGolden("retention.json", RetentionToJson(summary.retention));
  // The summary's retention object is RetentionToJson's.
  EXPECT_EQ(SummaryToJson(summary)["retention"], RetentionToJson(summary.retention));
}

TEST_F(EncodersTest, AccountRowsListAndCsv) {
  const std::vector<analytics::AccountRow> rows =
      analytics::ComputeAccountRows(snap(), as_of_, params_, health_);
  ASSERT_FALSE(rows.empty());
  ExpectGolden("account_row.json", AccountRowToJson(snap(), rows.front()));
  const ordered_json list = AccountListToJson(snap(), as_of_, rows);
  ExpectGolden("account_list.json", list);
  EXPECT_EQ(list["accounts"].size(), rows.size());
  ExpectGolden("accounts.csv", AccountListToCsv(snap(), rows));
}

TEST_F(EncodersTest, Account360) {
  const Result<analytics::Account360> view =
      analytics::ComputeAccount360(snap(), "A1", as_of_, params_, health_);
  ASSERT_TRUE(view.ok()) << view.status().message();
  ExpectGolden("account_360.json", Account360ToJson(snap(), *view, as_of_));
  // A churned account has no row.
  const Result<analytics::Account360> churned =
      analytics::ComputeAccount360(snap(), "A3", as_of_, params_, health_);
  ASSERT_TRUE(churned.ok()) << churned.status().message();
  EXPECT_TRUE(Account360ToJson(snap(), *churned, as_of_)["row"].is_null());
}

TEST_F(EncodersTest, Reports) {
  const analytics::AccountFacts facts = analytics::ComputeAccountFacts(snap(), as_of_, params_);
  const std::vector<analytics::AccountBasics> basics =
      analytics::ComputeAccountBasics(facts, params_);
  ExpectGolden("matrix.json", MatrixToJson(as_of_, analytics::ComputeMatrix(basics)));
  ExpectGolden("lifecycle.json",
               LifecycleToJson(as_of_, analytics::ComputeLifecycle(snap(), facts, params_)));
  ExpectGolden("drivers.json", DriversToJson(as_of_, analytics::ComputeDrivers(snap(), facts)));
  ExpectGolden("retention_report.json",
               RetentionReportToJson(as_of_, analytics::ComputeRetention(snap(), facts),
                                     analytics::ComputeRetentionSegments(snap(), facts, params_)));
  ExpectGolden(
      "touchpoints.json",
      TouchpointsToJson(snap(), as_of_, analytics::ComputeTouchpointsReport(basics), basics));
  ExpectGolden(
      "responses.json",
      ResponsesToJson(snap(), as_of_,
                      analytics::ComputeResponsesReport(snap(), basics, as_of_, params_), basics));
  analytics::SimulationScenario scenario;
  scenario.moves.push_back({Category::kDetractor, Category::kPassive, 0.2});
  const Result<analytics::SimulationReport> simulation =
      analytics::Simulate(snap(), facts, params_, scenario);
  ASSERT_TRUE(simulation.ok()) << simulation.status().message();
  ExpectGolden("simulation.json", SimulationToJson(as_of_, *simulation));
  ExpectGolden(
      "health_check.json",
      HealthCheckToJson(as_of_, analytics::ComputeHealthCheck(snap(), as_of_, params_, health_)));
  const std::optional<Day> classified_on = analytics::BaselineWaveEnd(snap(), "2026-Q1", as_of_);
  ASSERT_TRUE(classified_on.has_value());
  const Result<analytics::CampaignReport> campaign =
      analytics::ComputeCampaign(snap(), as_of_, *classified_on, "2026-Q1", "2026-Q2", params_);
  ASSERT_TRUE(campaign.ok()) << campaign.status().message();
  ExpectGolden("campaign.json", CampaignToJson(as_of_, *campaign));
}

}  // namespace
}  // namespace bw::service
