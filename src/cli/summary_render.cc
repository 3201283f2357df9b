#include "cli/summary_render.h"

#include <fmt/core.h>

#include "cli/format.h"

namespace bw::cli {
namespace {

std::string Margin(std::optional<double> margin) {
  return margin ? fmt::format("± {:.1f}", *margin) : "";
}

}  // namespace

std::string SummaryToTable(const analytics::Summary& s, double pareto_share) {
  const analytics::RetentionFigures& r = s.retention;
  std::string out;
  auto line = [&out](std::string_view label, const std::string& value) {
    out += fmt::format("  {:<24} {}\n", label, value);
  };
  out += fmt::format("Bellwether summary as of {}\n\n", FormatDate(s.as_of));
  line("Accounts", fmt::format("{} active of {}", GroupThousands(s.accounts_active),
                               GroupThousands(s.accounts_total)));
  out += "\nLoyalty (answers of the last 365 days)\n";
  line("Contact NPS", fmt::format("{:>6} {:<8} from {} contact answers", NpsText(s.contact_nps),
                                  Margin(s.contact_margin), GroupThousands(s.contact_answers)));
  line("Account NPS", fmt::format("{:>6} {:<8} from {} responding accounts", NpsText(s.account_nps),
                                  Margin(s.account_margin), GroupThousands(s.responding_accounts)));
  line("Revenue-weighted NPS", fmt::format("{:>6}", NpsText(s.revenue_weighted_nps)));
  line("Coverage", fmt::format("{} of active accounts, {} of TTM revenue",
                               PercentText(s.account_coverage), PercentText(s.revenue_coverage)));
  line("Response rate",
       fmt::format("{} ({} of {} invitations answered)", PercentText(s.response_rate),
                   GroupThousands(s.invitations_answered), GroupThousands(s.invitations_sent)));
  line("Account categories",
       fmt::format("{} promoters, {} passives, {} detractors, {} non-responders",
                   GroupThousands(s.promoters), GroupThousands(s.passives),
                   GroupThousands(s.detractors), GroupThousands(s.non_responders)));
  if (s.revenue_coverage && *s.revenue_coverage < kBlindFlightCoverage) {
    out += fmt::format(
        "\n  WARNING: blind flight. The answers cover only {} of TTM revenue: the NPS does not\n"
        "  speak for most of the revenue at stake. Survey the accounts that carry the revenue.\n",
        PercentText(s.revenue_coverage));
  }
  out += fmt::format("\nRetention (last 12 months against the 12 before; cohort of {} accounts)\n",
                     GroupThousands(r.cohort));
  line("Logo churn", PercentText(r.logo_churn));
  line("Revenue churn", PercentText(r.revenue_churn));
  line("Gross revenue retention", PercentText(r.grr));
  line("Net revenue retention", PercentText(r.nrr));
  line("Earned new customers", PercentText(r.enc));
  line("Bought new customers", PercentText(r.bnc));
  line("Earned growth rate", PercentText(r.egr));
  out += "\nKey accounts\n";
  line(fmt::format("Pareto set ({:.0f} %)", pareto_share * 100),
       fmt::format("{} accounts with {} of {} TTM revenue", GroupThousands(s.pareto_accounts),
                   MoneyText(s.pareto_revenue), MoneyText(s.active_ttm)));
  return out;
}

}  // namespace bw::cli
