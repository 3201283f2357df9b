#include "server/record_routes.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/ascii.h"
#include "io/csv_writer.h"
#include "io/data_set_reader.h"
#include "io/import_input.h"
#include "server/multipart.h"
#include "server/request_params.h"
#include "server/responses.h"
#include "service/import_support.h"
#include "store/store.h"

namespace bw::server {
namespace {

namespace http = boost::beast::http;
using nlohmann::ordered_json;
using store::RecordFields;
using store::RecordKey;
using store::RecordLayout;

// Columns whose JSON form is a number (the others are strings or null).
bool IsNumberColumn(std::string_view column) {
  return column == "amount" || column == "score" || column == "value";
}

// A record as the API shows it: the import format's columns, numbers as numbers, empty
// values as null.
ordered_json RecordJson(const RecordFields& fields) {
  ordered_json out = ordered_json::object();
  for (const auto& [column, value] : fields) {
    if (value.empty()) {
      out[column] = nullptr;
    } else if (IsNumberColumn(column)) {
      const ordered_json number = ordered_json::parse(value, nullptr, false);
      out[column] = number.is_number() ? number : ordered_json(value);
    } else {
      out[column] = value;
    }
  }
  return out;
}

std::string KeyText(const RecordKey& key) {
  std::string out;
  for (const std::string& part : key) out += (out.empty() ? "" : "/") + part;
  return out;
}

RecordKey KeyOf(const RecordLayout& layout, const RecordFields& fields) {
  RecordKey key;
  for (std::string_view column : layout.key_columns) {
    for (const auto& [name, value] : fields) {
      if (name == column) key.push_back(value);
    }
  }
  return key;
}

std::string& FieldOf(RecordFields& fields, std::string_view column) {
  for (auto& [name, value] : fields) {
    if (name == column) return value;
  }
  static std::string none;
  return none;
}

// Applies a JSON object's fields to `fields` (the import format's columns). Errors name
// the field: an unknown one, or a value of the wrong type.
Status ApplyJson(const nlohmann::json& body, const RecordLayout& layout, RecordFields& fields) {
  if (!body.is_object()) return InvalidArgument("the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (std::find(layout.columns.begin(), layout.columns.end(), key) == layout.columns.end()) {
      return InvalidField(key, "unknown field \"" + key + "\" of a " + std::string(layout.noun));
    }
    std::string& slot = FieldOf(fields, key);
    if (value.is_null()) {
      slot.clear();
    } else if (value.is_string()) {
      slot = value.get<std::string>();
    } else if (value.is_number() && IsNumberColumn(key)) {
      slot = value.dump();
    } else {
      return InvalidField(key,
                          key + (IsNumberColumn(key) ? " must be a number" : " must be a string"));
    }
  }
  return Status::Ok();
}

// The one-row CSV text of a record, in the import format.
std::string CsvOf(const RecordFields& fields) {
  std::string text;
  for (size_t i = 0; i < fields.size(); ++i) text += (i ? "," : "") + fields[i].first;
  text += '\n';
  for (size_t i = 0; i < fields.size(); ++i) {
    text += (i ? "," : "") + io::CsvWriter::Escape(fields[i].second);
  }
  text += '\n';
  return text;
}

// Streams `inputs` through the import format's reader into the transaction's sink, with
// references resolving against the store (ids the caller may see). Every broken rule is
// listed (up to a limit), not only the first.
Status ReadInto(store::WriteTransaction& tx, const store::Store& store, const std::string& owner,
                const io::DataSetInputs& inputs) {
  service::RejectedRows rejected(100);
  io::ReadOptions options;
  options.require_accounts = false;
  options.known = service::KnownToStore(store, owner);
  // A rejected row must not be written: the sink sees valid rows only, and the whole
  // write is rolled back when any row was rejected.
  rejected.Collect(options);
  Result<io::ReadStats> stats = io::ReadDataSetInputs(inputs, tx.sink(), options);
  if (!stats.ok()) return stats.status();
  return rejected.AsStatus();
}

// The one file of a record's kind, in the strict format.
io::DataSetInputs OneFile(RecordKind kind, const std::string& text) {
  io::DataSetInputs inputs;
  inputs[static_cast<size_t>(kind)] =
      io::DataSetInput{std::string(store::LayoutOf(kind).file), "", text};
  return inputs;
}

struct Resource {
  RecordKind kind;
  std::string path;  // "/api/v1/contacts"
  bool has_list_and_get = true;
};

class RecordHandlers {
 public:
  RecordHandlers(LockedStore& store, WriteBatcher& writes, const Clock& clock,
                 std::function<void()> on_write)
      : store_(store), writes_(writes), clock_(clock), on_write_(std::move(on_write)) {}

