#include "cli/report_render.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "cli/format.h"
#include "cli/language.h"
#include "service/report_json.h"

namespace bw::cli {
namespace {

constexpr Category kCategoryOrder[] = {Category::kPromoter, Category::kPassive,
                                       Category::kDetractor, Category::kNonResponder};

std::string Header(std::string_view title, Day as_of) {
  return fmt::format("{}{}{}\n\n", title, Tr(" as of ", ", Stand "), DateText(as_of));
}

// fmt::format with a format string chosen at run time (the output language's).
template <typename... Args>
std::string Format(std::string_view format, Args&&... args) {
  return fmt::format(fmt::runtime(format), std::forward<Args>(args)...);
}

std::string MatrixTable(Day as_of, const analytics::MatrixReport& report) {
  std::string out = Header(Tr("Loyalty x revenue matrix", "Matrix Loyalität x Umsatz"), as_of);
  out += fmt::format("  {:<17} {:>8} {:>18}  {}\n", Tr("quadrant", "Quadrant"),
                     Tr("accounts", "Kunden"), "TTM", Tr("action", "Maßnahme"));
  for (int q = 0; q < analytics::kQuadrantCount; ++q) {
    const auto quadrant = static_cast<analytics::Quadrant>(q);
    const analytics::AccountsAndRevenue& cell = report.quadrants[q];
    out += fmt::format("  {:<17} {:>8} {:>18}  {}\n", QuadrantLabel(quadrant),
                       GroupThousands(cell.accounts), MoneyText(cell.ttm),
                       QuadrantActionText(quadrant));
  }
  out += Format(Tr("\n  Tiers A and B are key accounts; TTM in {}.\n",
                   "\n  Stufen A und B sind Schlüsselkunden; TTM in {}.\n"),
                CurrentOutputStyle().currency);
  return out;
}

std::string LifecycleTable(Day as_of, double pareto, const analytics::LifecycleReport& report) {
  std::string out = Header(Tr("Pareto lifecycle", "Pareto-Lebenszyklus"), as_of);
  out += fmt::format(
      "  {:<14} {:>22} {:>22}\n", Tr("category", "Kategorie"),
      Format(Tr("Pareto set ({} %)", "Pareto-Menge ({} %)"), DecimalText(pareto * 100, 0)),
      Tr("rest", "Rest"));
  for (Category c : kCategoryOrder) {
    const size_t slot = static_cast<size_t>(c);
    out += fmt::format("  {:<14} {:>22} {:>22}\n", CategoryLabel(c),
                       fmt::format("{} / {}", GroupThousands(report.pareto[slot].accounts),
                                   MoneyText(report.pareto[slot].ttm)),
                       fmt::format("{} / {}", GroupThousands(report.rest[slot].accounts),
                                   MoneyText(report.rest[slot].ttm)));
  }
  out += Tr("\n  (accounts / TTM)\n\nContacts with two answers in the last two years\n",
            "\n  (Kunden / TTM)\n\nKontakte mit zwei Antworten in den letzten zwei Jahren\n");
  const std::string_view labels[] = {Tr("climbers", "Aufsteiger"), Tr("fallers", "Absteiger"),
                                     Tr("steady", "gleich")};
  const size_t width = std::max({labels[0].size(), labels[1].size(), labels[2].size()});
  auto line = [&](std::string_view label, const auto& figures) {
    out += Format(
        Tr("  {} {:>8} contacts, accounts' TTM {}\n", "  {} {:>8} Kontakte, TTM ihrer Kunden {}\n"),
        Pad(std::string(label), width), GroupThousands(figures.contacts), MoneyText(figures.ttm));
  };
  line(labels[0], report.climbers);
  line(labels[1], report.fallers);
  line(labels[2], report.steady);
  return out;
}

std::string DriversTable(Day as_of, const analytics::DriversReport& report) {
  std::string out = Header(Tr("Drivers", "Treiber"), as_of);
  out += fmt::format("  {:<22} {:>8} {:>9} {:>8} {:>10} {:>7} {:>18}\n", Tr("driver", "Treiber"),
                     Tr("mentions", "Nennungen"), Tr("promoter", "Promotor"),
                     Tr("passive", "Passiver"), Tr("detractor", "Kritiker"), "NPS",
                     Tr("detractor revenue", "Kritiker-Umsatz"));
  for (const analytics::DriverFigures& d : report.drivers) {
    out +=
        fmt::format("  {:<22} {:>8} {:>9} {:>8} {:>10} {:>7} {:>18}\n", d.driver,
                    GroupThousands(d.mentions), d.promoter, d.passive, d.detractor, NpsText(d.nps),
                    MoneyText(static_cast<Cents>(d.detractor_revenue * 100 + 0.5)));
  }
  out += fmt::format(
      "\n  {} {}\n",
      Pad(std::string(Tr("Priority by detractor mentions", "Priorität nach Kritiker-Nennungen")),
          33),
      Tr("Priority by detractor revenue", "Priorität nach Kritiker-Umsatz"));
  for (size_t i = 0; i < report.priority_by_nps.size(); ++i) {
    out += fmt::format("  {:>2}. {:<30} {:>2}. {}\n", i + 1, report.priority_by_nps[i], i + 1,
                       report.priority_by_revenue[i]);
  }
  return out;
}

std::string_view SegmentGroupLabel(std::string_view group) {
  if (group == "industry") return Tr("industry", "Branche");
  if (group == "region") return Tr("region", "Region");
  if (group == "owner") return Tr("owner", "Betreuer");
  if (group == "prior_category") return Tr("prior_category", "Kategorie vor 12 Monaten");
  return group;
}

std::string RetentionTable(Day as_of, const analytics::RetentionFigures& overall,
                           const analytics::RetentionSegments& segments) {
  constexpr std::string_view row_format =
      "  {:<28} {:>7} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>8}\n";
  std::string out = Header(Tr("Revenue retention (12 months)", "Umsatzbindung (12 Monate)"), as_of);
  out += fmt::format(row_format, Tr("segment", "Segment"), Tr("cohort", "Kohorte"),
                     Tr("logo ch.", "Kunden-A."), Tr("rev. ch.", "Umsatz-A."), "GRR", "NRR", "ENC",
                     "BNC", "EGR");
  auto line = [&](const std::string& label, const analytics::RetentionFigures& r) {
    out += fmt::format(row_format, label, GroupThousands(r.cohort), PercentText(r.logo_churn),
                       PercentText(r.revenue_churn), PercentText(r.grr), PercentText(r.nrr),
                       PercentText(r.enc), PercentText(r.bnc), PercentText(r.egr));
  };
  line(std::string(Tr("all accounts", "alle Kunden")), overall);
  for (const auto& [group, figures] : service::RetentionSegmentGroups(segments)) {
    out += fmt::format("\n  {} {}\n", Tr("by", "nach"), SegmentGroupLabel(group));
    for (const auto& [value, r] : *figures) {
      line(value.empty() ? std::string(Tr("(none)", "(keine)")) : value, r);
    }
  }
  out += Tr(
      "\n  logo ch. / rev. ch.: logo and revenue churn; GRR, NRR: gross and net revenue\n"
      "  retention; ENC, BNC: earned and bought new customers; EGR: earned growth rate\n"
      "  (NRR + ENC - 1). Shares of the cohort: the accounts active 12 months ago.\n",
      "\n  Kunden-A. / Umsatz-A.: Kunden- und Umsatzabwanderung; GRR, NRR: Brutto- und Netto-\n"
      "  Umsatzbindung; ENC, BNC: verdiente und gekaufte Neukunden; EGR: verdientes Wachstum\n"
      "  (NRR + ENC - 1). Anteile an der Kohorte: den Kunden, die vor 12 Monaten aktiv waren.\n");
  return out;
}

std::string TouchpointsTable(const snapshot::Snapshot& snap, Day as_of,
                             const analytics::MetricParams& params,
                             const analytics::TouchpointsReport& report,
                             analytics::ReportRows rows, size_t limit) {
  std::string out = Header(Tr("Touchpoints", "Kontaktpunkte"), as_of);
  out += Format(Tr("  Silent (no touchpoint other than marketing email for more than {} days): "
                   "{} of {}, TTM {}\n",
                   "  Still (kein Kontakt außer Marketing-E-Mails seit mehr als {} Tagen): "
                   "{} von {}, TTM {}\n"),
                params.silent_days, GroupThousands(static_cast<int64_t>(report.silent.size())),
                CountOf(report.active_accounts, "account", "accounts", "Kunden", "Kunden"),
                MoneyText(report.silent_ttm));
  out += Format(Tr("  Overloaded (more than {} marketing emails in 30 days): {}, TTM {}\n",
                   "  Überlastet (mehr als {} Marketing-E-Mails in 30 Tagen): {}, TTM {}\n"),
                params.overloaded_marketing_emails,
                CountOf(static_cast<int64_t>(report.overloaded.size()), "account", "accounts",
                        "Kunde", "Kunden"),
                MoneyText(report.overloaded_ttm));
  out += Format(Tr("  Support tickets in the last 90 days: {}\n",
                   "  Support-Tickets der letzten 90 Tage: {}\n"),
                GroupThousands(report.support_tickets_90d));
  // Every silent and every overloaded account (or the first `limit`), largest first: the
  // owner is who must act.
  auto list = [&](std::string_view title,
                  const std::vector<analytics::RowIndex>& accounts, auto&& detail) {
    const size_t shown = limit > 0 ? std::min(limit, accounts.size()) : accounts.size();
    out += fmt::format(
        "\n  {} ({}{})\n", title, GroupThousands(static_cast<int64_t>(accounts.size())),
        shown < accounts.size() ? Format(Tr(", first {} shown", ", die ersten {} gezeigt"), shown)
                                : "");
    for (size_t i = 0; i < shown; ++i) {
      const analytics::AccountBasics& b = rows[accounts[i]];
      const std::string& owner = snap.owner[b.account];
      out += fmt::format("  {:<14} {:<30} {} {:>16}  {:<40} {}\n", snap.account_id[b.account],
                         Truncated(snap.account_name[b.account], 30), analytics::TierName(b.tier),
                         MoneyText(b.ttm), owner.empty() ? "-" : Truncated(owner, 40), detail(b));
    }
  };
  list(Tr("Silent accounts", "Stille Kunden"), report.silent,
       [](const analytics::AccountBasics& b) {
         return b.touchpoints.days_since_last
                    ? Format(Tr("last touchpoint {} days ago", "letzter Kontakt vor {} Tagen"),
                             *b.touchpoints.days_since_last)
                    : std::string(Tr("no touchpoint yet", "noch kein Kontakt"));
       });
  list(Tr("Overloaded accounts", "Überlastete Kunden"), report.overloaded,
       [](const analytics::AccountBasics& b) {
         return Format(Tr("{} marketing emails in 30 days", "{} Marketing-E-Mails in 30 Tagen"),
                       b.touchpoints.marketing_emails_30d);
       });
  return out;
}

std::string ResponsesTable(const snapshot::Snapshot& snap, Day as_of,
                           const analytics::ResponsesReport& report, analytics::ReportRows rows) {
  std::string out = Header(Tr("Survey responses", "Umfrage-Antworten"), as_of);
  out += Format(Tr("  Last 365 days: {} ({} of {} invitations answered)\n\n",
                   "  Letzte 365 Tage: {} ({} von {} Einladungen beantwortet)\n\n"),
                PercentText(report.overall.rate()), GroupThousands(report.overall.answered),
                GroupThousands(report.overall.sent));
  out += Tr("  by wave\n", "  nach Welle\n");
  for (const analytics::WaveResponses& w : report.waves) {
    out += Format(Tr("  {:<14} sent from {}  {:>7} of {:>7}  {:>8}\n",
                     "  {:<14} versandt ab {}  {:>7} von {:>7}  {:>8}\n"),
                  w.survey_id, DateText(w.first_sent), GroupThousands(w.rate.answered),
                  GroupThousands(w.rate.sent), PercentText(w.rate.rate()));
  }
  out += Tr("\n  by role (last 365 days)\n", "\n  nach Rolle (letzte 365 Tage)\n");
  for (int r = 0; r < kRoleCount; ++r) {
    out += fmt::format("  {:<16} {:>8}\n", RoleLabel(static_cast<Role>(r)),
                       PercentText(report.by_role[r].rate()));
  }
  out += Format(Tr("\n  Invited but never answering: {}, TTM {}\n",
                   "\n  Eingeladen, aber nie geantwortet: {}, TTM {}\n"),
                CountOf(static_cast<int64_t>(report.never_answering.size()), "account", "accounts",
                        "Kunde", "Kunden"),
                MoneyText(report.never_answering_ttm));
  for (size_t i = 0; i < report.never_answering.size() && i < 15; ++i) {
    const analytics::AccountBasics& b = rows[report.never_answering[i]];
    out += fmt::format(
        "  {:<14} {:<30} {} {:>16}  {}\n", snap.account_id[b.account],
        snap.account_name[b.account].substr(0, 30), analytics::TierName(b.tier), MoneyText(b.ttm),
        CountOf(b.invitations.sent, "invitation", "invitations", "Einladung", "Einladungen"));
  }
  return out;
}

std::string SimulationTable(Day as_of, const analytics::SimulationReport& r) {
  std::string out = Header(
      Tr("Revenue simulator (next 12 months)", "Umsatzsimulator (nächste 12 Monate)"), as_of);
  constexpr std::string_view row = "  {:<14} {:>9} {:>18} {:>16}   {:>9} {:>6} {:>16} {:>16}\n";
  out += fmt::format(row, Tr("group now", "Gruppe jetzt"), Tr("accounts", "Kunden"), "TTM",
                     Tr("NRR (observed)", "NRR (gemessen)"), Tr("basis: n", "Basis: n"),
                     Tr("age", "Alter"), Tr("revenue then", "Umsatz damals"),
                     Tr("revenue now", "Umsatz jetzt"));
  auto line = [&](std::string_view name, size_t g) {
    const analytics::GroupBasis& b = r.basis[g];
    out += fmt::format(
        row, name, GroupThousands(r.accounts[g]), MoneyText(r.ttm[g]),
        r.nrr_by_group[g] ? PercentText(r.nrr_by_group[g])
                          : Format(Tr("({} used)", "({} genutzt)"), PercentText(r.nrr_used[g])),
        GroupThousands(b.accounts),
        b.mean_age_months ? Format(Tr("{} mo", "{} Mo."), DecimalText(*b.mean_age_months, 0)) : "-",
        MoneyText(b.revenue_then), MoneyText(b.revenue_now));
  };
  for (Category c : kCategoryOrder) line(CategoryLabel(c), static_cast<size_t>(c));
  line(Tr("new", "neu"), analytics::kNewGroup);
  out +=
      Tr("\n  Groups by account category 12 months ago; NRR = the group's revenue in the last 12\n"
         "  months against the 12 before (basis: its accounts then, their mean age then, revenue\n"
         "  before and after). new: accounts younger than 12 months (then for the NRR, now for\n"
         "  the projection), which grow whatever they answered.\n",
         "\n  Gruppen nach Kundenkategorie vor 12 Monaten; NRR = Umsatz der Gruppe in den letzten\n"
         "  12 Monaten gegen die 12 davor (Basis: ihre Kunden damals, ihr mittleres Alter damals,\n"
         "  Umsatz davor und danach). neu: Kunden jünger als 12 Monate (damals für die NRR, jetzt\n"
         "  für die Prognose), die wachsen, was immer sie antworten.\n");
  const auto money = [](double v) {
    return MoneyWithCurrency(static_cast<Cents>(std::llround(v * 100)));
  };
  out += Format(Tr("\n  Projected revenue, as things are: {}\n",
                   "\n  Prognostizierter Umsatz, wie die Dinge stehen: {}\n"),
                money(r.baseline_projected));
  if (!r.moves.empty()) {
    for (const analytics::CategoryMove& m : r.moves) {
      out += Format(Tr("  Move {} % of {} accounts to {}\n",
                       "  {} % der Kunden von {} nach {} verschieben\n"),
                    DecimalText(m.share * 100, 1), CategoryLabel(m.from), CategoryLabel(m.to));
    }
    out += Format(Tr("  Account NPS {} -> {}\n", "  Kunden-NPS {} -> {}\n"),
                  NpsText(r.account_nps_before), NpsText(r.account_nps_after));
    out += Format(Tr("  Projected revenue with the scenario: {} (change {}{})\n",
                     "  Prognostizierter Umsatz mit dem Szenario: {} (Änderung {}{})\n"),
                  money(r.scenario_projected), r.change() >= 0 ? "+" : "", money(r.change()));
  }
  return out;
}

std::string_view VerdictText(const analytics::HealthCheckReport& r) {
  if (!InGerman()) return {};
  if (!r.auc) return "hat zu wenig Historie";
  if (*r.auc >= 0.7) return "trennt gut";
  if (*r.auc >= 0.6) return "trennt schwach";
  return "trennt die Abwanderer nicht";
}

std::string HealthCheckTable(Day as_of, const analytics::HealthCheckReport& r) {
  std::string out = Header(Tr("Health check: does the scorecard predict churn?",
                              "Health-Check: Sagt der Health Score Abwanderung voraus?"),
                           as_of);
  out +=
      Format(Tr("  Health scored on {} for {} active then; {} churned by {}.\n",
                "  Health Score am {} für {}, die damals aktiv waren; {} bis {} abgewandert.\n"),
             DateText(r.scored_on), CountOf(r.accounts, "account", "accounts", "Kunden", "Kunden"),
             GroupThousands(r.churned), DateText(as_of));
  const std::string verdict = InGerman() ? std::string(VerdictText(r)) : r.verdict();
  out += Format(Tr("  ROC AUC {}: the scorecard {}.\n\n", "  ROC AUC {}: Der Score {}.\n\n"),
                r.auc ? DecimalText(*r.auc, 3) : std::string(Tr("n/a", "k. A.")), verdict);
  for (int c = 0; c < 3; ++c) {
    const analytics::ColourChurn& cc = r.by_colour[c];
    out += Format(Tr("  {:<7} {:>7} accounts, {:>5} churned, churn rate {}\n",
                     "  {:<7} {:>7} Kunden, {:>5} abgewandert, Abwanderungsrate {}\n"),
                  HealthColourLabel(static_cast<analytics::HealthColour>(c)),
                  GroupThousands(cc.accounts), GroupThousands(cc.churned),
                  PercentText(cc.churn_rate()));
  }
  out += Tr("\n  Each component alone (ROC AUC over the accounts it was measured for)\n",
            "\n  Jede Komponente allein (ROC AUC über die Kunden, für die sie gemessen wurde)\n");
  for (const auto& c : r.by_component) {
    out += Format(Tr("  {:<24} {:>7} accounts  AUC {}\n", "  {:<25} {:>7} Kunden  AUC {}\n"),
                  HealthComponentLabel(c.name), GroupThousands(c.accounts),
                  c.auc ? DecimalText(*c.auc, 3) : std::string(Tr("n/a", "k. A.")));
  }
  out += Tr(
      "\n  ROC AUC: the chance that a churned account had the lower health score than one that\n"
      "  stayed; 0.5 is guessing, 1.0 perfect.\n",
      "\n  ROC AUC: die Wahrscheinlichkeit, dass ein abgewanderter Kunde den niedrigeren Health\n"
      "  Score hatte als ein gebliebener; 0,5 ist Raten, 1,0 perfekt.\n");
  return out;
}

std::string_view CampaignText(analytics::EngagementClass c) {
  if (!InGerman()) return analytics::EngagementClassCampaign(c);
  switch (c) {
    case analytics::EngagementClass::kA:
      return "Fürsprache: Referenzen, Fallstudien, Empfehlungen";
    case analytics::EngagementClass::kB:
      return "neu gewinnen: Business Review, mehr Ansprechpartner";
    case analytics::EngagementClass::kC:
      return "beheben: den Kreis bei der Kritik schließen";
    case analytics::EngagementClass::kD:
      return "retten: persönlich melden, die Entscheider finden";
  }
  return "";
}

std::string CampaignTable(Day as_of, const analytics::CampaignReport& r) {
  std::string out =
      Header(Tr("Campaign by engagement class", "Kampagne nach Engagement-Klasse"), as_of);
  out += Format(Tr("  Classes as of {}; NPS of answers to {} (baseline) and {} (follow-up)\n\n",
                   "  Klassen, Stand {}; NPS der Antworten auf {} (Ausgangswelle) und {} "
                   "(Folgewelle)\n\n"),
                DateText(r.classified_on), r.baseline_wave, r.followup_wave);
  out += fmt::format("  {:<5} {:>8} {:>18} {:>18} {:>18} {:>8}  {}\n", Tr("class", "Klasse"),
                     Tr("accounts", "Kunden"), "TTM", Tr("baseline NPS", "NPS Ausgang"),
                     Tr("follow-up NPS", "NPS Folge"), Tr("change", "Änderung"),
                     Tr("campaign", "Kampagne"));
  auto nps_cell = [](const analytics::WaveNps& w) {
    return w.nps() ? fmt::format("{} ± {} ({})", NpsText(w.nps()), DecimalText(*w.margin(), 0),
                                 w.counts.total())
                   : std::string(Tr("n/a", "k. A."));
  };
  for (int c = 0; c < 4; ++c) {
    const auto cls = static_cast<analytics::EngagementClass>(c);
    const analytics::CampaignClass& k = r.classes[c];
    std::optional<double> change;
    if (k.baseline.nps() && k.followup.nps()) change = *k.followup.nps() - *k.baseline.nps();
    out += fmt::format("  {:<5} {:>8} {:>18} {:>18} {:>18} {:>8}  {}\n",
                       analytics::EngagementClassName(cls), GroupThousands(k.accounts),
                       MoneyText(k.ttm), nps_cell(k.baseline), nps_cell(k.followup),
                       NpsText(change), CampaignText(cls));
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
                                 const analytics::TouchpointsReport& report,
                                 analytics::ReportRows rows, size_t limit) {
  return {service::TouchpointsToJson(snap, as_of, report, rows),
          TouchpointsTable(snap, as_of, params, report, rows, limit)};
}

RenderedReport RenderResponses(const snapshot::Snapshot& snap, Day as_of,
                               const analytics::ResponsesReport& report,
                               analytics::ReportRows rows) {
  return {service::ResponsesToJson(snap, as_of, report, rows),
          ResponsesTable(snap, as_of, report, rows)};
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
