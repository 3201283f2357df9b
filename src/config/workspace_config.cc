#include "config/workspace_config.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "core/date.h"
#include "core/domain.h"
#include "core/toml_guard.h"
#include "survey/email.h"

// The no-exceptions API: toml::parse returns a parse_result carrying the error and its
// position, so nothing is thrown through this adapter.
#include <cctype>

#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

namespace bw::config {
namespace {

using analytics::Direction;
using analytics::HealthComponentConfig;
using analytics::HealthConfig;
using analytics::HealthSource;
using analytics::MetricParams;

constexpr int64_t kMaxDays = 3650;
constexpr int64_t kMaxCount = 1000;
constexpr std::string_view kSourceList =
    "loyalty, stakeholder_coverage, revenue_trend, engagement, support_load, response_rate, "
    "signal";
constexpr std::string_view kHigherIsBetter = "higher_is_better";
constexpr std::string_view kLowerIsBetter = "lower_is_better";

// Shortest text that reads back as exactly `value`; always with a '.' or an exponent so
// that TOML sees a float (1 -> "1.0").
std::string FormatNumber(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  std::string text(buffer, ec == std::errc() ? end : buffer);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string QuoteString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// data-format.md, signals.csv: a signal's name is [a-z0-9_]+.
bool IsSignalName(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsCurrencyCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (const char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// A finite number, written as an integer or a float; nullopt for anything else.
std::optional<double> AsNumber(const toml::node& node) {
  if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node.as_floating_point()) {
    if (std::isfinite(f->get())) return f->get();
  }
  return std::nullopt;
}

// An integer in [min, max]; nullopt for anything else (a float such as 365.0 included).
std::optional<int> AsInt(const toml::node& node, int64_t min, int64_t max) {
  const auto* i = node.as_integer();
  if (i == nullptr || i->get() < min || i->get() > max) return std::nullopt;
  return static_cast<int>(i->get());
}

// Builds the located error messages of one document.
class Locator {
 public:
  explicit Locator(const std::string& source_name) : source_name_(source_name) {}

  Status Error(const toml::source_region& where, std::string_view path,
               std::string_view what) const {
    std::string message = source_name_;
    message += ':';
    message += std::to_string(where.begin.line);
    message += ": ";
    message += path;
    message += ": ";
    message += what;
    return InvalidArgument(std::move(message));
  }

 private:
  const std::string& source_name_;
};

// Typed, located reads of the keys of one TOML table whose path is `path` ("" for the
// document root). Each Read leaves its output unchanged when the key is absent.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, const Locator& locator)
      : table_(table), path_(std::move(path)), locator_(locator) {}

  const toml::table& table() const { return table_; }
  const std::string& path() const { return path_; }

  std::string PathOf(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const toml::node* Find(std::string_view key) const { return table_.get(key); }

  Status Error(const toml::node& node, std::string_view key, std::string_view what) const {
    return locator_.Error(node.source(), PathOf(key), what);
  }

  // Errors on the first key (in document order) not in `known`.
  Status CheckKeys(std::initializer_list<std::string_view> known) const {
    const toml::key* first_unknown = nullptr;
    for (const auto& [key, node] : table_) {
      bool is_known = false;
      for (const std::string_view k : known) is_known = is_known || key.str() == k;
      if (is_known) continue;
      // toml++ keeps keys sorted by name; report the one a reader meets first.
      if (first_unknown == nullptr || Before(key.source(), first_unknown->source())) {
        first_unknown = &key;
      }
    }
    if (first_unknown == nullptr) return Status::Ok();
    return locator_.Error(first_unknown->source(), PathOf(first_unknown->str()), "unknown key");
  }

  Status ReadInt(std::string_view key, int64_t min, int64_t max, std::string_view rule,
                 int* out) const {
    const toml::node* node = Find(key);
    if (node == nullptr) return Status::Ok();
    const std::optional<int> value = AsInt(*node, min, max);
    if (!value) return Error(*node, key, rule);
    *out = *value;
    return Status::Ok();
  }

  Status ReadNumber(std::string_view key, const std::function<bool(double)>& valid,
                    std::string_view rule, double* out) const {
    const toml::node* node = Find(key);
    if (node == nullptr) return Status::Ok();
    const std::optional<double> value = AsNumber(*node);
    if (!value || !valid(*value)) return Error(*node, key, rule);
    *out = *value;
    return Status::Ok();
  }

  Status ReadString(std::string_view key, std::string_view rule, std::string* out) const {
    const toml::node* node = Find(key);
    if (node == nullptr) return Status::Ok();
    const auto* text = node->as_string();
    if (text == nullptr) return Error(*node, key, rule);
    *out = text->get();
    return Status::Ok();
  }

  Status ReadBool(std::string_view key, bool* out) const {
    const toml::node* node = Find(key);
    if (node == nullptr) return Status::Ok();
    const auto* value = node->as_boolean();
    if (value == nullptr) return Error(*node, key, "must be true or false");
    *out = value->get();
    return Status::Ok();
  }

  // The sub-table at `key`, or nullopt when absent; an error when it is not a table.
  Result<std::optional<TableReader>> SubTable(std::string_view key) const {
    const toml::node* node = Find(key);
    if (node == nullptr) return std::optional<TableReader>();
    const toml::table* table = node->as_table();
    if (table == nullptr) {
      return Error(*node, key, "must be a table ([" + PathOf(key) + "])");
    }
    return std::optional<TableReader>(TableReader(*table, PathOf(key), locator_));
  }

 private:
  static bool Before(const toml::source_region& a, const toml::source_region& b) {
    return a.begin.line != b.begin.line ? a.begin.line < b.begin.line
                                        : a.begin.column < b.begin.column;
  }

  const toml::table& table_;
  std::string path_;
  const Locator& locator_;
};

// [server] (docs/configuration.md).
Status ReadServer(const TableReader& t, ServerSettings* server) {
  BW_RETURN_IF_ERROR(t.CheckKeys({"bind", "port", "public_url", "secure_cookies", "web_root"}));
  BW_RETURN_IF_ERROR(
      t.ReadString("bind", "must be an IP address, e.g. \"127.0.0.1\"", &server->bind));
  BW_RETURN_IF_ERROR(
      t.ReadInt("port", 1, 65535, "must be an integer from 1 to 65535", &server->port));
  constexpr std::string_view kUrlRule =
      "must be the URL people open, e.g. \"https://cx.example.com\" (no path)";
  BW_RETURN_IF_ERROR(t.ReadString("public_url", kUrlRule, &server->public_url));
  if (!server->public_url.empty()) {
    const std::string& url = server->public_url;
    const bool scheme = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
    const size_t host_start = url.find("://") + 3;
    if (!scheme || url.size() <= host_start || url.find('/', host_start) != std::string::npos) {
      return t.Error(*t.Find("public_url"), "public_url", kUrlRule);
    }
  }
  BW_RETURN_IF_ERROR(t.ReadBool("secure_cookies", &server->secure_cookies));
  return t.ReadString("web_root", "must be the path of the dashboard's files (web/dist)",
                      &server->web_root);
}

// A list of short texts (drivers, questions): each 1..`max_bytes` bytes without control
// characters or ';' (the responses' drivers column separates with it).
Status ReadTextList(const TableReader& t, std::string_view key, size_t max_items, size_t max_bytes,
                    std::vector<std::string>* out) {
  const toml::node* node = t.Find(key);
  if (node == nullptr) return Status::Ok();
  const std::string rule = "must be a list of at most " + std::to_string(max_items) +
                           " texts of 1 to " + std::to_string(max_bytes) +
                           " bytes, without ';' or line breaks";
  const toml::array* list = node->as_array();
  if (list == nullptr || list->size() > max_items) return t.Error(*node, key, rule);
  std::vector<std::string> items;
  for (size_t i = 0; i < list->size(); ++i) {
    const auto* text = list->get(i)->as_string();
    if (text == nullptr || text->get().empty() || text->get().size() > max_bytes) {
      return t.Error(*node, key, rule);
    }
    for (char c : text->get()) {
      if (c == ';' || static_cast<unsigned char>(c) < 0x20) return t.Error(*node, key, rule);
    }
    items.push_back(text->get());
  }
  *out = std::move(items);
  return Status::Ok();
}

// [survey] (docs/configuration.md, docs/surveys.md).
Status ReadSurvey(const TableReader& t, survey::SurveySettings* survey) {
  BW_RETURN_IF_ERROR(t.CheckKeys({"language", "fatigue_days", "link_valid_days", "edit_days",
                                  "drivers", "questions", "answers_per_minute"}));
  BW_RETURN_IF_ERROR(t.ReadString("language", "must be \"de\" or \"en\"", &survey->language));
  if (survey->language != "de" && survey->language != "en") {
    return t.Error(*t.Find("language"), "language", "must be \"de\" or \"en\"");
  }
  BW_RETURN_IF_ERROR(t.ReadInt("fatigue_days", 0, 3650, "must be an integer from 0 to 3650",
                               &survey->fatigue_days));
  BW_RETURN_IF_ERROR(t.ReadInt("link_valid_days", 1, 365, "must be an integer from 1 to 365",
                               &survey->link_valid_days));
  BW_RETURN_IF_ERROR(
      t.ReadInt("edit_days", 0, 90, "must be an integer from 0 to 90", &survey->edit_days));
  BW_RETURN_IF_ERROR(ReadTextList(t, "drivers", 20, 60, &survey->drivers));
  BW_RETURN_IF_ERROR(ReadTextList(t, "questions", 4, 200, &survey->questions));
  return t.ReadInt("answers_per_minute", 1, 1'000'000, "must be an integer from 1 to 1000000",
                   &survey->answers_per_minute);
}

// [loop] and [loop.escalation] (docs/configuration.md, docs/surveys.md).
Status ReadLoop(const TableReader& t, const Locator& locator, loop::LoopSettings* loop) {
  BW_RETURN_IF_ERROR(t.CheckKeys({"due_hours", "business_days", "holidays", "include_passives",
                                  "allow_private_webhooks", "escalation"}));
  BW_RETURN_IF_ERROR(
      t.ReadInt("due_hours", 1, 24 * 365, "must be an integer from 1 to 8760", &loop->due_hours));
  BW_RETURN_IF_ERROR(t.ReadBool("business_days", &loop->business_days));
  BW_RETURN_IF_ERROR(t.ReadBool("include_passives", &loop->include_passives));
  BW_RETURN_IF_ERROR(t.ReadBool("allow_private_webhooks", &loop->allow_private_webhooks));
  if (const toml::node* node = t.Find("holidays")) {
    constexpr std::string_view kRule = "must be a list of at most 1000 dates \"YYYY-MM-DD\"";
    const toml::array* list = node->as_array();
    if (list == nullptr || list->size() > 1000) return t.Error(*node, "holidays", kRule);
    loop->holidays.clear();
    for (size_t i = 0; i < list->size(); ++i) {
      const auto* text = list->get(i)->as_string();
      const std::optional<Day> day = text ? ParseDate(text->get()) : std::nullopt;
      if (!day) return t.Error(*node, "holidays", kRule);
      loop->holidays.push_back(*day);
    }
  }
  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> escalation, t.SubTable("escalation"));
  if (escalation) {
    loop->escalation.clear();
    for (const auto& [key, value] : escalation->table()) {
      const std::string owner(key.str());
      const auto* lead = value.as_string();
      if (!survey::IsValidEmailAddress(owner)) {
        return locator.Error(key.source(), escalation->PathOf(owner),
                             "the key must be an account owner's email address");
      }
      if (lead == nullptr || !survey::IsValidEmailAddress(lead->get())) {
        return locator.Error(value.source(), escalation->PathOf(owner),
                             "must be the lead's email address, e.g. \"lead@vendor.example\"");
      }
      loop->escalation[AsciiLower(owner)] = AsciiLower(lead->get());
    }
  }
  return Status::Ok();
}

// [smtp] (docs/configuration.md, docs/surveys.md).
Status ReadSmtp(const TableReader& t, survey::SmtpSettings* smtp) {
  BW_RETURN_IF_ERROR(
      t.CheckKeys({"host", "port", "from", "username", "password_env", "starttls",
                   "timeout_seconds", "lease_seconds", "retry_seconds", "connections"}));
  constexpr std::string_view kHostRule = "must be a host name or address without spaces";
  BW_RETURN_IF_ERROR(t.ReadString("host", kHostRule, &smtp->host));
  for (char c : smtp->host) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '/' || c == '@') {
      return t.Error(*t.Find("host"), "host", kHostRule);
    }
  }
  BW_RETURN_IF_ERROR(
      t.ReadInt("port", 1, 65535, "must be an integer from 1 to 65535", &smtp->port));
  constexpr std::string_view kFromRule =
      "must be an address, e.g. \"cx@acme.example\" or \"Acme CX <cx@acme.example>\"";
  BW_RETURN_IF_ERROR(t.ReadString("from", kFromRule, &smtp->from));
  if (!smtp->from.empty() && !survey::ParseMailAddress(smtp->from).ok()) {
    return t.Error(*t.Find("from"), "from", kFromRule);
  }
  BW_RETURN_IF_ERROR(t.ReadString("username", "must be text", &smtp->username));
  constexpr std::string_view kEnvRule =
      "must be the name of an environment variable (letters, digits, _), e.g. "
      "\"BELLWETHER_SMTP_PASSWORD\"";
  BW_RETURN_IF_ERROR(t.ReadString("password_env", kEnvRule, &smtp->password_env));
  for (char c : smtp->password_env) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
      return t.Error(*t.Find("password_env"), "password_env", kEnvRule);
    }
  }
  BW_RETURN_IF_ERROR(t.ReadBool("starttls", &smtp->starttls));
  BW_RETURN_IF_ERROR(t.ReadInt("timeout_seconds", 1, 600, "must be an integer from 1 to 600",
                               &smtp->timeout_seconds));
  BW_RETURN_IF_ERROR(t.ReadInt("lease_seconds", 1, 86400, "must be an integer from 1 to 86400",
                               &smtp->lease_seconds));
  BW_RETURN_IF_ERROR(t.ReadInt("retry_seconds", 1, 86400, "must be an integer from 1 to 86400",
                               &smtp->retry_seconds));
  return t.ReadInt("connections", 1, 16, "must be an integer from 1 to 16", &smtp->connections);
}

