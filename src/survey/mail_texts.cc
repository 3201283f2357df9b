#include "survey/mail_texts.h"

#include "core/date.h"
#include "survey/html.h"

namespace bw::survey {
namespace {

struct MailWords {
  const char* reminder_prefix;
  const char* greeting;  // followed by the name and ","
  const char* greeting_no_name;
  const char* intro;
  const char* reminder_intro;
  const char* button;
  const char* valid_until;
  const char* unsubscribe;
  const char* unsubscribe_link;
};

constexpr MailWords kEnglish = {
    "Reminder: ",
    "Hello ",
    "Hello,",
    "we would like to know how we are doing. Answering takes about a minute.",
    "a few days ago we asked how we are doing. If you have a minute, we would value your answer.",
    "Answer the survey",
    "This link is personal and works until ",
    "You do not want to receive our surveys any more?",
    "Unsubscribe",
};

constexpr MailWords kGerman = {
    "Erinnerung: ",
    "Guten Tag ",
    "Guten Tag,",
    "wir möchten wissen, wie zufrieden Sie mit uns sind. Die Antwort dauert etwa eine Minute.",
    "vor einigen Tagen haben wir Sie nach Ihrer Meinung gefragt. Wenn Sie eine Minute Zeit "
    "haben, freuen wir uns über Ihre Antwort.",
    "Zur Umfrage",
    "Dieser Link ist persönlich und gilt bis zum ",
    "Sie möchten keine Umfragen mehr von uns erhalten?",
    "Abmelden",
};

}  // namespace

std::string ShownDate(int64_t unix_seconds, std::string_view language) {
  const Day day = static_cast<Day>(unix_seconds / 86400);
  return language == "de" ? FormatGermanDate(day) : FormatDate(day);
}

std::string RenderSurveyMail(const SurveyMail& mail) {
  const bool german = mail.language == "de";
  const MailWords& w = german ? kGerman : kEnglish;
  const bool reminder = mail.kind == MailKind::kReminder;
  const std::string greeting =
      mail.to.name.empty() ? std::string(w.greeting_no_name) : w.greeting + mail.to.name + ",";
  const std::string intro = reminder ? w.reminder_intro : w.intro;
  const std::string until = w.valid_until + ShownDate(mail.valid_until, german ? "de" : "en") + ".";

  EmailContent c;
  c.from = mail.from;
  c.to = mail.to;
  c.subject = (reminder ? std::string(w.reminder_prefix) : std::string()) + mail.wave_title;
  c.message_id = mail.message_id;
  c.list_unsubscribe_url = mail.unsubscribe_url;
  c.date = mail.now;
  c.text = greeting + "\n\n" + intro + "\n\n" + w.button + ":\n" + mail.answer_url + "\n\n" +
           until + "\n\n-- \n" + w.unsubscribe + "\n" + w.unsubscribe_link + ": " +
           mail.unsubscribe_url + "\n";
  const std::string lang = german ? "de" : "en";
  c.html = "<!doctype html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>" +
           HtmlEscape(c.subject) +
           "</title></head>\n<body style=\"font-family:sans-serif;font-size:16px;"
           "line-height:1.5;max-width:36em\">\n<p>" +
           HtmlEscape(greeting) + "</p>\n<p>" + HtmlEscape(intro) + "</p>\n<p><a href=\"" +
           HtmlEscape(mail.answer_url) +
           "\" style=\"display:inline-block;padding:0.6em 1.2em;background:#1a56db;color:#fff;"
           "text-decoration:none;border-radius:4px\">" +
           HtmlEscape(w.button) + "</a></p>\n<p>" + HtmlEscape(until) +
           "</p>\n<hr>\n<p style=\"font-size:13px;color:#555\">" + HtmlEscape(w.unsubscribe) +
           " <a href=\"" + HtmlEscape(mail.unsubscribe_url) + "\">" +
           HtmlEscape(w.unsubscribe_link) + "</a></p>\n</body></html>\n";
  return RenderEmail(c);
}

}  // namespace bw::survey
