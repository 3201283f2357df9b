// Test support for the store module (included by *_test.cc only): data sets that own their
// text, a seeded generator of such data sets, a model of the store's upsert semantics to
// compute what a scan must return, and sinks that render records as comparable lines.
#pragma once

#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/records.h"
#include "store/internal/sqlite.h"
#include "store/store.h"

namespace bw::store::testing {

struct Account {
  std::string account_id, name, industry, region, owner;
  Acquisition acquisition = Acquisition::kUnknown;
  Day created_on = kNoDay, churned_on = kNoDay;
  AccountRecord View() const {
    return {account_id, name, industry, region, owner, acquisition, created_on, churned_on};
  }
};
struct Contact {
  std::string contact_id, account_id, name, email;
  Role role = Role::kUser;
  Day left_on = kNoDay;
  ContactRecord View() const { return {contact_id, account_id, name, email, role, left_on}; }
};
struct Revenue {
  std::string account_id;
  MonthIndex month = 0;
  Cents amount = 0;
  RevenueRecord View() const { return {account_id, month, amount}; }
};
struct Invitation {
  std::string invitation_id, contact_id, survey_id;
  Day sent_on = kNoDay;
  InvitationRecord View() const { return {invitation_id, contact_id, survey_id, sent_on}; }
};
struct Response {
  std::string response_id, contact_id, survey_id;
  Day responded_on = kNoDay;
  int score = 0;
  std::string comment, drivers;
  ResponseRecord View() const {
    return {response_id, contact_id, survey_id, responded_on, score, comment, drivers};
  }
};
struct Touchpoint {
  std::string touchpoint_id, account_id, contact_id;
  TouchpointType type = TouchpointType::kOther;
  Day occurred_on = kNoDay;
  TouchpointRecord View() const {
    return {touchpoint_id, account_id, contact_id, type, occurred_on};
  }
};
struct Signal {
  std::string account_id, signal;
  Day observed_on = kNoDay;
  double value = 0;
  SignalRecord View() const { return {account_id, signal, observed_on, value}; }
};

struct DataSet {
  std::vector<Account> accounts;
  std::vector<Contact> contacts;
  std::vector<Revenue> revenue;
  std::vector<Invitation> invitations;
  std::vector<Response> responses;
  std::vector<Touchpoint> touchpoints;
  std::vector<Signal> signals;

  int64_t size() const {
    return static_cast<int64_t>(accounts.size() + contacts.size() + revenue.size() +
                                invitations.size() + responses.size() + touchpoints.size() +
                                signals.size());
  }

  // Streams the records in DataSetSink order, as a reader would.
  Status Emit(DataSetSink& sink) const {
    for (const auto& r : accounts) BW_RETURN_IF_ERROR(sink.OnAccount(r.View()));
    for (const auto& r : contacts) BW_RETURN_IF_ERROR(sink.OnContact(r.View()));
    for (const auto& r : revenue) BW_RETURN_IF_ERROR(sink.OnRevenue(r.View()));
    for (const auto& r : invitations) BW_RETURN_IF_ERROR(sink.OnInvitation(r.View()));
    for (const auto& r : responses) BW_RETURN_IF_ERROR(sink.OnResponse(r.View()));
    for (const auto& r : touchpoints) BW_RETURN_IF_ERROR(sink.OnTouchpoint(r.View()));
    for (const auto& r : signals) BW_RETURN_IF_ERROR(sink.OnSignal(r.View()));
    return Status::Ok();
  }
  std::function<Status(DataSetSink&)> Fill() const {
    return [this](DataSetSink& sink) { return Emit(sink); };
  }
};

// One line per record with every field; "~" marks an empty date.
inline std::string DayText(Day day) { return day == kNoDay ? "~" : std::to_string(day); }
inline std::string Line(const AccountRecord& r) {
  return "account|" + std::string(r.account_id) + "|" + std::string(r.name) + "|" +
         std::string(r.industry) + "|" + std::string(r.region) + "|" + std::string(r.owner) + "|" +
         std::to_string(static_cast<int>(r.acquisition)) + "|" + DayText(r.created_on) + "|" +
         DayText(r.churned_on);
}
inline std::string Line(const ContactRecord& r) {
  return "contact|" + std::string(r.contact_id) + "|" + std::string(r.account_id) + "|" +
         std::string(r.name) + "|" + std::string(r.email) + "|" +
         std::to_string(static_cast<int>(r.role)) + "|" + DayText(r.left_on);
}
inline std::string Line(const RevenueRecord& r) {
  return "revenue|" + std::string(r.account_id) + "|" + std::to_string(r.month) + "|" +
         std::to_string(r.amount);
}
inline std::string Line(const InvitationRecord& r) {
  return "invitation|" + std::string(r.invitation_id) + "|" + std::string(r.contact_id) + "|" +
         std::string(r.survey_id) + "|" + DayText(r.sent_on);
}
inline std::string Line(const ResponseRecord& r) {
  return "response|" + std::string(r.response_id) + "|" + std::string(r.contact_id) + "|" +
         std::string(r.survey_id) + "|" + DayText(r.responded_on) + "|" + std::to_string(r.score) +
         "|" + std::string(r.comment) + "|" + std::string(r.drivers);
}
inline std::string Line(const TouchpointRecord& r) {
  return "touchpoint|" + std::string(r.touchpoint_id) + "|" + std::string(r.account_id) + "|" +
         std::string(r.contact_id) + "|" + std::to_string(static_cast<int>(r.type)) + "|" +
         DayText(r.occurred_on);
}
inline std::string Line(const SignalRecord& r) {
  char value[32];
  std::snprintf(value, sizeof(value), "%.17g", r.value);
  return "signal|" + std::string(r.account_id) + "|" + std::string(r.signal) + "|" +
         DayText(r.observed_on) + "|" + value;
}

// Collects every record it receives as a Line.
class RecordingSink final : public DataSetSink {
 public:
  Status OnAccount(const AccountRecord& r) override { return Add(Line(r)); }
  Status OnContact(const ContactRecord& r) override { return Add(Line(r)); }
  Status OnRevenue(const RevenueRecord& r) override { return Add(Line(r)); }
  Status OnInvitation(const InvitationRecord& r) override { return Add(Line(r)); }
  Status OnResponse(const ResponseRecord& r) override { return Add(Line(r)); }
  Status OnTouchpoint(const TouchpointRecord& r) override { return Add(Line(r)); }
  Status OnSignal(const SignalRecord& r) override { return Add(Line(r)); }
  std::vector<std::string> lines;