// [churn] and [churn.actions] (docs/churn.md, "Actions"; docs/configuration.md). Entries of
// [churn.actions] replace or add to the default table; an empty text removes an action.
Status ReadChurn(const TableReader& t, const Locator& locator, predict::ChurnSettings* churn) {
  BW_RETURN_IF_ERROR(t.CheckKeys({"threat_risk", "factors", "actions"}));
  BW_RETURN_IF_ERROR(t.ReadNumber(
      "threat_risk", [](double x) { return x >= 0 && x <= 1; }, "must be a number from 0 to 1",
      &churn->threat_risk));
  BW_RETURN_IF_ERROR(
      t.ReadInt("factors", 0, 20, "must be an integer from 0 to 20", &churn->factors));
  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> actions, t.SubTable("actions"));
  if (!actions) return Status::Ok();
  for (const auto& [key, node] : actions->table()) {
    if (!predict::IsActionKey(key.str())) {
      return locator.Error(key.source(), actions->PathOf(key.str()),
                           "unknown factor: a feature name of docs/churn.md, or signal.NAME");
    }
    const auto* text = node.as_string();
    constexpr size_t kMaxAction = 300;
    if (text == nullptr || text->get().size() > kMaxAction) {
      return actions->Error(node, key.str(), "must be a text of at most 300 bytes");
    }
    if (text->get().empty()) {
      churn->actions.erase(std::string(key.str()));
    } else {
      churn->actions[std::string(key.str())] = text->get();
    }
  }
  return Status::Ok();
}

