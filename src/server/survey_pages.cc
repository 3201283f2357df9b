#include "server/survey_pages.h"

#include "service/loop_service.h"
#include "survey/answers.h"
#include "survey/pages.h"

namespace bw::server {
namespace {

namespace http = boost::beast::http;

void SetPage(Response& response, int status, std::string html) {
  response.result(status);
  response.set(http::field::content_type, "text/html; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  // The token is in the path: it must not leave in a Referer header or be framed.
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
               "frame-ancestors 'none'; base-uri 'none'");
  response.body() = std::move(html);
}

void SetInvalidLink(Response& response) { SetPage(response, 404, survey::RenderInvalidLinkPage()); }

// The form fields of an application/x-www-form-urlencoded body: score, comment, drivers
// (repeated), answer (repeated, one per question in order).
survey::AnswerForm ParseAnswerForm(const std::string& body, bool& malformed) {
  std::multimap<std::string, std::string> fields;
  malformed = !ParseQuery(body, fields);
  survey::AnswerForm form;
  for (const auto& [name, value] : fields) {
    if (name == "score") {
      form.score = value;
    } else if (name == "comment") {
      form.comment = value;
    } else if (name == "drivers") {
      form.drivers.push_back(value);
    } else if (name == "answer") {
      form.answers.push_back(value);
    }
  }
  return form;
}

}  // namespace

bool PeerRateLimiter::Allow(const std::string& peer, int64_t unix_seconds) {
  std::lock_guard lock(mutex_);
  const int64_t minute = unix_seconds / 60;
  if (minute != minute_) {
    minute_ = minute;
    counts_.clear();
  }
  return ++counts_[peer] <= per_minute_;
}

void AddSurveyPages(Router& router, const Guard& guard, LockedStore& store, WriteBatcher& writes,
                    const Clock& clock, const config::WorkspaceConfig& workspace,
                    PeerRateLimiter& limiter) {
  const survey::SurveySettings& settings = workspace.survey;
  // Every page starts here: the rate limit, then the handler.
  const auto limited = [&limiter, &clock](auto handler) {
    return [&limiter, &clock, handler](RouteCall& call, const Caller& caller) {
      if (!limiter.Allow(call.exchange.peer, clock.UnixSeconds())) {
        SetPage(call.exchange.response, 429, survey::RenderRateLimitedPage());
        call.exchange.response.set(http::field::retry_after, "60");
        return;
      }
      handler(call, caller);
    };
  };

  router.Add(http::verb::get, "/s/{token}",
             guard(Access::kPublic, limited([&](RouteCall& call, const Caller&) {
                     const std::string& token = call.path["token"];
                     Result<survey::LinkView> view = [&] {
                       std::lock_guard lock(store.mutex);
                       return survey::OpenLink(*store.store, token, settings, clock);
                     }();
                     if (!view.ok()) return SetInvalidLink(call.exchange.response);
                     SetPage(call.exchange.response, 200,
                             survey::RenderAnswerPage(*view, token, nullptr, "", ""));
                   })));

  router.Add(
      http::verb::post, "/s/{token}",
      guard(Access::kPublic, limited([&](RouteCall& call, const Caller&) {
              const std::string& token = call.path["token"];
              Response& response = call.exchange.response;
              bool malformed = false;
              const survey::AnswerForm form =
                  ParseAnswerForm(call.exchange.request.body(), malformed);
              survey::AnswerOutcome outcome;
              Status status =
                  malformed
                      ? Status(StatusCode::kInvalidArgument, "the form is malformed")
                      : writes.Write([&](store::WriteTransaction& tx) -> Status {
                          BW_ASSIGN_OR_RETURN(
                              outcome, service::RecordAnswer(tx, token, form, workspace, clock));
                          return Status::Ok();
                        });
              if (status.ok()) {
                return SetPage(
                    response, 200,
                    survey::RenderThanksPage(outcome.language, token, outcome.editable_until));
              }
              if (status.code() == StatusCode::kNotFound) return SetInvalidLink(response);
              if (status.code() != StatusCode::kInvalidArgument) {
                return SetPage(response, 500, survey::RenderInvalidLinkPage());
              }
              // The form again, with what was typed and the message.
              Result<survey::LinkView> view = [&] {
                std::lock_guard lock(store.mutex);
                return survey::OpenLink(*store.store, token, settings, clock);
              }();
              if (!view.ok()) return SetInvalidLink(response);
              SetPage(
                  response, 400,
                  survey::RenderAnswerPage(*view, token, &form, status.message(), status.field()));
            })));

  router.Add(http::verb::get, "/s/{token}/unsubscribe",
             guard(Access::kPublic, limited([&](RouteCall& call, const Caller&) {
                     const std::string& token = call.path["token"];
                     Result<std::optional<std::string>> language = [&] {
                       std::lock_guard lock(store.mutex);
                       return survey::LinkLanguage(*store.store, token);
                     }();
                     const std::string shown =
                         language.ok() && language->has_value() ? **language : settings.language;
                     SetPage(call.exchange.response, 200,
                             survey::RenderUnsubscribePage(shown, token, /*done=*/false));
                   })));

  // Also the one-click unsubscription of RFC 8058 (List-Unsubscribe-Post).
  router.Add(http::verb::post, "/s/{token}/unsubscribe",
             guard(Access::kPublic, limited([&](RouteCall& call, const Caller&) {
                     const std::string& token = call.path["token"];
                     Result<std::optional<std::string>> language = [&] {
                       std::lock_guard lock(store.mutex);
                       return survey::Unsubscribe(*store.store, token, clock);
                     }();
                     if (!language.ok()) {
                       return SetPage(call.exchange.response, 500, survey::RenderInvalidLinkPage());
                     }
                     // The same page whether the token was known: it must not tell.
                     const std::string shown =
                         language->has_value() ? **language : settings.language;
                     SetPage(call.exchange.response, 200,
                             survey::RenderUnsubscribePage(shown, token, /*done=*/true));
                   })));
}

}  // namespace bw::server
