#include "server/loop_routes.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "server/request_params.h"
#include "server/responses.h"
#include "service/loop_service.h"

namespace bw::server {
namespace {

namespace http = boost::beast::http;
using nlohmann::ordered_json;

Result<int64_t> CaseId(RouteCall& call) {
  const std::string& text = call.path["id"];
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return NotFound("no case \"" + text + "\"");
  }
  return id;
}

}  // namespace

void AddLoopRoutes(Router& router, const Guard& guard, LockedStore& store, const Clock& clock,
                   const config::WorkspaceConfig& workspace, std::function<void()> on_write) {
  router.Add(
      http::verb::get, "/api/v1/cases",
      guard(Access::kRead, [&](RouteCall& call, const Caller& caller) {
        Response& response = call.exchange.response;
        if (Status s = OnlyParameters(call, {"status", "owner", "limit", "offset"}); !s.ok()) {
          return SetError(response, s);
        }
        Result<std::pair<int64_t, int64_t>> paging = ParsePaging(call);
        if (!paging.ok()) return SetError(response, paging.status());
        store::CaseFilter filter;
        if (const std::string* s = QueryValue(call, "status")) filter.status = *s;
        if (!filter.status.empty() && filter.status != "open" && filter.status != "in_progress" &&
            filter.status != "closed") {
          return SetError(response, InvalidField("status",
                                                 "status must be open, in_progress or "
                                                 "closed"));
        }
        if (const std::string* o = QueryValue(call, "owner")) filter.owner = *o;
        // An account manager sees their own cases, whatever they ask for.
        if (!caller.scope.owner.empty()) filter.owner = caller.scope.owner;
        filter.limit = paging->first;
        filter.offset = paging->second;
        Result<store::CasePage> page = [&] {
          std::lock_guard lock(store.mutex);
          return store.store->cases().ListCases(filter);
        }();
        if (!page.ok()) return SetError(response, page.status());
        ordered_json body;
        body["total"] = page->total;
        body["limit"] = filter.limit;
        body["offset"] = filter.offset;
        body["items"] = ordered_json::array();
        for (const store::Case& c : page->cases) {
          body["items"].push_back(service::CaseToJson(c));
        }
        SetJson(response, body);
      }));

  router.Add(http::verb::get, "/api/v1/cases/{id}",
             guard(Access::kRead, [&](RouteCall& call, const Caller& caller) {
               Response& response = call.exchange.response;
               Result<int64_t> id = CaseId(call);
               if (!id.ok()) return SetError(response, id.status());
               std::optional<store::Case> found;
               std::vector<store::CaseEvent> events;
               Status status = [&]() -> Status {
                 std::lock_guard lock(store.mutex);
                 BW_ASSIGN_OR_RETURN(found, store.store->cases().FindCase(*id));
                 if (!found) return Status::Ok();
                 BW_ASSIGN_OR_RETURN(events, store.store->cases().ListEvents(*id));
                 return Status::Ok();
               }();
               if (!status.ok()) return SetError(response, status);
               if (!found || (!caller.scope.owner.empty() && found->owner != caller.scope.owner)) {
                 return SetError(response, NotFound("no case " + std::to_string(*id)));
               }
               SetJson(response, service::CaseWithEventsToJson(*found, events));
             }));

  router.Add(http::verb::patch, "/api/v1/cases/{id}",
             guard(Access::kWrite, [&, on_write](RouteCall& call, const Caller& caller) {
               Response& response = call.exchange.response;
               Result<int64_t> id = CaseId(call);
               if (!id.ok()) return SetError(response, id.status());
               const nlohmann::json body =
                   nlohmann::json::parse(call.exchange.request.body(), nullptr, false);
               if (body.is_discarded() || !body.is_object()) {
                 return SetError(response, InvalidArgument("the body must be a JSON object"));
               }
               loop::CaseUpdate update;
               for (const auto& [key, value] : body.items()) {
                 std::string* target = key == "status"   ? &update.status
                                       : key == "note"   ? &update.note
                                       : key == "action" ? &update.action
                                       : key == "due"    ? &update.action_due
                                                         : nullptr;
                 if (target == nullptr) {
                   return SetError(response, InvalidField(key, "unknown field \"" + key + "\""));
                 }
                 if (!value.is_string()) {
                   return SetError(response, InvalidField(key, key + " must be a string"));
                 }
                 *target = value.get<std::string>();
               }
               Result<store::Case> updated = [&] {
                 std::lock_guard lock(store.mutex);
                 return service::UpdateCase(*store.store, *id, update, caller.principal.email,
                                            caller.scope.owner, workspace, clock);
               }();
               if (!updated.ok()) return SetError(response, updated.status());
               on_write();
               SetJson(response, service::CaseToJson(*updated));
             }));

  router.Add(http::verb::get, "/api/v1/webhooks/dead-letters",
             guard(Access::kAdmin, [&](RouteCall& call, const Caller&) {
               Response& response = call.exchange.response;
               if (Status s = OnlyParameters(call, {"limit", "offset"}); !s.ok()) {
                 return SetError(response, s);
               }
               Result<std::pair<int64_t, int64_t>> paging = ParsePaging(call);
               if (!paging.ok()) return SetError(response, paging.status());
               Result<std::vector<store::OutboxMessage>> dead = [&] {
                 std::lock_guard lock(store.mutex);
                 return store.store->outreach().ListMessages(
                     "webhook", "failed", static_cast<int>(paging->first + paging->second));
               }();
               if (!dead.ok()) return SetError(response, dead.status());
               ordered_json body;
               body["items"] = ordered_json::array();
               for (size_t i = static_cast<size_t>(paging->second); i < dead->size(); ++i) {
                 body["items"].push_back(service::DeadLetterToJson((*dead)[i]));
               }
               SetJson(response, body);
             }));

  router.Add(http::verb::post, "/api/v1/webhooks/dead-letters/{id}/replay",
             guard(Access::kAdmin, [&](RouteCall& call, const Caller&) {
               Response& response = call.exchange.response;
               const std::string& id = call.path["id"];
               Status status = [&] {
                 std::lock_guard lock(store.mutex);
                 return store.store->outreach().Requeue(id, clock.UnixSeconds());
               }();
               if (!status.ok()) return SetError(response, status);
               SetJson(response, ordered_json{{"id", id}, {"state", "pending"}});
             }));
}

}  // namespace bw::server
