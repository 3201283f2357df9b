// The workspace configuration file (bellwether.toml): the metric parameters of
// shared/spec/metrics.md, the health scorecard and the currency a workspace uses.
// docs/configuration.md documents every key for the people who edit the file. This module
// only turns text into a validated WorkspaceConfig and back; finding the file (--config,
// ./bellwether.toml) is the caller's business. toml++ stays inside this module.
#pragma once

#include <string>
#include <string_view>

#include "analytics/health.h"
#include "analytics/params.h"
#include "core/status.h"
#include "loop/settings.h"
#include "survey/settings.h"
#include "predict/settings.h"

namespace bw::config {

// [server]: how `bellwether serve` listens (flags and BELLWETHER_* variables override it;
// docs/configuration.md).
struct ServerSettings {
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string public_url;       // e.g. "https://cx.example.com"; its origin passes CSRF checks
  bool secure_cookies = false;  // Secure + __Host- cookie (set when served over TLS)
  std::string web_root;         // the dashboard's files; "" = the build's default (web/dist)
  bool operator==(const ServerSettings&) const = default;
};

struct WorkspaceConfig {
  analytics::MetricParams metrics;  // defaults = the spec's
  analytics::HealthConfig health = analytics::DefaultHealthConfig();
  std::string currency = "EUR";  // ISO 4217 code, three capital letters
  // "de" or "en": the language of tables and reports for people (the CLI's --lang wins);
  // empty: the environment's (LANG).
  std::string language;
  ServerSettings server;
  survey::SurveySettings survey;  // [survey]
  survey::SmtpSettings smtp;      // [smtp]
  loop::LoopSettings loop;        // [loop], [loop.escalation]
  predict::ChurnSettings churn = predict::DefaultChurnSettings();  // [churn], [churn.actions]
};

// Parses and validates TOML text; every key is optional and a missing key keeps its default.
// Errors are kInvalidArgument with a message prefixed by `source_name` (usually the file's
// path) and the line, naming the key path, e.g.
//   "bellwether.toml:12: health.components[2].weight: must be a number >= 0".
// Unknown keys are errors, so that a typo is not silently ignored. The first error found is
// returned. Thread-safe.
Result<WorkspaceConfig> ParseWorkspaceConfig(std::string_view toml_text,
                                             const std::string& source_name);

// Reads the file at `path` and parses it with `path` as the source name. kNotFound when the
// file does not exist, kIoError when it cannot be read.
Result<WorkspaceConfig> LoadWorkspaceConfig(const std::string& path);

// The TOML text of `config`, every key written out; ParseWorkspaceConfig of the text gives
// back an equal configuration (numbers are written in their shortest exact form).
std::string WorkspaceConfigToToml(const WorkspaceConfig& config);

}  // namespace bw::config
