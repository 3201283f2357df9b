#include "cli/summary_render.h"

#include <fmt/core.h>

#include "cli/format.h"
#include "cli/language.h"

namespace bw::cli {
namespace {

std::string Margin(std::optional<double> margin) {
  return margin ? "± " + DecimalText(*margin, 1) : "";
}

}  // namespace

std::string SummaryToTable(const analytics::Summary& s, double pareto_share) {
  const analytics::RetentionFigures& r = s.retention;
  std::string out;
  auto line = [&out](std::string_view label, const std::string& value) {
    out += fmt::format("  {:<24} {}\n", label, value);
  };
  out += fmt::format("{} {}\n\n", Tr("Bellwether summary as of", "Bellwether-Übersicht, Stand"),
                     DateText(s.as_of));
  line(Tr("Accounts", "Kunden"),
       fmt::format(fmt::runtime(Tr("{} active of {}", "{} aktiv von {}")),
                   GroupThousands(s.accounts_active), GroupThousands(s.accounts_total)));
  out += Tr("\nLoyalty (answers of the last 365 days)\n",
            "\nLoyalität (Antworten der letzten 365 Tage)\n");
  line(Tr("Contact NPS", "Kontakt-NPS"),
       fmt::format("{:>6} {:<8} {}", NpsText(s.contact_nps), Margin(s.contact_margin),
                   std::string(Tr("from ", "aus ")) + CountOf(s.contact_answers, "contact answer",
                                                              "contact answers", "Kontaktantwort",
                                                              "Kontaktantworten")));
  line(Tr("Account NPS", "Kunden-NPS"),
       fmt::format("{:>6} {:<8} {}", NpsText(s.account_nps), Margin(s.account_margin),
                   std::string(Tr("from ", "aus ")) +
                       CountOf(s.responding_accounts, "responding account", "responding accounts",
                               "antwortendem Kunden", "antwortenden Kunden")));
  line(Tr("Revenue-weighted NPS", "Umsatzgewichteter NPS"),
       fmt::format("{:>6}", NpsText(s.revenue_weighted_nps)));
  line(Tr("Coverage", "Abdeckung"),
       fmt::format(fmt::runtime(Tr("{} of active accounts, {} of TTM revenue",
                                   "{} der aktiven Kunden, {} des TTM-Umsatzes")),
                   PercentText(s.account_coverage), PercentText(s.revenue_coverage)));
  line(Tr("Response rate", "Antwortquote"),
       fmt::format(fmt::runtime(Tr("{} ({} of {} invitations answered)",
                                   "{} ({} von {} Einladungen beantwortet)")),
                   PercentText(s.response_rate), GroupThousands(s.invitations_answered),
                   GroupThousands(s.invitations_sent)));
  line(Tr("Account categories", "Kundenkategorien"),
       fmt::format("{}, {}, {}, {}",
                   CountOf(s.promoters, "promoter", "promoters", "Promotor", "Promotoren"),
                   CountOf(s.passives, "passive", "passives", "Passiver", "Passive"),
                   CountOf(s.detractors, "detractor", "detractors", "Kritiker", "Kritiker"),
                   CountOf(s.non_responders, "non-responder", "non-responders", "ohne Antwort",
                           "ohne Antwort")));
  if (s.revenue_coverage && *s.revenue_coverage < kBlindFlightCoverage) {
    out += fmt::format(
        fmt::runtime(
            Tr("\n  WARNING: blind flight. The answers cover only {} of TTM revenue: the NPS does "
               "not\n  speak for most of the revenue at stake. Survey the accounts that carry the "
               "revenue.\n",
               "\n  WARNUNG: Blindflug. Die Antworten decken nur {} des TTM-Umsatzes ab: Der NPS "
               "spricht\n  nicht für den Großteil des Umsatzes. Befragen Sie die Kunden, die den "
               "Umsatz tragen.\n")),
        PercentText(s.revenue_coverage));
  }
  out += fmt::format(
      fmt::runtime(Tr("\nRetention (last 12 months against the 12 before; cohort of {})\n",
                      "\nKundenbindung (letzte 12 Monate gegen die 12 davor; Kohorte von {})\n")),
      CountOf(r.cohort, "account", "accounts", "Kunden", "Kunden"));
  line(Tr("Logo churn", "Kundenabwanderung"), PercentText(r.logo_churn));
  line(Tr("Revenue churn", "Umsatzabwanderung"), PercentText(r.revenue_churn));
  line(Tr("Gross revenue retention", "Brutto-Umsatzbindung"), PercentText(r.grr));
  line(Tr("Net revenue retention", "Netto-Umsatzbindung"), PercentText(r.nrr));
  line(Tr("Earned new customers", "Verdiente Neukunden"), PercentText(r.enc));
  line(Tr("Bought new customers", "Gekaufte Neukunden"), PercentText(r.bnc));
  line(Tr("Earned growth rate", "Verdientes Wachstum"), PercentText(r.egr));
  out += Tr("\nKey accounts\n", "\nSchlüsselkunden\n");
  line(fmt::format(fmt::runtime(Tr("Pareto set ({} %)", "Pareto-Menge ({} %)")),
                   DecimalText(pareto_share * 100, 0)),
       fmt::format(fmt::runtime(Tr("{} with {} of {} TTM revenue", "{} mit {} von {} TTM-Umsatz")),
                   CountOf(s.pareto_accounts, "account", "accounts", "Kunde", "Kunden"),
                   MoneyWithCurrency(s.pareto_revenue), MoneyWithCurrency(s.active_ttm)));
  out +=
      Tr("\n± is the 95 % margin of error. TTM: revenue of the last 12 months. Churn, retention\n"
         "and new customers are shares of the cohort's accounts or revenue 12 months ago: gross\n"
         "revenue retention (GRR) without expansion, net revenue retention (NRR) with it; earned\n"
         "growth rate (EGR) = NRR - 1 + earned new customers (docs/analytics.md).\n",
         "\n± ist die Fehlermarge (95 %). TTM: Umsatz der letzten 12 Monate. Abwanderung, Bindung\n"
         "und Neukunden sind Anteile an Kunden oder Umsatz der Kohorte vor 12 Monaten: Brutto-\n"
         "Umsatzbindung (GRR) ohne, Netto-Umsatzbindung (NRR) mit Ausbau; verdientes Wachstum\n"
         "(EGR) = NRR - 1 + verdiente Neukunden (docs/analytics.md).\n");
  return out;
}

}  // namespace bw::cli