  void List(RecordKind kind, RouteCall& call, const Caller& caller) {
    Response& response = call.exchange.response;
    if (Status s = OnlyParameters(call, {"limit", "offset", "account_id", "contact_id"}); !s.ok()) {
      return SetError(response, s);
    }
    Result<std::pair<int64_t, int64_t>> paging = ParsePaging(call);
    if (!paging.ok()) return SetError(response, paging.status());
    store::RecordQuery query;
    query.owner = caller.scope.owner;
    query.limit = paging->first;
    query.offset = paging->second;
    if (const std::string* v = QueryValue(call, "account_id")) query.account_id = *v;
    if (const std::string* v = QueryValue(call, "contact_id")) query.contact_id = *v;
    Result<store::RecordPage> page = [&] {
      std::lock_guard lock(store_.mutex);
      return store_.store->ListRecords(kind, query);
    }();
    if (!page.ok()) return SetError(response, page.status());
    ordered_json body;
    body["total"] = page->total;
    body["limit"] = query.limit;
    body["offset"] = query.offset;
    body["items"] = ordered_json::array();
    for (const RecordFields& r : page->records) body["items"].push_back(RecordJson(r));
    SetJson(response, body);
  }

  void Get(RecordKind kind, RouteCall& call, const Caller& caller) {
    Response& response = call.exchange.response;
    if (Status s = OnlyParameters(call, {}); !s.ok()) return SetError(response, s);
    const RecordKey key = PathKey(kind, call);
    Result<RecordFields> record = Visible(kind, key, caller);
    if (!record.ok()) return SetError(response, record.status());
    SetJson(response, RecordJson(*record));
  }

  void Create(RecordKind kind, RouteCall& call, const Caller& caller) {
    Response& response = call.exchange.response;
    const RecordLayout& layout = store::LayoutOf(kind);
    RecordFields fields;
    for (std::string_view column : layout.columns) fields.emplace_back(column, "");
    const nlohmann::json body = nlohmann::json::parse(call.exchange.request.body(), nullptr, false);
    if (body.is_discarded()) return SetError(response, InvalidArgument("malformed JSON"));
    if (Status s = ApplyJson(body, layout, fields); !s.ok()) return SetError(response, s);
    if (Status s = CheckOwnerField(kind, fields, caller); !s.ok()) return SetError(response, s);
    const RecordKey key = KeyOf(layout, fields);
    Status status = Commit(caller, [&](store::WriteTransaction& tx) -> Status {
      if (std::all_of(key.begin(), key.end(), [](const std::string& k) { return !k.empty(); })) {
        BW_ASSIGN_OR_RETURN(std::optional<RecordFields> existing, tx.Get(kind, key));
        if (existing) {
          return AlreadyExists("a " + std::string(layout.noun) + " with the key \"" + KeyText(key) +
                               "\" exists already");
        }
      }
      const std::string csv = CsvOf(fields);
      BW_RETURN_IF_ERROR(ReadInto(tx, *store_.store, caller.scope.owner, OneFile(kind, csv)));
      return tx.Audit(AuditOf(caller, std::string(layout.noun) + ".create", kind, key, "",
                              RecordJson(fields).dump()));
    });
    if (!status.ok()) return SetError(response, status);
    Answer(kind, key, response, 201);
  }

  void Update(RecordKind kind, RouteCall& call, const Caller& caller) {
    Response& response = call.exchange.response;
    const RecordLayout& layout = store::LayoutOf(kind);
    const RecordKey key = PathKey(kind, call);
    const nlohmann::json body = nlohmann::json::parse(call.exchange.request.body(), nullptr, false);
    if (body.is_discarded()) return SetError(response, InvalidArgument("malformed JSON"));
    Status status = Commit(caller, [&](store::WriteTransaction& tx) -> Status {
      BW_ASSIGN_OR_RETURN(const RecordFields before, VisibleIn(tx, kind, key, caller));
      RecordFields after = before;
      BW_RETURN_IF_ERROR(ApplyJson(body, layout, after));
      if (KeyOf(layout, after) != key) {
        return InvalidField(std::string(layout.key_columns.front()),
                            "the key of a record cannot change; delete it and create a new one");
      }
      BW_RETURN_IF_ERROR(CheckOwnerField(kind, after, caller));
      const std::string csv = CsvOf(after);
      BW_RETURN_IF_ERROR(ReadInto(tx, *store_.store, caller.scope.owner, OneFile(kind, csv)));
      return tx.Audit(AuditOf(caller, std::string(layout.noun) + ".update", kind, key,
                              RecordJson(before).dump(), RecordJson(after).dump()));
    });
    if (!status.ok()) return SetError(response, status);
    Answer(kind, key, response, 200);
  }

