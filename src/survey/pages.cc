#include "survey/pages.h"

#include "core/date.h"
#include "survey/html.h"
#include "survey/mail_texts.h"

namespace bw::survey {
namespace {

struct PageWords {
  const char* lang;
  const char* title;
  const char* score_legend;
  const char* score_low;
  const char* score_high;
  const char* comment_label;
  const char* drivers_legend;
  const char* submit;
  const char* change_note;  // followed by a date
  const char* error_heading;
  const char* thanks_title;
  const char* thanks_text;
  const char* thanks_change;
  const char* unsubscribe_title;
  const char* unsubscribe_ask;
  const char* unsubscribe_button;
  const char* unsubscribe_done;
};

constexpr PageWords kEnglish = {
    "en",
    "Your opinion",
    "How likely is it that you would recommend us to a friend or colleague?",
    "0 = not at all likely",
    "10 = extremely likely",
    "What is the most important reason for your score? (optional)",
    "What does your score depend on? (optional, any number)",
    "Send answer",
    "You can change your answer through this link until ",
    "Please check your answer",
    "Thank you",
    "Thank you for your answer. It helps us to serve you better.",
    "You can change it through the same link until ",
    "Unsubscribe",
    "Do you want to stop receiving our surveys at this address?",
    "Unsubscribe",
    "Done: you will receive no further surveys from us at this address.",
};

constexpr PageWords kGerman = {
    "de",
    "Ihre Meinung",
    "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?",
    "0 = sehr unwahrscheinlich",
    "10 = sehr wahrscheinlich",
    "Was ist der wichtigste Grund für Ihre Bewertung? (freiwillig)",
    "Wovon hängt Ihre Bewertung ab? (freiwillig, beliebig viele)",
    "Antwort senden",
    "Sie können Ihre Antwort über diesen Link ändern bis zum ",
    "Bitte prüfen Sie Ihre Antwort",
    "Vielen Dank",
    "Vielen Dank für Ihre Antwort. Sie hilft uns, besser für Sie da zu sein.",
    "Sie können sie über denselben Link ändern bis zum ",
    "Abmelden",
    "Möchten Sie unter dieser Adresse keine Umfragen mehr von uns erhalten?",
    "Abmelden",
    "Erledigt: Sie erhalten unter dieser Adresse keine Umfragen mehr von uns.",
};

const PageWords& WordsFor(std::string_view language) {
  return language == "de" ? kGerman : kEnglish;
}

constexpr std::string_view kStyle =
    "body{font-family:system-ui,sans-serif;font-size:1.05rem;line-height:1.5;margin:0 auto;"
    "max-width:40rem;padding:1rem;color:#111}"
    "fieldset{border:1px solid #bbb;border-radius:6px;margin:1rem 0;padding:0.75rem}"
    "legend{font-weight:600;padding:0 0.25rem}"
    ".scale{display:flex;flex-wrap:wrap;gap:0.25rem}"
    ".scale label{display:inline-flex;flex-direction:column;align-items:center;min-width:2.6rem;"
    "padding:0.3rem;border:1px solid #999;border-radius:4px}"
    ".ends{display:flex;justify-content:space-between;font-size:0.85rem;color:#444}"
    "label.block{display:block;margin:0.75rem 0 0.25rem;font-weight:600}"
    "textarea,input[type=text]{width:100%;box-sizing:border-box;font:inherit;padding:0.4rem}"
    ".check{display:block;padding:0.3rem 0}"
    "button{font:inherit;padding:0.6rem 1.4rem;margin-top:1rem;background:#1a56db;color:#fff;"
    "border:0;border-radius:4px}"
    "button:focus,input:focus,textarea:focus{outline:3px solid #f59e0b;outline-offset:2px}"
    ".error{border:2px solid #b91c1c;padding:0.5rem 0.75rem;border-radius:6px}";

std::string Page(std::string_view lang, std::string_view title, const std::string& body) {
  std::string out = "<!doctype html>\n<html lang=\"";
  out += lang;
  out +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex\">\n<title>";
  out += HtmlEscape(title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<main>\n";
  out += body;
  out += "</main>\n</body>\n</html>\n";
  return out;
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  for (const std::string& item : list) {
    if (item == value) return true;
  }
  return false;
}

}  // namespace

// The page is built once per request from short pieces; chains of + read as the HTML they
// make, which matters more here than the temporaries clang-tidy counts.
// NOLINTBEGIN(performance-inefficient-string-concatenation)
std::string RenderAnswerPage(const LinkView& view, std::string_view token, const AnswerForm* form,
                             std::string_view error, std::string_view error_field) {
  const PageWords& w = WordsFor(view.invite.language);
  // What the fields show: the form just posted, else the answer so far.
  std::string score = form ? form->score : (view.score >= 0 ? std::to_string(view.score) : "");
  const std::string& comment = form ? form->comment : view.comment;
  const std::vector<std::string>& drivers = form ? form->drivers : view.drivers;
  const std::vector<std::string>& answers = form ? form->answers : view.answers;

  std::string b = "<h1>" + HtmlEscape(view.wave.title) + "</h1>\n";
  if (!error.empty()) {
    b += "<div class=\"error\" role=\"alert\" id=\"error\"><strong>" + HtmlEscape(w.error_heading) +
         ":</strong> " + HtmlEscape(error) + "</div>\n";
  }
  b += "<form method=\"post\" action=\"/s/" + HtmlEscape(token) + "\">\n";
  const bool score_error = error_field == "score";
  b += "<fieldset" + std::string(score_error ? " aria-describedby=\"error\"" : "") + ">\n<legend>" +
       HtmlEscape(w.score_legend) + "</legend>\n<div class=\"scale\">\n";
  for (int i = 0; i <= 10; ++i) {
    const std::string n = std::to_string(i);
    b += "<label for=\"score-" + n + "\"><input type=\"radio\" name=\"score\" id=\"score-" + n +
         "\" value=\"" + n + "\"" + (score == n ? " checked" : "") + (i == 0 ? " required" : "") +
         ">" + n + "</label>\n";
  }
  b += "</div>\n<div class=\"ends\"><span>" + HtmlEscape(w.score_low) + "</span><span>" +
       HtmlEscape(w.score_high) + "</span></div>\n</fieldset>\n";
  b += "<label class=\"block\" for=\"comment\">" + HtmlEscape(w.comment_label) +
       "</label>\n<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"" +
       std::to_string(kMaxCommentBytes) + "\">" + HtmlEscape(comment) + "</textarea>\n";
  if (!view.definition.drivers.empty()) {
    b += "<fieldset>\n<legend>" + HtmlEscape(w.drivers_legend) + "</legend>\n";
    for (size_t i = 0; i < view.definition.drivers.size(); ++i) {
      const std::string& d = view.definition.drivers[i];
      const std::string id = "driver-" + std::to_string(i);
      b += "<label class=\"check\" for=\"" + id +
           "\"><input type=\"checkbox\" name=\"drivers\" id=\"" + id + "\" value=\"" +
           HtmlEscape(d) + "\"" + (Contains(drivers, d) ? " checked" : "") + "> " + HtmlEscape(d) +
           "</label>\n";
    }
    b += "</fieldset>\n";
  }
  for (size_t i = 0; i < view.definition.questions.size(); ++i) {
    const std::string id = "answer-" + std::to_string(i);
    const std::string value = i < answers.size() ? answers[i] : "";
    b += "<label class=\"block\" for=\"" + id + "\">" + HtmlEscape(view.definition.questions[i]) +
         "</label>\n<input type=\"text\" id=\"" + id + "\" name=\"answer\" maxlength=\"" +
         std::to_string(kMaxAnswerBytes) + "\" value=\"" + HtmlEscape(value) + "\">\n";
  }
  b += "<button type=\"submit\">" + HtmlEscape(w.submit) + "</button>\n</form>\n";
  if (view.editable_until != 0) {
    b += "<p>" + HtmlEscape(w.change_note) +
         HtmlEscape(ShownDate(view.editable_until, view.invite.language)) + ".</p>\n";
  }
  return Page(w.lang, view.wave.title, b);
}
// NOLINTEND(performance-inefficient-string-concatenation)

std::string RenderThanksPage(std::string_view language, std::string_view token,
                             int64_t editable_until) {
  const PageWords& w = WordsFor(language);
  std::string b = "<h1>" + HtmlEscape(w.thanks_title) + "</h1>\n<p>" + HtmlEscape(w.thanks_text) +
                  "</p>\n<p><a href=\"/s/" + HtmlEscape(token) + "\">" +
                  HtmlEscape(w.thanks_change) + HtmlEscape(ShownDate(editable_until, language)) +
                  "</a>.</p>\n";
  return Page(w.lang, w.thanks_title, b);
}

std::string RenderInvalidLinkPage() {
  const std::string b =
      "<h1 lang=\"de\">Dieser Link ist nicht (mehr) gültig</h1>\n"
      "<p lang=\"de\">Vielleicht ist die Umfrage beendet, oder der Link wurde beim Kopieren "
      "verkürzt. Vielen Dank für Ihr Interesse.</p>\n"
      "<h1 lang=\"en\">This link is not valid (any more)</h1>\n"
      "<p lang=\"en\">The survey may have ended, or the link was cut short when it was copied. "
      "Thank you for your interest.</p>\n";
  return Page("de", "Link / Link", b);
}

std::string RenderUnsubscribePage(std::string_view language, std::string_view token, bool done) {
  const PageWords& w = WordsFor(language);
  std::string b = "<h1>" + HtmlEscape(w.unsubscribe_title) + "</h1>\n";
  if (done) {
    b += "<p role=\"status\">" + HtmlEscape(w.unsubscribe_done) + "</p>\n";
  } else {
    b += "<form method=\"post\" action=\"/s/" + HtmlEscape(token) + "/unsubscribe\">\n<p>" +
         HtmlEscape(w.unsubscribe_ask) + "</p>\n<button type=\"submit\">" +
         HtmlEscape(w.unsubscribe_button) + "</button>\n</form>\n";
  }
  return Page(w.lang, w.unsubscribe_title, b);
}

std::string RenderRateLimitedPage() {
  const std::string b =
      "<h1 lang=\"de\">Bitte warten Sie einen Moment</h1>\n"
      "<p lang=\"de\">Es kamen zu viele Anfragen auf einmal. Bitte versuchen Sie es in einer "
      "Minute noch einmal.</p>\n"
      "<h1 lang=\"en\">Please wait a moment</h1>\n"
      "<p lang=\"en\">There were too many requests at once. Please try again in a minute.</p>\n";
  return Page("de", "429", b);
}

}  // namespace bw::survey
