// `bellwether churn ...` end to end on a small generated book: train, score with the model
// file and without, the JSON shape of issue 15, threats, the back-test, and the errors of a
// missing, truncated or mismatched model file (docs/churn.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace bw