  void Delete(RecordKind kind, RouteCall& call, const Caller& caller) {
    Response& response = call.exchange.response;
    const RecordLayout& layout = store::LayoutOf(kind);
    const RecordKey key = PathKey(kind, call);
    Status status = Commit(caller, [&](store::WriteTransaction& tx) -> Status {
      BW_ASSIGN_OR_RETURN(const RecordFields before, VisibleIn(tx, kind, key, caller));
      BW_RETURN_IF_ERROR(tx.Delete(kind, key));
      return tx.Audit(AuditOf(caller, std::string(layout.noun) + ".delete", kind, key,
                              RecordJson(before).dump(), ""));
    });
    if (!status.ok()) return SetError(response, status);
    response.result(http::status::no_content);
  }

  // POST /imports: a multipart upload of a data set's files, all or nothing. Each file is
  // read as `bellwether import` reads it (docs/importing.md): the strict format as it is,
  // another CSV dialect detected (or as the query's delimiter, encoding, decimal and
  // date_format say) and converted, an .xlsx workbook by its sheets.
  void Import(RouteCall& call, const Caller& caller) {
    Response& response = call.exchange.response;
    Status known = OnlyParameters(call, {"delimiter", "encoding", "decimal", "date_format"});
    if (!known.ok()) return SetError(response, known);
    io::DialectOptionTexts dialect;
    for (auto [name, text] :
         {std::pair{"delimiter", &dialect.delimiter}, std::pair{"encoding", &dialect.encoding},
          std::pair{"decimal", &dialect.decimal}, std::pair{"date_format", &dialect.date_format}}) {
      if (const std::string* value = QueryValue(call, name)) *text = *value;
    }
    io::PrepareOptions prepare;
    Result<io::DialectOverrides> overrides = io::ParseDialectOptions(dialect);
    if (!overrides.ok()) return SetError(response, overrides.status());
    prepare.overrides = *overrides;
    const auto type = call.exchange.request.find(http::field::content_type);
    Result<std::vector<MultipartFile>> files =
        ParseMultipart(type == call.exchange.request.end()
                           ? std::string_view()
                           : std::string_view(type->value().data(), type->value().size()),
                       call.exchange.request.body());
    if (!files.ok()) return SetError(response, files.status());
    std::vector<io::UploadedFile> uploads;
    std::vector<std::string> names;
    for (const MultipartFile& f : *files) {
      bool known_name = AsciiLower(f.name).ends_with(".xlsx");
      for (int k = 0; k < kRecordKindCount; ++k) {
        known_name |= store::LayoutOf(static_cast<RecordKind>(k)).file == f.name;
      }
      if (!known_name) {
        return SetError(response, InvalidField(f.name, "\"" + f.name +
                                                           "\" is not a file of the import format "
                                                           "(accounts.csv, contacts.csv, ...) or "
                                                           "an .xlsx workbook"));
      }
      uploads.push_back({f.name, f.content});
      names.push_back(f.name);
    }
    if (names.empty()) return SetError(response, InvalidArgument("no files in the upload"));
    Result<io::PreparedDataSet> prepared = io::PrepareUploadedFiles(uploads, prepare, {});
    if (!prepared.ok()) return SetError(response, prepared.status());
    store::ImportCounts counts;
    std::string names_text;
    for (const std::string& n : names) names_text += (names_text.empty() ? "" : ", ") + n;
    Result<store::ImportCounts> result = [&]() -> Result<store::ImportCounts> {
      std::lock_guard lock(store_.mutex);
      return store_.store->Write([&](store::WriteTransaction& tx) -> Status {
        // An account manager may import only accounts they own, row by row.
        OwnerCheck sink(tx.sink(), caller.scope.owner);
        ForwardingTransaction scoped(tx, sink);
        BW_RETURN_IF_ERROR(ReadInto(scoped, *store_.store, caller.scope.owner, prepared->inputs));
        return tx.Audit(AuditOf(caller, "import", RecordKind::kAccount, {names_text}, "", ""));
      });
    }();
    if (!result.ok()) return SetError(response, result.status());
    counts = *result;
    if (on_write_) on_write_();
    ordered_json read = ordered_json::array();
    for (const io::PreparedFileNote& note : prepared->notes) {
      read.push_back({{"file", note.file}, {"source", note.source}, {"how", note.how}});
    }
    SetJson(response,
            ordered_json{{"imported",
                          {{"accounts", counts.accounts},
                           {"contacts", counts.contacts},
                           {"revenue", counts.revenue},
                           {"invitations", counts.invitations},
                           {"responses", counts.responses},
                           {"touchpoints", counts.touchpoints},
                           {"signals", counts.signals}}},
                         {"read", read}},
            200);
  }

