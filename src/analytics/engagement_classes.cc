#include "analytics/engagement_classes.h"

#include <algorithm>
#include <utility>

namespace bw::analytics {
namespace {

int32_t SurveyIndex(const Snapshot& snap, const std::string& wave) {
  const auto it = std::find(snap.survey_names.begin(), snap.survey_names.end(), wave);
  return it == snap.survey_names.end() ? snapshot::kNone
                                       : static_cast<int32_t>(it - snap.survey_names.begin());
}

// The latest answers of contact c to two surveys on or before as_of (kNone: none), found
// in one scan back through the contact's responses.
std::pair<int32_t, int32_t> WaveAnswers(const Snapshot& snap, ContactIndex c, int32_t first,
                                        int32_t second, Day as_of) {
  int32_t a = snapshot::kNone, b = snapshot::kNone;
  const snapshot::IndexRange responses = snap.ResponsesOf(c);
  for (uint32_t r = responses.end; r > responses.begin; --r) {
    if (snap.response_day[r - 1] > as_of) continue;
    const int32_t survey = snap.response_survey[r - 1];
    if (survey == first && a == snapshot::kNone) a = static_cast<int32_t>(r - 1);
    if (survey == second && b == snapshot::kNone) b = static_cast<int32_t>(r - 1);
  }
  return {a, b};
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
  return ComputeCampaign(snap, as_of, ComputeAccountFacts(snap, classified_on, params),
                         baseline_wave, followup_wave, params);
}

Result<CampaignReport> ComputeCampaign(const Snapshot& snap, Day as_of,
                                       const AccountFacts& classified,
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
  report.classified_on = classified.as_of;
  for (const AccountBasics& b : ComputeAccountBasics(classified, params)) {
    CampaignClass& cls = report.classes[static_cast<size_t>(EngagementClassOf(b))];
    ++cls.accounts;
    cls.ttm += b.ttm;
    const snapshot::IndexRange contacts = snap.ContactsOf(b.account);
    for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
      const auto [before, after] = WaveAnswers(snap, c, baseline, followup, as_of);
      if (before != snapshot::kNone) {
        cls.baseline.counts.Add(CategoryOfScore(snap.response_score[before]));
      }
      if (after != snapshot::kNone) {
        cls.followup.counts.Add(CategoryOfScore(snap.response_score[after]));
      }
    }
  }
  return report;
}

}  // namespace bw::analytics