bool IsShare(double x) { return x > 0 && x <= 1; }
bool IsNonNegative(double x) { return x >= 0; }

// [metrics] (shared/spec/metrics.md parameters).
Status ReadMetrics(const TableReader& t, MetricParams* params) {
  BW_RETURN_IF_ERROR(
      t.CheckKeys({"window_days", "pareto", "tier_shares", "check_min_contacts", "silent_days",
                   "overloaded_marketing_emails", "champion_left_days", "role_weights"}));
  constexpr std::string_view kDaysRule = "must be an integer from 1 to 3650";
  BW_RETURN_IF_ERROR(t.ReadInt("window_days", 1, kMaxDays, kDaysRule, &params->window_days));
  BW_RETURN_IF_ERROR(t.ReadInt("silent_days", 1, kMaxDays, kDaysRule, &params->silent_days));
  BW_RETURN_IF_ERROR(
      t.ReadInt("champion_left_days", 1, kMaxDays, kDaysRule, &params->champion_left_days));
  BW_RETURN_IF_ERROR(t.ReadInt("overloaded_marketing_emails", 0, kMaxCount,
                               "must be an integer from 0 to 1000",
                               &params->overloaded_marketing_emails));
  constexpr std::string_view kShareRule = "must be a number > 0 and <= 1";
  BW_RETURN_IF_ERROR(t.ReadNumber("pareto", IsShare, kShareRule, &params->pareto));

  if (const toml::node* node = t.Find("tier_shares")) {
    const toml::array* shares = node->as_array();
    if (shares == nullptr || shares->size() != params->tier_shares.size()) {
      return t.Error(*node, "tier_shares", "must be an array of 3 numbers (tiers A, B, C)");
    }
    for (size_t i = 0; i < shares->size(); ++i) {
      const toml::node& element = *shares->get(i);
      const std::optional<double> share = AsNumber(element);
      if (!share || !IsShare(*share)) {
        return t.Error(element, "tier_shares[" + std::to_string(i) + "]", kShareRule);
      }
      if (i > 0 && *share <= params->tier_shares[i - 1]) {
        return t.Error(element, "tier_shares[" + std::to_string(i) + "]",
                       "must be greater than tier_shares[" + std::to_string(i - 1) + "]");
      }
      params->tier_shares[i] = *share;
    }
  }

  if (const toml::node* node = t.Find("check_min_contacts")) {
    const toml::array* counts = node->as_array();
    if (counts == nullptr || counts->size() != params->check_min_contacts.size()) {
      return t.Error(*node, "check_min_contacts",
                     "must be an array of 4 integers (tiers A, B, C, D)");
    }
    for (size_t i = 0; i < counts->size(); ++i) {
      const toml::node& element = *counts->get(i);
      const std::optional<int> count = AsInt(element, 0, kMaxCount);
      if (!count) {
        return t.Error(element, "check_min_contacts[" + std::to_string(i) + "]",
                       "must be an integer from 0 to 1000");
      }
      params->check_min_contacts[i] = *count;
    }
  }

  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> weights, t.SubTable("role_weights"));
  if (weights) {
    static_assert(kRoleCount == 3);
    const std::string_view names[] = {RoleName(Role::kDecisionMaker), RoleName(Role::kInfluencer),
                                      RoleName(Role::kUser)};
    BW_RETURN_IF_ERROR(weights->CheckKeys({names[0], names[1], names[2]}));
    for (int r = 0; r < kRoleCount; ++r) {
      BW_RETURN_IF_ERROR(weights->ReadNumber(names[r], IsNonNegative, "must be a number >= 0",
                                             &params->role_weights[r]));
    }
    bool any_positive = false;
    for (const double w : params->role_weights) any_positive = any_positive || w > 0;
    if (!any_positive) {
      return t.Error(*t.Find("role_weights"), "role_weights", "at least one weight must be > 0");
    }
  }
  return Status::Ok();
}

