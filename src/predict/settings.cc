#include "predict/settings.h"

#include <array>

#include "core/domain.h"
#include "predict/features.h"

namespace bw::predict {

ChurnSettings DefaultChurnSettings() {
  ChurnSettings s;
  const std::string close_loop = "Call the detractors and close the loop on their feedback";
  const std::string sponsor = "Executive sponsor meeting with the decision makers";
  const std::string outreach = "Personal outreach: the account has stopped answering";
  const std::string stakeholders = "Map and engage more stakeholders";
  const std::string champion = "Find and win a new champion";
  const std::string spend = "Review the shrinking spend with the account owner";
  const std::string review = "Schedule a business review";
  const std::string support = "Escalation review of the open support issues";
  s.actions = {
      {"account_score", close_loop},
      {"account_score_change_90d", close_loop},
      {"account_score_change_180d", close_loop},
      {"detractor_share", close_loop},
      {"decision_maker_score", sponsor},
      {"contacts_decision_maker", sponsor},
      {"user_score", "Adoption review with the users: training and product fixes"},
      {"answers", outreach},
      {"invitations_unanswered", outreach},
      {"response_rate", outreach},
      {"contacts_current", stakeholders},
      {"contacts_influencer", stakeholders},
      {"contacts_user", stakeholders},
      {"single_threaded", stakeholders},
      {"contacts_left_180d", champion},
      {"champion_left", champion},
      {"ttm", spend},
      {"revenue_trend_12m", spend},
      {"revenue_trend_3m", spend},
      {"months_without_revenue", spend},
      {"revenue_volatility", spend},
      {"days_since_touchpoint", review},
      {"days_since_proactive", review},
      {"support_tickets_90d", support},
      {"support_tickets_change_90d", support},
      {"marketing_emails_30d", "Pause marketing e-mails to the account"},
      {"tenure_days", "Onboarding check: make sure the first months succeed"},
      {"acquisition_earned", "Value review: confirm the promised value is delivered"},
      {"acquisition_bought", "Value review: confirm the promised value is delivered"},
      {"tier", "Account review with the owner"},
      {"mean_score_365d", close_loop},
      {"mean_score_730d", close_loop},
      {"revenue_slope_6m", spend},
      {"revenue_slope_12m", spend},
      {"revenue_slope_24m", spend},
      {"mean_score_all", close_loop},
      {"response_rate_730d", outreach},
      {"support_tickets_180d", support},
      {"mean_score_recent", close_loop},
      {"answers_recent", outreach},
      {"response_rate_recent", outreach},
      {"health_score", "Health review: work through the scorecard's weakest components"},
      {"stakeholder_coverage", stakeholders},
      {"support_tickets_per_month", support},
      {"revenue_slope_all", spend},
      {"signal.invoice_days_late", "Finance check-in about the late invoices"},
      {"signal.usage_active_users", "Adoption programme to re-activate the users"},
      {"signal.email_open_rate", "Refresh how and what the account is told"},
  };
  return s;
}

std::vector<std::string> FixedFeatureNames() {
  std::vector<std::string> names;
  for (const FeatureInfo& f : FeatureList(Snapshot{})) names.push_back(f.name);
  return names;
}

bool IsActionKey(std::string_view key) {
  static const std::vector<std::string> kFixed = FixedFeatureNames();
  for (const std::string& name : kFixed) {
    if (name == key) return true;
  }
  constexpr std::string_view kSignal = "signal.";
  if (key.substr(0, kSignal.size()) != kSignal || key.size() == kSignal.size()) return false;
  // "signal.NAME" or "signal.NAME.PART"; NAME may itself hold dots, so any remainder is a
  // possible name.
  return true;
}

const std::string* ActionFor(const ChurnSettings& settings, const std::string& feature) {
  if (auto it = settings.actions.find(feature); it != settings.actions.end()) return &it->second;
  constexpr std::string_view kSignal = "signal.";
  if (feature.compare(0, kSignal.size(), kSignal) == 0) {
    for (const std::string_view part : {".last", ".change", ".days_since", ".mean_180d",
                                        ".count_180d", ".mean_365d", ".per_month", ".trend"}) {
      if (feature.size() > part.size() &&
          feature.compare(feature.size() - part.size(), part.size(), part) == 0) {
        const std::string signal = feature.substr(0, feature.size() - part.size());
        if (auto it = settings.actions.find(signal); it != settings.actions.end())
          return &it->second;
      }
    }
  }
  return nullptr;
}

}  // namespace bw::predict
