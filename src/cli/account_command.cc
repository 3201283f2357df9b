// `bellwether account ID [--data DIR | --db FILE] [--as-of D] [--format table|json]`:
// the account 360.
#include <fmt/core.h>

#include "analytics/account_360.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "service/account_json.h"

namespace bw::cli {
namespace {

struct AccountFlags {
  std::string id;
  AnalysisFlags analysis;
  std::string format = "table";
};

// Who a contact is, for a line of the table: "Käthe Kowalski (decision_maker)", the id
// when the name is not known, cut to fit 36 columns.
std::string WhoIs(const snapshot::Snapshot& snap, analytics::ContactIndex contact) {
  const std::string& name = snap.contact_name.empty() || snap.contact_name[contact].empty()
                                ? snap.contact_id[contact]
                                : snap.contact_name[contact];
  std::string who = name + " (" + std::string(RoleName(snap.contact_role[contact])) + ")";
  return Truncated(who, 36);
}

std::string ToTable(const snapshot::Snapshot& snap, const analytics::Account360& v, Day as_of) {
  const analytics::AccountIndex a = v.account;
  std::string out = fmt::format("{} ({}) as of {}\n", snap.account_name[a], snap.account_id[a],
                                FormatDate(as_of));
  out += fmt::format("  owner {}, industry {}, region {}, {}\n",
                     snap.owner[a].empty() ? "-" : snap.owner[a],
                     snap.industry[a].empty() ? "-" : snap.industry[a],
                     snap.region[a].empty() ? "-" : snap.region[a],
                     v.active ? "active customer"
                     : snap.churned_on[a] != kNoDay && snap.churned_on[a] <= as_of
                         ? "churned on " + FormatDate(snap.churned_on[a])
                         : "not a customer yet");
  if (v.row) {
    const analytics::AccountBasics& b = v.row->basics;
    out += fmt::format("\n  Tier {}  TTM {} (prior 12 months {})\n", analytics::TierName(b.tier),
                       MoneyText(b.ttm), MoneyText(b.ttm_prior));
    out += fmt::format("  Account score {} ({}, {} answers)  quadrant {}: {}\n",
                       b.score ? fmt::format("{:.2f}", *b.score) : "-", CategoryName(b.category),
                       b.answers, analytics::QuadrantName(b.quadrant),
                       analytics::QuadrantAction(b.quadrant));
    std::string flags;
    for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
      const auto flag = static_cast<analytics::AccountFlag>(f);
      if (b.Has(flag))
        flags += (flags.empty() ? "" : ", ") + std::string(analytics::FlagName(flag));
    }
    out += fmt::format("  Flags: {}\n", flags.empty() ? "none" : flags);
    std::string missing;
    for (const std::string& role : b.check.missing_roles())
      missing += (missing.empty() ? "" : ", ") + role;
    out += fmt::format("  Account check: {}{}\n",
                       b.check.ok ? "ok"
                                  : fmt::format("needs {} current contacts, has {}",
                                                b.check.required, b.contacts_current),
                       missing.empty() ? "" : "; missing roles: " + missing);
    const analytics::HealthScore& h = *v.health;
    out += fmt::format("\n  Health {} {}", h.score ? fmt::format("{:.1f}", *h.score) : "n/a",
                       h.score ? analytics::HealthColourName(h.colour) : "");
    if (h.score && v.row->health_90d_ago) {
      out += fmt::format(" ({:+.1f} in 90 days)", *h.score - *v.row->health_90d_ago);
    }
    out += "\n";
    for (const analytics::HealthComponent& c : h.components) {
      out +=
          fmt::format("    {:<22} {:>10}  {:>5.1f} points{}\n", c.name,
                      c.raw ? fmt::format("{:.2f}", *c.raw) : "missing", c.contribution,
                      c.used ? fmt::format(" (weight {:.0f} %)", c.weight * 100) : " (not used)");
    }
  }
  out += "\n  Stakeholders\n";
  for (const analytics::StakeholderEntry& e : v.stakeholders) {
    const analytics::ContactIndex c = e.contact;
    std::string name = snap.contact_name.empty() ? "" : snap.contact_name[c];
    out += fmt::format("    {:<15} {:<14} {:<26} {:>5} {:<10} {}\n", RoleName(snap.contact_role[c]),
                       snap.contact_id[c], Truncated(name, 26),
                       e.latest_response == snapshot::kNone
                           ? "-"
                           : std::to_string(snap.response_score[e.latest_response]),
                       e.trend ? std::string(analytics::ScoreTrendName(*e.trend)) : "",
                       e.current ? "" : "left on " + FormatDate(snap.contact_left_on[c]));
  }
  out += "\n  Revenue by month (last 24)\n   ";
  for (size_t i = 0; i < v.revenue.size(); ++i) {
    out +=
        fmt::format(" {} {:>12}", FormatMonth(v.revenue[i].month), MoneyText(v.revenue[i].cents));
    if (i % 4 == 3) out += "\n   ";
  }
  out += "\n  Responses\n";
  for (size_t i = 0; i < v.responses.size() && i < 20; ++i) {
    const uint32_t r = v.responses[i].response;
    std::string drivers;
    for (int32_t d : snap.DriversOf(r))
      drivers += (drivers.empty() ? "" : ";") + snap.driver_names[d];
    std::string comment = snap.response_comment.empty() ? "" : snap.response_comment[r];
    for (char& ch : comment)
      if (ch == '\n' || ch == '\r') ch = ' ';
    out += fmt::format("    {} {:>2}  {:<36} {:<24} {}\n", FormatDate(snap.response_day[r]),
                       snap.response_score[r], WhoIs(snap, snap.response_contact[r]), drivers,
                       comment);
  }
  out += "\n  Touchpoints (latest 15)\n";
  for (size_t i = 0; i < v.touchpoints.size() && i < 15; ++i) {
    const uint32_t t = v.touchpoints[i];
    const analytics::ContactIndex with = snap.touchpoint_contact[t];
    out += fmt::format("    {} {:<16} {}\n", FormatDate(snap.touchpoint_day[t]),
                       TouchpointTypeName(snap.touchpoint_type[t]),
                       with == snapshot::kNone ? "" : "with " + WhoIs(snap, with));
  }
  if (!v.signals.empty()) {
    out += "\n  Signals (latest value)\n";
    for (const analytics::SignalSeries& s : v.signals) {
      const uint32_t o = s.observations.back();
      out += fmt::format("    {:<24} {:>12} on {}\n", snap.signal_names[s.signal],
                         snap.signal_value[o], FormatDate(snap.signal_day[o]));
    }
  }
  return out;
}

Status RunAccount(const AccountFlags& flags) {
  BW_ASSIGN_OR_RETURN(const Analysis analysis, LoadAnalysis(flags.analysis, /*keep_text=*/true));
  const snapshot::Snapshot& snap = *analysis.snapshot;
  BW_ASSIGN_OR_RETURN(
      const analytics::Account360 view,
      analytics::ComputeAccount360(snap, flags.id, analysis.as_of, analysis.workspace.metrics,
                                   analysis.workspace.health));
  if (flags.format == "json") {
    fmt::print("{}\n", service::Account360ToJson(snap, view, analysis.as_of).dump(2));
  } else {
    fmt::print("{}", TerminalSafe(ToTable(snap, view, analysis.as_of)));
  }
  return Status::Ok();
}

}  // namespace

void AddAccountCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<AccountFlags>();
  CLI::App* cmd = app.add_subcommand(
      "account", "Account 360: stakeholders, revenue, answers, touchpoints, signals, health.");
  cmd->add_option("ID", flags->id, "account_id")->required();
  AddAnalysisOptions(*cmd, flags->analysis);
  AddFormatOption(*cmd, flags->format, {"table", "json"});
  RunAsAnalysis(*cmd, exit_code, [flags] { return RunAccount(*flags); });
}

}  // namespace bw::cli
