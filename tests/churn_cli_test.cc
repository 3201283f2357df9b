// `bellwether churn ...` end to end on a small generated book: train, score with the model
// file and without, the JSON shape of issue 15, threats, the back-test, and the errors of a
// missing, truncated or mismatched model file (docs/churn.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_support.h"

namespace bw {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test_support::ReadFile;
using test_support::RunBellwether;
using test_support::WriteFile;

class ChurnCliTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("bellwether_churn_cli_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ASSERT_EQ(RunBellwether(dir_, "generate --out data --accounts 400 --seed 5 --as-of 2026-06-30")
                  .exit_code,
              0);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path dir_;
};
fs::path ChurnCliTest::dir_;

TEST_F(ChurnCliTest, TrainScoreThreatsAndBacktest) {
  const auto train =
      RunBellwether(dir_, "churn train --data data --as-of 2026-06-30 --model m.json");
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_NE(train.out.find("Churn model trained as of 2026-06-30 -> m.json"), std::string::npos);
  const auto score = RunBellwether(
      dir_, "churn score --data data --as-of 2026-06-30 --model m.json --format json");
  ASSERT_EQ(score.exit_code, 0) << score.err;
  const json j = json::parse(score.out);
  EXPECT_EQ(j["as_of"], "2026-06-30");
  EXPECT_EQ(j["model"]["source"], "m.json");
  const json rows =
      json::parse(RunBellwether(dir_, "accounts --data data --as-of 2026-06-30 --format json").out);
  ASSERT_EQ(j["scores"].size(), rows["accounts"].size());  // every active account
  for (const json& s : j["scores"]) {
    for (const char* key : {"account_id", "risk", "revenue_at_risk", "factors", "actions"}) {
      EXPECT_TRUE(s.contains(key)) << key;
    }
    for (const json& f : s["factors"]) {
      for (const char* key : {"feature", "value", "contribution", "text"})
        EXPECT_TRUE(f.contains(key)) << key;
      EXPECT_GT(f["contribution"].get<double>(), 0);
    }
  }
  // Without --model, score trains on the same history: the same risks.
  const json trained = json::parse(
      RunBellwether(dir_, "churn score --data data --as-of 2026-06-30 --format json").out);
  EXPECT_EQ(trained["scores"], j["scores"]);
  const auto csv = RunBellwether(
      dir_, "churn threats --data data --as-of 2026-06-30 --model m.json --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "account_id,name,tier,risk,ttm,revenue_at_risk,factors,actions");
  const auto backtest =
      RunBellwether(dir_, "churn backtest --data data --as-of 2026-06-30 --format json");
  ASSERT_EQ(backtest.exit_code, 0) << backtest.err;
  const json bt = json::parse(backtest.out);
  EXPECT_EQ(bt["scored_on"], "2026-01-01");
  ASSERT_EQ(bt["methods"].size(), 3u);
  EXPECT_EQ(bt["methods"][2]["method"], "health_score");
  // A model trained later than the as-of date has seen the outcome: refused.
  const auto later =
      RunBellwether(dir_, "churn score --data data --as-of 2026-03-31 --model m.json");
  EXPECT_EQ(later.exit_code, 1);
  EXPECT_NE(later.err.find("after the as-of date 2026-03-31"), std::string::npos) << later.err;
}

TEST_F(ChurnCliTest, BadModelFilesAreClearErrors) {
  const auto missing =
      RunBellwether(dir_, "churn score --data data --as-of 2026-06-30 --model none.json");
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("none.json: no such model file"), std::string::npos) << missing.err;
  ASSERT_EQ(RunBellwether(dir_, "churn train --data data --as-of 2026-06-30 --model whole.json")
                .exit_code,
            0);
  const std::string text = ReadFile(dir_ / "whole.json");
  WriteFile(dir_ / "half.json", text.substr(0, text.size() / 3));
  const auto truncated =
      RunBellwether(dir_, "churn score --data data --as-of 2026-06-30 --model half.json");
  EXPECT_EQ(truncated.exit_code, 2);
  EXPECT_NE(truncated.err.find("half.json: not a complete churn model file"), std::string::npos)
      << truncated.err;
  // A data set with another signal has another feature list.
  fs::copy(dir_ / "data", dir_ / "more",
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  {
    std::ofstream out(dir_ / "more" / "signals.csv", std::ios::app);
    out << "ACC-000001,nps_relay,2026-05-01,3\n";
  }
  const auto mismatch =
      RunBellwether(dir_, "churn score --data more --as-of 2026-06-30 --model whole.json");
  EXPECT_EQ(mismatch.exit_code, 1);
  EXPECT_NE(mismatch.err.find("feature list does not match"), std::string::npos) << mismatch.err;
  EXPECT_NE(mismatch.err.find("signal.nps_relay.last"), std::string::npos) << mismatch.err;
}

TEST_F(ChurnCliTest, RiskInTheAccountRowsAndTheAccount360) {
  ASSERT_EQ(
      RunBellwether(dir_, "churn train --data data --as-of 2026-06-30 --model r.json").exit_code,
      0);
  const json scores = json::parse(
      RunBellwether(dir_, "churn score --data data --as-of 2026-06-30 --model r.json --format json")
          .out);
  const json& top = scores["scores"][0];  // the most revenue at risk
  const std::string id = top["account_id"];
  // Without --risk the outputs are unchanged; with it they gain the model's risk.
  const auto plain = RunBellwether(dir_, "account " + id +
                                             " --data data --as-of 2026-06-30 "
                                             "--format json");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_FALSE(json::parse(plain.out).contains("churn"));
  const auto with = RunBellwether(dir_, "account " + id +
                                            " --data data --as-of 2026-06-30 "
                                            "--format json --model r.json");
  ASSERT_EQ(with.exit_code, 0) << with.err;
  json view = json::parse(with.out);
  const json churn = view["churn"];
  EXPECT_EQ(churn["risk"], top["risk"]);
  EXPECT_EQ(churn["revenue_at_risk"], top["revenue_at_risk"]);
  EXPECT_EQ(churn["factors"], top["factors"]);
  EXPECT_EQ(churn["actions"], top["actions"]);
  EXPECT_EQ(churn["threat"],
            top["tier"] != "C" && top["tier"] != "D" && top["risk"].get<double>() >= 0.5);
  EXPECT_EQ(churn["model"]["trained_as_of"], "2026-06-30");
  view.erase("churn");
  EXPECT_EQ(view, json::parse(plain.out));
  const auto table =
      RunBellwether(dir_, "account " + id + " --data data --as-of 2026-06-30 --model r.json");
  EXPECT_NE(table.out.find("Churn risk "), std::string::npos) << table.out;
  // An account that churned before the as-of date has no risk: null.
  std::string gone;  // the first account whose churned_on (the last field) is in 2025
  {
    std::istringstream lines(ReadFile(dir_ / "data" / "accounts.csv"));
    for (std::string line; gone.empty() && std::getline(lines, line);) {
      if (line.size() > 11 && line.compare(line.size() - 11, 6, ",2025-") == 0) {
        gone = line.substr(0, line.find(','));
      }
    }
  }
  ASSERT_FALSE(gone.empty());
  const auto gone_view = RunBellwether(dir_, "account " + gone +
                                                 " --data data --as-of 2026-06-30 "
                                                 "--format json --model r.json");
  ASSERT_EQ(gone_view.exit_code, 0) << gone_view.err;
  EXPECT_TRUE(json::parse(gone_view.out)["churn"].is_null()) << gone;
  // The rows: every active account with the risk of `churn score`.
  const json all = json::parse(
      RunBellwether(dir_, "accounts --data data --as-of 2026-06-30 --format json --model r.json")
          .out);
  ASSERT_EQ(all["accounts"].size(), scores["scores"].size());
  std::map<std::string, double> risk_of;
  for (const json& s : scores["scores"]) risk_of[s["account_id"]] = s["risk"];
  for (const json& row : all["accounts"]) {
    EXPECT_EQ(row["risk"].get<double>(), risk_of.at(row["account_id"]));
    EXPECT_NEAR(row["revenue_at_risk"].get<double>(),
                row["risk"].get<double>() * row["ttm"].get<double>(),
                1e-6 * (1 + row["ttm"].get<double>()));
  }
  const json rows =
      json::parse(RunBellwether(dir_, "accounts --data data --as-of 2026-06-30 --format json").out);
  json stripped = all;
  for (json& row : stripped["accounts"]) {
    row.erase("risk");
    row.erase("revenue_at_risk");
  }
  EXPECT_EQ(stripped, rows);
  const auto csv =
      RunBellwether(dir_, "accounts --data data --as-of 2026-06-30 --format csv --risk");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const std::string header = csv.out.substr(0, csv.out.find('\n'));
  EXPECT_EQ(header.substr(header.size() - 21), ",risk,revenue_at_risk") << header;
}

}  // namespace
}  // namespace bw