 private:
  Status Add(std::string line) {
    lines.push_back(std::move(line));
    return Status::Ok();
  }
};

// Every record of `store` as Lines, in scan order; a scan error becomes one "error" line so
// that a comparison shows it.
inline std::vector<std::string> ScanLines(const Store& store) {
  RecordingSink sink;
  Status status = store.Scan(sink);
  if (!status.ok()) return {"error: " + status.ToString()};
  return std::move(sink.lines);
}

// What a correct store holds after a sequence of imports: each key's latest record, revenue
// summed within an import and replacing the month across imports, every table in key order.
class StoreModel {
 public:
  void Import(const DataSet& data) {
    for (const auto& r : data.accounts) accounts_[r.account_id] = Line(r.View());
    for (const auto& r : data.contacts) contacts_[r.contact_id] = Line(r.View());
    std::map<std::pair<std::string, MonthIndex>, Cents> sums;
    for (const auto& r : data.revenue) sums[{r.account_id, r.month}] += r.amount;
    for (const auto& [key, cents] : sums) revenue_[key] = cents;
    for (const auto& r : data.invitations) invitations_[r.invitation_id] = Line(r.View());
    for (const auto& r : data.responses) responses_[r.response_id] = Line(r.View());
    for (const auto& r : data.touchpoints) touchpoints_[r.touchpoint_id] = Line(r.View());
    for (const auto& r : data.signals) {
      signals_[{r.account_id, r.signal, r.observed_on}] = Line(r.View());
    }
  }
  std::vector<std::string> Lines() const {
    std::vector<std::string> out;
    for (const auto& [key, line] : accounts_) out.push_back(line);
    for (const auto& [key, line] : contacts_) out.push_back(line);
    for (const auto& [key, cents] : revenue_) {
      out.push_back(Line(RevenueRecord{key.first, key.second, cents}));
    }
    for (const auto& [key, line] : invitations_) out.push_back(line);
    for (const auto& [key, line] : responses_) out.push_back(line);
    for (const auto& [key, line] : touchpoints_) out.push_back(line);
    for (const auto& [key, line] : signals_) out.push_back(line);
    return out;
  }

 private:
  std::map<std::string, std::string> accounts_, contacts_, invitations_, responses_, touchpoints_;
  std::map<std::pair<std::string, MonthIndex>, Cents> revenue_;
  std::map<std::tuple<std::string, std::string, Day>, std::string> signals_;
};

// Forwards to `inner` and calls `trip` instead of delivering record number `after` + 1
// (0-based: after `after` records went through); the trip's status is returned.
class TripwireSink final : public DataSetSink {
 public:
  TripwireSink(DataSetSink& inner, int64_t after, std::function<Status()> trip)
      : inner_(inner), after_(after), trip_(std::move(trip)) {}
  Status OnAccount(const AccountRecord& r) override {
    BW_RETURN_IF_ERROR(Count());
    return inner_.OnAccount(r);
  }
  Status OnContact(const ContactRecord& r) override {
    BW_RETURN_IF_ERROR(Count());
    return inner_.OnContact(r);
  }
  Status OnRevenue(const RevenueRecord& r) override {
    BW_RETURN_IF_ERROR(Count());
    return inner_.OnRevenue(r);
  }
  Status OnInvitation(const InvitationRecord& r) override {
    BW_RETURN_IF_ERROR(Count());
    return inner_.OnInvitation(r);
  }
  Status OnResponse(const ResponseRecord& r) override {
    BW_RETURN_IF_ERROR(Count());
    return inner_.OnResponse(r);
  }
  Status OnTouchpoint(const TouchpointRecord& r) override {
    BW_RETURN_IF_ERROR(Count());
    return inner_.OnTouchpoint(r);
  }
  Status OnSignal(const SignalRecord& r) override {
    BW_RETURN_IF_ERROR(Count());
    return inner_.OnSignal(r);
  }

