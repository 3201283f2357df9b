#include "survey/answers.h"

#include <nlohmann/json.hpp>

#include "survey/invitations.h"
#include "survey/token.h"

namespace bw::survey {
namespace {

constexpr int64_t kDaySeconds = 86400;

Status InvalidLink() { return NotFound("this survey link is not valid (any more)"); }

Status FieldError(std::string field, std::string message) {
  StatusDetail detail;
  detail.field = std::move(field);
  return Status(StatusCode::kInvalidArgument, std::move(message), std::move(detail));
}

// The token's match when the link may be used at `now`.
Result<store::OutreachStore::TokenMatch> ValidMatch(store::OutreachStore& outreach,
                                                    std::string_view token,
                                                    const SurveySettings& settings, int64_t now) {
  if (!LooksLikeToken(token)) return InvalidLink();
  BW_ASSIGN_OR_RETURN(std::optional<store::OutreachStore::TokenMatch> match,
                      outreach.FindByTokenHash(TokenHash(token)));
  if (!match) return InvalidLink();
  if (match->invite.answered_at != 0) {
    if (now >= match->invite.answered_at + int64_t{settings.edit_days} * kDaySeconds) {
      return InvalidLink();
    }
  } else if (now >= match->token.expires_at) {
    return InvalidLink();
  }
  return *match;
}

std::vector<std::string> SplitDrivers(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t end = text.find(';');
    std::string_view part = text.substr(0, end);
    if (!part.empty()) out.emplace_back(part);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= text.size() && extra > 0) return false;  // cut short
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

// Text a person typed: valid UTF-8, at most `limit` bytes, no control characters but line
// breaks and tabs (which are kept).
Status CheckText(const std::string& text, size_t limit, const std::string& field) {
  if (text.size() > limit) {
    return FieldError(field, field + ": at most " + std::to_string(limit) + " bytes");
  }
  if (!IsValidUtf8(text)) return FieldError(field, field + ": not valid UTF-8 text");
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f) {
      return FieldError(field, field + ": control characters are not allowed");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<LinkView> OpenLink(store::Store& store, std::string_view token,
                          const SurveySettings& settings, const Clock& clock) {
  BW_ASSIGN_OR_RETURN(const store::OutreachStore::TokenMatch match,
                      ValidMatch(store.outreach(), token, settings, clock.UnixSeconds()));
  BW_ASSIGN_OR_RETURN(std::optional<store::Wave> wave,
                      store.outreach().FindWave(match.invite.wave_id));
  if (!wave) return InvalidLink();
  LinkView view;
  view.invite = match.invite;
  view.wave = *wave;
  BW_ASSIGN_OR_RETURN(view.definition, ParseWaveDefinition(wave->definition_json));
  if (match.invite.answered_at != 0) {
    view.editable_until = match.invite.answered_at + int64_t{settings.edit_days} * kDaySeconds;
    BW_ASSIGN_OR_RETURN(std::optional<store::RecordFields> response,
                        store.GetRecord(RecordKind::kResponse, {match.invite.response_id}));
    if (response) {
      for (const auto& [column, value] : *response) {
        if (column == "score") view.score = std::atoi(value.c_str());
        if (column == "comment") view.comment = value;
        if (column == "drivers") view.drivers = SplitDrivers(value);
      }
    }
    const nlohmann::json answers =
        nlohmann::json::parse(match.invite.answers_json, nullptr, /*allow_exceptions=*/false);
    if (answers.is_array()) {
      for (const auto& a : answers)
        view.answers.push_back(a.is_string() ? a.get<std::string>() : "");
    }
  }
  view.answers.resize(view.definition.questions.size());
  return view;
}

Result<AnswerOutcome> SubmitAnswer(store::WriteTransaction& tx, std::string_view token,
                                   const AnswerForm& form, const SurveySettings& settings,
                                   const Clock& clock) {
  const int64_t now = clock.UnixSeconds();
  BW_ASSIGN_OR_RETURN(store::OutreachStore * outreach, tx.Outreach());
  BW_ASSIGN_OR_RETURN(const store::OutreachStore::TokenMatch match,
                      ValidMatch(*outreach, token, settings, now));
  BW_ASSIGN_OR_RETURN(std::optional<store::Wave> wave, outreach->FindWave(match.invite.wave_id));
  if (!wave) return InvalidLink();
  BW_ASSIGN_OR_RETURN(const WaveDefinition definition, ParseWaveDefinition(wave->definition_json));

  // metrics.md: a score is a whole number from 0 to 10.
  int score = -1;
  if (form.score.size() == 1 && form.score[0] >= '0' && form.score[0] <= '9') {
    score = form.score[0] - '0';
  } else if (form.score == "10") {
    score = 10;
  }
  if (score < 0) return FieldError("score", "score: choose a whole number from 0 to 10");
  BW_RETURN_IF_ERROR(CheckText(form.comment, kMaxCommentBytes, "comment"));
  std::string drivers;
  for (const std::string& driver : form.drivers) {
    bool known = false;
    for (const std::string& d : definition.drivers) known = known || d == driver;
    if (!known) return FieldError("drivers", "drivers: \"" + driver + "\" is not on the list");
    if (drivers.find(driver) != std::string::npos) continue;  // posted twice
    if (!drivers.empty()) drivers += ';';
    drivers += driver;
  }
  if (form.answers.size() > definition.questions.size()) {
    return FieldError("answers", "answers: more answers than questions");
  }
  nlohmann::json answers = nlohmann::json::array();
  for (const std::string& answer : form.answers) {
    BW_RETURN_IF_ERROR(CheckText(answer, kMaxAnswerBytes, "answers"));
    answers.push_back(answer);
  }

  const std::string response_id = ResponseId(match.invite.invitation_id);
  const Day today = clock.Today();
  ResponseRecord record;
  record.response_id = response_id;
  record.contact_id = match.invite.contact_id;
  record.survey_id = match.invite.wave_id;
  record.responded_on = today;
  record.score = score;
  record.comment = form.comment;
  record.drivers = drivers;
  BW_RETURN_IF_ERROR(tx.sink().OnResponse(record));
  BW_ASSIGN_OR_RETURN(outreach, tx.Outreach());
  BW_RETURN_IF_ERROR(
      outreach->RecordAnswer(match.invite.invitation_id, response_id, now, answers.dump()));
  AnswerOutcome outcome;
  outcome.first_answer = match.invite.answered_at == 0;
  outcome.score = score;
  outcome.response_id = response_id;
  outcome.contact_id = match.invite.contact_id;
  outcome.wave_id = match.invite.wave_id;
  outcome.language = match.invite.language;
  const int64_t first = outcome.first_answer ? now : match.invite.answered_at;
  outcome.editable_until = first + int64_t{settings.edit_days} * kDaySeconds;
  return outcome;
}

Result<std::optional<std::string>> LinkLanguage(store::Store& store, std::string_view token) {
  if (!LooksLikeToken(token)) return std::optional<std::string>();
  BW_ASSIGN_OR_RETURN(std::optional<store::OutreachStore::TokenMatch> match,
                      store.outreach().FindByTokenHash(TokenHash(token)));
  if (!match) return std::optional<std::string>();
  return std::optional<std::string>(match->invite.language);
}

Result<std::optional<std::string>> Unsubscribe(store::Store& store, std::string_view token,
                                               const Clock& clock) {
  if (!LooksLikeToken(token)) return std::optional<std::string>();
  BW_ASSIGN_OR_RETURN(std::optional<store::OutreachStore::TokenMatch> match,
                      store.outreach().FindByTokenHash(TokenHash(token)));
  if (!match) return std::optional<std::string>();
  BW_RETURN_IF_ERROR(
      store.outreach().Suppress(match->invite.email, "unsubscribed", clock.UnixSeconds()));
  return std::optional<std::string>(match->invite.language);
}

}  // namespace bw::survey