// One [[health.components]] entry; `index` counts from 0.
Result<HealthComponentConfig> ReadComponent(const toml::node& node, size_t index,
                                            const TableReader& health, const Locator& locator) {
  const std::string path = health.PathOf("components") + "[" + std::to_string(index) + "]";
  const toml::table* table = node.as_table();
  if (table == nullptr) return locator.Error(node.source(), path, "must be a table");
  const TableReader t(*table, path, locator);
  BW_RETURN_IF_ERROR(
      t.CheckKeys({"name", "source", "weight", "direction", "low", "high", "missing"}));
  HealthComponentConfig component;

  // name and source carry the component's meaning: no default could be right.
  const toml::node* name = t.Find("name");
  if (name == nullptr) {
    return locator.Error(table->source(), t.PathOf("name"), "required key is missing");
  }
  BW_RETURN_IF_ERROR(t.ReadString("name", "must be a non-empty string", &component.name));
  if (component.name.empty()) return t.Error(*name, "name", "must be a non-empty string");

  const toml::node* source = t.Find("source");
  const std::string source_rule = "must be one of " + std::string(kSourceList);
  if (source == nullptr) {
    return locator.Error(table->source(), t.PathOf("source"), "required key is missing");
  }
  std::string source_name;
  BW_RETURN_IF_ERROR(t.ReadString("source", source_rule, &source_name));
  const std::optional<HealthSource> parsed_source = analytics::ParseHealthSource(source_name);
  if (!parsed_source) return t.Error(*source, "source", source_rule);
  component.source = *parsed_source;
  if (component.source == HealthSource::kSignal && !IsSignalName(component.name)) {
    return t.Error(*name, "name",
                   QuoteString(component.name) +
                       " is not a signal name (lowercase letters, digits and _ only)");
  }

  BW_RETURN_IF_ERROR(
      t.ReadNumber("weight", IsNonNegative, "must be a number >= 0", &component.weight));

  if (const toml::node* direction = t.Find("direction")) {
    const std::string rule = "must be \"" + std::string(kHigherIsBetter) + "\" or \"" +
                             std::string(kLowerIsBetter) + "\"";
    const auto* text = direction->as_string();
    if (text != nullptr && text->get() == kHigherIsBetter) {
      component.direction = Direction::kHigherIsBetter;
    } else if (text != nullptr && text->get() == kLowerIsBetter) {
      component.direction = Direction::kLowerIsBetter;
    } else {
      return t.Error(*direction, "direction", rule);
    }
  }

  const auto any_number = [](double) { return true; };
  BW_RETURN_IF_ERROR(t.ReadNumber("low", any_number, "must be a number", &component.low));
  BW_RETURN_IF_ERROR(t.ReadNumber("high", any_number, "must be a number", &component.high));
  if (component.low == component.high) {
    // Blame the key that was written; both defaults differ, so one of them was.
    if (const toml::node* high = t.Find("high")) {
      return t.Error(*high, "high", "must differ from low (" + FormatNumber(component.low) + ")");
    }
    return t.Error(*t.Find("low"), "low",
                   "must differ from high (" + FormatNumber(component.high) + ")");
  }

  if (t.Find("missing") != nullptr) {
    double missing = 0;
    BW_RETURN_IF_ERROR(t.ReadNumber(
        "missing", [](double x) { return x >= 0 && x <= 1; }, "must be a number from 0 to 1",
        &missing));
    component.missing_value = missing;
  }
  return component;
}

