// Answering through a survey link (issue 12, "Answer pages"): what the page shows for a
// token, storing an answer, and unsubscribing.
//
// A link is valid while its token is known, unexpired (link_valid_days after its mail)
// and, once answered, for edit_days after the first answer; every other case (unknown,
// tampered, expired) is the same kNotFound, so a caller cannot tell them apart. An answer
// is the response record "<invitation>:answer" (survey_id = the wave): answering again
// replaces it, so any number of submissions of one token store exactly one response.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"
#include "survey/settings.h"
#include "survey/wave.h"

namespace bw::survey {

// Limits of an answer (docs/surveys.md).
inline constexpr size_t kMaxCommentBytes = 4000;
inline constexpr size_t kMaxAnswerBytes = 500;

// What a link opens.
struct LinkView {
  store::SurveyInvite invite;
  store::Wave wave;
  WaveDefinition definition;
  // The answer given so far (answered: invite.answered_at != 0).
  int score = -1;
  std::string comment;
  std::vector<std::string> drivers;
  std::vector<std::string> answers;  // one per question of the definition
  int64_t editable_until = 0;        // Unix seconds; 0 while not answered
};

// The view of `token`. Errors: kNotFound for an unknown, malformed, tampered or expired
// link (one message for all); the store's.
Result<LinkView> OpenLink(store::Store& store, std::string_view token,
                          const SurveySettings& settings, const Clock& clock);

// An answer as the form posts it (text, not yet checked).
struct AnswerForm {
  std::string score;
  std::string comment;
  std::vector<std::string> drivers;
  std::vector<std::string> answers;  // by question, in order
};

struct AnswerOutcome {
  bool first_answer = false;  // false: an earlier answer was changed
  int score = 0;
  std::string response_id;
  std::string contact_id;
  std::string wave_id;
  std::string language;
  int64_t editable_until = 0;
};

// Checks `form` and stores it as the link's answer inside `tx`. Errors: OpenLink's
// kNotFound; kInvalidArgument with StatusDetail.field "score" (not a whole number 0 to 10),
// "comment", "drivers" (not on the wave's list) or "answers" (too long); the store's.
Result<AnswerOutcome> SubmitAnswer(store::WriteTransaction& tx, std::string_view token,
                                   const AnswerForm& form, const SurveySettings& settings,
                                   const Clock& clock);

// Puts the link's address on the suppression list: no further invitation or reminder
// goes to it. Works for expired links too. Returns the invitation's language, or nullopt
// for an unknown token (the caller shows the same page either way).
Result<std::optional<std::string>> Unsubscribe(store::Store& store, std::string_view token,
                                               const Clock& clock);

// The language of a known token's invitation (expired ones too); nullopt otherwise.
Result<std::optional<std::string>> LinkLanguage(store::Store& store, std::string_view token);

}  // namespace bw::survey
