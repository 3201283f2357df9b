#include "cli/report_render.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "cli/format.h"
#include "service/report_json.h"

namespace bw::cli {
namespace {

constexpr Category kCategoryOrder[] = {Category::kPromoter, Category::kPassive,
                                       Category::kDetractor, Category::kNonResponder};

std::string Header(std::string_view title, Day as_of) {
  return fmt::format("{} as of {}\n\n", title, FormatDate(as_of));
}

std::string MatrixTable(Day as_of, const analytics::MatrixReport& report) {
  std::string out = Header("Loyalty x revenue matrix", as_of);
  out += fmt::format("  {:<16} {:>8} {:>18}  {}\n", "quadrant", "accounts", "TTM", "action");
  for (int q = 0; q < analytics::kQuadrantCount; ++q) {
    const auto quadrant = static_cast<analytics::Quadrant>(q);
    const analytics::AccountsAndRevenue& cell = report.quadrants[q];
    out += fmt::format("  {:<16} {:>8} {:>18}  {}\n", analytics::QuadrantName(quadrant),
                       GroupThousands(cell.accounts), MoneyText(cell.ttm),
                       analytics::QuadrantAction(quadrant));
  }
  return out;
}

std::string LifecycleTable(Day as_of, double pareto, const analytics::LifecycleReport& report) {
  std::string out = Header("Pareto lifecycle", as_of);
  out += fmt::format("  {:<14} {:>22} {:>22}\n", "category",
                     fmt::format("Pareto set ({:.0f} %)", pareto * 100), "rest");
  for (Category c : kCategoryOrder) {
    const size_t slot = static_cast<size_t>(c);
    out += fmt::format("  {:<14} {:>22} {:>22}\n", CategoryName(c),
                       fmt::format("{} / {}", GroupThousands(report.pareto[slot].accounts),
                                   MoneyText(report.pareto[slot].ttm)),
                       fmt::format("{} / {}", GroupThousands(report.rest[slot].accounts),
                                   MoneyText(report.rest[slot].ttm)));
  }
  out += "\n  (accounts / TTM)\n\nContacts with two answers in the last two years\n";
  out += fmt::format("  climbers {:>8} contacts, accounts' TTM {}\n",
                     GroupThousands(report.climbers.contacts), MoneyText(report.climbers.ttm));
  out += fmt::format("  fallers  {:>8} contacts, accounts' TTM {}\n",
                     GroupThousands(report.fallers.contacts), MoneyText(report.fallers.ttm));
  out += fmt::format("  steady   {:>8} contacts, accounts' TTM {}\n",
                     GroupThousands(report.steady.contacts), MoneyText(report.steady.ttm));
  return out;
}

std::string DriversTable(Day as_of, const analytics::DriversReport& report) {
  std::string out = Header("Drivers", as_of);
  out += fmt::format("  {:<22} {:>8} {:>9} {:>8} {:>10} {:>7} {:>18}\n", "driver", "mentions",
                     "promoter", "passive", "detractor", "NPS", "detractor revenue");
  for (const analytics::DriverFigures& d : report.drivers) {
    out +=
        fmt::format("  {:<22} {:>8} {:>9} {:>8} {:>10} {:>7} {:>18}\n", d.driver,
                    GroupThousands(d.mentions), d.promoter, d.passive, d.detractor, NpsText(d.nps),
                    MoneyText(static_cast<Cents>(d.detractor_revenue * 100 + 0.5)));
  }
  out += "\n  Priority by detractor mentions    Priority by detractor revenue\n";
  for (size_t i = 0; i < report.priority_by_nps.size(); ++i) {
    out += fmt::format("  {:>2}. {:<30} {:>2}. {}\n", i + 1, report.priority_by_nps[i], i + 1,
                       report.priority_by_revenue[i]);
  }
  return out;
}

std::string RetentionTable(Day as_of, const analytics::RetentionFigures& overall,
                           const analytics::RetentionSegments& segments) {
  constexpr std::string_view row_format =
      "  {:<28} {:>7} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>8}\n";
  std::string out = Header("Revenue retention (12 months)", as_of);
  out += fmt::format(row_format, "segment", "cohort", "logo ch.", "rev. ch.", "GRR", "NRR", "ENC",
                     "BNC", "EGR");
  auto line = [&](const std::string& label, const analytics::RetentionFigures& r) {
    out += fmt::format(row_format, label, GroupThousands(r.cohort), PercentText(r.logo_churn),
                       PercentText(r.revenue_churn), PercentText(r.grr), PercentText(r.nrr),
                       PercentText(r.enc), PercentText(r.bnc), PercentText(r.egr));
  };
  line("all accounts", overall);
  for (const auto& [group, figures] : service::RetentionSegmentGroups(segments)) {
    out += fmt::format("\n  by {}\n", group);
    for (const auto& [value, r] : *figures) line(value.empty() ? "(none)" : value, r);
  }
  return out;
}

std::string TouchpointsTable(const snapshot::Snapshot& snap, Day as_of,
                             const analytics::MetricParams& params,
                             const analytics::TouchpointsReport& report, size_t limit) {
  std::string out = Header("Touchpoints", as_of);
  out += fmt::format(
      "  Silent (no touchpoint other than marketing email for more than {} days): {} of {} "
      "accounts, "
      "TTM {}\n",
      params.silent_days, report.silent.size(), report.active_accounts,
      MoneyText(report.silent_ttm));
  out +=
      fmt::format("  Overloaded (more than {} marketing emails in 30 days): {} accounts, TTM {}\n",
                  params.overloaded_marketing_emails, report.overloaded.size(),
                  MoneyText(report.overloaded_ttm));
  out += fmt::format("  Support tickets in the last 90 days: {}\n",
                     GroupThousands(report.support_tickets_90d));
  // Every silent and every overloaded account (or the first `limit`), largest first: the
  // owner is who must act.
  auto list = [&](const char* title, const std::vector<const analytics::AccountBasics*>& accounts,
                  auto&& detail) {
    const size_t shown = limit > 0 ? std::min(limit, accounts.size()) : accounts.size();
    out += fmt::format("\n  {} ({}{})\n", title, accounts.size(),
                       shown < accounts.size() ? fmt::format(", first {} shown", shown) : "");
    for (size_t i = 0; i < shown; ++i) {
      const analytics::AccountBasics& b = *accounts[i];
      const std::string& owner = snap.owner[b.account];
      out += fmt::format("  {:<14} {:<30} {} {:>16}  {:<40} {}\n", snap.account_id[b.account],
                         Truncated(snap.account_name[b.account], 30), analytics::TierName(b.tier),
                         MoneyText(b.ttm), owner.empty() ? "-" : Truncated(owner, 40), detail(b));
    }
  };
  list("Silent accounts", report.silent, [](const analytics::AccountBasics& b) {
    return b.touchpoints.days_since_last
               ? fmt::format("last touchpoint {} days ago", *b.touchpoints.days_since_last)
               : std::string("no touchpoint yet");
  });
  list("Overloaded accounts", report.overloaded, [](const analytics::AccountBasics& b) {
    return fmt::format("{} marketing emails in 30 days", b.touchpoints.marketing_emails_30d);
  });
  return out;
}

std::string ResponsesTable(const snapshot::Snapshot& snap, Day as_of,
                           const analytics::ResponsesReport& report) {
  std::string out = Header("Survey responses", as_of);
  out += fmt::format("  Last 365 days: {} ({} of {} invitations answered)\n\n",
                     PercentText(report.overall.rate()), GroupThousands(report.overall.answered),
                     GroupThousands(report.overall.sent));
  out += "  by wave\n";
  for (const analytics::WaveResponses& w : report.waves) {
    out += fmt::format("  {:<14} sent from {}  {:>7} of {:>7}  {:>8}\n", w.survey_id,
                       FormatDate(w.first_sent), GroupThousands(w.rate.answered),
                       GroupThousands(w.rate.sent), PercentText(w.rate.rate()));
  }
  out += "\n  by role (last 365 days)\n";
  for (int r = 0; r < kRoleCount; ++r) {
    out += fmt::format("  {:<16} {:>8}\n", RoleName(static_cast<Role>(r)),
                       PercentText(report.by_role[r].rate()));
  }
  out += fmt::format("\n  Invited but never answering: {} accounts, TTM {}\n",
                     report.never_answering.size(), MoneyText(report.never_answering_ttm));
  for (size_t i = 0; i < report.never_answering.size() && i < 15; ++i) {
    const analytics::AccountBasics& b = *report.never_answering[i];
    out += fmt::format("  {:<14} {:<30} {} {:>16}  {} invitations\n", snap.account_id[b.account],
                       snap.account_name[b.account].substr(0, 30), analytics::TierName(b.tier),
                       MoneyText(b.ttm), b.invitations.sent);
  }
  return out;
}

std::string SimulationTable(Day as_of, const analytics::SimulationReport& r) {
  std::string out = Header("Revenue simulator (next 12 months)", as_of);
  out += fmt::format("  {:<14} {:>9} {:>18} {:>16}   {:>9} {:>6} {:>16} {:>16}\n", "group now",
                     "accounts", "TTM", "NRR (observed)", "basis: n", "age", "revenue then",
                     "revenue now");
  auto line = [&](std::string_view name, size_t g) {
    const analytics::GroupBasis& b = r.basis[g];
    out += fmt::format("  {:<14} {:>9} {:>18} {:>16}   {:>9} {:>6} {:>16} {:>16}\n", name,
                       GroupThousands(r.accounts[g]), MoneyText(r.ttm[g]),
                       r.nrr_by_group[g] ? PercentText(r.nrr_by_group[g])
                                         : fmt::format("({} used)", PercentText(r.nrr_used[g])),
                       GroupThousands(b.accounts),
                       b.mean_age_months ? fmt::format("{:.0f} mo", *b.mean_age_months) : "-",
                       MoneyText(b.revenue_then), MoneyText(b.revenue_now));
  };
  for (Category c : kCategoryOrder) line(CategoryName(c), static_cast<size_t>(c));
  line("new", analytics::kNewGroup);
  out +=
      "\n  Groups by account category 12 months ago; NRR = the group's revenue in the last 12\n"
      "  months against the 12 before (basis: its accounts then, their mean age then, revenue\n"
      "  before and after). new: accounts younger than 12 months (then for the NRR, now for\n"
      "  the projection), which grow whatever they answered.\n";
  const auto money = [](double v) { return MoneyText(static_cast<Cents>(std::llround(v * 100))); };
  out += fmt::format("\n  Projected revenue, as things are: {}\n", money(r.baseline_projected));
  if (!r.moves.empty()) {
    for (const analytics::CategoryMove& m : r.moves) {
      out += fmt::format("  Move {:.1f} % of {} accounts to {}\n", m.share * 100,
                         CategoryName(m.from), CategoryName(m.to));
    }
    out += fmt::format("  Account NPS {} -> {}\n", NpsText(r.account_nps_before),
                       NpsText(r.account_nps_after));
    out += fmt::format("  Projected revenue with the scenario: {} (change {}{})\n",
                       money(r.scenario_projected), r.change() >= 0 ? "+" : "", money(r.change()));
  }
  return out;
}

std::string HealthCheckTable(Day as_of, const analytics::HealthCheckReport& r) {
  std::string out = Header("Health check: does the scorecard predict churn?", as_of);
  out += fmt::format("  Health scored on {} for {} accounts active then; {} churned by {}.\n",
                     FormatDate(r.scored_on), GroupThousands(r.accounts), GroupThousands(r.churned),
                     FormatDate(as_of));
  out += fmt::format("  ROC AUC {}: the scorecard {}.\n\n",
                     r.auc ? fmt::format("{:.3f}", *r.auc) : "n/a", r.verdict());
  for (int c = 0; c < 3; ++c) {
    const analytics::ColourChurn& cc = r.by_colour[c];
    out += fmt::format("  {:<7} {:>7} accounts, {:>5} churned, churn rate {}\n",
                       analytics::HealthColourName(static_cast<analytics::HealthColour>(c)),
                       GroupThousands(cc.accounts), GroupThousands(cc.churned),
                       PercentText(cc.churn_rate()));
  }
  out += "\n  Each component alone (ROC AUC over the accounts it was measured for)\n";
  for (const auto& c : r.by_component) {
    out += fmt::format("  {:<24} {:>7} accounts  AUC {}\n", c.name, GroupThousands(c.accounts),
                       c.auc ? fmt::format("{:.3f}", *c.auc) : "n/a");
  }
  return out;
}

std::string CampaignTable(Day as_of, const analytics::CampaignReport& r) {
  std::string out = Header("Campaign by engagement class", as_of);
  out += fmt::format("  Classes as of {}; NPS of answers to {} (baseline) and {} (follow-up)\n\n",
                     FormatDate(r.classified_on), r.baseline_wave, r.followup_wave);
  out += fmt::format("  {:<5} {:>8} {:>18} {:>18} {:>18} {:>8}  {}\n", "class", "accounts", "TTM",
                     "baseline NPS", "follow-up NPS", "change", "campaign");
  auto nps_cell = [](const analytics::WaveNps& w) {
    return w.nps()
               ? fmt::format("{} ± {:.0f} ({})", NpsText(w.nps()), *w.margin(), w.counts.total())
               : "n/a";
  };
  for (int c = 0; c < 4; ++c) {
    const auto cls = static_cast<analytics::EngagementClass>(c);
    const analytics::CampaignClass& k = r.classes[c];
    std::optional<double> change;
    if (k.baseline.nps() && k.followup.nps()) change = *k.followup.nps() - *k.baseline.nps();
    out += fmt::format("  {:<5} {:>8} {:>18} {:>18} {:>18} {:>8}  {}\n",
                       analytics::EngagementClassName(cls), GroupThousands(k.accounts),
                       MoneyText(k.ttm), nps_cell(k.baseline), nps_cell(k.followup),
                       NpsText(change), analytics::EngagementClassCampaign(cls));
  }
  return out;
}

}  // namespace

RenderedReport RenderMatrix(Day as_of, const analytics::MatrixReport& report) {
  return {service::MatrixToJson(as_of, report), MatrixTable(as_of, report)};
}

RenderedReport RenderLifecycle(Day as_of, double pareto, const analytics::LifecycleReport& report) {
  return {service::LifecycleToJson(as_of, report), LifecycleTable(as_of, pareto, report)};
}

RenderedReport RenderDrivers(Day as_of, const analytics::DriversReport& report) {
  return {service::DriversToJson(as_of, report), DriversTable(as_of, report)};
}

RenderedReport RenderRetention(Day as_of, const analytics::RetentionFigures& overall,
                               const analytics::RetentionSegments& segments) {
  return {service::RetentionReportToJson(as_of, overall, segments),
          RetentionTable(as_of, overall, segments)};
}

RenderedReport RenderTouchpoints(const snapshot::Snapshot& snap, Day as_of,
                                 const analytics::MetricParams& params,
                                 const analytics::TouchpointsReport& report, size_t limit) {
  return {service::TouchpointsToJson(snap, as_of, report),
          TouchpointsTable(snap, as_of, params, report, limit)};
}

RenderedReport RenderResponses(const snapshot::Snapshot& snap, Day as_of,
                               const analytics::ResponsesReport& report) {
  return {service::ResponsesToJson(snap, as_of, report), ResponsesTable(snap, as_of, report)};
}

RenderedReport RenderSimulation(Day as_of, const analytics::SimulationReport& report) {
  return {service::SimulationToJson(as_of, report), SimulationTable(as_of, report)};
}

RenderedReport RenderHealthCheck(Day as_of, const analytics::HealthCheckReport& report) {
  return {service::HealthCheckToJson(as_of, report), HealthCheckTable(as_of, report)};
}

RenderedReport RenderCampaign(Day as_of, const analytics::CampaignReport& report) {
  return {service::CampaignToJson(as_of, report), CampaignTable(as_of, report)};
}

}  // namespace bw::cli