// [health] and its [[health.components]].
Status ReadHealth(const TableReader& t, const Locator& locator, HealthConfig* health) {
  BW_RETURN_IF_ERROR(
      t.CheckKeys({"version", "green_at", "yellow_at", "window_days", "components"}));
  BW_RETURN_IF_ERROR(t.ReadInt("version", 1, std::numeric_limits<int>::max(),
                               "must be an integer >= 1", &health->version));
  BW_RETURN_IF_ERROR(t.ReadInt("window_days", 1, kMaxDays, "must be an integer from 1 to 3650",
                               &health->window_days));
  const auto is_percent = [](double x) { return x >= 0 && x <= 100; };
  constexpr std::string_view kPercentRule = "must be a number from 0 to 100";
  BW_RETURN_IF_ERROR(t.ReadNumber("green_at", is_percent, kPercentRule, &health->green_at));
  BW_RETURN_IF_ERROR(t.ReadNumber("yellow_at", is_percent, kPercentRule, &health->yellow_at));
  if (health->green_at <= health->yellow_at) {
    if (const toml::node* green = t.Find("green_at")) {
      return t.Error(*green, "green_at",
                     "must be greater than " + t.PathOf("yellow_at") + " (" +
                         FormatNumber(health->yellow_at) + ")");
    }
    return t.Error(
        *t.Find("yellow_at"), "yellow_at",
        "must be less than " + t.PathOf("green_at") + " (" + FormatNumber(health->green_at) + ")");
  }

  const toml::node* node = t.Find("components");
  if (node == nullptr) return Status::Ok();
  const toml::array* list = node->as_array();
  if (list == nullptr) {
    return t.Error(*node, "components",
                   "must be an array of tables ([[" + t.PathOf("components") + "]])");
  }
  if (list->empty()) return t.Error(*node, "components", "must list at least one component");
  // Given at all, the list replaces the default scorecard entirely.
  std::vector<HealthComponentConfig> components;
  for (size_t i = 0; i < list->size(); ++i) {
    BW_ASSIGN_OR_RETURN(HealthComponentConfig component,
                        ReadComponent(*list->get(i), i, t, locator));
    for (size_t j = 0; j < components.size(); ++j) {
      if (components[j].name == component.name) {
        const toml::node& name = *list->get(i)->as_table()->get("name");
        return locator.Error(name.source(),
                             t.PathOf("components") + "[" + std::to_string(i) + "].name",
                             QuoteString(component.name) + " is already the name of " +
                                 t.PathOf("components") + "[" + std::to_string(j) + "]");
      }
    }
    components.push_back(std::move(component));
  }
  bool any_weight = false;
  for (const HealthComponentConfig& c : components) any_weight = any_weight || c.weight > 0;
  if (!any_weight) return t.Error(*node, "components", "at least one weight must be > 0");
  health->components = std::move(components);
  return Status::Ok();
}

}  // namespace

