#include "config/workspace_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/date.h"

namespace bw::config {
namespace {

using analytics::Direction;
using analytics::HealthComponentConfig;
using analytics::HealthSource;

// Every field, numbers compared exactly: the round trip must not lose a bit.
void ExpectSameConfig(const WorkspaceConfig& actual, const WorkspaceConfig& expected) {
  EXPECT_EQ(actual.currency, expected.currency);
  EXPECT_EQ(actual.server, expected.server);
  EXPECT_EQ(actual.survey, expected.survey);
  EXPECT_EQ(actual.smtp, expected.smtp);
  EXPECT_EQ(actual.loop, expected.loop);
  EXPECT_EQ(actual.churn, expected.churn);
  const analytics::MetricParams& a = actual.metrics;
  const analytics::MetricParams& e = expected.metrics;
  EXPECT_EQ(a.window_days, e.window_days);
  EXPECT_EQ(a.role_weights, e.role_weights);
  EXPECT_EQ(a.pareto, e.pareto);
  EXPECT_EQ(a.tier_shares, e.tier_shares);
  EXPECT_EQ(a.check_min_contacts, e.check_min_contacts);
  EXPECT_EQ(a.silent_days, e.silent_days);
  EXPECT_EQ(a.overloaded_marketing_emails, e.overloaded_marketing_emails);
  EXPECT_EQ(a.champion_left_days, e.champion_left_days);
  EXPECT_EQ(actual.health.version, expected.health.version);
  EXPECT_EQ(actual.health.green_at, expected.health.green_at);
  EXPECT_EQ(actual.health.yellow_at, expected.health.yellow_at);
  EXPECT_EQ(actual.health.window_days, expected.health.window_days);
  ASSERT_EQ(actual.health.components.size(), expected.health.components.size());
  for (size_t i = 0; i < expected.health.components.size(); ++i) {
    const HealthComponentConfig& ac = actual.health.components[i];
    const HealthComponentConfig& ec = expected.health.components[i];
    SCOPED_TRACE("component " + std::to_string(i));
    EXPECT_EQ(ac.name, ec.name);
    EXPECT_EQ(ac.source, ec.source);
    EXPECT_EQ(ac.weight, ec.weight);
    EXPECT_EQ(ac.direction, ec.direction);
    EXPECT_EQ(ac.low, ec.low);
    EXPECT_EQ(ac.high, ec.high);
    EXPECT_EQ(ac.missing_value, ec.missing_value);
  }
}

WorkspaceConfig ParseOk(const std::string& text) {
  Result<WorkspaceConfig> config = ParseWorkspaceConfig(text, "bellwether.toml");
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? std::move(config).value() : WorkspaceConfig();
}

std::string ParseError(const std::string& text) {
  Result<WorkspaceConfig> config = ParseWorkspaceConfig(text, "bellwether.toml");
  if (config.ok()) return "(parsed without error)";
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  return config.status().message();
}

TEST(WorkspaceConfigTest, EmptyTextGivesTheSpecDefaults) {
  const WorkspaceConfig config = ParseOk("");
  EXPECT_EQ(config.currency, "EUR");
  EXPECT_EQ(config.metrics.window_days, 365);
  EXPECT_EQ(config.metrics.pareto, 0.80);
  EXPECT_EQ(config.metrics.tier_shares, (std::array<double, 3>{0.50, 0.80, 0.95}));
  EXPECT_EQ(config.metrics.check_min_contacts, (std::array<int, 4>{6, 4, 2, 1}));
  EXPECT_EQ(config.metrics.role_weights, (std::array<double, 3>{1.0, 1.0, 1.0}));
  EXPECT_EQ(config.metrics.silent_days, 90);
  EXPECT_EQ(config.metrics.overloaded_marketing_emails, 8);
  EXPECT_EQ(config.metrics.champion_left_days, 180);
  ExpectSameConfig(config, WorkspaceConfig{});
  ASSERT_EQ(config.health.components.size(), 6u);
  EXPECT_EQ(config.health.components[0].name, "loyalty");
  EXPECT_EQ(config.health.green_at, 70.0);
  EXPECT_EQ(config.health.yellow_at, 40.0);
}

TEST(WorkspaceConfigTest, EmptyTablesKeepTheDefaults) {
  ExpectSameConfig(ParseOk("[metrics]\n[metrics.role_weights]\n[health]\n"), WorkspaceConfig{});
}

TEST(WorkspaceConfigTest, ReadsEveryKey) {
  const WorkspaceConfig config = ParseOk(R"(currency = "CHF"
[metrics]
window_days = 180
pareto = 0.75
tier_shares = [0.4, 0.7, 0.9]
check_min_contacts = [8, 5, 3, 0]
silent_days = 60
overloaded_marketing_emails = 4
champion_left_days = 365
[metrics.role_weights]
decision_maker = 2
influencer = 1.5
user = 0.0
[health]
version = 3
green_at = 75.5
yellow_at = 50
window_days = 90
[[health.components]]
name = "loyalty"
source = "loyalty"
weight = 2
direction = "higher_is_better"
low = 5
high = 9.5
[[health.components]]
name = "usage_active_users"
source = "signal"
weight = 0.5
direction = "lower_is_better"
low = 10.0
high = 1.0
missing = 0.25
[[health.components]]
name = "tickets"
source = "support_load"
)");
  EXPECT_EQ(config.currency, "CHF");
  EXPECT_EQ(config.metrics.window_days, 180);
  EXPECT_EQ(config.metrics.pareto, 0.75);
  EXPECT_EQ(config.metrics.tier_shares, (std::array<double, 3>{0.4, 0.7, 0.9}));
  EXPECT_EQ(config.metrics.check_min_contacts, (std::array<int, 4>{8, 5, 3, 0}));
  EXPECT_EQ(config.metrics.silent_days, 60);
  EXPECT_EQ(config.metrics.overloaded_marketing_emails, 4);
  EXPECT_EQ(config.metrics.champion_left_days, 365);
  EXPECT_EQ(config.metrics.role_weights, (std::array<double, 3>{2.0, 1.5, 0.0}));
  EXPECT_EQ(config.health.version, 3);
  EXPECT_EQ(config.health.green_at, 75.5);
  EXPECT_EQ(config.health.yellow_at, 50.0);
  EXPECT_EQ(config.health.window_days, 90);
  ASSERT_EQ(config.health.components.size(), 3u);  // replaces the six defaults

  const HealthComponentConfig& loyalty = config.health.components[0];
  EXPECT_EQ(loyalty.name, "loyalty");
  EXPECT_EQ(loyalty.source, HealthSource::kLoyalty);
  EXPECT_EQ(loyalty.weight, 2.0);
  EXPECT_EQ(loyalty.direction, Direction::kHigherIsBetter);
  EXPECT_EQ(loyalty.low, 5.0);
  EXPECT_EQ(loyalty.high, 9.5);
  EXPECT_EQ(loyalty.missing_value, std::nullopt);

  const HealthComponentConfig& usage = config.health.components[1];
  EXPECT_EQ(usage.name, "usage_active_users");
  EXPECT_EQ(usage.source, HealthSource::kSignal);
  EXPECT_EQ(usage.weight, 0.5);
  EXPECT_EQ(usage.direction, Direction::kLowerIsBetter);
  EXPECT_EQ(usage.low, 10.0);
  EXPECT_EQ(usage.high, 1.0);
  EXPECT_EQ(usage.missing_value, 0.25);

  // Keys left out of a component take HealthComponentConfig's defaults.
  const HealthComponentConfig& tickets = config.health.components[2];
  EXPECT_EQ(tickets.name, "tickets");
  EXPECT_EQ(tickets.source, HealthSource::kSupportLoad);
  EXPECT_EQ(tickets.weight, 1.0);
  EXPECT_EQ(tickets.direction, Direction::kHigherIsBetter);
  EXPECT_EQ(tickets.low, 0.0);
  EXPECT_EQ(tickets.high, 1.0);
  EXPECT_EQ(tickets.missing_value, std::nullopt);
}

TEST(WorkspaceConfigTest, PartialTablesChangeOnlyTheGivenKeys) {
  const WorkspaceConfig config =
      ParseOk("[metrics.role_weights]\ndecision_maker = 3\n[health]\nyellow_at = 30\n");
  EXPECT_EQ(config.metrics.role_weights, (std::array<double, 3>{3.0, 1.0, 1.0}));
  EXPECT_EQ(config.health.yellow_at, 30.0);
  EXPECT_EQ(config.health.green_at, 70.0);
  EXPECT_EQ(config.health.components.size(), 6u);
  EXPECT_EQ(config.metrics.window_days, 365);
}

TEST(WorkspaceConfigTest, InlineTablesAreAccepted) {
  const WorkspaceConfig config =
      ParseOk("metrics = { pareto = 0.9, role_weights = { user = 0.5 } }\n");
  EXPECT_EQ(config.metrics.pareto, 0.9);
  EXPECT_EQ(config.metrics.role_weights, (std::array<double, 3>{1.0, 1.0, 0.5}));
}

struct ErrorCase {
  std::string toml;
  std::string message;
};

class WorkspaceConfigErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(WorkspaceConfigErrorTest, ReportsSourceLineKeyAndRule) {
  EXPECT_EQ(ParseError(GetParam().toml), GetParam().message);
}

// A valid component to put before a broken one, so that indexes and lines are checked.
constexpr char kLoyalty[] = "[[health.components]]\nname = \"loyalty\"\nsource = \"loyalty\"\n";

INSTANTIATE_TEST_SUITE_P(
    Validation, WorkspaceConfigErrorTest,
    testing::Values(
        // Syntax.
        ErrorCase{"currency = \"EUR\"\n[metrics]\nwindow_days = \n",
                  "bellwether.toml:3: Error while parsing key-value pair: expected value, saw "
                  "'\\n'"},
        ErrorCase{"[metrics]\npareto = 0.8\npareto = 0.9\n",
                  "bellwether.toml:3: Error while parsing key-value pair: cannot redefine "
                  "existing floating-point 'pareto'"},
        // Unknown keys, at every level; the first in the file is reported.
        ErrorCase{"currency = \"EUR\"\n[metrics]\nwindw_days = 30\n",
                  "bellwether.toml:3: metrics.windw_days: unknown key"},
        ErrorCase{"zzz = 1\naaa = 2\n", "bellwether.toml:1: zzz: unknown key"},
        ErrorCase{"[metric]\nwindow_days = 30\n", "bellwether.toml:1: metric: unknown key"},
        ErrorCase{"[metrics.role_weights]\nmanager = 1\n",
                  "bellwether.toml:2: metrics.role_weights.manager: unknown key"},
        ErrorCase{"[health]\ngreen = 80\n", "bellwether.toml:2: health.green: unknown key"},
        ErrorCase{std::string(kLoyalty) + "wieght = 1\n",
                  "bellwether.toml:4: health.components[0].wieght: unknown key"},
        // Wrong types.
        ErrorCase{"currency = 978\n",
                  "bellwether.toml:1: currency: must be a three-letter ISO 4217 code in "
                  "capitals, e.g. \"EUR\""},
        ErrorCase{"currency = \"eur\"\n",
                  "bellwether.toml:1: currency: must be a three-letter ISO 4217 code in "
                  "capitals, e.g. \"EUR\""},
        ErrorCase{"metrics = 3\n", "bellwether.toml:1: metrics: must be a table ([metrics])"},
        ErrorCase{"[health]\n[metrics]\nrole_weights = [1, 1, 1]\n",
                  "bellwether.toml:3: metrics.role_weights: must be a table "
                  "([metrics.role_weights])"},
        ErrorCase{"[metrics]\nwindow_days = \"365\"\n",
                  "bellwether.toml:2: metrics.window_days: must be an integer from 1 to 3650"},
        ErrorCase{"[metrics]\nwindow_days = 365.0\n",
                  "bellwether.toml:2: metrics.window_days: must be an integer from 1 to 3650"},
        ErrorCase{"[metrics]\npareto = \"80%\"\n",
                  "bellwether.toml:2: metrics.pareto: must be a number > 0 and <= 1"},
        ErrorCase{"[metrics]\npareto = nan\n",
                  "bellwether.toml:2: metrics.pareto: must be a number > 0 and <= 1"},
        // Metric ranges.
        ErrorCase{"[metrics]\nwindow_days = 0\n",
                  "bellwether.toml:2: metrics.window_days: must be an integer from 1 to 3650"},
        ErrorCase{"[metrics]\nwindow_days = 3651\n",
                  "bellwether.toml:2: metrics.window_days: must be an integer from 1 to 3650"},
        ErrorCase{"[metrics]\nsilent_days = 0\n",
                  "bellwether.toml:2: metrics.silent_days: must be an integer from 1 to 3650"},
        ErrorCase{"[metrics]\nchampion_left_days = 99999999999\n",
                  "bellwether.toml:2: metrics.champion_left_days: must be an integer from 1 to "
                  "3650"},
        ErrorCase{"[metrics]\noverloaded_marketing_emails = -1\n",
                  "bellwether.toml:2: metrics.overloaded_marketing_emails: must be an integer "
                  "from 0 to 1000"},
        ErrorCase{"[metrics]\npareto = 0\n",
                  "bellwether.toml:2: metrics.pareto: must be a number > 0 and <= 1"},
        ErrorCase{"[metrics]\npareto = 1.01\n",
                  "bellwether.toml:2: metrics.pareto: must be a number > 0 and <= 1"},
        ErrorCase{"[metrics]\ntier_shares = [0.5, 0.8]\n",
                  "bellwether.toml:2: metrics.tier_shares: must be an array of 3 numbers "
                  "(tiers A, B, C)"},
        ErrorCase{"[metrics]\ntier_shares = 0.5\n",
                  "bellwether.toml:2: metrics.tier_shares: must be an array of 3 numbers "
                  "(tiers A, B, C)"},
        ErrorCase{"[metrics]\ntier_shares = [\n  0.5,\n  0.8,\n  1.5,\n]\n",
                  "bellwether.toml:5: metrics.tier_shares[2]: must be a number > 0 and <= 1"},
        ErrorCase{"[metrics]\ntier_shares = [0.5, 0.5, 0.9]\n",
                  "bellwether.toml:2: metrics.tier_shares[1]: must be greater than "
                  "tier_shares[0]"},
        ErrorCase{"[metrics]\ncheck_min_contacts = [6, 4, 2]\n",
                  "bellwether.toml:2: metrics.check_min_contacts: must be an array of 4 "
                  "integers (tiers A, B, C, D)"},
        ErrorCase{"[metrics]\ncheck_min_contacts = [6, 4, -2, 1]\n",
                  "bellwether.toml:2: metrics.check_min_contacts[2]: must be an integer from 0 "
                  "to 1000"},
        ErrorCase{"[metrics]\ncheck_min_contacts = [6, 4.5, 2, 1]\n",
                  "bellwether.toml:2: metrics.check_min_contacts[1]: must be an integer from 0 "
                  "to 1000"},
        ErrorCase{"[metrics.role_weights]\ninfluencer = -0.5\n",
                  "bellwether.toml:2: metrics.role_weights.influencer: must be a number >= 0"},
        ErrorCase{"[metrics.role_weights]\ndecision_maker = 0\ninfluencer = 0\nuser = 0\n",
                  "bellwether.toml:1: metrics.role_weights: at least one weight must be > 0"},
        // Health thresholds.
        ErrorCase{"[health]\nversion = 0\n",
                  "bellwether.toml:2: health.version: must be an integer >= 1"},
        ErrorCase{"[health]\nwindow_days = 0\n",
                  "bellwether.toml:2: health.window_days: must be an integer from 1 to 3650"},
        ErrorCase{"[health]\ngreen_at = 101\n",
                  "bellwether.toml:2: health.green_at: must be a number from 0 to 100"},
        ErrorCase{"[health]\nyellow_at = -1\n",
                  "bellwether.toml:2: health.yellow_at: must be a number from 0 to 100"},
        ErrorCase{"[health]\ngreen_at = 40\nyellow_at = 60\n",
                  "bellwether.toml:2: health.green_at: must be greater than health.yellow_at "
                  "(60.0)"},
        ErrorCase{"[health]\nyellow_at = 70\n",
                  "bellwether.toml:2: health.yellow_at: must be less than health.green_at "
                  "(70.0)"},
        // Components.
        ErrorCase{"[health]\ncomponents = []\n",
                  "bellwether.toml:2: health.components: must list at least one component"},
        ErrorCase{"[health]\ncomponents = \"loyalty\"\n",
                  "bellwether.toml:2: health.components: must be an array of tables "
                  "([[health.components]])"},
        ErrorCase{"[health]\ncomponents = [1]\n",
                  "bellwether.toml:2: health.components[0]: must be a table"},
        ErrorCase{std::string(kLoyalty) + "[[health.components]]\nsource = \"loyalty\"\n",
                  "bellwether.toml:4: health.components[1].name: required key is missing"},
        ErrorCase{std::string(kLoyalty) + "[[health.components]]\nname = \"x\"\n",
                  "bellwether.toml:4: health.components[1].source: required key is missing"},
        ErrorCase{"[[health.components]]\nname = \"\"\nsource = \"loyalty\"\n",
                  "bellwether.toml:2: health.components[0].name: must be a non-empty string"},
        ErrorCase{"[[health.components]]\nname = \"nps\"\nsource = \"nps\"\n",
                  "bellwether.toml:3: health.components[0].source: must be one of loyalty, "
                  "stakeholder_coverage, revenue_trend, engagement, support_load, "
                  "response_rate, signal"},
        ErrorCase{std::string(kLoyalty) +
                      "[[health.components]]\nname = \"loyalty\"\nsource = \"engagement\"\n",
                  "bellwether.toml:5: health.components[1].name: \"loyalty\" is already the "
                  "name of health.components[0]"},
        ErrorCase{"[[health.components]]\nname = \"Active Users\"\nsource = \"signal\"\n",
                  "bellwether.toml:2: health.components[0].name: \"Active Users\" is not a "
                  "signal name (lowercase letters, digits and _ only)"},
        ErrorCase{std::string(kLoyalty) +
                      "[[health.components]]\nname = \"coverage\"\n"
                      "source = \"stakeholder_coverage\"\n"
                      "[[health.components]]\nname = \"nps\"\nsource = \"loyalty\"\n\n"
                      "# a typo of 0.1\nweight = -0.1\n",
                  "bellwether.toml:12: health.components[2].weight: must be a number >= 0"},
        ErrorCase{std::string(kLoyalty) + "weight = 0\n",
                  "bellwether.toml:1: health.components: at least one weight must be > 0"},
        ErrorCase{std::string(kLoyalty) + "direction = \"up\"\n",
                  "bellwether.toml:4: health.components[0].direction: must be "
                  "\"higher_is_better\" or \"lower_is_better\""},
        ErrorCase{std::string(kLoyalty) + "low = \"4\"\n",
                  "bellwether.toml:4: health.components[0].low: must be a number"},
        ErrorCase{std::string(kLoyalty) + "low = 5\nhigh = 5.0\n",
                  "bellwether.toml:5: health.components[0].high: must differ from low (5.0)"},
        ErrorCase{std::string(kLoyalty) + "low = 1\n",
                  "bellwether.toml:4: health.components[0].low: must differ from high (1.0)"},
        ErrorCase{std::string(kLoyalty) + "missing = 1.5\n",
                  "bellwether.toml:4: health.components[0].missing: must be a number from 0 "
                  "to 1"}));

TEST(WorkspaceConfigTest, ErrorsNameTheGivenSource) {
  const Result<WorkspaceConfig> config =
      ParseWorkspaceConfig("[metrics]\npareto = 2\n", "/etc/bellwether/acme.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message(),
            "/etc/bellwether/acme.toml:2: metrics.pareto: must be a number > 0 and <= 1");
}

WorkspaceConfig CustomConfig() {
  WorkspaceConfig config;
  config.currency = "USD";
  config.metrics.window_days = 200;
  config.metrics.role_weights = {0.1 + 0.2, 1.0 / 3.0, 0.0};  // not short in decimal
  config.metrics.pareto = 0.7;
  config.metrics.tier_shares = {0.1, 0.5, 1.0};
  config.metrics.check_min_contacts = {9, 0, 3, 1};
  config.metrics.silent_days = 45;
  config.metrics.overloaded_marketing_emails = 0;
  config.metrics.champion_left_days = 1;
  config.health.version = 7;
  config.health.green_at = 66.6;
  config.health.yellow_at = 0;
  config.health.window_days = 3650;
  config.churn.threat_risk = 0.35;
  config.churn.factors = 5;
  config.churn.actions.erase("tier");
  config.churn.actions["signal.nps_relay"] = "Ask \"why\"";
  config.health.components = {
      {"usage_active_users", HealthSource::kSignal, 1e-3, Direction::kLowerIsBetter, -2.5, 1e9,
       0.125},
      {"Say \"hi\"\\\tnow", HealthSource::kRevenueTrend, 3, Direction::kHigherIsBetter, 0, 2,
       std::nullopt},
  };
  return config;
}

TEST(WorkspaceConfigTest, TomlRoundTripsACustomConfig) {
  const WorkspaceConfig config = CustomConfig();
  ExpectSameConfig(ParseOk(WorkspaceConfigToToml(config)), config);
}

TEST(WorkspaceConfigTest, ServerSectionIsReadAndChecked) {
  const WorkspaceConfig config = ParseOk(
      "[server]\nbind = \"0.0.0.0\"\nport = 9090\npublic_url = \"https://cx.example.com\"\n"
      "secure_cookies = true\nweb_root = \"/srv/bellwether/web\"\n");
  EXPECT_EQ(config.server.bind, "0.0.0.0");
  EXPECT_EQ(config.server.web_root, "/srv/bellwether/web");
  EXPECT_EQ(config.server.port, 9090);
  EXPECT_EQ(config.server.public_url, "https://cx.example.com");
  EXPECT_TRUE(config.server.secure_cookies);
  ExpectSameConfig(ParseOk(WorkspaceConfigToToml(config)), config);
  EXPECT_EQ(ParseError("[server]\nport = 70000\n"),
            "bellwether.toml:2: server.port: must be an integer from 1 to 65535");
  EXPECT_EQ(ParseError("[server]\npublic_url = \"cx.example.com/app\"\n"),
            "bellwether.toml:2: server.public_url: must be the URL people open, e.g. "
            "\"https://cx.example.com\" (no path)");
  EXPECT_EQ(ParseError("[server]\nsecure_cookies = \"yes\"\n"),
            "bellwether.toml:2: server.secure_cookies: must be true or false");
  EXPECT_EQ(ParseError("[server]\nweb_root = 3\n"),
            "bellwether.toml:2: server.web_root: must be the path of the dashboard's files "
            "(web/dist)");
  EXPECT_EQ(ParseError("[server]\nthreads = 4\n"),
            "bellwether.toml:2: server.threads: unknown key");
}

TEST(WorkspaceConfigTest, SurveyAndSmtpSectionsAreReadCheckedAndRoundTrip) {
  const WorkspaceConfig config = ParseOk(
      "[survey]\nlanguage = \"de\"\nfatigue_days = 60\nlink_valid_days = 14\nedit_days = 3\n"
      "drivers = [\"Produkt\", \"Service\"]\nquestions = [\"Was sollen wir ändern?\"]\n"
      "answers_per_minute = 100\n"
      "[smtp]\nhost = \"mail.example.com\"\nport = 587\nfrom = \"Acme CX <cx@acme.example>\"\n"
      "username = \"cx\"\npassword_env = \"BW_SMTP_PASSWORD\"\nstarttls = true\n"
      "timeout_seconds = 10\nlease_seconds = 5\nconnections = 2\n");
  EXPECT_EQ(config.survey.language, "de");
  EXPECT_EQ(config.survey.fatigue_days, 60);
  EXPECT_EQ(config.survey.drivers, (std::vector<std::string>{"Produkt", "Service"}));
  EXPECT_EQ(config.survey.questions.size(), 1u);
  EXPECT_EQ(config.smtp.port, 587);
  EXPECT_TRUE(config.smtp.starttls);
  EXPECT_EQ(config.smtp.password_env, "BW_SMTP_PASSWORD");
  EXPECT_EQ(config.smtp.lease_seconds, 5);
  EXPECT_EQ(config.smtp.connections, 2);
  EXPECT_EQ(ParseError("[smtp]\nconnections = 0\n"),
            "bellwether.toml:2: smtp.connections: must be an integer from 1 to 16");
  ExpectSameConfig(ParseOk(WorkspaceConfigToToml(config)), config);

  EXPECT_EQ(ParseError("[survey]\nlanguage = \"fr\"\n"),
            "bellwether.toml:2: survey.language: must be \"de\" or \"en\"");
  EXPECT_EQ(ParseError("[survey]\nquestions = [\"a\", \"b\", \"c\", \"d\", \"e\"]\n"),
            "bellwether.toml:2: survey.questions: must be a list of at most 4 texts of 1 to 200 "
            "bytes, without ';' or line breaks");
  EXPECT_EQ(ParseError("[survey]\ndrivers = [\"a;b\"]\n"),
            "bellwether.toml:2: survey.drivers: must be a list of at most 20 texts of 1 to 60 "
            "bytes, without ';' or line breaks");
  EXPECT_EQ(ParseError("[smtp]\nfrom = \"not an address\"\n"),
            "bellwether.toml:2: smtp.from: must be an address, e.g. \"cx@acme.example\" or "
            "\"Acme CX <cx@acme.example>\"");
  EXPECT_EQ(ParseError("[smtp]\npassword_env = \"$(rm -rf)\"\n"),
            "bellwether.toml:2: smtp.password_env: must be the name of an environment variable "
            "(letters, digits, _), e.g. \"BELLWETHER_SMTP_PASSWORD\"");
  EXPECT_EQ(ParseError("[smtp]\npassword = \"secret\"\n"),
            "bellwether.toml:2: smtp.password: unknown key");
}

TEST(WorkspaceConfigTest, LoopSectionIsReadCheckedAndRoundTrips) {
  const WorkspaceConfig config = ParseOk(
      "[loop]\ndue_hours = 24\nbusiness_days = true\nholidays = [\"2026-12-25\", "
      "\"2026-12-26\"]\ninclude_passives = true\nallow_private_webhooks = true\n"
      "[loop.escalation]\n\"Anna@Vendor.example\" = \"lead@vendor.example\"\n");
  EXPECT_EQ(config.loop.due_hours, 24);
  EXPECT_TRUE(config.loop.business_days);
  ASSERT_EQ(config.loop.holidays.size(), 2u);
  EXPECT_EQ(FormatDate(config.loop.holidays[0]), "2026-12-25");
  EXPECT_EQ(config.loop.escalation.at("anna@vendor.example"), "lead@vendor.example");
  ExpectSameConfig(ParseOk(WorkspaceConfigToToml(config)), config);
  EXPECT_EQ(
      ParseError("[loop]\nholidays = [\"25.12.2026\"]\n"),
      "bellwether.toml:2: loop.holidays: must be a list of at most 1000 dates \"YYYY-MM-DD\"");
  EXPECT_EQ(ParseError("[loop.escalation]\n\"anna@vendor.example\" = \"nobody\"\n"),
            "bellwether.toml:2: loop.escalation.anna@vendor.example: must be the lead's email "
            "address, e.g. \"lead@vendor.example\"");
}

TEST(WorkspaceConfigTest, ChurnSectionIsReadAndChecked) {
  const WorkspaceConfig config = ParseOk(
      "[churn]\nthreat_risk = 0.4\nfactors = 2\n[churn.actions]\n"
      "single_threaded = \"Multi-thread the account\"\n\"signal.nps_relay\" = \"Ask\"\n"
      "tier = \"\"\n");
  EXPECT_EQ(config.churn.threat_risk, 0.4);
  EXPECT_EQ(config.churn.factors, 2);
  EXPECT_EQ(config.churn.actions.at("single_threaded"), "Multi-thread the account");
  EXPECT_EQ(config.churn.actions.at("signal.nps_relay"), "Ask");
  EXPECT_EQ(config.churn.actions.count("tier"), 0u);  // "" removes a default
  EXPECT_EQ(config.churn.actions.at("champion_left"), "Find and win a new champion");
  ExpectSameConfig(ParseOk(WorkspaceConfigToToml(config)), config);
  EXPECT_EQ(ParseError("[churn]\nthreat_risk = 1.5\n"),
            "bellwether.toml:2: churn.threat_risk: must be a number from 0 to 1");
  EXPECT_EQ(ParseError("[churn]\nfactors = -1\n"),
            "bellwether.toml:2: churn.factors: must be an integer from 0 to 20");
  EXPECT_EQ(ParseError("[churn.actions]\nsingle_thread = \"x\"\n"),
            "bellwether.toml:2: churn.actions.single_thread: unknown factor: a feature name of "
            "docs/churn.md, or signal.NAME");
  EXPECT_EQ(ParseError("[churn.actions]\ntier = 3\n"),
            "bellwether.toml:2: churn.actions.tier: must be a text of at most 300 bytes");
  EXPECT_EQ(ParseError("[churn]\nthreshold = 0.5\n"),
            "bellwether.toml:2: churn.threshold: unknown key");
}

// Found by workspace_config_fuzz: toml++ 3.3 asserted on a table header that does not
// start with a key.
TEST(WorkspaceConfigTest, FuzzTableHeaderWithoutAKeyIsAnErrorNotAnAssertion) {
  EXPECT_EQ(ParseError("[~server]\nbind = \"0.0.0.0\"\n"),
            "bellwether.toml:1: a table header must start with a key, e.g. [metrics]");
  EXPECT_EQ(ParseError("currency = \"EUR\"\n  [[ ~health.components]]\n"),
            "bellwether.toml:2: a table header must start with a key, e.g. [metrics]");
  EXPECT_EQ(ParseError("[\n"),
            "bellwether.toml:1: a table header must start with a key, e.g. [metrics]");
  EXPECT_TRUE(ParseWorkspaceConfig("[ metrics ]\nwindow_days = 30\n[\"server\"]\nport = 1\n",
                                   "bellwether.toml")
                  .ok());
}

// Found by workspace_config_fuzz: toml++ 3.3 reached an "unreachable" point on some
// non-ASCII characters outside strings.
TEST(WorkspaceConfigTest, FuzzNonAsciiOutsideAStringIsAnError) {
  EXPECT_EQ(ParseError("c\u0190"),
            "bellwether.toml:1: a character that is not ASCII outside a \"string\" or # comment");
  EXPECT_EQ(ParseError("# Kündigungen\ncurrency = \"EUR\"\nwindow\u00e4 = 1\n"),
            "bellwether.toml:3: a character that is not ASCII outside a \"string\" or # comment");
  // Umlauts in strings and comments are fine, escapes and multi-line strings too.
  EXPECT_TRUE(ParseWorkspaceConfig(
                  "# Gesundheit der Kunden (Schätzung)\n[[health.components]]\n"
                  "name = \"Loyalität \\\"äöü\\\"\"  # Kündigung\nsource = 'loyalty'\n"
                  "weight = 0.35\ndirection = \"higher_is_better\"\nlow = 5.0\nhigh = 9.0\n",
                  "bellwether.toml")
                  .ok());
}

// workspace_config_fuzz found toml++ 3.3 asserting on a `}` where an array expects a value
// (kept as tests/fuzz/config_corpus/crash-brace-in-array).
TEST(WorkspaceConfigTest, FuzzUnbalancedBraceInAnArrayIsAnError) {
  EXPECT_EQ(ParseError("t=[[[[[[[[[[}[[[[{[[[[&[[\n"),
            "bellwether.toml:1: a ] or } that closes no [ or { of its own");
  EXPECT_EQ(ParseError("currency = \"EUR\"\n[metrics]\ntier_shares = [0.5, 0.8}\n"),
            "bellwether.toml:3: a ] or } that closes no [ or { of its own");
  EXPECT_EQ(ParseError("x = 1 ]\n"),
            "bellwether.toml:1: a ] or } that closes no [ or { of its own");
  // Brackets in strings and comments do not count; inline tables and arrays of them nest.
  EXPECT_TRUE(ParseWorkspaceConfig("# a } in a comment\ncurrency = \"EUR\"  # ]]\n"
                                   "[server]\npublic_url = \"https://x.example\"\n",
                                   "bellwether.toml")
                  .ok());
}

// workspace_config_fuzz found toml++ 3.3 reaching an unreachable point on a sign before a
// string with non-ASCII bytes (kept as tests/fuzz/config_corpus/crash-sign-before-string).
TEST(WorkspaceConfigTest, FuzzSignBeforeAStringIsAnError) {
  EXPECT_EQ(ParseError("[[health.components]]\nname = \"x\"\ndirection =+\"high\u0190\"\n"),
            "bellwether.toml:3: a quote inside a value (a number or a \"string\"?)");
  // Signs of numbers, and inside strings, are fine.
  EXPECT_TRUE(
      ParseWorkspaceConfig("[metrics]\nwindow_days = +365\n# -\"x\"\n", "bellwether.toml").ok());
}

TEST(WorkspaceConfigTest, TomlRoundTripsTheDefaults) {
  ExpectSameConfig(ParseOk(WorkspaceConfigToToml(WorkspaceConfig{})), WorkspaceConfig{});
}

TEST(WorkspaceConfigTest, TomlOfTheDefaultsUsesTheDocumentedLayout) {
  const std::string text = WorkspaceConfigToToml(WorkspaceConfig{});
  EXPECT_NE(text.find("currency = \"EUR\"\n\n[metrics]\nwindow_days = 365\npareto = 0.8\n"
                      "tier_shares = [0.5, 0.8, 0.95]\ncheck_min_contacts = [6, 4, 2, 1]\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("[metrics.role_weights]\ndecision_maker = 1.0\ninfluencer = 1.0\n"
                      "user = 1.0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("[[health.components]]\nname = \"engagement\"\nsource = \"engagement\"\n"
                      "weight = 0.05\ndirection = \"lower_is_better\"\nlow = 14.0\n"
                      "high = 120.0\nmissing = 0.0\n"),
            std::string::npos)
      << text;
}

TEST(WorkspaceConfigTest, ShippedFileStatesTheDefaults) {
  const std::string path = std::string(BELLWETHER_SOURCE_DIR) + "/config/bellwether.toml";
  const Result<WorkspaceConfig> config = LoadWorkspaceConfig(path);
  ASSERT_TRUE(config.ok()) << config.status().message();
  ExpectSameConfig(*config, WorkspaceConfig{});
}

class LoadWorkspaceConfigTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bw_config_test_" + std::to_string(::getpid()) + "_" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(LoadWorkspaceConfigTest, ReadsAFile) {
  const std::string path = Write("acme.toml", WorkspaceConfigToToml(CustomConfig()));
  const Result<WorkspaceConfig> config = LoadWorkspaceConfig(path);
  ASSERT_TRUE(config.ok()) << config.status().message();
  ExpectSameConfig(*config, CustomConfig());
}

TEST_F(LoadWorkspaceConfigTest, ErrorsNameThePath) {
  const std::string path = Write("bad.toml", "[metrics]\n\nsilent_days = -3\n");
  const Result<WorkspaceConfig> config = LoadWorkspaceConfig(path);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(config.status().message(),
            path + ":3: metrics.silent_days: must be an integer from 1 to 3650");
}

TEST_F(LoadWorkspaceConfigTest, MissingFileIsNotFound) {
  const std::string path = (dir_ / "absent.toml").string();
  const Result<WorkspaceConfig> config = LoadWorkspaceConfig(path);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(config.status().message(), path + ": no such file");
}

TEST_F(LoadWorkspaceConfigTest, DirectoryIsAnIoError) {
  const Result<WorkspaceConfig> config = LoadWorkspaceConfig(dir_.string());
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kIoError);
  EXPECT_EQ(config.status().message(), dir_.string() + ": is a directory");
}

}  // namespace
}  // namespace bw::config

namespace bw::config {
namespace {

TEST(WorkspaceConfigTest, LanguageIsDeOrEn) {
  EXPECT_EQ(ParseOk("").language, "");
  EXPECT_EQ(ParseOk("language = \"de\"\n").language, "de");
  EXPECT_EQ(ParseOk("language = \"en\"\n").language, "en");
  EXPECT_EQ(ParseError("currency = \"EUR\"\nlanguage = \"fr\"\n"),
            "bellwether.toml:2: language: must be \"de\" or \"en\"");
  EXPECT_NE(WorkspaceConfigToToml(ParseOk("language = \"de\"\n")).find("language = \"de\""),
            std::string::npos);
}

}  // namespace
}  // namespace bw::config
