#include "survey/wave.h"

#include <nlohmann/json.hpp>

namespace bw::survey {
namespace {

Status FieldError(std::string field, std::string message) {
  StatusDetail detail;
  detail.field = std::move(field);
  return Status(StatusCode::kInvalidArgument, std::move(message), std::move(detail));
}

bool IsIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

std::string WaveDefinitionJson(const WaveDefinition& d) {
  nlohmann::ordered_json j;
  j["filters"] = d.filters;
  j["drivers"] = d.drivers;
  j["questions"] = d.questions;
  return j.dump();
}

Result<WaveDefinition> ParseWaveDefinition(std::string_view json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  WaveDefinition d;
  if (!j.is_object()) return InvalidArgument("a wave's definition is not a JSON object");
  for (const auto& [key, list] :
       {std::pair{"filters", &d.filters}, {"drivers", &d.drivers}, {"questions", &d.questions}}) {
    const auto it = j.find(key);
    if (it == j.end()) continue;
    if (!it->is_array()) return InvalidArgument(std::string("a wave's ") + key + " is not a list");
    for (const auto& item : *it) {
      if (!item.is_string()) {
        return InvalidArgument(std::string("a wave's ") + key + " is not a list of text");
      }
      list->push_back(item.get<std::string>());
    }
  }
  return d;
}

Status ValidateWaveSpec(const WaveSpec& spec) {
  if (spec.wave_id.empty() || spec.wave_id.size() > kMaxWaveIdLength) {
    return FieldError("wave", "a wave id must have 1 to 64 characters");
  }
  for (char c : spec.wave_id) {
    if (!IsIdCharacter(c)) {
      return FieldError("wave", "wave id \"" + spec.wave_id +
                                    "\": only letters, digits, '.', '_' and '-' are allowed");
    }
  }
  if (spec.title.size() > kMaxTitleLength) {
    return FieldError("title", "a title has at most 200 bytes");
  }
  for (char c : spec.title) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return FieldError("title", "a title must not contain control characters (line breaks)");
    }
  }
  if (!spec.language.empty() && spec.language != "de" && spec.language != "en") {
    return FieldError("language", "language \"" + spec.language + "\": must be de or en");
  }
  if (spec.reminder_after_days < 1 || spec.reminder_after_days > 365) {
    return FieldError("reminder-after", "reminder-after must be 1 to 365 days");
  }
  if (spec.max_reminders < 0 || spec.max_reminders > 5) {
    return FieldError("max-reminders", "max-reminders must be 0 to 5");
  }
  return Status::Ok();
}

Result<store::Wave> CreateWave(store::Store& store, const WaveSpec& spec,
                               const SurveySettings& settings, const Clock& clock) {
  BW_RETURN_IF_ERROR(ValidateWaveSpec(spec));
  WaveDefinition definition;
  definition.filters = spec.filters;
  definition.drivers = settings.drivers;
  definition.questions = settings.questions;
  store::Wave wave;
  wave.wave_id = spec.wave_id;
  wave.title = spec.title.empty() ? spec.wave_id : spec.title;
  wave.language = spec.language;
  wave.definition_json = WaveDefinitionJson(definition);
  wave.reminder_after_days = spec.reminder_after_days;
  wave.max_reminders = spec.max_reminders;
  wave.created_at = clock.UnixSeconds();
  BW_RETURN_IF_ERROR(store.outreach().AddWave(wave));
  return wave;
}

}  // namespace bw::survey