Result<WorkspaceConfig> ParseWorkspaceConfig(std::string_view toml_text,
                                             const std::string& source_name) {
  BW_RETURN_IF_ERROR(GuardTomlParser(toml_text, source_name));
  toml::parse_result parsed = toml::parse(toml_text, std::string_view(source_name));
  if (!parsed) {
    const toml::parse_error& error = parsed.error();
    return InvalidArgument(source_name + ":" + std::to_string(error.source().begin.line) + ": " +
                           std::string(error.description()));
  }
  const Locator locator(source_name);
  const TableReader root(parsed.table(), "", locator);
  BW_RETURN_IF_ERROR(root.CheckKeys(
      {"currency", "language", "metrics", "health", "server", "survey", "smtp", "loop", "churn"}));

  WorkspaceConfig config;
  constexpr std::string_view kCurrencyRule =
      "must be a three-letter ISO 4217 code in capitals, e.g. \"EUR\"";
  BW_RETURN_IF_ERROR(root.ReadString("currency", kCurrencyRule, &config.currency));
  if (!IsCurrencyCode(config.currency)) {
    return root.Error(*root.Find("currency"), "currency", kCurrencyRule);
  }
  constexpr std::string_view kLanguageRule = "must be \"de\" or \"en\"";
  BW_RETURN_IF_ERROR(root.ReadString("language", kLanguageRule, &config.language));
  if (!config.language.empty() && config.language != "de" && config.language != "en") {
    return root.Error(*root.Find("language"), "language", kLanguageRule);
  }
  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> metrics, root.SubTable("metrics"));
  if (metrics) BW_RETURN_IF_ERROR(ReadMetrics(*metrics, &config.metrics));
  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> health, root.SubTable("health"));
  if (health) BW_RETURN_IF_ERROR(ReadHealth(*health, locator, &config.health));
  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> server, root.SubTable("server"));
  if (server) BW_RETURN_IF_ERROR(ReadServer(*server, &config.server));
  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> survey, root.SubTable("survey"));
  if (survey) BW_RETURN_IF_ERROR(ReadSurvey(*survey, &config.survey));
  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> smtp, root.SubTable("smtp"));
  if (smtp) BW_RETURN_IF_ERROR(ReadSmtp(*smtp, &config.smtp));
  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> loop, root.SubTable("loop"));
  if (loop) BW_RETURN_IF_ERROR(ReadLoop(*loop, locator, &config.loop));
  BW_ASSIGN_OR_RETURN(const std::optional<TableReader> churn, root.SubTable("churn"));
  if (churn) BW_RETURN_IF_ERROR(ReadChurn(*churn, locator, &config.churn));
  return config;
}

