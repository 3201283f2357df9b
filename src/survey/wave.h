// Survey waves ("flights", issue 12): what a wave asks and whom it addresses. A wave keeps
// its own copy of the drivers and extra questions of the configuration at the time it was
// created, so changing bellwether.toml never changes a wave that is running.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"
#include "survey/settings.h"

namespace bw::survey {

// Limits of a wave (docs/surveys.md).
inline constexpr size_t kMaxQuestions = 4;
inline constexpr size_t kMaxWaveIdLength = 64;
inline constexpr size_t kMaxTitleLength = 200;

struct WaveSpec {
  std::string wave_id;
  std::string title;                 // "" -> the wave id
  std::vector<std::string> filters;  // the accounts table's filter expressions
  std::string language;              // "de", "en", or "" (the workspace's)
  int reminder_after_days = 7;
  int max_reminders = 1;
};

// What a wave asks, stored as its definition_json.
struct WaveDefinition {
  std::vector<std::string> filters;
  std::vector<std::string> drivers;
  std::vector<std::string> questions;
};

std::string WaveDefinitionJson(const WaveDefinition& definition);
// Errors: kInvalidArgument for text that is not a definition (a damaged row).
Result<WaveDefinition> ParseWaveDefinition(std::string_view json);

// Checks the spec: an id of letters, digits, '.', '_' and '-' (at most 64), a title of at
// most 200 bytes without control characters, language de/en/empty, reminder_after_days
// 1..365, max_reminders 0..5. Errors: kInvalidArgument with StatusDetail.field set to the
// flag at fault ("wave", "title", "language", "reminder-after", "max-reminders").
Status ValidateWaveSpec(const WaveSpec& spec);

// Adds the wave, its questions taken from `settings`. `filters` must have been parsed by
// the caller already (they are the accounts table's and need the service layer).
// Errors: ValidateWaveSpec's; kAlreadyExists for a wave id that is taken; the store's.
Result<store::Wave> CreateWave(store::Store& store, const WaveSpec& spec,
                               const SurveySettings& settings, const Clock& clock);

}  // namespace bw::survey
