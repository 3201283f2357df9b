#include "server/api.h"

#include <fmt/core.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "analytics/account_360.h"
#include "analytics/account_facts.h"
#include "analytics/engagement_classes.h"
#include "analytics/simulator.h"
#include "core/ascii.h"
#include "core/date.h"
#include "server/authorize.h"
#include "server/loop_routes.h"
#include "server/openapi.h"
#include "server/record_routes.h"
#include "server/request_params.h"
#include "server/responses.h"
#include "server/static_site.h"
#include "server/survey_pages.h"
#include "server/wave_routes.h"
#include "service/account_csv.h"
#include "service/account_json.h"
#include "service/account_query.h"
#include "service/account_risk.h"
#include "service/account_xlsx.h"
#include "service/churn_json.h"
#include "service/json_writer.h"
#include "service/loop_service.h"
#include "service/report_json.h"
#include "service/summary_json.h"

namespace bw::server {
namespace {

namespace http = boost::beast::http;
using nlohmann::ordered_json;
using store::UserRole;

bool IsStateChange(http::verb method) {
  return method != http::verb::get && method != http::verb::head && method != http::verb::options;
}

// A figure object answers as the CLI prints it with --format json: byte for byte.
std::string FigureText(const ordered_json& body) {
  return body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}
void SetFigure(Response& response, const ordered_json& body) {
  SetJsonText(response, FigureText(body));
}
// The same for a figure of cached book views: rendered once per entry and name.
void SetCachedFigure(Response& response, const service::BookEntry& entry, const std::string& name,
                     const std::function<ordered_json()>& encode) {
  SetJsonText(response, *entry.Text(name, [&] { return FigureText(encode()); }));
}

// `as_of` of an analytics request: YYYY-MM-DD, default the last day of the last complete
// month by the server's clock (metrics.md).
Result<Day> AsOf(const RouteCall& call, const Clock& clock) {
  const std::string* text = QueryValue(call, "as_of");
  if (text == nullptr) return LastDayOfLastCompleteMonth(clock.Today());
  const std::optional<Day> day = ParseDate(*text);
  if (!day) return InvalidField("as_of", "as_of: \"" + *text + "\" is not a date (YYYY-MM-DD)");
  return *day;
}

// The as-of date of an analytics route that knows only `as_of` among query parameters (or
// also `more`): unknown parameters and bad dates are 400s naming the field.
Result<Day> AsOfOnly(const RouteCall& call, const Clock& clock,
                     std::initializer_list<std::string_view> known = {"as_of"}) {
  BW_RETURN_IF_ERROR(OnlyParameters(call, known));
  return AsOf(call, clock);
}

// The `risk` parameter of the account 360 and rows (docs/api.md, "Churn risk"): true or
// false, false when absent.
Result<bool> RiskParameter(const RouteCall& call) {
  const std::string* text = QueryValue(call, "risk");
  if (text == nullptr || *text == "false" || *text == "0") return false;
  if (*text == "true" || *text == "1") return true;
  return InvalidField("risk", "risk: \"" + *text + "\" is not true or false");
}

Status FromQueryError(const service::QueryError& error) {
  return InvalidField(error.field, error.status.message());
}

std::optional<Category> CategoryNamed(const std::string& name) {
  for (Category c :
       {Category::kPromoter, Category::kPassive, Category::kDetractor, Category::kNonResponder}) {
    if (CategoryName(c) == name) return c;
  }
  return std::nullopt;
}

// The body of POST /reports/simulate: {"moves": [{"from", "to", "share"}], "target_nps": x}.
Result<analytics::SimulationScenario> ParseScenario(const std::string& text) {
  const nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgument("the body must be a JSON object");
  }
  analytics::SimulationScenario scenario;
  for (const auto& [key, value] : body.items()) {
    if (key == "moves") {
      if (!value.is_array()) return InvalidField("moves", "moves must be an array");
      for (size_t i = 0; i < value.size(); ++i) {
        const nlohmann::json& move = value[i];
        const std::string where = "moves[" + std::to_string(i) + "]";
        if (!move.is_object()) return InvalidField(where, where + " must be an object");
        analytics::CategoryMove m;
        for (const auto& [mk, mv] : move.items()) {
          const std::string field = where + "." + mk;
          if (mk == "from" || mk == "to") {
            const std::optional<Category> c =
                mv.is_string() ? CategoryNamed(mv.get<std::string>()) : std::nullopt;
            if (!c) {
              return InvalidField(field, field +
                                             " must be promoter, passive, detractor or "
                                             "non_responder");
            }
            (mk == "from" ? m.from : m.to) = *c;
          } else if (mk == "share") {
            if (!mv.is_number() || !(mv.get<double>() >= 0 && mv.get<double>() <= 1)) {
              return InvalidField(field, field + " must be a number from 0 to 1");
            }
            m.share = mv.get<double>();
          } else {
            return InvalidField(field, "unknown field \"" + field + "\"");
          }
        }
        for (const char* required : {"from", "to", "share"}) {
          if (!move.contains(required)) {
            return InvalidField(where + "." + required, where + "." + required + " is missing");
          }
        }
        scenario.moves.push_back(m);
      }
    } else if (key == "target_nps") {
      if (value.is_null()) continue;
      if (!value.is_number()) return InvalidField("target_nps", "target_nps must be a number");
      scenario.target_account_nps = value.get<double>();
    } else {
      return InvalidField(key, "unknown field \"" + key + "\"");
    }
  }
  return scenario;
}

}  // namespace

