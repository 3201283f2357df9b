#include "cli/report_render.h"

#include <fmt/core.h>

#include <cmath>

#include "cli/account_render.h"
#include "cli/format.h"

namespace bw::cli {
namespace {

using nlohmann::ordered_json;

constexpr Category kCategoryOrder[] = {Category::kPromoter, Category::kPassive,
                                       Category::kDetractor, Category::kNonResponder};

ordered_json Optional(std::optional<double> value) {
  if (!value) return nullptr;
  return *value;
}

ordered_json Cell(const analytics::AccountsAndRevenue& cell) {
  return {{"accounts", cell.accounts}, {"ttm", Money(cell.ttm)}};
}

ordered_json Rate(const analytics::ResponseRate& rate) {
  return {{"sent", rate.sent}, {"answered", rate.answered}, {"rate", Optional(rate.rate())}};
}

std::string Header(std::string_view title, Day as_of) {
  return fmt::format("{} as of {}\n\n", title, FormatDate(as_of));
}

ordered_json AccountBrief(const snapshot::Snapshot& snap, const analytics::AccountBasics& b) {
  return {{"account_id", snap.account_id[b.account]},
          {"name", snap.account_name[b.account]},
          {"owner", OptionalText(snap.owner[b.account])},
          {"tier", analytics::TierName(b.tier)},
          {"ttm", Money(b.ttm)}};
}

}  // namespace

ordered_json RetentionToJson(const analytics::RetentionFigures& r) {
  return {{"cohort", r.cohort},
          {"logo_churn", Optional(r.logo_churn)},
          {"revenue_churn", Optional(r.revenue_churn)},
          {"grr", Optional(r.grr)},
          {"nrr", Optional(r.nrr)},
          {"enc", Optional(r.enc)},
          {"bnc", Optional(r.bnc)},
          {"egr", Optional(r.egr)}};
}

RenderedReport RenderMatrix(Day as_of, const analytics::MatrixReport& report) {
  RenderedReport out;
  out.json["as_of"] = FormatDate(as_of);
  out.json["quadrants"] = ordered_json::object();
  out.table = Header("Loyalty x revenue matrix", as_of);
  out.table += fmt::format("  {:<16} {:>8} {:>18}  {}\n", "quadrant", "accounts", "TTM", "action");
  for (int q = 0; q < analytics::kQuadrantCount; ++q) {
    const auto quadrant = static_cast<analytics::Quadrant>(q);
    const analytics::AccountsAndRevenue& cell = report.quadrants[q];
    out.json["quadrants"][std::string(analytics::QuadrantName(quadrant))] = Cell(cell);
    out.table += fmt::format("  {:<16} {:>8} {:>18}  {}\n", analytics::QuadrantName(quadrant),
                             GroupThousands(cell.accounts), MoneyText(cell.ttm),
                             analytics::QuadrantAction(quadrant));
  }
  return out;
}

RenderedReport RenderLifecycle(Day as_of, double pareto, const analytics::LifecycleReport& report) {
  RenderedReport out;
  out.json["as_of"] = FormatDate(as_of);
  out.table = Header("Pareto lifecycle", as_of);
  out.table += fmt::format("  {:<14} {:>22} {:>22}\n", "category",
                           fmt::format("Pareto set ({:.0f} %)", pareto * 100), "rest");
  ordered_json pareto_json, rest_json;
  for (Category c : kCategoryOrder) {
    const size_t slot = static_cast<size_t>(c);
    pareto_json[std::string(CategoryName(c))] = Cell(report.pareto[slot]);
    rest_json[std::string(CategoryName(c))] = Cell(report.rest[slot]);
    out.table += fmt::format("  {:<14} {:>22} {:>22}\n", CategoryName(c),
                             fmt::format("{} / {}", GroupThousands(report.pareto[slot].accounts),
                                         MoneyText(report.pareto[slot].ttm)),
                             fmt::format("{} / {}", GroupThousands(report.rest[slot].accounts),
                                         MoneyText(report.rest[slot].ttm)));
  }
  out.json["pareto"] = pareto_json;
  out.json["rest"] = rest_json;
  auto movement = [](const analytics::ContactMovement& m) {
    return ordered_json{{"contacts", m.contacts}, {"ttm", Money(m.ttm)}};
  };
  out.json["climbers"] = movement(report.climbers);
  out.json["fallers"] = movement(report.fallers);
  out.json["steady"] = movement(report.steady);
  out.table += "\n  (accounts / TTM)\n\nContacts with two answers in the last two years\n";
  out.table +=
      fmt::format("  climbers {:>8} contacts, accounts' TTM {}\n",
                  GroupThousands(report.climbers.contacts), MoneyText(report.climbers.ttm));
  out.table += fmt::format("  fallers  {:>8} contacts, accounts' TTM {}\n",
                           GroupThousands(report.fallers.contacts), MoneyText(report.fallers.ttm));
  out.table += fmt::format("  steady   {:>8} contacts, accounts' TTM {}\n",
                           GroupThousands(report.steady.contacts), MoneyText(report.steady.ttm));
  return out;
}

RenderedReport RenderDrivers(Day as_of, const analytics::DriversReport& report) {
  RenderedReport out;
  out.json["as_of"] = FormatDate(as_of);
  out.json["drivers"] = ordered_json::array();
  for (const analytics::DriverFigures& d : report.drivers) {
    out.json["drivers"].push_back({{"driver", d.driver},
                                   {"mentions", d.mentions},
                                   {"promoter", d.promoter},
                                   {"passive", d.passive},
                                   {"detractor", d.detractor},
                                   {"nps", Optional(d.nps)},
                                   {"detractor_revenue", d.detractor_revenue}});
  }
  out.json["priority_by_nps"] = report.priority_by_nps;
  out.json["priority_by_revenue"] = report.priority_by_revenue;
  out.table = Header("Drivers", as_of);
  out.table += fmt::format("  {:<22} {:>8} {:>9} {:>8} {:>10} {:>7} {:>18}\n", "driver", "mentions",
                           "promoter", "passive", "detractor", "NPS", "detractor revenue");
  for (const analytics::DriverFigures& d : report.drivers) {
    out.table +=
        fmt::format("  {:<22} {:>8} {:>9} {:>8} {:>10} {:>7} {:>18}\n", d.driver,
                    GroupThousands(d.mentions), d.promoter, d.passive, d.detractor, NpsText(d.nps),
                    MoneyText(static_cast<Cents>(d.detractor_revenue * 100 + 0.5)));
  }
  out.table += "\n  Priority by detractor mentions    Priority by detractor revenue\n";
  for (size_t i = 0; i < report.priority_by_nps.size(); ++i) {
    out.table += fmt::format("  {:>2}. {:<30} {:>2}. {}\n", i + 1, report.priority_by_nps[i], i + 1,
                             report.priority_by_revenue[i]);
  }
  return out;
}

RenderedReport RenderRetention(Day as_of, const analytics::RetentionFigures& overall,
                               const analytics::RetentionSegments& segments) {
  RenderedReport out;
  out.json["as_of"] = FormatDate(as_of);
  const ordered_json overall_json = RetentionToJson(overall);
  for (const auto& [key, value] : overall_json.items()) out.json[key] = value;
  constexpr std::string_view row_format =
      "  {:<28} {:>7} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>8}\n";
  out.table = Header("Revenue retention (12 months)", as_of);
  out.table += fmt::format(row_format, "segment", "cohort", "logo ch.", "rev. ch.", "GRR", "NRR",
                           "ENC", "BNC", "EGR");
  auto line = [&](const std::string& label, const analytics::RetentionFigures& r) {
    out.table += fmt::format(row_format, label, GroupThousands(r.cohort), PercentText(r.logo_churn),
                             PercentText(r.revenue_churn), PercentText(r.grr), PercentText(r.nrr),
                             PercentText(r.enc), PercentText(r.bnc), PercentText(r.egr));
  };
  line("all accounts", overall);
  ordered_json segments_json;
  const std::pair<const char*, const std::map<std::string, analytics::RetentionFigures>*> groups[] =
      {{"industry", &segments.industry},
       {"region", &segments.region},
       {"owner", &segments.owner},
       {"prior_category", &segments.prior_category}};
  for (const auto& [group, figures] : groups) {
    segments_json[group] = ordered_json::object();
    out.table += fmt::format("\n  by {}\n", group);
    for (const auto& [value, r] : *figures) {
      segments_json[group][value] = RetentionToJson(r);
      line(value.empty() ? "(none)" : value, r);
    }
  }
  out.json["segments"] = segments_json;
  return out;
}

RenderedReport RenderTouchpoints(const snapshot::Snapshot& snap, Day as_of,
                                 const analytics::MetricParams& params,
                                 const analytics::TouchpointsReport& report) {
  RenderedReport out;
  out.json["as_of"] = FormatDate(as_of);
  out.json["active_accounts"] = report.active_accounts;
  out.json["support_tickets_90d"] = report.support_tickets_90d;
  out.json["marketing_emails_30d"] = report.marketing_emails_30d;
  ordered_json silent = ordered_json::array(), overloaded = ordered_json::array();
  for (const analytics::AccountBasics* b : report.silent) {
    ordered_json j = AccountBrief(snap, *b);
    j["days_since_last"] = b->touchpoints.days_since_last
                               ? ordered_json(*b->touchpoints.days_since_last)
                               : ordered_json(nullptr);
    silent.push_back(j);
  }
  for (const analytics::AccountBasics* b : report.overloaded) {
    ordered_json j = AccountBrief(snap, *b);
    j["marketing_emails_30d"] = b->touchpoints.marketing_emails_30d;
    overloaded.push_back(j);
  }
  out.json["silent"] = {
      {"accounts", report.silent.size()}, {"ttm", Money(report.silent_ttm)}, {"list", silent}};
  out.json["overloaded"] = {{"accounts", report.overloaded.size()},
                            {"ttm", Money(report.overloaded_ttm)},
                            {"list", overloaded}};
  out.table = Header("Touchpoints", as_of);
  out.table += fmt::format(
      "  Silent (no touchpoint other than marketing email for more than {} days): {} of {} "
      "accounts, "
      "TTM {}\n",
      params.silent_days, report.silent.size(), report.active_accounts,
      MoneyText(report.silent_ttm));
  out.table +=
      fmt::format("  Overloaded (more than {} marketing emails in 30 days): {} accounts, TTM {}\n",
                  params.overloaded_marketing_emails, report.overloaded.size(),
                  MoneyText(report.overloaded_ttm));
  out.table += fmt::format("  Support tickets in the last 90 days: {}\n\n",
                           GroupThousands(report.support_tickets_90d));
  out.table += "  Largest silent accounts\n";
  for (size_t i = 0; i < report.silent.size() && i < 15; ++i) {
    const analytics::AccountBasics& b = *report.silent[i];
    out.table += fmt::format(
        "  {:<14} {:<30} {} {:>16}  {}\n", snap.account_id[b.account],
        snap.account_name[b.account].substr(0, 30), analytics::TierName(b.tier), MoneyText(b.ttm),
        b.touchpoints.days_since_last ? fmt::format("{} days", *b.touchpoints.days_since_last)
                                      : "never");
  }
  return out;
}

RenderedReport RenderResponses(const snapshot::Snapshot& snap, Day as_of,
                               const analytics::ResponsesReport& report) {
  RenderedReport out;
  out.json["as_of"] = FormatDate(as_of);
  out.json["overall"] = Rate(report.overall);
  out.json["by_wave"] = ordered_json::array();
  for (const analytics::WaveResponses& w : report.waves) {
    ordered_json j = {{"survey_id", w.survey_id}, {"first_sent", FormatDate(w.first_sent)}};
    const ordered_json rate = Rate(w.rate);
    for (const auto& [k, v] : rate.items()) j[k] = v;
    out.json["by_wave"].push_back(j);
  }
  out.json["by_role"] = ordered_json::object();
  for (int r = 0; r < kRoleCount; ++r) {
    out.json["by_role"][std::string(RoleName(static_cast<Role>(r)))] = Rate(report.by_role[r]);
  }
  out.json["by_account"] = ordered_json::array();
  for (const analytics::AccountBasics* b : report.accounts) {
    ordered_json j = AccountBrief(snap, *b);
    const ordered_json rate = Rate({b->invitations.sent, b->invitations.answered});
    for (const auto& [k, v] : rate.items()) j[k] = v;
    out.json["by_account"].push_back(j);
  }
  ordered_json never = ordered_json::array();
  for (const analytics::AccountBasics* b : report.never_answering)
    never.push_back(AccountBrief(snap, *b));
  out.json["never_answering"] = {{"accounts", report.never_answering.size()},
                                 {"ttm", Money(report.never_answering_ttm)},
                                 {"list", never}};
  out.table = Header("Survey responses", as_of);
  out.table += fmt::format(
      "  Last 365 days: {} ({} of {} invitations answered)\n\n", PercentText(report.overall.rate()),
      GroupThousands(report.overall.answered), GroupThousands(report.overall.sent));
  out.table += "  by wave\n";
  for (const analytics::WaveResponses& w : report.waves) {
    out.table += fmt::format("  {:<14} sent from {}  {:>7} of {:>7}  {:>8}\n", w.survey_id,
                             FormatDate(w.first_sent), GroupThousands(w.rate.answered),
                             GroupThousands(w.rate.sent), PercentText(w.rate.rate()));
  }
  out.table += "\n  by role (last 365 days)\n";
  for (int r = 0; r < kRoleCount; ++r) {
    out.table += fmt::format("  {:<16} {:>8}\n", RoleName(static_cast<Role>(r)),
                             PercentText(report.by_role[r].rate()));
  }
  out.table += fmt::format("\n  Invited but never answering: {} accounts, TTM {}\n",
                           report.never_answering.size(), MoneyText(report.never_answering_ttm));
  for (size_t i = 0; i < report.never_answering.size() && i < 15; ++i) {
    const analytics::AccountBasics& b = *report.never_answering[i];
    out.table += fmt::format("  {:<14} {:<30} {} {:>16}  {} invitations\n",
                             snap.account_id[b.account], snap.account_name[b.account].substr(0, 30),
                             analytics::TierName(b.tier), MoneyText(b.ttm), b.invitations.sent);
  }
  return out;
}

RenderedReport RenderSimulation(Day as_of, const analytics::SimulationReport& r) {
  RenderedReport out;
  out.json["as_of"] = FormatDate(as_of);
  out.json["overall_nrr"] = Optional(r.overall_nrr);
  ordered_json groups;
  for (Category c : kCategoryOrder) {
    const size_t s = static_cast<size_t>(c);
    groups[std::string(CategoryName(c))] = {{"accounts", r.accounts[s]},
                                            {"ttm", Money(r.ttm[s])},
                                            {"nrr", Optional(r.nrr_by_category[s])},
                                            {"nrr_used", r.nrr_used[s]},
                                            {"accounts_after", r.scenario_accounts[s]}};
  }
  out.json["groups"] = groups;
  out.json["baseline"] = {{"projected", r.baseline_projected}};
  ordered_json moves = ordered_json::array();
  for (const analytics::CategoryMove& m : r.moves) {
    moves.push_back(
        {{"from", CategoryName(m.from)}, {"to", CategoryName(m.to)}, {"share", m.share}});
  }
  out.json["scenario"] = {{"moves", moves},
                          {"account_nps_before", Optional(r.account_nps_before)},
                          {"account_nps_after", Optional(r.account_nps_after)},
                          {"projected", r.scenario_projected}};
  out.json["change"] = r.change();
  out.table = Header("Revenue simulator (next 12 months)", as_of);
  out.table += fmt::format("  {:<14} {:>9} {:>18} {:>16}\n", "category now", "accounts", "TTM",
                           "NRR (observed)");
  for (Category c : kCategoryOrder) {
    const size_t s = static_cast<size_t>(c);
    out.table +=
        fmt::format("  {:<14} {:>9} {:>18} {:>16}\n", CategoryName(c),
                    GroupThousands(r.accounts[s]), MoneyText(r.ttm[s]),
                    r.nrr_by_category[s] ? PercentText(r.nrr_by_category[s])
                                         : fmt::format("({} used)", PercentText(r.nrr_used[s])));
  }
  const auto money = [](double v) { return MoneyText(static_cast<Cents>(std::llround(v * 100))); };
  out.table +=
      fmt::format("\n  Projected revenue, as things are: {}\n", money(r.baseline_projected));
  if (!r.moves.empty()) {
    for (const analytics::CategoryMove& m : r.moves) {
      out.table += fmt::format("  Move {:.1f} % of {} accounts to {}\n", m.share * 100,
                               CategoryName(m.from), CategoryName(m.to));
    }
    out.table += fmt::format("  Account NPS {} -> {}\n", NpsText(r.account_nps_before),
                             NpsText(r.account_nps_after));
    out.table +=
        fmt::format("  Projected revenue with the scenario: {} (change {}{})\n",
                    money(r.scenario_projected), r.change() >= 0 ? "+" : "", money(r.change()));
  }
  return out;
}

RenderedReport RenderHealthCheck(Day as_of, const analytics::HealthCheckReport& r) {
  RenderedReport out;
  out.json["as_of"] = FormatDate(as_of);
  out.json["scored_on"] = FormatDate(r.scored_on);
  out.json["accounts"] = r.accounts;
  out.json["churned"] = r.churned;
  out.json["unscored"] = r.unscored;
  out.json["auc"] = Optional(r.auc);
  out.json["verdict"] = r.verdict();
  ordered_json colours;
  for (int c = 0; c < 3; ++c) {
    const analytics::ColourChurn& cc = r.by_colour[c];
    colours[std::string(analytics::HealthColourName(static_cast<analytics::HealthColour>(c)))] = {
        {"accounts", cc.accounts},
        {"churned", cc.churned},
        {"churn_rate", Optional(cc.churn_rate())}};
  }
  out.json["by_colour"] = colours;
  ordered_json components = ordered_json::array();
  for (const auto& c : r.by_component) {
    components.push_back({{"name", c.name}, {"accounts", c.accounts}, {"auc", Optional(c.auc)}});
  }
  out.json["by_component"] = components;
  out.table = Header("Health check: does the scorecard predict churn?", as_of);
  out.table += fmt::format("  Health scored on {} for {} accounts active then; {} churned by {}.\n",
                           FormatDate(r.scored_on), GroupThousands(r.accounts),
                           GroupThousands(r.churned), FormatDate(as_of));
  out.table += fmt::format("  ROC AUC {}: the scorecard {}.\n\n",
                           r.auc ? fmt::format("{:.3f}", *r.auc) : "n/a", r.verdict());
  for (int c = 0; c < 3; ++c) {
    const analytics::ColourChurn& cc = r.by_colour[c];
    out.table += fmt::format("  {:<7} {:>7} accounts, {:>5} churned, churn rate {}\n",
                             analytics::HealthColourName(static_cast<analytics::HealthColour>(c)),
                             GroupThousands(cc.accounts), GroupThousands(cc.churned),
                             PercentText(cc.churn_rate()));
  }
  out.table += "\n  Each component alone (ROC AUC over the accounts it was measured for)\n";
  for (const auto& c : r.by_component) {
    out.table +=
        fmt::format("  {:<24} {:>7} accounts  AUC {}\n", c.name, GroupThousands(c.accounts),
                    c.auc ? fmt::format("{:.3f}", *c.auc) : "n/a");
  }
  return out;
}

RenderedReport RenderCampaign(Day as_of, const analytics::CampaignReport& r) {
  RenderedReport out;
  out.json["as_of"] = FormatDate(as_of);
  out.json["baseline"] = r.baseline_wave;
  out.json["followup"] = r.followup_wave;
  out.json["classified_on"] = FormatDate(r.classified_on);
  out.table = Header("Campaign by engagement class", as_of);
  out.table +=
      fmt::format("  Classes as of {}; NPS of answers to {} (baseline) and {} (follow-up)\n\n",
                  FormatDate(r.classified_on), r.baseline_wave, r.followup_wave);
  out.table += fmt::format("  {:<5} {:>8} {:>18} {:>18} {:>18} {:>8}  {}\n", "class", "accounts",
                           "TTM", "baseline NPS", "follow-up NPS", "change", "campaign");
  ordered_json classes;
  for (int c = 0; c < 4; ++c) {
    const auto cls = static_cast<analytics::EngagementClass>(c);
    const analytics::CampaignClass& k = r.classes[c];
    std::optional<double> change;
    if (k.baseline.nps() && k.followup.nps()) change = *k.followup.nps() - *k.baseline.nps();
    auto wave = [](const analytics::WaveNps& w) {
      return ordered_json{{"answers", w.counts.total()},
                          {"nps", Optional(w.nps())},
                          {"margin", Optional(w.margin())}};
    };
    classes[std::string(analytics::EngagementClassName(cls))] = {
        {"accounts", k.accounts},
        {"ttm", Money(k.ttm)},
        {"campaign", analytics::EngagementClassCampaign(cls)},
        {"baseline", wave(k.baseline)},
        {"followup", wave(k.followup)},
        {"change", Optional(change)}};
    auto nps_cell = [](const analytics::WaveNps& w) {
      return w.nps()
                 ? fmt::format("{} ± {:.0f} ({})", NpsText(w.nps()), *w.margin(), w.counts.total())
                 : "n/a";
    };
    out.table += fmt::format("  {:<5} {:>8} {:>18} {:>18} {:>18} {:>8}  {}\n",
                             analytics::EngagementClassName(cls), GroupThousands(k.accounts),
                             MoneyText(k.ttm), nps_cell(k.baseline), nps_cell(k.followup),
                             NpsText(change), analytics::EngagementClassCampaign(cls));
  }
  out.json["classes"] = classes;
  return out;
}

}  // namespace bw::cli
