// The public survey pages (issue 12, "Answer pages"): server-rendered HTML without
// JavaScript, in German or English, labelled for screen readers (every field has a
// <label>, the score and the drivers are fieldsets with a legend, errors are announced),
// usable with the keyboard alone and readable on a phone (one column, large targets).
// Every text from data or from a person is escaped (survey/html.h).
#pragma once

#include <string>
#include <string_view>

#include "survey/answers.h"

namespace bw::survey {

// The form of `view`, filled with `form` when given (after an error) or the answer so far.
// `error`: a message shown above the form and the field it is about ("" for none).
std::string RenderAnswerPage(const LinkView& view, std::string_view token, const AnswerForm* form,
                             std::string_view error, std::string_view error_field);

// Thanks, and until when the answer may be changed through the same link.
std::string RenderThanksPage(std::string_view language, std::string_view token,
                             int64_t editable_until);

// The one page for an unknown, malformed, tampered or expired link: German and English,
// since the language is not known (and must not be revealed).
std::string RenderInvalidLinkPage();

// Asks to confirm the unsubscription (a GET never changes anything: mail scanners follow
// links), or, `done`, confirms it.
std::string RenderUnsubscribePage(std::string_view language, std::string_view token, bool done);

// Too many requests from one address.
std::string RenderRateLimitedPage();

}  // namespace bw::survey
