#include "service/summary_json.h"

#include "service/internal/json_values.h"

namespace bw::service {

using internal::OptionalNumber;
using nlohmann::ordered_json;

ordered_json RetentionToJson(const analytics::RetentionFigures& r) {
  return {{"cohort", r.cohort},
          {"logo_churn", OptionalNumber(r.logo_churn)},
          {"revenue_churn", OptionalNumber(r.revenue_churn)},
          {"grr", OptionalNumber(r.grr)},
          {"nrr", OptionalNumber(r.nrr)},
          {"enc", OptionalNumber(r.enc)},
          {"bnc", OptionalNumber(r.bnc)},
          {"egr", OptionalNumber(r.egr)}};
}

// metrics.md, The summary object.
ordered_json SummaryToJson(const analytics::Summary& s) {
  ordered_json j;
  j["as_of"] = FormatDate(s.as_of);
  j["accounts"] = {{"total", s.accounts_total}, {"active", s.accounts_active}};
  j["contact_nps"] = OptionalNumber(s.contact_nps);
  j["account_nps"] = OptionalNumber(s.account_nps);
  j["revenue_weighted_nps"] = OptionalNumber(s.revenue_weighted_nps);
  j["nps_margin"] = {{"contact", OptionalNumber(s.contact_margin)},
                     {"account", OptionalNumber(s.account_margin)}};
  j["coverage"] = {{"accounts", OptionalNumber(s.account_coverage)},
                   {"revenue", OptionalNumber(s.revenue_coverage)}};
  j["response_rate"] = OptionalNumber(s.response_rate);
  j["retention"] = RetentionToJson(s.retention);
  j["pareto"] = {{"accounts", s.pareto_accounts}, {"revenue", internal::Money(s.pareto_revenue)}};
  j["categories"] = {{"promoter", s.promoters},
                     {"passive", s.passives},
                     {"detractor", s.detractors},
                     {"non_responder", s.non_responders}};
  return j;
}

}  // namespace bw::service