 private:
  // Refuses records of accounts the caller does not own (account managers only).
  class OwnerCheck final : public DataSetSink {
   public:
    OwnerCheck(DataSetSink& next, std::string owner) : next_(next), owner_(std::move(owner)) {}
    Status OnAccount(const AccountRecord& r) override {
      if (!owner_.empty() && AsciiLower(r.owner) != owner_) {
        return PermissionDenied("account " + std::string(r.account_id) +
                                ": an account manager may only write accounts they own");
      }
      return next_.OnAccount(r);
    }
    Status OnContact(const ContactRecord& r) override { return next_.OnContact(r); }
    Status OnRevenue(const RevenueRecord& r) override { return next_.OnRevenue(r); }
    Status OnInvitation(const InvitationRecord& r) override { return next_.OnInvitation(r); }
    Status OnResponse(const ResponseRecord& r) override { return next_.OnResponse(r); }
    Status OnTouchpoint(const TouchpointRecord& r) override { return next_.OnTouchpoint(r); }
    Status OnSignal(const SignalRecord& r) override { return next_.OnSignal(r); }

   private:
    DataSetSink& next_;
    std::string owner_;
  };

  // A transaction whose sink is replaced (to check records on their way in).
  class ForwardingTransaction final : public store::WriteTransaction {
   public:
    ForwardingTransaction(store::WriteTransaction& tx, DataSetSink& sink) : tx_(tx), sink_(sink) {}
    DataSetSink& sink() override { return sink_; }
    Result<std::optional<RecordFields>> Get(RecordKind k, const RecordKey& key) override {
      return tx_.Get(k, key);
    }
    Status Delete(RecordKind k, const RecordKey& key) override { return tx_.Delete(k, key); }
    Status Audit(const store::AuditEntry& e) override { return tx_.Audit(e); }
    Result<store::OutreachStore*> Outreach() override { return tx_.Outreach(); }
    Result<store::CaseStore*> Cases() override { return tx_.Cases(); }

   private:
    store::WriteTransaction& tx_;
    DataSetSink& sink_;
  };

  // The key from the path; accounts share `/accounts/{id}` with the account 360.
  static RecordKey PathKey(RecordKind kind, RouteCall& call) {
    if (kind == RecordKind::kAccount) return {call.path["id"]};
    RecordKey key;
    for (std::string_view column : store::LayoutOf(kind).key_columns) {
      key.push_back(call.path[std::string(column)]);
    }
    return key;
  }

  // An account manager writes only accounts they own.
  static Status CheckOwnerField(RecordKind kind, const RecordFields& fields, const Caller& caller) {
    if (kind != RecordKind::kAccount || caller.scope.owner.empty()) return Status::Ok();
    for (const auto& [name, value] : fields) {
      if (name == "owner" && AsciiLower(value) != caller.scope.owner) {
        StatusDetail detail;
        detail.field = "owner";
        return Status(StatusCode::kPermissionDenied,
                      "an account manager may only write accounts they own (owner must be " +
                          caller.scope.owner + ")",
                      std::move(detail));
      }
    }
    return Status::Ok();
  }

