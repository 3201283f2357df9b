// `bellwether account ID [--data DIR | --db FILE] [--as-of D] [--format table|json]`:
// the account 360.
#include <fmt/core.h>

#include <cmath>
#include <utility>

#include "analytics/account_360.h"
#include "cli/churn_support.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "cli/language.h"
#include "service/account_json.h"
#include "service/account_risk.h"

namespace bw::cli {
namespace {

struct AccountFlags {
  std::string id;
  AnalysisFlags analysis;
  std::string format = "table";
  bool risk = false;
  std::string model;  // --model FILE (implies --risk)
};

// Who a contact is, for a line of the table: "Käthe Kowalski (decision_maker)", the id
// when the name is not known, cut to fit 36 columns.
std::string WhoIs(const snapshot::Snapshot& snap, analytics::ContactIndex contact) {
  const std::string& name = snap.contact_name.empty() || snap.contact_name[contact].empty()
                                ? snap.contact_id[contact]
                                : snap.contact_name[contact];
  std::string who = name + " (" + std::string(RoleLabel(snap.contact_role[contact])) + ")";
  return Truncated(who, 36);
}

template <typename... Args>
std::string Format(std::string_view format, Args&&... args) {
  return fmt::format(fmt::runtime(format), std::forward<Args>(args)...);
}

std::string ToTable(const snapshot::Snapshot& snap, const analytics::Account360& v, Day as_of) {
  const analytics::AccountIndex a = v.account;
  std::string out = fmt::format("{} ({}){}{}\n", snap.account_name[a], snap.account_id[a],
                                Tr(" as of ", ", Stand "), DateText(as_of));
  out += Format(
      Tr("  owner {}, industry {}, region {}, {}\n", "  Betreuer {}, Branche {}, Region {}, {}\n"),
      snap.owner[a].empty() ? "-" : snap.owner[a],
      snap.industry[a].empty() ? "-" : snap.industry[a],
      snap.region[a].empty() ? "-" : snap.region[a],
      v.active ? std::string(Tr("active customer", "aktiver Kunde"))
      : snap.churned_on[a] != kNoDay && snap.churned_on[a] <= as_of
          ? Format(Tr("churned on {}", "abgewandert am {}"), DateText(snap.churned_on[a]))
          : std::string(Tr("not a customer yet", "noch kein Kunde")));
  if (v.row) {
    const analytics::AccountBasics& b = v.row->basics;
    out += Format(Tr("\n  Tier {}  TTM {} (prior 12 months {})\n",
                     "\n  Stufe {}  TTM {} (12 Monate davor {})\n"),
                  analytics::TierName(b.tier), MoneyWithCurrency(b.ttm),
                  MoneyWithCurrency(b.ttm_prior));
    out += Format(Tr("  Account score {} ({}, {})  quadrant {}: {}\n",
                     "  Kunden-Score {} ({}, {})  Quadrant {}: {}\n"),
                  b.score ? DecimalText(*b.score, 2) : "-", CategoryLabel(b.category),
                  CountOf(b.answers, "answer", "answers", "Antwort", "Antworten"),
                  QuadrantLabel(b.quadrant), QuadrantActionText(b.quadrant));
    std::string flags;
    for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
      const auto flag = static_cast<analytics::AccountFlag>(f);
      if (b.Has(flag)) {
        flags += fmt::format("\n    {:<20} {}", analytics::FlagName(flag), FlagExplanation(flag));
      }
    }
    out += fmt::format("  {}{}\n", Tr("Flags:", "Hinweise:"),
                       flags.empty() ? std::string(Tr(" none", " keine")) : flags);
    std::string missing;
    for (int bit = 0; bit < kRoleCount; ++bit) {
      if ((b.check.missing_role_bits >> bit) & 1) {
        missing += (missing.empty() ? "" : ", ") + std::string(RoleLabel(static_cast<Role>(bit)));
      }
    }
    if ((b.check.missing_role_bits >> 3) & 1) {
      missing += (missing.empty() ? "" : ", ") +
                 std::string(Tr("influencer_or_user", "Beeinflusser oder Anwender"));
    }
    out += Format(Tr("  Account check: {}{}\n", "  Kunden-Check: {}{}\n"),
                  b.check.ok ? std::string(Tr("ok", "ok"))
                             : Format(Tr("needs {} current contacts, has {}",
                                         "braucht {} aktuelle Ansprechpartner, hat {}"),
                                      b.check.required, b.contacts_current),
                  missing.empty()
                      ? ""
                      : std::string(Tr("; missing roles: ", "; fehlende Rollen: ")) + missing);
    const analytics::HealthScore& h = *v.health;
    out += fmt::format("\n  Health {} {}",
                       h.score ? DecimalText(*h.score, 1) : std::string(Tr("n/a", "k. A.")),
                       h.score ? HealthColourLabel(h.colour) : "");
    if (h.score && v.row->health_90d_ago) {
      const double change = *h.score - *v.row->health_90d_ago;
      out += Format(Tr(" ({}{} in 90 days)", " ({}{} in 90 Tagen)"), change >= 0 ? "+" : "",
                    DecimalText(change, 1));
    }
    out += "\n";
    for (const analytics::HealthComponent& c : h.components) {
      out += fmt::format(
          "    {:<{}} {:>10}  {:>5} {}{}\n", HealthComponentLabel(c.name), InGerman() ? 25 : 22,
          c.raw ? DecimalText(*c.raw, 2) : std::string(Tr("missing", "fehlt")),
          DecimalText(c.contribution, 1), Tr("points", "Punkte"),
          c.used ? Format(Tr(" (weight {} %)", " (Gewicht {} %)"), DecimalText(c.weight * 100, 0))
                 : std::string(Tr(" (not used)", " (nicht genutzt)")));
    }
  }
  out += Tr("\n  Stakeholders\n", "\n  Ansprechpartner\n");
  for (const analytics::StakeholderEntry& e : v.stakeholders) {
    const analytics::ContactIndex c = e.contact;
    std::string name = snap.contact_name.empty() ? "" : snap.contact_name[c];
    out += fmt::format("    {:<15} {:<14} {:<26} {:>5} {:<10} {}\n",
                       RoleLabel(snap.contact_role[c]), snap.contact_id[c], Truncated(name, 26),
                       e.latest_response == snapshot::kNone
                           ? "-"
                           : std::to_string(snap.response_score[e.latest_response]),
                       e.trend ? std::string(ScoreTrendLabel(*e.trend)) : "",
                       e.current ? ""
                                 : Format(Tr("left on {}", "ausgeschieden am {}"),
                                          DateText(snap.contact_left_on[c])));
  }
  out += Tr("\n  Revenue by month (last 24)\n   ", "\n  Umsatz nach Monat (letzte 24)\n   ");
  for (size_t i = 0; i < v.revenue.size(); ++i) {
    out +=
        fmt::format(" {} {:>12}", FormatMonth(v.revenue[i].month), MoneyText(v.revenue[i].cents));
    if (i % 4 == 3) out += "\n   ";
  }
  out += Tr("\n  Responses\n", "\n  Antworten\n");
  for (size_t i = 0; i < v.responses.size() && i < 20; ++i) {
    const uint32_t r = v.responses[i].response;
    std::string drivers;
    for (int32_t d : snap.DriversOf(r))
      drivers += (drivers.empty() ? "" : ";") + snap.driver_names[d];
    std::string comment = snap.response_comment.empty() ? "" : snap.response_comment[r];
    for (char& ch : comment)
      if (ch == '\n' || ch == '\r') ch = ' ';
    out += fmt::format("    {} {:>2}  {:<36} {:<24} {}\n", DateText(snap.response_day[r]),
                       snap.response_score[r], WhoIs(snap, snap.response_contact[r]), drivers,
                       comment);
  }
  out += Tr("\n  Touchpoints (latest 15)\n", "\n  Kontaktpunkte (letzte 15)\n");
  for (size_t i = 0; i < v.touchpoints.size() && i < 15; ++i) {
    const uint32_t t = v.touchpoints[i];
    const analytics::ContactIndex with = snap.touchpoint_contact[t];
    out += fmt::format(
        "    {} {:<16} {}\n", DateText(snap.touchpoint_day[t]),
        TouchpointLabel(snap.touchpoint_type[t]),
        with == snapshot::kNone ? "" : std::string(Tr("with ", "mit ")) + WhoIs(snap, with));
  }
  if (!v.signals.empty()) {
    out += Tr("\n  Signals (latest value)\n", "\n  Signale (letzter Wert)\n");
    for (const analytics::SignalSeries& s : v.signals) {
      const uint32_t o = s.observations.back();
      out += Format(Tr("    {:<24} {:>12} on {}\n", "    {:<24} {:>12} am {}\n"),
                    snap.signal_names[s.signal], ShortestText(snap.signal_value[o]),
                    DateText(snap.signal_day[o]));
    }
  }
  return out;
}

// The churn section of the table: risk, revenue at risk, the factors and actions.
std::string ChurnTable(const nlohmann::ordered_json& churn) {
  if (churn.is_null()) {
    return std::string(Tr("\n  Churn risk: n/a (not an active customer)\n",
                          "\n  Abwanderungsrisiko: k. A. (kein aktiver Kunde)\n"));
  }
  std::string out = Format(
      Tr("\n  Churn risk {} % within 180 days, revenue at risk {}{}\n",
         "\n  Abwanderungsrisiko {} % in 180 Tagen, Umsatz im Risiko {}{}\n"),
      DecimalText(100.0 * churn.at("risk").get<double>(), 1),
      MoneyWithCurrency(
          static_cast<Cents>(std::llround(100.0 * churn.at("revenue_at_risk").get<double>()))),
      churn.at("threat").get<bool>() ? Tr(": a threat", ": eine Bedrohung") : "");
  for (const auto& f : churn.at("factors")) {
    out += fmt::format("    {:<58} {:+.2f}\n", Truncated(f.at("text").get<std::string>(), 58),
                       f.at("contribution").get<double>());
  }
  for (const auto& a : churn.at("actions")) out += fmt::format("    -> {}\n", a.get<std::string>());
  return out;
}

Status RunAccount(const AccountFlags& flags) {
  BW_ASSIGN_OR_RETURN(const Analysis analysis, LoadAnalysis(flags.analysis, /*keep_text=*/true));
  const snapshot::Snapshot& snap = *analysis.snapshot;
  BW_ASSIGN_OR_RETURN(
      const analytics::Account360 view,
      analytics::ComputeAccount360(snap, flags.id, analysis.as_of, analysis.workspace.metrics,
                                   analysis.workspace.health));
  nlohmann::ordered_json churn;
  const bool risk = flags.risk || !flags.model.empty();
  if (risk) {
    BW_ASSIGN_OR_RETURN(const ScoredChurn scored, ScoreChurn(flags.model, analysis));
    BW_ASSIGN_OR_RETURN(churn, service::AccountChurnJson({&scored.model, &snap, &scored.scores},
                                                         flags.id, analysis.workspace.churn));
  }
  if (flags.format == "json") {
    nlohmann::ordered_json j = service::Account360ToJson(snap, view, analysis.as_of);
    if (risk) j["churn"] = churn;
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}", TerminalSafe(ToTable(snap, view, analysis.as_of) +
                                  (risk ? ChurnTable(churn) : std::string())));
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
  cmd->add_flag("--risk", flags->risk,
                "Add the churn risk, its factors and actions (docs/churn.md); trains on the "
                "history up to the as-of date unless --model is given");
  cmd->add_option("--model", flags->model, "Score with this saved churn model (implies --risk)");
  RunAsAnalysis(*cmd, exit_code, [flags] { return RunAccount(*flags); });
}

}  // namespace bw::cli
