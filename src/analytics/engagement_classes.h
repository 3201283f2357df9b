// Engagement classes A-D: a second classification of accounts by loyalty and engagement,
// for planning a campaign per class and comparing a class's NPS between a baseline and a
// follow-up survey wave. Defined in docs/engagement-classes.md:
//   loyal   = account category promoter or passive;
//   engaged = the account has a contact score (it answers) and is not silent;
//   A = loyal and engaged, B = loyal and not engaged,
//   C = not loyal and engaged, D = not loyal and not engaged (non-responders included).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "analytics/account_rows.h"
#include "analytics/nps.h"
#include "core/status.h"

namespace bw::analytics {

enum class EngagementClass : uint8_t { kA = 0, kB, kC, kD };
std::string_view EngagementClassName(EngagementClass c);
// The campaign a class calls for, in a few words.
std::string_view EngagementClassCampaign(EngagementClass c);
EngagementClass EngagementClassOf(const AccountBasics& basics);
EngagementClass EngagementClassOf(const AccountFact& account);

struct WaveNps {
  NpsCounts counts;  // latest answer per contact to the wave
  std::optional<double> nps() const { return counts.Nps(); }
  std::optional<double> margin() const { return counts.Margin(); }
};

struct CampaignClass {
  int64_t accounts = 0;
  Cents ttm = 0;
  WaveNps baseline, followup;
};

struct CampaignReport {
  std::string baseline_wave, followup_wave;
  Day classified_on = 0;
  std::array<CampaignClass, 4> classes;  // A, B, C, D
};

// Classes as of `classified_on` (active accounts then); NPS of each class's contacts'
// answers to each wave (survey_id equal, responded_on <= as_of). Errors: kNotFound when a
// wave has no invitation and no response.
Result<CampaignReport> ComputeCampaign(const Snapshot& snap, Day as_of, Day classified_on,
                                       const std::string& baseline_wave,
                                       const std::string& followup_wave,
                                       const MetricParams& params);
// The same from the facts as of the classification day already computed.
Result<CampaignReport> ComputeCampaign(const Snapshot& snap, Day as_of,
                                       const AccountFacts& classified,
                                       const std::string& baseline_wave,
                                       const std::string& followup_wave);

// The default classification day for a campaign: the last day of the baseline wave (its
// latest invitation or response on or before as_of), so classes are those the campaign
// was planned on. nullopt when the wave is unknown.
std::optional<Day> BaselineWaveEnd(const Snapshot& snap, const std::string& wave, Day as_of);

}  // namespace bw::analytics
