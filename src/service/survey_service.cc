#include "service/survey_service.h"

#include <ctime>
#include <map>
#include <unordered_map>

#include "analytics/account_rows.h"
#include "core/ascii.h"
#include "service/account_query.h"
#include "survey/wave.h"

namespace bw::service {
namespace {

struct RoleFilter {
  bool negate = false;
  std::vector<Role> roles;
};

// "role=a|b" or "role!=a"; nullopt when the expression is not about roles.
Result<std::optional<RoleFilter>> ParseRoleFilter(const std::string& expression) {
  const std::string lower = AsciiLower(expression);
  RoleFilter filter;
  std::string values;
  if (lower.rfind("role!=", 0) == 0) {
    filter.negate = true;
    values = lower.substr(6);
  } else if (lower.rfind("role=", 0) == 0) {
    values = lower.substr(5);
  } else {
    return std::optional<RoleFilter>();
  }
  size_t start = 0;
  while (start <= values.size()) {
    const size_t end = values.find('|', start);
    const std::string value = values.substr(start, end - start);
    const std::optional<Role> role = ParseRole(value);
    if (!role) {
      // NOLINTNEXTLINE(performance-inefficient-string-concatenation): an error message, once
      return InvalidArgument("--filter \"" + expression + "\": unknown role \"" + value +
                             "\" (one of decision_maker, influencer, user)");
    }
    filter.roles.push_back(*role);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return std::optional<RoleFilter>(filter);
}

bool Passes(const RoleFilter& filter, Role role) {
  bool listed = false;
  for (Role r : filter.roles) listed = listed || r == role;
  return listed != filter.negate;
}

nlohmann::ordered_json Time(int64_t unix_seconds) {
  if (unix_seconds == 0) return nullptr;
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

struct Tally {
  int64_t invited = 0, delivered = 0, bounced = 0, pending = 0, answered = 0;
  void Add(const store::InviteDelivery& d) {
    ++invited;
    if (d.state == "sent") {
      ++delivered;
    } else if (d.state == "failed") {
      ++bounced;
    } else {
      ++pending;
    }
    if (d.answered) ++answered;
  }
  nlohmann::ordered_json Json() const {
    nlohmann::ordered_json j;
    j["invited"] = invited;
    j["delivered"] = delivered;
    j["bounced"] = bounced;
    j["pending"] = pending;
    j["answered"] = answered;
    // docs/surveys.md: answered / delivered; null while nothing was delivered.
    j["response_rate"] =
        delivered > 0
            ? nlohmann::ordered_json(static_cast<double>(answered) / static_cast<double>(delivered))
            : nlohmann::ordered_json(nullptr);
    return j;
  }
};

}  // namespace

Status CheckWaveFilters(const std::vector<std::string>& filters) {
  for (const std::string& expression : filters) {
    BW_ASSIGN_OR_RETURN(const std::optional<RoleFilter> role, ParseRoleFilter(expression));
    if (role) continue;
    BW_ASSIGN_OR_RETURN(const AccountFilter filter, ParseAccountFilter(expression));
    (void)filter;
  }
  return Status::Ok();
}

Result<std::vector<survey::AudienceMember>> SelectAudience(
    const snapshot::Snapshot& snap, Day as_of, const config::WorkspaceConfig& workspace,
    const std::vector<std::string>& filters) {
  AccountQuery query;
  std::vector<RoleFilter> role_filters;
  for (const std::string& expression : filters) {
    BW_ASSIGN_OR_RETURN(const std::optional<RoleFilter> role, ParseRoleFilter(expression));
    if (role) {
      role_filters.push_back(*role);
      continue;
    }
    BW_ASSIGN_OR_RETURN(AccountFilter filter, ParseAccountFilter(expression));
    query.filters.push_back(std::move(filter));
  }
  const AccountPage page = RunAccountQuery(
      snap, analytics::ComputeAccountRows(snap, as_of, workspace.metrics, workspace.health), query);
  std::vector<survey::AudienceMember> audience;
  for (const analytics::AccountRow& row : page.rows) {
    const snapshot::IndexRange contacts = snap.ContactsOf(row.basics.account);
    for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
      if (snap.contact_left_on[c] != kNoDay && snap.contact_left_on[c] <= as_of) continue;
      const std::string& email = c < snap.contact_email.size() ? snap.contact_email[c] : "";
      if (email.empty()) continue;
      bool passes = true;
      for (const RoleFilter& f : role_filters) passes = passes && Passes(f, snap.contact_role[c]);
      if (!passes) continue;
      survey::AudienceMember member;
      member.contact_id = snap.contact_id[c];
      member.name = c < snap.contact_name.size() ? snap.contact_name[c] : "";
      member.email = email;
      member.role = snap.contact_role[c];
      member.left_on = snap.contact_left_on[c];
      audience.push_back(std::move(member));
    }
  }
  return audience;
}

Result<survey::OutreachContext> OutreachContextOf(const config::WorkspaceConfig& workspace) {
  survey::OutreachContext context;
  context.public_url = workspace.server.public_url;
  context.settings = workspace.survey;
  if (context.public_url.empty()) {
    return FailedPrecondition(
        "[server] public_url is not set in bellwether.toml: survey links need it");
  }
  if (workspace.smtp.from.empty()) {
    return FailedPrecondition("[smtp] from is not set in bellwether.toml: mails need a sender");
  }
  BW_ASSIGN_OR_RETURN(context.from, survey::ParseMailAddress(workspace.smtp.from));
  return context;
}

nlohmann::ordered_json WaveToJson(const store::Wave& wave) {
  nlohmann::ordered_json j;
  j["wave_id"] = wave.wave_id;
  j["title"] = wave.title;
  j["language"] = wave.language.empty() ? nlohmann::ordered_json(nullptr)
                                        : nlohmann::ordered_json(wave.language);
  const Result<survey::WaveDefinition> definition =
      survey::ParseWaveDefinition(wave.definition_json);
  const survey::WaveDefinition d = definition.ok() ? *definition : survey::WaveDefinition();
  j["filters"] = d.filters;
  j["drivers"] = d.drivers;
  j["questions"] = d.questions;
  j["reminder_after_days"] = wave.reminder_after_days;
  j["max_reminders"] = wave.max_reminders;
  j["created_at"] = Time(wave.created_at);
  j["sent_at"] = Time(wave.sent_at);
  return j;
}

nlohmann::ordered_json WaveFiguresToJson(const snapshot::Snapshot& snap, Day as_of,
                                         const config::WorkspaceConfig& workspace,
                                         const std::vector<store::InviteDelivery>& deliveries) {
  std::unordered_map<std::string, uint32_t> contact_index;
  contact_index.reserve(snap.contact_id.size());
  for (uint32_t c = 0; c < snap.contact_id.size(); ++c) contact_index[snap.contact_id[c]] = c;
  const std::vector<analytics::AccountRow> rows =
      analytics::ComputeAccountRows(snap, as_of, workspace.metrics, workspace.health);
  std::unordered_map<snapshot::AccountIndex, analytics::Tier> tiers;
  for (const analytics::AccountRow& row : rows) tiers[row.basics.account] = row.basics.tier;

  Tally all;
  std::map<std::string, Tally> by_role;
  std::map<std::string, Tally> by_tier;
  for (const store::InviteDelivery& d : deliveries) {
    all.Add(d);
    std::string role = "unknown";
    std::string tier = "unknown";
    const auto it = contact_index.find(d.contact_id);
    if (it != contact_index.end()) {
      role = std::string(RoleName(snap.contact_role[it->second]));
      const auto t = tiers.find(snap.contact_account[it->second]);
      if (t != tiers.end()) tier = std::string(analytics::TierName(t->second));
    }
    by_role[role].Add(d);
    by_tier[tier].Add(d);
  }
  nlohmann::ordered_json j = all.Json();
  j["by_role"] = nlohmann::ordered_json::object();
  for (const auto& [role, tally] : by_role) j["by_role"][role] = tally.Json();
  j["by_tier"] = nlohmann::ordered_json::object();
  for (const auto& [tier, tally] : by_tier) j["by_tier"][tier] = tally.Json();
  return j;
}

nlohmann::ordered_json SendReportToJson(const std::string& wave_id, const survey::SendReport& r) {
  nlohmann::ordered_json j;
  j["wave_id"] = wave_id;
  j["invited"] = r.invited;
  j["skipped"] = {{"already_invited", r.already_invited},
                  {"fatigue", r.fatigued},
                  {"left", r.left},
                  {"suppressed", r.suppressed},
                  {"no_email", r.no_email}};
  return j;
}

nlohmann::ordered_json RemindReportToJson(const std::string& wave_id,
                                          const survey::RemindReport& r) {
  nlohmann::ordered_json j;
  j["wave_id"] = wave_id;
  j["reminded"] = r.reminded;
  j["skipped"] = {{"answered", r.answered},
                  {"not_due", r.not_due},
                  {"max_reminders", r.exhausted},
                  {"suppressed", r.suppressed}};
  return j;
}

}  // namespace bw::service
