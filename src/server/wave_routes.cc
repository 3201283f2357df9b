#include "server/wave_routes.h"

#include <nlohmann/json.hpp>

#include "server/responses.h"
#include "service/survey_service.h"
#include "survey/invitations.h"
#include "survey/wave.h"

namespace bw::server {
namespace {

namespace http = boost::beast::http;
using nlohmann::ordered_json;

Status OnlyProgramme(const Caller& caller) {
  if (caller.principal.role == store::UserRole::kAccountManager) {
    return PermissionDenied("the role account_manager may not run survey waves");
  }
  return Status::Ok();
}

// The body of POST /waves: {"wave_id", "title", "filters": [...], "language",
// "reminder_after_days", "max_reminders"}.
Result<survey::WaveSpec> ParseWaveSpec(const std::string& text) {
  const nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgument("the body must be a JSON object");
  }
  survey::WaveSpec spec;
  for (const auto& [key, value] : body.items()) {
    if (key == "wave_id" || key == "title" || key == "language") {
      if (!value.is_string()) return InvalidField(key, key + " must be a string");
      (key == "wave_id" ? spec.wave_id
       : key == "title" ? spec.title
                        : spec.language) = value.get<std::string>();
    } else if (key == "filters") {
      if (!value.is_array()) return InvalidField(key, "filters must be an array of strings");
      for (const auto& f : value) {
        if (!f.is_string()) return InvalidField(key, "filters must be an array of strings");
        spec.filters.push_back(f.get<std::string>());
      }
    } else if (key == "reminder_after_days" || key == "max_reminders") {
      if (!value.is_number_integer()) return InvalidField(key, key + " must be an integer");
      const int64_t n = value.get<int64_t>();
      if (n < -1'000'000 || n > 1'000'000) return InvalidField(key, key + " is out of range");
      (key == "max_reminders" ? spec.max_reminders : spec.reminder_after_days) =
          static_cast<int>(n);
    } else {
      return InvalidField(key, "unknown field \"" + key + "\"");
    }
  }
  if (spec.wave_id.empty()) return InvalidField("wave_id", "wave_id is missing");
  return spec;
}

// A status whose detail names a CLI flag ("reminder-after") names the JSON field instead.
Status AsField(const Status& status) {
  if (status.ok() || status.field().empty()) return status;
  std::string field(status.field());
  if (field == "wave") field = "wave_id";
  if (field == "reminder-after") field = "reminder_after_days";
  if (field == "max-reminders") field = "max_reminders";
  return InvalidField(field, status.message());
}

}  // namespace