  // The record if it exists and the caller may see it; else kNotFound (never revealing a
  // record outside the scope).
  Result<RecordFields> Visible(RecordKind kind, const RecordKey& key, const Caller& caller) {
    std::lock_guard lock(store_.mutex);
    return VisibleLocked(kind, key, caller, [&] { return store_.store->GetRecord(kind, key); });
  }
  Result<RecordFields> VisibleIn(store::WriteTransaction& tx, RecordKind kind, const RecordKey& key,
                                 const Caller& caller) {
    return VisibleLocked(kind, key, caller, [&] { return tx.Get(kind, key); });
  }
  template <typename Read>
  Result<RecordFields> VisibleLocked(RecordKind kind, const RecordKey& key, const Caller& caller,
                                     Read&& read) {
    const std::string not_found =
        "no " + std::string(store::LayoutOf(kind).noun) + " \"" + KeyText(key) + "\"";
    if (!caller.scope.owner.empty()) {
      BW_ASSIGN_OR_RETURN(std::optional<std::string> owner, store_.store->OwnerOf(kind, key));
      if (!owner || AsciiLower(*owner) != caller.scope.owner) return NotFound(not_found);
    }
    BW_ASSIGN_OR_RETURN(std::optional<RecordFields> record, read());
    if (!record) return NotFound(not_found);
    return std::move(*record);
  }

  store::AuditEntry AuditOf(const Caller& caller, std::string action, RecordKind kind,
                            const RecordKey& key, std::string before, std::string after) const {
    store::AuditEntry e;
    e.at = clock_.UnixSeconds();
    e.actor = caller.principal.email;
    e.action = std::move(action);
    e.object_type = std::string(store::LayoutOf(kind).noun);
    e.object_id = KeyText(key);
    e.before_json = std::move(before);
    e.after_json = std::move(after);
    return e;
  }

  // Through the group commit; the committer holds the store's lock while `body` runs.
  Status Commit(const Caller&, const std::function<Status(store::WriteTransaction&)>& body) {
    return writes_.Write(body);
  }

  void Answer(RecordKind kind, const RecordKey& key, Response& response, int status) {
    Result<std::optional<RecordFields>> record = [&] {
      std::lock_guard lock(store_.mutex);
      return store_.store->GetRecord(kind, key);
    }();
    if (!record.ok() || !record->has_value()) {
      return SetError(response, Internal("the record written cannot be read back"));
    }
    SetJson(response, RecordJson(**record), status);
  }

  LockedStore& store_;
  WriteBatcher& writes_;
  const Clock& clock_;
  std::function<void()> on_write_;
};

}  // namespace

void AddRecordRoutes(Router& router, const Guard& guard, LockedStore& store, WriteBatcher& writes,
                     const Clock& clock, std::function<void()> on_write) {
  auto handlers = std::make_shared<RecordHandlers>(store, writes, clock, std::move(on_write));
  const std::vector<Resource> resources = {
      {RecordKind::kAccount, "/api/v1/accounts", false},
      {RecordKind::kContact, "/api/v1/contacts"},
      {RecordKind::kRevenue, "/api/v1/revenue"},
      {RecordKind::kInvitation, "/api/v1/invitations"},
      {RecordKind::kResponse, "/api/v1/responses"},
      {RecordKind::kTouchpoint, "/api/v1/touchpoints"},
      {RecordKind::kSignal, "/api/v1/signals"},
  };
  for (const Resource& r : resources) {
    std::string one = r.path;
    if (r.kind == RecordKind::kAccount) {
      one += "/{id}";
    } else {
      for (std::string_view column : store::LayoutOf(r.kind).key_columns) {
        one += "/{" + std::string(column) + "}";
      }
    }
    const RecordKind kind = r.kind;
    if (r.has_list_and_get) {
      router.Add(http::verb::get, r.path,
                 guard(Access::kRead, [handlers, kind](RouteCall& c, const Caller& who) {
                   handlers->List(kind, c, who);
                 }));
      router.Add(http::verb::get, one,
                 guard(Access::kRead, [handlers, kind](RouteCall& c, const Caller& who) {
                   handlers->Get(kind, c, who);
                 }));
    }
    router.Add(http::verb::post, r.path,
               guard(Access::kWrite, [handlers, kind](RouteCall& c, const Caller& who) {
                 handlers->Create(kind, c, who);
               }));
    router.Add(http::verb::patch, one,
               guard(Access::kWrite, [handlers, kind](RouteCall& c, const Caller& who) {
                 handlers->Update(kind, c, who);
               }));
    router.Add(http::verb::delete_, one,
               guard(Access::kWrite, [handlers, kind](RouteCall& c, const Caller& who) {
                 handlers->Delete(kind, c, who);
               }));
  }
  router.Add(http::verb::post, "/api/v1/imports",
             guard(Access::kWrite,
                   [handlers](RouteCall& c, const Caller& who) { handlers->Import(c, who); }));
}

}  // namespace bw::server