App::App(store::Store& store, config::WorkspaceConfig workspace, const Clock& clock,
         AppOptions options)
    : clock_(clock),
      options_(options),
      books_(
          [this](DataSetSink& sink) -> Status {
            if (options_.open_snapshot_reader) {
              // A connection per build: builds may run at once (a scope's first request
              // while the refresher builds the book), and SQLite's WAL lets readers read a
              // committed state while the writer goes on.
              BW_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> reader,
                                  options_.open_snapshot_reader());
              return reader->Scan(sink);
            }
            std::lock_guard lock(store_.mutex);
            return store_.store->Scan(sink);
          },
          std::move(workspace)),
      auth_(store_, clock, options.auth),
      survey_limiter_(books_.workspace().survey.answers_per_minute),
      writes_(store_, [this] { RequestRefresh(); }) {
  store_.store = &store;
  RegisterRoutes();
  refresher_ = std::thread([this] { RefreshLoop(); });
}

App::~App() {
  {
    std::lock_guard lock(refresh_mutex_);
    stopping_ = true;
  }
  refresh_wake_.notify_all();
  refresher_.join();
}

bool App::WaitUntilLoaded(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!books_.loaded()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

void App::RefreshLoop() {
  int64_t served_version = -1;
  for (;;) {
    Result<int64_t> version = [&]() -> Result<int64_t> {
      std::lock_guard lock(store_.mutex);
      return store_.store->DataVersion();
    }();
    if (!version.ok()) {
      metrics_.RecordStoreError();
    } else if (*version != served_version) {
      if (books_.Refresh().ok()) {
        served_version = *version;
        snapshot_built_at_ = clock_.UnixSeconds();
      } else {
        metrics_.RecordStoreError();
      }
    }
    books_.ReleaseRetired();
    std::unique_lock lock(refresh_mutex_);
    // At most one build per kMinRebuildInterval however fast writes come: under a stream
    // of writes the snapshot trails them by about one build.
    constexpr auto kMinRebuildInterval = std::chrono::milliseconds(250);
    if (refresh_wake_.wait_for(lock, kMinRebuildInterval, [this] { return stopping_; })) return;
    if (refresh_wake_.wait_for(lock, options_.poll_interval - kMinRebuildInterval,
                               [this] { return stopping_ || refresh_requested_; }) &&
        stopping_) {
      return;
    }
    refresh_requested_ = false;
  }
}

void App::RequestRefresh() {
  {
    std::lock_guard lock(refresh_mutex_);
    refresh_requested_ = true;
  }
  refresh_wake_.notify_all();
}

void App::Handle(Exchange& exchange) {
  const auto start = std::chrono::steady_clock::now();
  router_.Dispatch(exchange);
  metrics_.RecordRequest(
      exchange.route, exchange.response.result_int(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

Result<std::shared_ptr<const service::BookEntry>> App::ViewsAsOf(const RouteCall& call,
                                                                 const Caller& caller) {
  BW_ASSIGN_OR_RETURN(const Day as_of, AsOfOnly(call, clock_));
  return books_.Views(caller.scope, as_of);
}

void App::RegisterRoutes() {
  // Every route goes through here: authentication, the role's access, CSRF for state
  // changes made with a cookie, and the scope of the accounts the caller sees.
  const Guard guarded = [this](Access access, GuardedHandler handler) -> RouteHandler {
    return [this, access, handler = std::move(handler)](RouteCall& call) {
      Response& response = call.exchange.response;
      if (access == Access::kPublic) return handler(call, Caller{});
      Result<Principal> principal = auth_.Authenticate(call.exchange.request);
      if (!principal.ok()) return SetError(response, principal.status());
      call.exchange.user = principal->email;
      const UserRole role = principal->role;
      const bool allowed = access == Access::kRead || access == Access::kQuery ||
                           (access == Access::kWrite && role != UserRole::kViewer) ||
                           (access == Access::kAdmin && role == UserRole::kAdmin);
      if (!allowed) {
        return SetError(response,
                        PermissionDenied("the role " + std::string(store::UserRoleName(role)) +
                                         " may not do this"));
      }
      if (access != Access::kQuery && IsStateChange(call.exchange.request.method())) {
        if (Status csrf = auth_.CheckCsrf(call.exchange.request, *principal); !csrf.ok()) {
          return SetError(response, 403, "csrf", csrf.message());
        }
      }
      Caller caller{*principal, {}};
      if (role == UserRole::kAccountManager) caller.scope.owner = principal->email;
      handler(call, caller);
    };
  };

  // Outside /api/v1.
  router_.Add(http::verb::get, "/healthz",
              guarded(Access::kPublic, [](RouteCall& call, const Caller&) {
                SetJson(call.exchange.response, ordered_json{{"status", "ok"}});
              }));
  router_.Add(
      http::verb::get, "/readyz", guarded(Access::kPublic, [this](RouteCall& call, const Caller&) {
        Status store_ok = [&] {
          std::lock_guard lock(store_.mutex);
          return store_.store->DataVersion().status();
        }();
        if (!store_ok.ok())
          return SetError(call.exchange.response, Unavailable("store unreachable"));
        if (!books_.loaded()) {
          return SetError(call.exchange.response, Unavailable("the snapshot is still loading"));
        }
        SetJson(call.exchange.response, ordered_json{{"status", "ready"}});
      }));
  router_.Add(http::verb::get, "/metrics",
              guarded(Access::kPublic, [this](RouteCall& call, const Caller&) {
                MetricsRegistry::Gauges gauges;
                gauges.snapshot_version = books_.version();
                gauges.snapshot_build_seconds = books_.last_build_seconds();
                if (snapshot_built_at_ > 0) {
                  gauges.snapshot_age_seconds =
                      static_cast<double>(clock_.UnixSeconds() - snapshot_built_at_);
                }
                Response& response = call.exchange.response;
                response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
                response.body() = metrics_.Render(gauges);
              }));
  // The dashboard: every GET outside /api/ that no route has is one of its files or one
  // of its views (server/static_site.h). Not a route of the API, so not in openapi.json.
  router_.SetFallback([this](RouteCall& call) {
    Exchange& exchange = call.exchange;
    Response& response = exchange.response;
    const std::string_view target(exchange.request.target().data(),
                                  exchange.request.target().size());
    const std::string_view path = target.substr(0, target.find('?'));
    if (path == "/api" || path.rfind("/api/", 0) == 0) {
      return SetError(response, NotFound("no such path"));
    }
    exchange.route = "GET (dashboard)";
    if (exchange.request.method() != http::verb::get) {
      SetError(response, Status(StatusCode::kInvalidArgument, "method not allowed"));
      response.result(http::status::method_not_allowed);
      response.set(http::field::allow, "GET");
      return;
    }
    if (options_.dashboard) return options_.dashboard->Serve(exchange.request, response);
    if (path != "/") return SetError(response, NotFound("no such path"));
    response.set(http::field::content_type, "text/html; charset=utf-8");
    response.set("Content-Security-Policy", kDashboardContentSecurityPolicy);
    response.body() =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Bellwether</title></head><body><h1>Bellwether</h1><p>This server has no "
        "dashboard to show: build it with <code>bash scripts/build.sh</code> (or <code>npm ci "
        "&amp;&amp; npm run build</code> in <code>web/</code>) and restart, or point "
        "<code>bellwether serve --web-root DIR</code> at a built one (docs/dashboard.md). "
        "The JSON API is served under <code>/api/v1</code>; its contract is "
        "<a href=\"/api/v1/openapi.json\">openapi.json</a>.</p></body></html>\n";
  });
  router_.Add(http::verb::get, "/api/v1/openapi.json",
              guarded(Access::kPublic, [](RouteCall& call, const Caller&) {
                SetJsonText(call.exchange.response, std::string(OpenApiDocument()));
              }));

  // Sessions.
  router_.Add(
      http::verb::post, "/api/v1/session",
      guarded(Access::kPublic, [this](RouteCall& call, const Caller&) {
        Response& response = call.exchange.response;
        const nlohmann::json body =
            nlohmann::json::parse(call.exchange.request.body(), nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
          return SetError(response, InvalidArgument("the body must be a JSON object"));
        }
        for (const auto& [key, value] : body.items()) {
          if (key != "email" && key != "password") {
            return SetError(response, InvalidField(key, "unknown field \"" + key + "\""));
          }
          if (!value.is_string()) {
            return SetError(response, InvalidField(key, key + " must be a string"));
          }
        }
        if (!body.contains("email"))
          return SetError(response, InvalidField("email", "email is missing"));
        if (!body.contains("password")) {
          return SetError(response, InvalidField("password", "password is missing"));
        }
        int64_t retry_after = 0;
        Result<LoginResult> login =
            auth_.Login(body["email"].get<std::string>(), body["password"].get<std::string>(),
                        call.exchange.peer, retry_after);
        if (!login.ok()) {
          SetError(response, login.status());
          if (login.status().code() == StatusCode::kResourceExhausted) {
            response.set(http::field::retry_after, std::to_string(retry_after));
          }
          return;
        }
        call.exchange.user = login->principal.email;
        response.set(http::field::set_cookie, auth_.SessionCookie(login->session_id));
        SetJson(response, ordered_json{{"user",
                                        {{"email", login->principal.email},
                                         {"name", login->principal.name},
                                         {"role", store::UserRoleName(login->principal.role)}}},
                                       {"csrf_token", login->principal.csrf_token}});
      }));
  router_.Add(http::verb::get, "/api/v1/session",
              guarded(Access::kRead, [](RouteCall& call, const Caller& caller) {
                SetJson(
                    call.exchange.response,
                    ordered_json{{"user",
                                  {{"email", caller.principal.email},
                                   {"name", caller.principal.name},
                                   {"role", store::UserRoleName(caller.principal.role)}}},
                                 {"csrf_token", caller.principal.via_token
                                                    ? ordered_json(nullptr)
                                                    : ordered_json(caller.principal.csrf_token)}});
              }));
  router_.Add(http::verb::delete_, "/api/v1/session",
              guarded(Access::kRead, [this](RouteCall& call, const Caller& caller) {
                if (Status s = auth_.Logout(caller.principal); !s.ok()) {
                  return SetError(call.exchange.response, s);
                }
                call.exchange.response.set(http::field::set_cookie, auth_.ExpiredSessionCookie());
                call.exchange.response.result(http::status::no_content);
              }));

  // What the dashboard's header shows: the workspace, its currency, the default as-of date.
  router_.Add(http::verb::get, "/api/v1/workspace",
              guarded(Access::kRead, [this](RouteCall& call, const Caller&) {
                Response& response = call.exchange.response;
                if (Status s = OnlyParameters(call, {}); !s.ok()) return SetError(response, s);
                SetJson(response,
                        ordered_json{{"name", options_.workspace_name},
                                     {"currency", books_.workspace().currency},
                                     {"default_as_of",
                                      FormatDate(LastDayOfLastCompleteMonth(clock_.Today()))}});
              }));

  // Figures.
  router_.Add(http::verb::get, "/api/v1/metrics/summary",
              guarded(Access::kRead, [this](RouteCall& call, const Caller& caller) {
                Response& response = call.exchange.response;
                Result<std::shared_ptr<const service::BookEntry>> entry = ViewsAsOf(call, caller);
                if (!entry.ok()) return SetError(response, entry.status());
                const service::BookEntry& e = **entry;
                SetCachedFigure(response, e, "summary",
                                [&] { return service::SummaryToJson(e.views.summary); });
              }));

  enum class Download { kNone, kCsv, kXlsx };
  auto accounts = [this](Download download) {
    return [this, download](RouteCall& call, const Caller& caller) {
      const bool csv = download != Download::kNone;
      Response& response = call.exchange.response;
      Result<Day> as_of = AsOf(call, clock_);
      if (!as_of.ok()) return SetError(response, as_of.status());
      Result<bool> risk = RiskParameter(call);
      if (!risk.ok()) return SetError(response, risk.status());
      std::vector<std::pair<std::string, std::string>> parameters;
      for (const auto& [name, value] : call.query) {
        if (name != "as_of" && name != "risk") parameters.emplace_back(name, value);
      }
      service::QueryResult<service::AccountQuery> query = service::ParseApiAccountQuery(parameters);
      if (!query.ok()) return SetError(response, FromQueryError(query.error()));
      service::AccountQuery q = *query;
      if (csv) {
        q.limit = 0;  // downloads hold the whole filtered list (api.md)
        q.offset = 0;
      } else if (QueryValue(call, "limit") == nullptr) {
        q.limit = 100;
      }
      if (!csv && q.limit > 1000) {
        return SetError(response, InvalidField("limit", "limit may be at most 1000"));
      }
      Result<std::shared_ptr<const service::BookEntry>> entry = books_.Views(caller.scope, *as_of);
      if (!entry.ok()) return SetError(response, entry.status());
      const snapshot::Snapshot& snap = *(*entry)->snapshot;
      auto run_query = [&] { return service::QueryKeptRows(snap, (*entry)->views.rows, q); };
      if (download == Download::kXlsx) {
        const service::AccountPage page = run_query();
        Result<std::string> bytes = service::AccountListToXlsx(snap, page.rows);
        if (!bytes.ok()) return SetError(response, bytes.status());
        response.set(http::field::content_type,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.set(http::field::content_disposition,
                     "attachment; filename=\"accounts-" + FormatDate(*as_of) + ".xlsx\"");
        response.body() = std::move(*bytes);
        return;
      }
      if (csv) {
        std::string text = service::AccountListToCsv(snap, run_query().rows);
        response.set(http::field::content_type, "text/csv; charset=utf-8");
        response.set(http::field::content_disposition,
                     "attachment; filename=\"accounts-" + FormatDate(*as_of) + ".csv\"");
        response.body() = std::move(text);
        return;
      }
      if (*risk) {
        // The rows with their churn risk (the model of the whole book): a page of at most
        // 1,000 rows as a DOM, its text the streamed one's plus the two keys per row.
        Result<std::shared_ptr<const service::ChurnEntry>> churn = books_.Churn(*as_of);
        if (!churn.ok()) return SetError(response, churn.status());
        const service::ChurnEntry& c = **churn;
        const service::RiskLookup lookup({&c.model, c.snapshot.get(), &c.scores});
        const service::AccountPage page = run_query();
        ordered_json list = service::AccountListToJson(snap, *as_of, page.rows);
        ordered_json out;
        out["as_of"] = list["as_of"];
        out["total"] = page.matching;
        out["limit"] = q.limit;
        out["offset"] = q.offset;
        out["accounts"] = std::move(list["accounts"]);
        service::AddRowRisks(out["accounts"], lookup);
        return SetFigure(response, out);
      }
      // Streamed, not built as a DOM (the same text as dump(2) at a third of the cost), and
      // kept with the views by its query: a dashboard asks for the same page again.
      const std::string_view target(call.exchange.request.target().data(),
                                    call.exchange.request.target().size());
      const size_t question = std::min(target.find('?'), target.size());
      const std::string key = "accounts" + std::string(target.substr(question));
      SetJsonText(response, *(*entry)->Text(key, [&] {
        const service::AccountPage page = run_query();
        std::string text;
        text.reserve(1024 + page.rows.size() * 1100);
        service::JsonWriter writer(
            &text, {.indent = 2, .invalid_utf8 = nlohmann::json::error_handler_t::replace});
        service::WriteAccountPageJson(writer, snap, {*as_of, page.matching, q.limit, q.offset},
                                      page.rows, 0, page.rows.size());
        text += '\n';
        return text;
      }));
    };
  };
  router_.Add(http::verb::get, "/api/v1/accounts",
              guarded(Access::kRead, accounts(Download::kNone)));
  router_.Add(http::verb::get, "/api/v1/accounts.csv",
              guarded(Access::kRead, accounts(Download::kCsv)));
  router_.Add(http::verb::get, "/api/v1/accounts.xlsx",
              guarded(Access::kRead, accounts(Download::kXlsx)));

  // Churn risk (docs/churn.md): the model of the whole book, the scores of the caller's scope,
  // explanations for the accounts of the page only.
  auto churn_list = [this](bool threats) {
    return [this, threats](RouteCall& call, const Caller& caller) {
      Response& response = call.exchange.response;
      Result<Day> as_of =
          threats ? AsOfOnly(call, clock_) : AsOfOnly(call, clock_, {"as_of", "limit", "offset"});
      if (!as_of.ok()) return SetError(response, as_of.status());
      std::pair<int64_t, int64_t> paging{0, 0};
      if (!threats) {
        Result<std::pair<int64_t, int64_t>> parsed = ParsePaging(call);
        if (!parsed.ok()) return SetError(response, parsed.status());
        paging = *parsed;
      }
      Result<std::shared_ptr<const service::ChurnEntry>> entry = books_.Churn(*as_of);
      if (!entry.ok()) return SetError(response, entry.status());
      const service::ChurnEntry& e = **entry;
      const snapshot::Snapshot& snap = *e.snapshot;
      const predict::ChurnSettings& settings = books_.workspace().churn;
      std::vector<size_t> shown;
      for (size_t i : threats ? predict::Threats(e.scores, settings) : [&] {
             std::vector<size_t> all(e.scores.accounts.size());
             for (size_t k = 0; k < all.size(); ++k) all[k] = k;
             return all;
           }()) {
        const snapshot::AccountIndex a = e.scores.accounts[i].account;
        if (caller.scope.owner.empty() ||
            AsciiLower(snap.owner[static_cast<size_t>(a)]) == caller.scope.owner) {
          shown.push_back(i);
        }
      }
      const int64_t total = static_cast<int64_t>(shown.size());
      if (!threats) {
        const size_t begin = static_cast<size_t>(std::min(paging.second, total));
        const size_t end = static_cast<size_t>(std::min(paging.second + paging.first, total));
        shown = std::vector<size_t>(shown.begin() + static_cast<std::ptrdiff_t>(begin),
                                    shown.begin() + static_cast<std::ptrdiff_t>(end));
      }
      predict::ChurnScores page = predict::Subset(e.scores, shown);
      if (Status s = predict::Explain(
              e.model, settings,
              [&] {
                std::vector<size_t> all(page.accounts.size());
                for (size_t k = 0; k < all.size(); ++k) all[k] = k;
                return all;
              }(),
              page);
          !s.ok()) {
        return SetError(response, s);
      }
      std::vector<size_t> order(page.accounts.size());
      for (size_t k = 0; k < order.size(); ++k) order[k] = k;
      ordered_json body = service::ChurnScoresToJson(snap, page, order,
                                                     service::ChurnModelToJson(e.model, "trained"));
      ordered_json out;
      out["as_of"] = body["as_of"];
      out["model"] = body["model"];
      out["total"] = total;
      if (threats) {
        out["threat_risk"] = settings.threat_risk;
        out["threats"] = body["scores"];
      } else {
        out["limit"] = paging.first;
        out["offset"] = paging.second;
        out["scores"] = body["scores"];
      }
      SetFigure(response, out);
    };
  };
  router_.Add(http::verb::get, "/api/v1/churn/scores", guarded(Access::kRead, churn_list(false)));
  router_.Add(http::verb::get, "/api/v1/churn/threats", guarded(Access::kRead, churn_list(true)));

  router_.Add(http::verb::get, "/api/v1/accounts/{id}",
              guarded(Access::kRead, [this](RouteCall& call, const Caller& caller) {
                Response& response = call.exchange.response;
                Result<Day> as_of = AsOfOnly(call, clock_, {"as_of", "risk"});
                if (!as_of.ok()) return SetError(response, as_of.status());
                Result<bool> risk = RiskParameter(call);
                if (!risk.ok()) return SetError(response, risk.status());
                Result<std::shared_ptr<const snapshot::Snapshot>> snap =
                    books_.SnapshotFor(caller.scope);
                if (!snap.ok()) return SetError(response, snap.status());
                const std::string& id = call.path["id"];
                const config::WorkspaceConfig& ws = books_.workspace();
                Result<analytics::Account360> view =
                    analytics::ComputeAccount360(**snap, id, *as_of, ws.metrics, ws.health);
                // Outside the caller's scope an account does not exist (api.md: never reveal it).
                if (!view.ok())
                  return SetError(response, view.status().code() == StatusCode::kNotFound
                                                ? NotFound("no account \"" + id + "\"")
                                                : view.status());
                ordered_json out = service::Account360ToJson(**snap, *view, *as_of);
                if (*risk) {
                  Result<std::shared_ptr<const service::ChurnEntry>> churn = books_.Churn(*as_of);
                  if (!churn.ok()) return SetError(response, churn.status());
                  const service::ChurnEntry& c = **churn;
                  Result<ordered_json> j = service::AccountChurnJson(
                      {&c.model, c.snapshot.get(), &c.scores}, id, ws.churn);
                  if (!j.ok()) return SetError(response, j.status());
                  out["churn"] = std::move(*j);
                }
                SetFigure(response, out);
              }));

  // Every account of the matrix as a point, for the dashboard's scatter chart.
  router_.Add(http::verb::get, "/api/v1/reports/matrix/points",
              guarded(Access::kRead, [this](RouteCall& call, const Caller& caller) {
                Response& response = call.exchange.response;
                Result<std::shared_ptr<const service::BookEntry>> entry = ViewsAsOf(call, caller);
                if (!entry.ok()) return SetError(response, entry.status());
                const service::BookEntry& e = **entry;
                SetJsonText(response, *e.Text("matrix-points", [&] {
                  std::string text;
                  text.reserve(256 + e.views.rows.size() * 80);
                  service::JsonWriter writer(
                      &text,
                      {.indent = -1, .invalid_utf8 = nlohmann::json::error_handler_t::replace});
                  service::WriteMatrixPointsJson(writer, *e.snapshot, e.as_of, e.views.rows);
                  text += '\n';
                  return text;
                }));
              }));

  router_.Add(
      http::verb::get, "/api/v1/reports/{name}",
      guarded(Access::kRead, [this](RouteCall& call, const Caller& caller) {
        Response& response = call.exchange.response;
        const std::string& name = call.path["name"];
        const bool campaign = name == "campaign";
        Result<Day> as_of =
            campaign ? AsOfOnly(call, clock_, {"as_of", "baseline", "followup", "classified_on"})
                     : AsOfOnly(call, clock_);
        if (!as_of.ok()) return SetError(response, as_of.status());
        Result<std::shared_ptr<const service::BookEntry>> entry =
            books_.Views(caller.scope, *as_of);
        if (!entry.ok()) return SetError(response, entry.status());
        const service::BookEntry& e = **entry;
        const analytics::BookViews& v = e.views;
        const snapshot::Snapshot& snap = *e.snapshot;
        const Day d = *as_of;
        const std::map<std::string, std::function<ordered_json()>> reports = {
            {"matrix", [&] { return service::MatrixToJson(d, v.matrix); }},
            {"lifecycle", [&] { return service::LifecycleToJson(d, v.lifecycle); }},
            {"drivers", [&] { return service::DriversToJson(d, v.drivers); }},
            {"retention",
             [&] {
               return service::RetentionReportToJson(d, v.summary.retention, v.retention_segments);
             }},
            {"touchpoints", [&] { return service::TouchpointsToJson(snap, d, v.touchpoints); }},
            {"responses", [&] { return service::ResponsesToJson(snap, d, v.responses); }},
            {"health-check", [&] { return service::HealthCheckToJson(d, v.health_check); }},
        };
        if (const auto report = reports.find(name); report != reports.end()) {
          return SetCachedFigure(response, e, name, report->second);
        }
        if (name == "loop") {  // docs/surveys.md, "Loop figures"; scoped like the accounts
          Result<std::vector<store::Case>> cases = [&] {
            std::lock_guard lock(store_.mutex);
            return store_.store->cases().AllCases();
          }();
          if (!cases.ok()) return SetError(response, cases.status());
          std::vector<store::Case> seen;
          for (store::Case& c : *cases) {
            if (caller.scope.owner.empty() || c.owner == caller.scope.owner) {
              seen.push_back(std::move(c));
            }
          }
          return SetFigure(response, service::LoopFiguresToJson(
                                         snap, seen, d, books_.workspace().metrics.window_days));
        }
        if (campaign) {
          const std::string* baseline = QueryValue(call, "baseline");
          const std::string* followup = QueryValue(call, "followup");
          if (baseline == nullptr)
            return SetError(response, InvalidField("baseline", "baseline wave is missing"));
          if (followup == nullptr)
            return SetError(response, InvalidField("followup", "followup wave is missing"));
          Day classified_on;
          if (const std::string* text = QueryValue(call, "classified_on")) {
            const std::optional<Day> day = ParseDate(*text);
            if (!day)
              return SetError(response,
                              InvalidField("classified_on", "classified_on is not a date"));
            classified_on = *day;
          } else {
            const std::optional<Day> end = analytics::BaselineWaveEnd(snap, *baseline, d);
            if (!end)
              return SetError(response, NotFound("survey wave \"" + *baseline + "\" not found"));
            classified_on = *end;
          }
          Result<analytics::CampaignReport> report = analytics::ComputeCampaign(
              snap, d, classified_on, *baseline, *followup, books_.workspace().metrics);
          if (!report.ok()) return SetError(response, report.status());
          return SetFigure(response, service::CampaignToJson(d, *report));
        }
        SetError(response, NotFound("no report \"" + name +
                                    "\" (matrix, lifecycle, drivers, retention, "
                                    "touchpoints, responses, health-check, campaign, loop)"));
      }));

  router_.Add(http::verb::post, "/api/v1/reports/simulate",
              guarded(Access::kQuery, [this](RouteCall& call, const Caller& caller) {
                Response& response = call.exchange.response;
                Result<Day> as_of = AsOfOnly(call, clock_);
                if (!as_of.ok()) return SetError(response, as_of.status());
                Result<analytics::SimulationScenario> scenario =
                    ParseScenario(call.exchange.request.body());
                if (!scenario.ok()) return SetError(response, scenario.status());
                Result<std::shared_ptr<const snapshot::Snapshot>> snap =
                    books_.SnapshotFor(caller.scope);
                if (!snap.ok()) return SetError(response, snap.status());
                const analytics::MetricParams& params = books_.workspace().metrics;
                const analytics::AccountFacts facts =
                    analytics::ComputeAccountFacts(**snap, *as_of, params);
                Result<analytics::SimulationReport> report =
                    analytics::Simulate(**snap, facts, params, *scenario);
                if (!report.ok()) return SetError(response, report.status());
                SetFigure(response, service::SimulationToJson(*as_of, *report));
              }));

  AddRecordRoutes(router_, guarded, store_, writes_, clock_, [this] { RequestRefresh(); });
  AddSurveyPages(router_, guarded, store_, writes_, clock_, books_.workspace(), survey_limiter_);
  AddLoopRoutes(router_, guarded, store_, clock_, books_.workspace(), [this] { RequestRefresh(); });
  AddWaveRoutes(router_, guarded, store_, books_, clock_, books_.workspace(),
                [this] { RequestRefresh(); });

  router_.Add(http::verb::get, "/api/v1/audit",
              guarded(Access::kAdmin, [this](RouteCall& call, const Caller&) {
                Response& response = call.exchange.response;
                if (Status s = OnlyParameters(call, {"limit", "offset"}); !s.ok())
                  return SetError(response, s);
                Result<std::pair<int64_t, int64_t>> paging = ParsePaging(call);
                if (!paging.ok()) return SetError(response, paging.status());
                Result<store::AuditPage> page = [&] {
                  std::lock_guard lock(store_.mutex);
                  return store_.store->users().ListAudit(paging->first, paging->second);
                }();
                if (!page.ok()) return SetError(response, page.status());
                ordered_json body;
                body["total"] = page->total;
                body["limit"] = paging->first;
                body["offset"] = paging->second;
                body["items"] = ordered_json::array();
                for (const store::AuditEntry& e : page->entries) {
                  auto parsed = [](const std::string& text) {
                    if (text.empty()) return ordered_json(nullptr);
                    ordered_json j = ordered_json::parse(text, nullptr, false);
                    return j.is_discarded() ? ordered_json(text) : j;
                  };
                  body["items"].push_back({{"id", e.id},
                                           {"at", e.at},
                                           {"actor", e.actor},
                                           {"action", e.action},
                                           {"object_type", e.object_type},
                                           {"object_id", e.object_id},
                                           {"before", parsed(e.before_json)},
                                           {"after", parsed(e.after_json)}});
                }
                SetJson(response, body);
              }));
}

}  // namespace bw::server