void AddWaveRoutes(Router& router, const Guard& guard, LockedStore& store,
                   service::BookService& books, const Clock& clock,
                   const config::WorkspaceConfig& workspace, std::function<void()> on_write) {
  router.Add(http::verb::get, "/api/v1/waves",
             guard(Access::kRead, [&](RouteCall& call, const Caller&) {
               Result<std::vector<store::Wave>> waves = [&] {
                 std::lock_guard lock(store.mutex);
                 return store.store->outreach().ListWaves();
               }();
               if (!waves.ok()) return SetError(call.exchange.response, waves.status());
               ordered_json items = ordered_json::array();
               for (const store::Wave& w : *waves) items.push_back(service::WaveToJson(w));
               SetJson(call.exchange.response, ordered_json{{"waves", items}});
             }));

  router.Add(http::verb::get, "/api/v1/waves/{id}",
             guard(Access::kRead, [&](RouteCall& call, const Caller&) {
               Response& response = call.exchange.response;
               const std::string& id = call.path["id"];
               std::optional<store::Wave> wave;
               std::vector<store::InviteDelivery> deliveries;
               Status status = [&]() -> Status {
                 std::lock_guard lock(store.mutex);
                 BW_ASSIGN_OR_RETURN(wave, store.store->outreach().FindWave(id));
                 if (!wave) return NotFound("no wave \"" + id + "\"");
                 BW_ASSIGN_OR_RETURN(deliveries, store.store->outreach().ListDeliveries(id));
                 return Status::Ok();
               }();
               if (!status.ok()) return SetError(response, status);
               Result<std::shared_ptr<const snapshot::Snapshot>> snap =
                   books.SnapshotFor(service::Scope{});
               if (!snap.ok()) return SetError(response, snap.status());
               ordered_json j = service::WaveToJson(*wave);
               j["figures"] =
                   service::WaveFiguresToJson(**snap, clock.Today(), workspace, deliveries);
               SetJson(response, j);
             }));

  router.Add(http::verb::post, "/api/v1/waves",
             guard(Access::kWrite, [&](RouteCall& call, const Caller& caller) {
               Response& response = call.exchange.response;
               if (Status s = OnlyProgramme(caller); !s.ok()) return SetError(response, s);
               Result<survey::WaveSpec> spec = ParseWaveSpec(call.exchange.request.body());
               if (!spec.ok()) return SetError(response, spec.status());
               if (Status s = service::CheckWaveFilters(spec->filters); !s.ok()) {
                 return SetError(response, InvalidField("filters", s.message()));
               }
               Result<store::Wave> wave = [&] {
                 std::lock_guard lock(store.mutex);
                 return survey::CreateWave(*store.store, *spec, workspace.survey, clock);
               }();
               if (!wave.ok()) return SetError(response, AsField(wave.status()));
               SetJson(response, service::WaveToJson(*wave), 201);
             }));

  router.Add(http::verb::post, "/api/v1/waves/{id}/send",
             guard(Access::kWrite, [&, on_write](RouteCall& call, const Caller& caller) {
               Response& response = call.exchange.response;
               if (Status s = OnlyProgramme(caller); !s.ok()) return SetError(response, s);
               const std::string& id = call.path["id"];
               Result<survey::OutreachContext> context = service::OutreachContextOf(workspace);
               if (!context.ok()) return SetError(response, context.status());
               Result<std::optional<store::Wave>> wave = [&] {
                 std::lock_guard lock(store.mutex);
                 return store.store->outreach().FindWave(id);
               }();
               if (!wave.ok()) return SetError(response, wave.status());
               if (!*wave) return SetError(response, NotFound("no wave \"" + id + "\""));
               Result<survey::WaveDefinition> definition =
                   survey::ParseWaveDefinition((*wave)->definition_json);
               if (!definition.ok()) return SetError(response, definition.status());
               // The audience from the current snapshot of the whole book (it keeps the emails).
               Result<std::shared_ptr<const snapshot::Snapshot>> snap =
                   books.SnapshotFor(service::Scope{});
               if (!snap.ok()) return SetError(response, snap.status());
               Result<std::vector<survey::AudienceMember>> audience =
                   service::SelectAudience(**snap, clock.Today(), workspace, definition->filters);
               if (!audience.ok()) return SetError(response, audience.status());
               Result<survey::SendReport> report = [&] {
                 std::lock_guard lock(store.mutex);
                 return survey::SendWave(*store.store, id, *audience, *context, clock);
               }();
               if (!report.ok()) return SetError(response, report.status());
               on_write();
               SetJson(response, service::SendReportToJson(id, *report));
             }));

  router.Add(http::verb::post, "/api/v1/waves/{id}/remind",
             guard(Access::kWrite, [&, on_write](RouteCall& call, const Caller& caller) {
               Response& response = call.exchange.response;
               if (Status s = OnlyProgramme(caller); !s.ok()) return SetError(response, s);
               const std::string& id = call.path["id"];
               Result<survey::OutreachContext> context = service::OutreachContextOf(workspace);
               if (!context.ok()) return SetError(response, context.status());
               Result<survey::RemindReport> report = [&] {
                 std::lock_guard lock(store.mutex);
                 return survey::RemindWave(*store.store, id, /*only_due=*/false, *context, clock);
               }();
               if (!report.ok()) return SetError(response, report.status());
               on_write();
               SetJson(response, service::RemindReportToJson(id, *report));
             }));
}

}  // namespace bw::server