 private:
  Status Count() { return seen_++ == after_ ? trip_() : Status::Ok(); }
  DataSetSink& inner_;
  int64_t after_;
  std::function<Status()> trip_;
  int64_t seen_ = 0;
};

struct Shape {
  int accounts = 20;
  int contacts = 60;
  int revenue = 200;  // rows; about one in eight repeats an earlier account and month
  int invitations = 80;
  int responses = 80;
  int touchpoints = 80;
  int signals = 60;
};

// A valid data set of `shape` (every reference resolves), ids prefixed with `prefix`,
// drawn from `seed`. Ids are numbered without padding, so key order ("A10" < "A9")
// differs from insertion order; optional fields are empty about one time in four;
// names and comments contain umlauts.
inline DataSet MakeDataSet(uint64_t seed, const Shape& shape, const std::string& prefix = "") {
  std::mt19937_64 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  auto maybe = [&](std::string text) { return pick(4) == 0 ? std::string() : text; };
  auto day = [&]() { return static_cast<Day>(18'000 + pick(2'500)); };
  auto maybe_day = [&]() { return pick(4) == 0 ? kNoDay : day(); };
  static const char* const kNames[] = {"Müller GmbH", "Größe & Söhne", "Acme Corp",
                                       "Ölwerk Süd",  "Ærø ApS",       "北京 Ltd"};
  DataSet d;
  for (int i = 0; i < shape.accounts; ++i) {
    d.accounts.push_back(
        {prefix + "A" + std::to_string(i), std::string(kNames[pick(6)]) + " " + std::to_string(i),
         maybe("Industrie " + std::to_string(pick(5))), maybe(pick(2) ? "DACH" : "Nordics"),
         maybe("am" + std::to_string(pick(9)) + "@vendor.example"),
         static_cast<Acquisition>(pick(3)), maybe_day(), maybe_day()});
  }
  auto account = [&]() { return d.accounts[pick(shape.accounts)].account_id; };
  for (int i = 0; i < shape.contacts; ++i) {
    d.contacts.push_back({prefix + "C" + std::to_string(i), account(),
                          maybe("Jürgen Weiß " + std::to_string(i)),
                          maybe("p" + std::to_string(i) + "@kunde.example"),
                          static_cast<Role>(pick(kRoleCount)), maybe_day()});
  }
  auto contact = [&]() { return d.contacts[pick(shape.contacts)].contact_id; };
  for (int i = 0; i < shape.revenue; ++i) {
    if (i > 0 && pick(8) == 0) {
      Revenue repeat = d.revenue[pick(i)];
      repeat.amount = pick(1'000'000);
      d.revenue.push_back(repeat);
    } else {
      d.revenue.push_back({account(), MakeMonthIndex(2023 + pick(3), 1 + pick(12)),
                           static_cast<Cents>(pick(100'000'000))});
    }
  }
  for (int i = 0; i < shape.invitations; ++i) {
    d.invitations.push_back({prefix + "I" + std::to_string(i), contact(),
                             "2025-Q" + std::to_string(1 + pick(4)), day()});
  }
  for (int i = 0; i < shape.responses; ++i) {
    d.responses.push_back({prefix + "R" + std::to_string(i), contact(),
                           maybe("2025-Q" + std::to_string(1 + pick(4))), day(), pick(11),
                           maybe("Sehr zufrieden, schnelle Lösung " + std::to_string(i)),
                           maybe(pick(2) ? "support;price" : "onboarding")});
  }
  for (int i = 0; i < shape.touchpoints; ++i) {
    d.touchpoints.push_back({prefix + "T" + std::to_string(i), account(), maybe(contact()),
                             static_cast<TouchpointType>(pick(kTouchpointTypeCount)), day()});
  }
  for (int i = 0; i < shape.signals; ++i) {
    d.signals.push_back({account(), pick(2) ? "usage_hours" : "invoice_days_late", day(),
                         (static_cast<double>(pick(2'000'001)) - 1e6) / 7.0});
  }
  return d;
}

// Rows of `PRAGMA foreign_key_check` on the database at `path` as "table->parent" lines,
// or the error; empty when every reference resolves.
inline std::vector<std::string> ForeignKeyViolations(const std::string& path) {
  Result<std::unique_ptr<internal::Database>> db = internal::Database::Open(path);
  if (!db.ok()) return {db.status().ToString()};
  Result<internal::Statement> check = (*db)->Prepare("PRAGMA foreign_key_check");
  if (!check.ok()) return {check.status().ToString()};
  std::vector<std::string> out;
  while (check->Step() == SQLITE_ROW) {
    out.push_back(std::string(check->ColumnText(0)) + "->" + std::string(check->ColumnText(2)));
  }
  return out;
}

// A fresh directory under the system's temp dir, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "bw_store_test_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace bw::store::testing
