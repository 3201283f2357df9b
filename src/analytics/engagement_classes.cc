#include "analytics/engagement_classes.h"

#include <algorithm>

namespace bw::analytics {
namespace {

int32_t SurveyIndex(const Snapshot& snap, const std::string& wave) {
  const auto it = std::find(snap.survey_names.begin(), snap.survey_names.end(), wave);
  return it == snap.survey_names.end() ? snapshot::kNone
                                       : static_cast<int32_t>(it - snap.survey_names.begin());
}

// The latest answer of contact c to `survey` on or before as_of, or kNone.
int32_t WaveAnswer(const Snapshot& snap, ContactIndex c, int32_t survey, Day as_of) {
  const snapshot::IndexRange responses = snap.ResponsesOf(c);
  for (uint32_t r = responses.end; r > responses.begin; --r) {
    if (snap.response_day[r - 1] <= as_of && snap.response_survey[r - 1] == survey) {
      return static_cast<int32_t>(r - 1);
    }
  }
  return snapshot::kNone;
}

}  // namespace

std::string_view EngagementClassName(EngagementClass c) {
  static constexpr std::string_view kNames[] = {"A", "B", "C", "D"};
  return kNames[static_cast<size_t>(c)];
}

std::string_view EngagementClassCampaign(EngagementClass c) {
  switch (c) {
    case EngagementClass::kA:
      return "advocacy: references, case studies, referrals";
    case EngagementClass::kB:
      return "re-engage: business review, widen the contacts";
    case EngagementClass::kC:
      return "fix: close the loop on what they criticise";
    case EngagementClass::kD:
      return "rescue: reach out personally, find the decision makers";
  }
  return "";
}

EngagementClass EngagementClassOf(const AccountBasics& b) {
  const bool loyal = b.category == Category::kPromoter || b.category == Category::kPassive;
  const bool engaged = b.answers > 0 && !b.Has(AccountFlag::kSilent);
  if (loyal) return engaged ? EngagementClass::kA : EngagementClass::kB;
  return engaged ? EngagementClass::kC : EngagementClass::kD;
}

std::optional<Day> BaselineWaveEnd(const Snapshot& snap, const std::string& wave, Day as_of) {
  const int32_t survey = SurveyIndex(snap, wave);
  if (survey == snapshot::kNone) return std::nullopt;
  std::optional<Day> last;
  auto consider = [&](Day day) {
    if (day <= as_of && (!last || day > *last)) last = day;
  };
  for (size_t i = 0; i < snap.invitation_survey.size(); ++i) {
    if (snap.invitation_survey[i] == survey) consider(snap.invitation_sent_on[i]);
  }
  for (size_t r = 0; r < snap.response_survey.size(); ++r) {
    if (snap.response_survey[r] == survey) consider(snap.response_day[r]);
  }
  return last;
}

Result<CampaignReport> ComputeCampaign(const Snapshot& snap, Day as_of, Day classified_on,
                                       const std::string& baseline_wave,
                                       const std::string& followup_wave,
                                       const MetricParams& params) {
  const int32_t baseline = SurveyIndex(snap, baseline_wave);
  const int32_t followup = SurveyIndex(snap, followup_wave);
  if (baseline == snapshot::kNone)
    return NotFound("survey wave \"" + baseline_wave + "\" not found");
  if (followup == snapshot::kNone)
    return NotFound("survey wave \"" + followup_wave + "\" not found");
  CampaignReport report;
  report.baseline_wave = baseline_wave;
  report.followup_wave = followup_wave;
  report.classified_on = classified_on;
  const AccountFacts facts = ComputeAccountFacts(snap, classified_on, params);
  for (const AccountBasics& b : ComputeAccountBasics(snap, facts, params)) {
    CampaignClass& cls = report.classes[static_cast<size_t>(EngagementClassOf(b))];
    ++cls.accounts;
    cls.ttm += b.ttm;
    const snapshot::IndexRange contacts = snap.ContactsOf(b.account);
    for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
      if (const int32_t r = WaveAnswer(snap, c, baseline, as_of); r != snapshot::kNone) {
        cls.baseline.counts.Add(CategoryOfScore(snap.response_score[r]));
      }
      if (const int32_t r = WaveAnswer(snap, c, followup, as_of); r != snapshot::kNone) {
        cls.followup.counts.Add(CategoryOfScore(snap.response_score[r]));
      }
    }
  }
  return report;
}

}  // namespace bw::analytics
