#include "analytics/engagement_classes.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "analytics/internal/parallel.h"

namespace bw::analytics {
namespace {

int32_t SurveyIndex(const Snapshot& snap, const std::string& wave) {
  const auto it = std::find(snap.survey_names.begin(), snap.survey_names.end(), wave);
  return it == snap.survey_names.end() ? snapshot::kNone
                                       : static_cast<int32_t>(it - snap.survey_names.begin());
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

namespace {

// docs/engagement-classes.md: loyal (promoter or passive) or not, engaged (answering and
// not silent) or not.
EngagementClass ClassOf(Category category, int32_t answers, uint32_t flags) {
  const bool loyal = category == Category::kPromoter || category == Category::kPassive;
  const bool engaged = answers > 0 && !HasFlag(flags, AccountFlag::kSilent);
  if (loyal) return engaged ? EngagementClass::kA : EngagementClass::kB;
  return engaged ? EngagementClass::kC : EngagementClass::kD;
}

}  // namespace

EngagementClass EngagementClassOf(const AccountBasics& b) {
  return ClassOf(b.category, b.answers, b.flags);
}

EngagementClass EngagementClassOf(const AccountFact& account) {
  return ClassOf(account.category, account.answers, account.flags);
}

std::optional<Day> BaselineWaveEnd(const Snapshot& snap, const std::string& wave, Day as_of) {
  const int32_t survey = SurveyIndex(snap, wave);
  if (survey == snapshot::kNone) return std::nullopt;
  // The latest day on or before as_of of an invitation or a response of the wave: a
  // maximum over every invitation and response, by chunks on all cores.
  auto latest = [&](const std::vector<int32_t>& surveys, const std::vector<Day>& days) {
    Day last = kNoDay;
    for (const Day day : internal::ParallelPartials(
             surveys.size(), kNoDay, [&](size_t begin, size_t end, Day&partial) {
               for (size_t i = begin; i < end; ++i) {
                 const bool match = surveys[i] == survey && days[i] <= as_of;
                 partial = match ? std::max(partial, days[i]) : partial;
               }
             })) {
      last = std::max(last, day);
    }
    return last;
  };
  const Day last = std::max(latest(snap.invitation_survey, snap.invitation_sent_on),
                            latest(snap.response_survey, snap.response_day));
  if (last == kNoDay) return std::nullopt;
  return last;
}

Result<CampaignReport> ComputeCampaign(const Snapshot& snap, Day as_of, Day classified_on,
                                       const std::string& baseline_wave,
                                       const std::string& followup_wave,
                                       const MetricParams& params) {
  return ComputeCampaign(snap, as_of, ComputeAccountFacts(snap, classified_on, params),
                         baseline_wave, followup_wave);
}

Result<CampaignReport> ComputeCampaign(const Snapshot& snap, Day as_of,
                                       const AccountFacts& classified,
                                       const std::string& baseline_wave,
                                       const std::string& followup_wave) {
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
  // Counts by class, wave and category (detractor, passive, promoter).
  struct Tally {
    std::array<CampaignClass, 4> classes;
    std::array<std::array<std::array<int64_t, 3>, 2>, 4> answers{};
  };
  const std::vector<Tally> partials = internal::ParallelPartials(
      classified.accounts.size(), Tally{}, [&](size_t begin, size_t end, Tally& tally) {
        std::vector<int32_t> answer;  // by contact of the account: baseline, followup
        for (size_t a = begin; a < end; ++a) {
          const AccountFact& account = classified.accounts[a];
          if (!account.active) continue;
          const size_t cls = static_cast<size_t>(EngagementClassOf(account));
          ++tally.classes[cls].accounts;
          tally.classes[cls].ttm += account.ttm;
          // The latest answer of each contact to each wave, on or before T: one flat scan
          // over the account's responses (sorted by day within each contact).
          const snapshot::IndexRange contacts = snap.ContactsOf(static_cast<AccountIndex>(a));
          answer.assign(2 * contacts.size(), snapshot::kNone);
          const uint32_t first = snap.contact_responses_begin[contacts.begin];
          const uint32_t last = snap.contact_responses_begin[contacts.end];
          for (uint32_t r = first; r < last; ++r) {
            const bool valid = snap.response_day[r] <= as_of;
            const int32_t survey = snap.response_survey[r];
            const size_t slot =
                2 * (static_cast<uint32_t>(snap.response_contact[r]) - contacts.begin);
            const int32_t index = static_cast<int32_t>(r);
            answer[slot] = valid & (survey == baseline) ? index : answer[slot];
            answer[slot + 1] = valid & (survey == followup) ? index : answer[slot + 1];
          }
          for (size_t slot = 0; slot < answer.size(); ++slot) {
            const bool answered = answer[slot] != snapshot::kNone;
            const int score = answered ? snap.response_score[answer[slot]] : 0;
            tally.answers[cls][slot % 2][(score >= 7) + (score >= 9)] += answered;
          }
        }
      });
  for (const Tally& tally : partials) {
    for (size_t c = 0; c < report.classes.size(); ++c) {
      CampaignClass& total = report.classes[c];
      total.accounts += tally.classes[c].accounts;
      total.ttm += tally.classes[c].ttm;
      for (auto [wave, counts] : {std::pair{&total.baseline, &tally.answers[c][0]},
                                  std::pair{&total.followup, &tally.answers[c][1]}}) {
        wave->counts.detractors += (*counts)[0];
        wave->counts.passives += (*counts)[1];
        wave->counts.promoters += (*counts)[2];
      }
    }
  }
  return report;
}

}  // namespace bw::analytics