Result<WorkspaceConfig> LoadWorkspaceConfig(const std::string& path) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (ec) return IoError(path + ": " + ec.message());
  if (!exists) return NotFound(path + ": no such file");
  if (std::filesystem::is_directory(path, ec)) return IoError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": cannot open for reading");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  return ParseWorkspaceConfig(text.str(), path);
}

std::string WorkspaceConfigToToml(const WorkspaceConfig& config) {
  const MetricParams& m = config.metrics;
  const HealthConfig& h = config.health;
  std::string out;
  const auto line = [&out](std::string_view key, const std::string& value) {
    out += key;
    out += " = ";
    out += value;
    out += '\n';
  };
  out += "# Bellwether workspace configuration; docs/configuration.md explains every key.\n";
  line("currency", QuoteString(config.currency));
  if (!config.language.empty()) line("language", QuoteString(config.language));

  out += "\n[metrics]\n";
  line("window_days", std::to_string(m.window_days));
  line("pareto", FormatNumber(m.pareto));
  line("tier_shares", "[" + FormatNumber(m.tier_shares[0]) + ", " + FormatNumber(m.tier_shares[1]) +
                          ", " + FormatNumber(m.tier_shares[2]) + "]");
  line("check_min_contacts", "[" + std::to_string(m.check_min_contacts[0]) + ", " +
                                 std::to_string(m.check_min_contacts[1]) + ", " +
                                 std::to_string(m.check_min_contacts[2]) + ", " +
                                 std::to_string(m.check_min_contacts[3]) + "]");
  line("silent_days", std::to_string(m.silent_days));
  line("overloaded_marketing_emails", std::to_string(m.overloaded_marketing_emails));
  line("champion_left_days", std::to_string(m.champion_left_days));
  out += "\n[metrics.role_weights]\n";
  for (int r = 0; r < kRoleCount; ++r) {
    line(RoleName(static_cast<Role>(r)), FormatNumber(m.role_weights[r]));
  }

  out += "\n[health]\n";
  line("version", std::to_string(h.version));
  line("green_at", FormatNumber(h.green_at));
  line("yellow_at", FormatNumber(h.yellow_at));
  line("window_days", std::to_string(h.window_days));
  for (const HealthComponentConfig& c : h.components) {
    out += "\n[[health.components]]\n";
    line("name", QuoteString(c.name));
    line("source", QuoteString(analytics::HealthSourceName(c.source)));
    line("weight", FormatNumber(c.weight));
    line("direction",
         QuoteString(c.direction == Direction::kHigherIsBetter ? kHigherIsBetter : kLowerIsBetter));
    line("low", FormatNumber(c.low));
    line("high", FormatNumber(c.high));
    if (c.missing_value) line("missing", FormatNumber(*c.missing_value));
  }

  out += "\n[server]\n";
  line("bind", QuoteString(config.server.bind));
  line("port", std::to_string(config.server.port));
  line("public_url", QuoteString(config.server.public_url));
  line("secure_cookies", config.server.secure_cookies ? "true" : "false");
  line("web_root", QuoteString(config.server.web_root));

  const auto list = [](const std::vector<std::string>& items) {
    std::string text = "[";
    for (size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + QuoteString(items[i]);
    return text + "]";
  };
  const survey::SurveySettings& sv = config.survey;
  out += "\n[survey]\n";
  line("language", QuoteString(sv.language));
  line("fatigue_days", std::to_string(sv.fatigue_days));
  line("link_valid_days", std::to_string(sv.link_valid_days));
  line("edit_days", std::to_string(sv.edit_days));
  line("drivers", list(sv.drivers));
  line("questions", list(sv.questions));
  line("answers_per_minute", std::to_string(sv.answers_per_minute));

  const survey::SmtpSettings& smtp = config.smtp;
  out += "\n[smtp]\n";
  line("host", QuoteString(smtp.host));
  line("port", std::to_string(smtp.port));
  line("from", QuoteString(smtp.from));
  line("username", QuoteString(smtp.username));
  line("password_env", QuoteString(smtp.password_env));
  line("starttls", smtp.starttls ? "true" : "false");
  line("timeout_seconds", std::to_string(smtp.timeout_seconds));
  line("lease_seconds", std::to_string(smtp.lease_seconds));
  line("retry_seconds", std::to_string(smtp.retry_seconds));
  line("connections", std::to_string(smtp.connections));

  const loop::LoopSettings& lp = config.loop;
  out += "\n[loop]\n";
  line("due_hours", std::to_string(lp.due_hours));
  line("business_days", lp.business_days ? "true" : "false");
  std::vector<std::string> holidays;
  for (Day d : lp.holidays) holidays.push_back(FormatDate(d));
  line("holidays", list(holidays));
  line("include_passives", lp.include_passives ? "true" : "false");
  line("allow_private_webhooks", lp.allow_private_webhooks ? "true" : "false");
  out += "\n[loop.escalation]\n";
  for (const auto& [owner, lead] : lp.escalation) line(QuoteString(owner), QuoteString(lead));

  out += "\n[churn]\n";
  line("threat_risk", FormatNumber(config.churn.threat_risk));
  line("factors", std::to_string(config.churn.factors));
  out += "\n[churn.actions]\n";
  // Defaults that the configuration removed are written as empty texts.
  for (const auto& [key, action] : predict::DefaultChurnSettings().actions) {
    if (config.churn.actions.count(key) == 0) line(QuoteString(key), "\"\"");
  }
  for (const auto& [key, action] : config.churn.actions)
    line(QuoteString(key), QuoteString(action));
  return out;
}

}  // namespace bw::config
