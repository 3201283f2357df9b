#include "io/data_set_reader.h"

#include <fast_float/fast_float.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <span>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "core/executor.h"
#include "core/suggest.h"
#include "io/csv_reader.h"
#include "io/internal/file_key_set.h"
#include "io/internal/id_fold.h"
#include "io/internal/key_table.h"

namespace bw::io {
namespace {

// Files in the order they are read (records.h: DataSetSink order).
enum class FileKind {
  kAccounts,
  kContacts,
  kRevenue,
  kInvitations,
  kResponses,
  kTouchpoints,
  kSignals
};
constexpr int kFileCount = 7;

struct ColumnSpec {
  std::string_view name;
  bool required;  // the column must be in the header and its value non-empty
};

// data-format.md, one table per file. The enums below index these arrays.
constexpr ColumnSpec kAccountColumns[] = {
    {"account_id", true}, {"name", true},         {"industry", false},   {"region", false},
    {"owner", false},     {"acquisition", false}, {"created_on", false}, {"churned_on", false}};
enum AccountColumn {
  kAccAccountId,
  kAccName,
  kAccIndustry,
  kAccRegion,
  kAccOwner,
  kAccAcquisition,
  kAccCreatedOn,
  kAccChurnedOn
};

constexpr ColumnSpec kContactColumns[] = {{"contact_id", true}, {"account_id", true},
                                          {"name", false},      {"email", false},
                                          {"role", true},       {"left_on", false}};
enum ContactColumn { kConContactId, kConAccountId, kConName, kConEmail, kConRole, kConLeftOn };

constexpr ColumnSpec kRevenueColumns[] = {{"account_id", true}, {"month", true}, {"amount", true}};
enum RevenueColumn { kRevAccountId, kRevMonth, kRevAmount };

constexpr ColumnSpec kInvitationColumns[] = {
    {"invitation_id", true}, {"contact_id", true}, {"survey_id", true}, {"sent_on", true}};
enum InvitationColumn { kInvInvitationId, kInvContactId, kInvSurveyId, kInvSentOn };

constexpr ColumnSpec kResponseColumns[] = {
    {"response_id", true}, {"contact_id", true}, {"survey_id", false}, {"responded_on", true},
    {"score", true},       {"comment", false},   {"drivers", false}};
enum ResponseColumn {
  kResResponseId,
  kResContactId,
  kResSurveyId,
  kResRespondedOn,
  kResScore,
  kResComment,
  kResDrivers
};

constexpr ColumnSpec kTouchpointColumns[] = {{"touchpoint_id", true},
                                             {"account_id", true},
                                             {"contact_id", false},
                                             {"type", true},
                                             {"occurred_on", true}};
enum TouchpointColumn { kTpTouchpointId, kTpAccountId, kTpContactId, kTpType, kTpOccurredOn };

constexpr ColumnSpec kSignalColumns[] = {
    {"account_id", true}, {"signal", true}, {"observed_on", true}, {"value", true}};
enum SignalColumn { kSigAccountId, kSigSignal, kSigObservedOn, kSigValue };

struct FileSpec {
  std::string_view file_name;
  std::span<const ColumnSpec> columns;
};

constexpr std::array<FileSpec, kFileCount> kFiles = {{
    {"accounts.csv", kAccountColumns},
    {"contacts.csv", kContactColumns},
    {"revenue.csv", kRevenueColumns},
    {"invitations.csv", kInvitationColumns},
    {"responses.csv", kResponseColumns},
    {"touchpoints.csv", kTouchpointColumns},
    {"signals.csv", kSignalColumns},
}};

constexpr uint64_t kProgressStep = 4 << 20;
constexpr size_t kMaxAccountIdBytes = 64;

// Reservations made from EstimateRows are capped at this (docs/limits.md): beyond it the
// tables grow as rows arrive, so what a file only claims to hold costs nothing.
constexpr size_t kMaxReservedRows = size_t{1} << 22;

// About how many rows `input` holds: its size times the non-blank line ends per byte of
// its first megabyte, plus a tenth for rows shorter than those sampled, at most
// kMaxReservedRows. Blank lines (which are not rows) do not count, so a file of blank
// lines reserves nothing; multi-line quoted fields only make the estimate high, which
// merely wastes some table slots.
size_t EstimateRows(std::string_view input) {
  constexpr size_t kSampleBytes = 1 << 20;
  const std::string_view sample = input.substr(0, kSampleBytes);
  size_t lines = 1;
  char before = '\n', before_that = '\n';
  for (const char c : sample) {
    if (c == '\n' && before != '\n' && !(before == '\r' && before_that == '\n')) ++lines;
    before_that = before;
    before = c;
  }
  if (sample.size() == input.size()) return std::min(lines, kMaxReservedRows);
  const double per_byte = static_cast<double>(lines) / static_cast<double>(sample.size());
  const double estimate = per_byte * static_cast<double>(input.size()) * 1.1 + 16;
  return estimate >= static_cast<double>(kMaxReservedRows) ? kMaxReservedRows
                                                           : static_cast<size_t>(estimate);
}
constexpr int kPrefetchRows = 8;

// A file with bytes that are not UTF-8 is likely in another encoding (docs/importing.md).
constexpr std::string_view kInvalidUtf8 =
    "invalid UTF-8 (if the file is in another encoding, say which: --encoding windows-1252)";

std::string Quoted(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  out.append(value);
  out.push_back('"');
  return out;
}

// Header names match case-insensitively, ignoring surrounding spaces.
std::string NormalizeColumnName(std::string_view name) {
  size_t begin = 0, end = name.size();
  while (begin < end && (name[begin] == ' ' || name[begin] == '\t')) ++begin;
  while (end > begin && (name[end - 1] == ' ' || name[end - 1] == '\t')) --end;
  std::string out(name.substr(begin, end - begin));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// data-format.md, contacts.csv: "email must look like an address": one '@', a non-empty
// local part, a domain with a dot inside it, no white space.
bool LooksLikeEmail(std::string_view text) {
  const size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  if (text.find('@', at + 1) != std::string_view::npos) return false;
  if (text.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  const std::string_view domain = text.substr(at + 1);
  const size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.';
}

bool IsSignalName(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// Plain digits with a value from 0 to 10 ("7", "10", "07").
std::optional<int> ParseScore(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > 10) return std::nullopt;
  }
  return value;
}

// The text of a well-formed amount (ParseMoney's syntax) that ParseMoney refused: too large.
bool IsMoneyTooLarge(std::string_view text) {
  if (text.starts_with('-')) text.remove_prefix(1);
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == text.npos ? std::string_view() : text.substr(dot + 1);
  auto digits = [](std::string_view t) {
    return t.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return !whole.empty() && digits(whole) && digits(fraction);
}

std::string AboveMoneyLimit() {
  return "is above the limit of " + FormatMoney(kMaxAmountCents) + " per row (docs/limits.md)";
}

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const char* last = text.data() + text.size();
  const auto result = fast_float::from_chars(text.data(), last, value);
  if (result.ec != std::errc() || result.ptr != last || !std::isfinite(value)) return std::nullopt;
  return value;
}

// The keys later files refer to: written while accounts.csv and contacts.csv are read,
// read-only (and so shared by concurrent readers) afterwards.
struct ReferenceKeys {
  internal::KeyTable accounts;         // account_id -> ordinal
  internal::KeyTable contacts;         // contact_id -> ordinal
  std::vector<int64_t> account_lines;  // ordinal -> line in accounts.csv
  std::vector<int64_t> contact_lines;  // ordinal -> line in contacts.csv
};

// What concurrent readers share: progress, callbacks, and the signal to stop early.
struct SharedProgress {
  std::mutex callback_mutex;  // serialises on_reject, on_warning and on_progress
  std::atomic<uint64_t> bytes_done{0};
  std::atomic<bool> stop{false};
};

class DataSetReader {
 public:
  DataSetReader(DataSetSink& sink, const ReadOptions& options, uint64_t total_bytes,
                ReferenceKeys& keys, SharedProgress& progress)
      : sink_(sink),
        options_(options),
        total_bytes_(total_bytes),
        progress_(progress),
        accounts_(keys.accounts),
        contacts_(keys.contacts),
        account_lines_(keys.account_lines),
        contact_lines_(keys.contact_lines) {}

  Status ReadFile(FileKind kind, CsvReader& reader);
  const ReadStats& stats() const { return stats_; }

 private:
  Status ReadRows(FileKind kind, CsvReader& reader);
  Status ReadHeader(CsvReader& reader, const FileSpec& spec);
  void SetPrefetchTargets(FileKind kind);
  void PrefetchAhead(std::string_view input, uint64_t consumed);
  Status ProcessRow(FileKind kind);
  Status Reject(Status reason);

  Status CheckAccount(AccountRecord& r);
  Status CheckContact(ContactRecord& r);
  Status CheckRevenue(RevenueRecord& r);
  Status CheckInvitation(InvitationRecord& r);
  Status CheckResponse(ResponseRecord& r);
  Status CheckTouchpoint(TouchpointRecord& r);
  Status CheckSignal(SignalRecord& r);

  // Hashes `column`'s value for the lookups in `keys` and starts loading its slot.
  void PrefetchKey(const internal::KeyTable& keys, int column) {
    const uint64_t hash = internal::KeyTable::Hash(Get(column));
    column_hash_[static_cast<size_t>(column)] = hash;
    keys.Prefetch(hash);
  }
  uint64_t HashOf(int column) const { return column_hash_[static_cast<size_t>(column)]; }

  // PrefetchKey for a reference column: nothing to do when the row refers to the same key
  // as the row before (revenue and signal rows usually come grouped by account), since
  // Reference() then answers from its memo.
  void PrefetchReference(const internal::KeyTable& keys, int column) {
    const ReferenceMemo& memo = reference_memo_[static_cast<size_t>(column)];
    if (memo.valid && memo.key == Get(column)) return;
    PrefetchKey(keys, column);
  }

  std::string_view Get(int column) const {
    const int index = column_index_[static_cast<size_t>(column)];
    return index < 0 ? std::string_view() : (*fields_)[static_cast<size_t>(index)];
  }
  Status Error(int column, std::string_view what) const;
  Status Error(std::string_view column, std::string_view what) const;
  Status Required(int column, std::string_view* out) const;
  // `lines`: for tables whose value is an ordinal (accounts_, contacts_), the line of each
  // ordinal, to name where a duplicate key was first seen; null when the value is a line.
  Status UniqueKey(int column, const internal::KeyTable& keys, std::string_view* out,
                   const std::vector<int64_t>* lines = nullptr) const;
  // UniqueKey for the key of a file nothing refers to (file_keys_).
  Status UniqueFileKey(int column, std::string_view* out);
  // Checks that the key exists and sets *ordinal to the value stored with it (the
  // referenced record's ordinal), or kNoOrdinal when the optional value is empty.
  Status Reference(int column, const internal::KeyTable& keys, std::string_view noun, bool required,
                   int32_t* ordinal, std::string_view* out) const;
  Status Date(int column, bool required, Day* out) const;
  // Reports a warning, at most kMaxWarningsPerFile per file; FinishWarnings() then says
  // how many were left out.
  void Warn(const std::string& warning);
  void FinishWarnings();
  // Warns when the account id just accepted differs from an earlier one only by a byte
  // order mark, surrounding spaces or Unicode normalization (internal/id_fold.h).
  void CheckLookAlikeAccount(std::string_view id);
  // The key of a signal row (account ordinal, day, name) as bytes for signal_keys_.
  static std::string SignalKey(const SignalRecord& r);

  DataSetSink& sink_;
  const ReadOptions& options_;
  ReadStats stats_;
  uint64_t total_bytes_;

  // The file being read, and its name in messages (the CsvReader's name: "revenue.csv", or
  // e.g. "book.xlsx:revenue" for a sheet converted to the import format).
  const FileSpec* spec_ = nullptr;
  std::string file_name_;
  std::vector<int> column_index_;  // spec column -> header position, -1 when absent
  std::vector<std::string> header_names_;
  const std::vector<std::string_view>* fields_ = nullptr;
  int64_t line_ = 0;
  std::array<uint64_t, 8> column_hash_{};  // set by PrefetchKey for the row's key columns
  // The last key found by Reference() in each column of the file, and its ordinal. Only
  // hits are kept, and the reference tables only grow, so a memo never goes stale.
  struct ReferenceMemo {
    bool valid = false;
    std::string key;
    int32_t ordinal = kNoOrdinal;
  };
  mutable std::array<ReferenceMemo, 8> reference_memo_{};

  // Key lookups are cache misses in tables of millions of keys. A cursor runs a few rows
  // ahead of the reader over the raw text and prefetches the slots of their key fields, so
  // the misses overlap with the work on earlier rows. It is only a hint: a row it cannot
  // split simply (a quote) is skipped, and it restarts when the reader overtakes it.
  struct PrefetchTarget {
    size_t header_index;
    const internal::KeyTable* table;
  };
  std::vector<PrefetchTarget> prefetch_targets_;
  uint64_t ahead_offset_ = 0;
  int rows_ahead_ = 0;

  SharedProgress& progress_;
  // The shared ReferenceKeys, by the names the checks use.
  internal::KeyTable& accounts_;
  internal::KeyTable& contacts_;
  std::vector<int64_t>& account_lines_;
  std::vector<int64_t>& contact_lines_;
  internal::FileKeySet file_keys_;      // invitation, response or touchpoint ids of one file
  internal::KeyTable signal_keys_;      // (account, day, signal) of signals.csv -> line
  internal::KeyTable folded_accounts_;  // folds of account ids that differ from the id -> line
  int warnings_ = 0;                    // of the file being read
  int64_t revenue_total_cents_ = 0;     // of revenue.csv, against kMaxTotalRevenueCents
};

Status DataSetReader::Error(std::string_view column, std::string_view what) const {
  std::string message(file_name_);
  message += ':';
  message += std::to_string(line_);
  message += ": ";
  message += column;
  message += ": ";
  message += what;
  StatusDetail detail;
  detail.file = file_name_;
  detail.line = line_;
  detail.field = std::string(column);
  return Status(StatusCode::kInvalidArgument, std::move(message), std::move(detail));
}

Status DataSetReader::Error(int column, std::string_view what) const {
  return Error(spec_->columns[static_cast<size_t>(column)].name, what);
}

Status DataSetReader::Required(int column, std::string_view* out) const {
  *out = Get(column);
  if (out->empty()) return Error(column, "required value missing");
  return Status::Ok();
}

Status DataSetReader::UniqueKey(int column, const internal::KeyTable& keys, std::string_view* out,
                                const std::vector<int64_t>* lines) const {
  BW_RETURN_IF_ERROR(Required(column, out));
  int64_t first = keys.Find(*out, HashOf(column));
  if (first >= 0) {
    if (lines != nullptr) first = (*lines)[static_cast<size_t>(first)];
    return Error(
        column, "duplicate key " + Quoted(*out) + " (first on line " + std::to_string(first) + ")");
  }
  return Status::Ok();
}

Status DataSetReader::UniqueFileKey(int column, std::string_view* out) {
  BW_RETURN_IF_ERROR(Required(column, out));
  const int64_t first = file_keys_.FirstLine(*out);
  if (first >= 0) {
    return Error(
        column, "duplicate key " + Quoted(*out) + " (first on line " + std::to_string(first) + ")");
  }
  return Status::Ok();
}

Status DataSetReader::Reference(int column, const internal::KeyTable& keys, std::string_view noun,
                                bool required, int32_t* ordinal, std::string_view* out) const {
  *out = Get(column);
  *ordinal = kNoOrdinal;
  if (out->empty()) {
    return required ? Error(column, "required value missing") : Status::Ok();
  }
  ReferenceMemo& memo = reference_memo_[static_cast<size_t>(column)];
  if (memo.valid && memo.key == *out) {
    *ordinal = memo.ordinal;
    return Status::Ok();
  }
  const int64_t value = keys.Find(*out, HashOf(column));
  if (value < 0) {
    // Not in the files: it may exist in the store (a partial import). Such a reference has
    // no ordinal; the sink looks it up by id.
    const auto& known = &keys == &accounts_ ? options_.known.account : options_.known.contact;
    if (known && known(*out)) return Status::Ok();
    return Error(column, "unknown " + std::string(noun) + " " + Quoted(*out));
  }
  *ordinal = static_cast<int32_t>(value);
  memo.valid = true;
  memo.key.assign(*out);
  memo.ordinal = *ordinal;
  return Status::Ok();
}

Status DataSetReader::Date(int column, bool required, Day* out) const {
  const std::string_view text = Get(column);
  if (text.empty()) {
    *out = kNoDay;
    return required ? Error(column, "required value missing") : Status::Ok();
  }
  const std::optional<Day> day = ParseDate(text);
  if (!day) return Error(column, Quoted(text) + " is not a date (YYYY-MM-DD)");
  *out = *day;
  return Status::Ok();
}

Status DataSetReader::CheckAccount(AccountRecord& r) {
  BW_RETURN_IF_ERROR(UniqueKey(kAccAccountId, accounts_, &r.account_id, &account_lines_));
  if (r.account_id.size() > kMaxAccountIdBytes) {
    return Error(kAccAccountId, Quoted(r.account_id) + " is longer than 64 bytes");
  }
  BW_RETURN_IF_ERROR(Required(kAccName, &r.name));
  r.industry = Get(kAccIndustry);
  r.region = Get(kAccRegion);
  r.owner = Get(kAccOwner);
  const std::string_view acquisition = Get(kAccAcquisition);
  const std::optional<Acquisition> parsed = ParseAcquisition(acquisition);
  if (!parsed) {
    return Error(kAccAcquisition, Quoted(acquisition) +
                                      " is not an acquisition (earned, bought or empty)" +
                                      DidYouMean(acquisition, {"earned", "bought"}));
  }
  r.acquisition = *parsed;
  BW_RETURN_IF_ERROR(Date(kAccCreatedOn, false, &r.created_on));
  BW_RETURN_IF_ERROR(Date(kAccChurnedOn, false, &r.churned_on));
  if (r.created_on != kNoDay && r.churned_on != kNoDay && r.churned_on < r.created_on) {
    return Error(kAccChurnedOn, Quoted(Get(kAccChurnedOn)) + " is before created_on " +
                                    Quoted(Get(kAccCreatedOn)));
  }
  return Status::Ok();
}

Status DataSetReader::CheckContact(ContactRecord& r) {
  BW_RETURN_IF_ERROR(UniqueKey(kConContactId, contacts_, &r.contact_id, &contact_lines_));
  BW_RETURN_IF_ERROR(
      Reference(kConAccountId, accounts_, "account", true, &r.account_ordinal, &r.account_id));
  r.name = Get(kConName);
  r.email = Get(kConEmail);
  if (!r.email.empty() && !LooksLikeEmail(r.email)) {
    return Error(kConEmail, Quoted(r.email) + " is not an email address");
  }
  std::string_view role;
  BW_RETURN_IF_ERROR(Required(kConRole, &role));
  const std::optional<Role> parsed = ParseRole(role);
  if (!parsed) {
    return Error(kConRole, Quoted(role) +
                               " is not a role (decision_maker, influencer, user or an alias)" +
                               DidYouMean(role, {"decision_maker", "influencer", "user"}));
  }
  r.role = *parsed;
  return Date(kConLeftOn, false, &r.left_on);
}

Status DataSetReader::CheckRevenue(RevenueRecord& r) {
  BW_RETURN_IF_ERROR(
      Reference(kRevAccountId, accounts_, "account", true, &r.account_ordinal, &r.account_id));
  std::string_view text;
  BW_RETURN_IF_ERROR(Required(kRevMonth, &text));
  const std::optional<MonthIndex> month = ParseMonth(text);
  if (!month) return Error(kRevMonth, Quoted(text) + " is not a month (YYYY-MM)");
  r.month = *month;
  BW_RETURN_IF_ERROR(Required(kRevAmount, &text));
  const std::optional<Cents> amount = ParseMoney(text);
  if (!amount) {
    if (IsMoneyTooLarge(text)) return Error(kRevAmount, Quoted(text) + " " + AboveMoneyLimit());
    return Error(kRevAmount, Quoted(text) + " is not an amount (like 1234.50)");
  }
  if (*amount < 0 || (text.front() == '-' && text.find_first_not_of("-0.") != text.npos)) {
    return Error(kRevAmount, Quoted(text) + " is negative");
  }
  if (*amount > kMaxAmountCents) return Error(kRevAmount, Quoted(text) + " " + AboveMoneyLimit());
  // Amounts are at most kMaxAmountCents, so the sum cannot overflow before this check.
  revenue_total_cents_ += *amount;
  if (revenue_total_cents_ > kMaxTotalRevenueCents) {
    return Error(kRevAmount, "the revenue of the data set adds up to more than " +
                                 FormatMoney(kMaxTotalRevenueCents) + " (docs/limits.md)");
  }
  r.amount = *amount;
  return Status::Ok();
}

Status DataSetReader::CheckInvitation(InvitationRecord& r) {
  BW_RETURN_IF_ERROR(UniqueFileKey(kInvInvitationId, &r.invitation_id));
  BW_RETURN_IF_ERROR(
      Reference(kInvContactId, contacts_, "contact", true, &r.contact_ordinal, &r.contact_id));
  BW_RETURN_IF_ERROR(Required(kInvSurveyId, &r.survey_id));
  return Date(kInvSentOn, true, &r.sent_on);
}

Status DataSetReader::CheckResponse(ResponseRecord& r) {
  BW_RETURN_IF_ERROR(UniqueFileKey(kResResponseId, &r.response_id));
  BW_RETURN_IF_ERROR(
      Reference(kResContactId, contacts_, "contact", true, &r.contact_ordinal, &r.contact_id));
  r.survey_id = Get(kResSurveyId);
  BW_RETURN_IF_ERROR(Date(kResRespondedOn, true, &r.responded_on));
  std::string_view text;
  BW_RETURN_IF_ERROR(Required(kResScore, &text));
  const std::optional<int> score = ParseScore(text);
  if (!score) return Error(kResScore, Quoted(text) + " is not an integer from 0 to 10");
  r.score = *score;
  r.comment = Get(kResComment);
  r.drivers = Get(kResDrivers);
  return Status::Ok();
}

Status DataSetReader::CheckTouchpoint(TouchpointRecord& r) {
  BW_RETURN_IF_ERROR(UniqueFileKey(kTpTouchpointId, &r.touchpoint_id));
  BW_RETURN_IF_ERROR(
      Reference(kTpAccountId, accounts_, "account", true, &r.account_ordinal, &r.account_id));
  BW_RETURN_IF_ERROR(
      Reference(kTpContactId, contacts_, "contact", false, &r.contact_ordinal, &r.contact_id));
  std::string_view text;
  BW_RETURN_IF_ERROR(Required(kTpType, &text));
  const std::optional<TouchpointType> type = ParseTouchpointType(text);
  if (!type) {
    return Error(kTpType, Quoted(text) +
                              " is not a touchpoint type (support_ticket, business_review, "
                              "meeting, call, email, marketing_email, training, other)" +
                              DidYouMean(text, {"support_ticket", "business_review", "meeting",
                                                "call", "email", "marketing_email", "training",
                                                "other"}));
  }
  r.type = *type;
  return Date(kTpOccurredOn, true, &r.occurred_on);
}

Status DataSetReader::CheckSignal(SignalRecord& r) {
  BW_RETURN_IF_ERROR(
      Reference(kSigAccountId, accounts_, "account", true, &r.account_ordinal, &r.account_id));
  BW_RETURN_IF_ERROR(Required(kSigSignal, &r.signal));
  if (!IsSignalName(r.signal)) {
    return Error(kSigSignal, Quoted(r.signal) + " is not a signal name ([a-z0-9_]+)");
  }
  BW_RETURN_IF_ERROR(Date(kSigObservedOn, true, &r.observed_on));
  std::string_view text;
  BW_RETURN_IF_ERROR(Required(kSigValue, &text));
  const std::optional<double> value = ParseNumber(text);
  if (!value) return Error(kSigValue, Quoted(text) + " is not a finite number");
  r.value = *value;
  // data-format.md, signals.csv: (account_id, signal, observed_on) is the row's key.
  const int64_t first = signal_keys_.Find(SignalKey(r));
  if (first >= 0) {
    return Error("account_id, signal, observed_on",
                 "duplicate key (" + Quoted(r.account_id) + ", " + Quoted(r.signal) + ", " +
                     Quoted(Get(kSigObservedOn)) + ") (first on line " + std::to_string(first) +
                     ")");
  }
  return Status::Ok();
}

std::string DataSetReader::SignalKey(const SignalRecord& r) {
  std::string key(sizeof(int32_t) + sizeof(Day), '\0');
  std::memcpy(key.data(), &r.account_ordinal, sizeof(int32_t));
  std::memcpy(key.data() + sizeof(int32_t), &r.observed_on, sizeof(Day));
  key.append(r.signal);
  // An account known only to the store has no ordinal: its id tells it apart.
  if (r.account_ordinal == kNoOrdinal) {
    key.push_back('\0');
    key.append(r.account_id);
  }
  return key;
}

void DataSetReader::Warn(const std::string& warning) {
  if (!options_.on_warning) return;
  if (++warnings_ > kMaxWarningsPerFile) return;
  const std::lock_guard<std::mutex> lock(progress_.callback_mutex);
  options_.on_warning(warning);
}

void DataSetReader::FinishWarnings() {
  if (warnings_ > kMaxWarningsPerFile && options_.on_warning) {
    const std::lock_guard<std::mutex> lock(progress_.callback_mutex);
    options_.on_warning(file_name_ + ": " + std::to_string(warnings_ - kMaxWarningsPerFile) +
                        " more warnings not shown");
  }
  warnings_ = 0;
}

void DataSetReader::CheckLookAlikeAccount(std::string_view id) {
  int64_t first = -1;
  if (internal::MayFold(id)) {
    const std::string folded = internal::FoldAccountId(id);
    if (folded != id) {
      const int64_t ordinal = accounts_.Find(folded);
      first = ordinal >= 0 ? account_lines_[static_cast<size_t>(ordinal)]
                           : folded_accounts_.Find(folded);
      folded_accounts_.Insert(folded, line_);
    } else if (folded_accounts_.size() > 0) {
      first = folded_accounts_.Find(id);
    }
  } else if (folded_accounts_.size() > 0) {
    first = folded_accounts_.Find(id);
  }
  if (first < 0) return;
  Warn(file_name_ + ":" + std::to_string(line_) + ": account_id: " + Quoted(id) +
       " differs from the id on line " + std::to_string(first) +
       " only by a byte order mark, surrounding spaces or Unicode normalization; they are "
       "imported as two accounts");
}

Status DataSetReader::Reject(Status reason) {
  if (!options_.skip_invalid) return reason;
  ++stats_.rows_rejected;
  if (options_.on_reject) {
    const std::vector<std::string> raw(fields_->begin(), fields_->end());
    const std::lock_guard<std::mutex> lock(progress_.callback_mutex);
    options_.on_reject(file_name_, line_, raw, reason.message());
  }
  return Status::Ok();
}

// Checks the row; a valid row's key goes into its table (only then does it exist for the
// rows that reference it) and the record to the sink.
Status DataSetReader::ProcessRow(FileKind kind) {
  if (fields_->size() != header_names_.size()) {
    return Reject(InvalidArgument(file_name_ + ":" + std::to_string(line_) + ": row has " +
                                  std::to_string(fields_->size()) + " fields, header has " +
                                  std::to_string(header_names_.size())));
  }
  switch (kind) {
    case FileKind::kAccounts: {
      AccountRecord r;
      PrefetchKey(accounts_, kAccAccountId);
      Status check = CheckAccount(r);
      if (!check.ok()) return Reject(std::move(check));
      // The table holds the account's ordinal (records carry it to the sink); its line
      // is kept beside it for duplicate-key messages.
      CheckLookAlikeAccount(r.account_id);
      accounts_.Insert(r.account_id, HashOf(kAccAccountId),
                       static_cast<int64_t>(account_lines_.size()));
      account_lines_.push_back(line_);
      return sink_.OnAccount(r);
    }
    case FileKind::kContacts: {
      ContactRecord r;
      PrefetchKey(contacts_, kConContactId);
      PrefetchReference(accounts_, kConAccountId);
      Status check = CheckContact(r);
      if (!check.ok()) return Reject(std::move(check));
      contacts_.Insert(r.contact_id, HashOf(kConContactId),
                       static_cast<int64_t>(contact_lines_.size()));
      contact_lines_.push_back(line_);
      return sink_.OnContact(r);
    }
    case FileKind::kRevenue: {
      RevenueRecord r;
      PrefetchReference(accounts_, kRevAccountId);
      Status check = CheckRevenue(r);
      if (!check.ok()) return Reject(std::move(check));
      return sink_.OnRevenue(r);
    }
    case FileKind::kInvitations: {
      InvitationRecord r;
      PrefetchReference(contacts_, kInvContactId);
      Status check = CheckInvitation(r);
      if (!check.ok()) return Reject(std::move(check));
      file_keys_.Add(r.invitation_id, line_);
      return sink_.OnInvitation(r);
    }
    case FileKind::kResponses: {
      ResponseRecord r;
      PrefetchReference(contacts_, kResContactId);
      Status check = CheckResponse(r);
      if (!check.ok()) return Reject(std::move(check));
      file_keys_.Add(r.response_id, line_);
      return sink_.OnResponse(r);
    }
    case FileKind::kTouchpoints: {
      TouchpointRecord r;
      PrefetchReference(accounts_, kTpAccountId);
      PrefetchReference(contacts_, kTpContactId);
      Status check = CheckTouchpoint(r);
      if (!check.ok()) return Reject(std::move(check));
      file_keys_.Add(r.touchpoint_id, line_);
      return sink_.OnTouchpoint(r);
    }
    case FileKind::kSignals: {
      SignalRecord r;
      PrefetchReference(accounts_, kSigAccountId);
      Status check = CheckSignal(r);
      if (!check.ok()) return Reject(std::move(check));
      signal_keys_.Insert(SignalKey(r), line_);
      return sink_.OnSignal(r);
    }
  }
  return Internal("data_set_reader.cc: unknown file kind");
}

Status DataSetReader::ReadHeader(CsvReader& reader, const FileSpec& spec) {
  const std::string& file = file_name_;
  if (!reader.Next()) {
    BW_RETURN_IF_ERROR(reader.status());
    return InvalidArgument(file + ":1: header row missing (the file is empty)");
  }
  const std::string line = std::to_string(reader.line());
  if (reader.invalid_utf8_field() >= 0) {
    return InvalidArgument(file + ":" + line + ": header: invalid UTF-8");
  }
  header_names_.clear();
  column_index_.assign(spec.columns.size(), -1);
  // The reader caps the columns (CsvReaderOptions::max_fields); a set keeps the duplicate
  // check linear anyway.
  std::unordered_set<std::string> seen;
  std::vector<std::string> unknown;
  for (std::string_view raw : reader.fields()) {
    std::string name = NormalizeColumnName(raw);
    if (!seen.insert(name).second) {
      return InvalidArgument(file + ":" + line + ": " + name + ": duplicate column");
    }
    bool known = false;
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      if (spec.columns[c].name == name) {
        column_index_[c] = static_cast<int>(header_names_.size());
        known = true;
      }
    }
    if (!known) unknown.push_back(name);
    header_names_.push_back(std::move(name));
  }
  // A header of one column holding another separator: the file is not comma-separated.
  if (header_names_.size() == 1) {
    for (const char separator : {';', '\t', '|'}) {
      if (header_names_[0].find(separator) == std::string::npos) continue;
      const std::string shown = separator == '\t' ? "a tab" : std::string("`") + separator + "`";
      return InvalidArgument(file + ":" + line + ": the header is one column " +
                             Quoted(header_names_[0]) + "; this file seems to use " + shown +
                             " as separator (the import format uses `,`)");
    }
  }
  // An unknown column that is a typo of a column the file lacks (`lef_on`) would silently
  // drop that column's values: an error unless the caller allows unknown columns.
  std::vector<std::string_view> missing;
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    if (column_index_[c] < 0) missing.push_back(spec.columns[c].name);
  }
  for (const std::string& name : unknown) {
    const std::optional<std::string> meant = ClosestName(name, missing);
    if (meant && !options_.allow_unknown_columns) {
      return InvalidArgument(file + ":" + line + ": " + name + ": unknown column (did you mean " +
                             Quoted(*meant) +
                             "?); rename it, or import without it with --allow-unknown-columns");
    }
    Warn(file + ":" + line + ": unknown column " + Quoted(name) + " ignored" +
         (meant ? " (did you mean " + Quoted(*meant) + "?)" : ""));
  }
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    if (spec.columns[c].required && column_index_[c] < 0) {
      return InvalidArgument(file + ":" + line + ": " + std::string(spec.columns[c].name) +
                             ": required column missing");
    }
  }
  reader.set_column_names(header_names_);
  return Status::Ok();
}

void DataSetReader::SetPrefetchTargets(FileKind kind) {
  std::vector<std::pair<int, const internal::KeyTable*>> keys;
  switch (kind) {
    case FileKind::kAccounts:
      keys = {{kAccAccountId, &accounts_}};
      break;
    case FileKind::kContacts:
      keys = {{kConContactId, &contacts_}, {kConAccountId, &accounts_}};
      break;
    case FileKind::kRevenue:
      keys = {{kRevAccountId, &accounts_}};
      break;
    case FileKind::kInvitations:
      keys = {{kInvContactId, &contacts_}};
      break;
    case FileKind::kResponses:
      keys = {{kResContactId, &contacts_}};
      break;
    case FileKind::kTouchpoints:
      keys = {{kTpAccountId, &accounts_}, {kTpContactId, &contacts_}};
      break;
    case FileKind::kSignals:
      keys = {{kSigAccountId, &accounts_}};
      break;
  }
  prefetch_targets_.clear();
  for (const auto& [column, table] : keys) {
    const int index = column_index_[static_cast<size_t>(column)];
    if (index >= 0) prefetch_targets_.push_back({static_cast<size_t>(index), table});
  }
  ahead_offset_ = 0;
  rows_ahead_ = 0;
}

void DataSetReader::PrefetchAhead(std::string_view input, uint64_t consumed) {
  --rows_ahead_;
  if (ahead_offset_ < consumed || rows_ahead_ < 0) {
    ahead_offset_ = consumed;
    rows_ahead_ = 0;
  }
  const char* const end = input.data() + input.size();
  while (rows_ahead_ < kPrefetchRows && ahead_offset_ < input.size()) {
    const char* p = input.data() + ahead_offset_;
    const char* start = p;
    size_t field = 0;
    while (p < end) {
      const char c = *p;
      if (c == '"') {
        const void* newline = std::memchr(p, '\n', static_cast<size_t>(end - p));
        p = newline == nullptr ? end : static_cast<const char*>(newline) + 1;
        break;
      }
      if (c == ',' || c == '\n' || c == '\r') {
        for (const PrefetchTarget& target : prefetch_targets_) {
          if (target.header_index == field) {
            target.table->Prefetch(
                internal::KeyTable::Hash(std::string_view(start, static_cast<size_t>(p - start))));
          }
        }
        if (c != ',') {
          p = std::find(p, end, '\n');
          if (p < end) ++p;
          break;
        }
        ++field;
        start = p + 1;
      }
      ++p;
    }
    ahead_offset_ = static_cast<uint64_t>(p - input.data());
    ++rows_ahead_;
  }
}

Status DataSetReader::ReadFile(FileKind kind, CsvReader& reader) {
  Status status = ReadRows(kind, reader);
  FinishWarnings();
  if (!status.ok()) {
    // A row that looked wrong may only have been read while the file changed.
    Status unchanged = reader.CheckUnchanged();
    if (!unchanged.ok()) return unchanged;
  }
  return status;
}

Status DataSetReader::ReadRows(FileKind kind, CsvReader& reader) {
  spec_ = &kFiles[static_cast<size_t>(kind)];
  file_name_ = reader.name();
  file_keys_.Reset({}, 0);
  signal_keys_.Clear();
  reference_memo_ = {};
  warnings_ = 0;
  BW_RETURN_IF_ERROR(ReadHeader(reader, *spec_));
  // Growing a key table while reading rehashes it several times: size it for the rows the
  // file holds, estimated from the line ends in its first megabyte.
  const size_t expected_rows = EstimateRows(reader.input());
  // FileKind and RecordKind list the files in the same order.
  sink_.ExpectRecords(static_cast<RecordKind>(kind), expected_rows);
  if (kind == FileKind::kInvitations || kind == FileKind::kResponses ||
      kind == FileKind::kTouchpoints) {
    file_keys_.Reset(reader.input(), expected_rows);
  } else if (kind == FileKind::kAccounts) {
    accounts_.Reserve(accounts_.size() + expected_rows);
  } else if (kind == FileKind::kContacts) {
    contacts_.Reserve(contacts_.size() + expected_rows);
  } else if (kind == FileKind::kSignals) {
    signal_keys_.Reserve(expected_rows);
  }
  SetPrefetchTargets(kind);
  uint64_t reported = 0;  // bytes of this file already added to progress_.bytes_done
  auto report_progress = [&](uint64_t consumed) {
    const uint64_t done = progress_.bytes_done.fetch_add(consumed - reported) + consumed - reported;
    reported = consumed;
    if (options_.on_progress) {
      const std::lock_guard<std::mutex> lock(progress_.callback_mutex);
      options_.on_progress(done, total_bytes_);
    }
  };
  uint64_t next_progress = kProgressStep;
  fields_ = &reader.fields();
  while (reader.Next()) {
    PrefetchAhead(reader.input(), reader.bytes_consumed());
    ++stats_.rows_read;
    line_ = reader.line();
    const int bad_field = reader.invalid_utf8_field();
    if (bad_field >= 0) {
      // A row with more fields than the header may have its bad field past the last name.
      const size_t index = static_cast<size_t>(bad_field);
      const std::string column = index < header_names_.size()
                                     ? header_names_[index]
                                     : "field " + std::to_string(index + 1);
      BW_RETURN_IF_ERROR(Reject(Error(column, kInvalidUtf8)));
      continue;
    }
    BW_RETURN_IF_ERROR(ProcessRow(kind));
    if (reader.bytes_consumed() >= next_progress) {
      // Another file's reader failed: this file's outcome no longer matters.
      if (progress_.stop.load(std::memory_order_relaxed)) return Status::Ok();
      report_progress(reader.bytes_consumed());
      next_progress = reader.bytes_consumed() + kProgressStep;
    }
  }
  BW_RETURN_IF_ERROR(reader.status());
  report_progress(reader.size());
  file_keys_.Reset({}, 0);
  return Status::Ok();
}

CsvReaderOptions ReaderOptions(const ReadOptions& read_options) {
  CsvReaderOptions options;
  options.fail_on_invalid_utf8 = false;  // an invalid field rejects its row alone
  options.max_file_bytes = read_options.max_file_bytes;
  return options;
}

std::string FileSizeLimitText(const std::string& path, uint64_t size, uint64_t limit) {
  return path + ": file is " + std::to_string(size) + " bytes, more than the limit of " +
         std::to_string(limit) + " (--max-file-size; docs/limits.md)";
}

// Reads the files; `open(i)` opens file i (only called for files that are present).
// Without concurrency the files are read in DataSetSink order by one reader. When the sink
// accepts concurrent kinds and there are two cores, the files are read in three phases,
// each phase's files split over two readers by size: accounts; then contacts, revenue and
// signals (which refer to accounts only); then invitations, responses and touchpoints.
Result<ReadStats> ReadFiles(const std::array<bool, kFileCount>& present,
                            const std::array<uint64_t, kFileCount>& sizes,
                            const std::function<Result<CsvReader>(size_t)>& open, DataSetSink& sink,
                            const ReadOptions& options) {
  uint64_t total_bytes = 0;
  for (size_t i = 0; i < kFileCount; ++i) total_bytes += present[i] ? sizes[i] : 0;
  ReferenceKeys keys;
  SharedProgress progress;
  std::array<Status, kFileCount> statuses;
  auto read_group = [&](const std::vector<size_t>& files, DataSetReader& reader) {
    for (size_t i : files) {
      if (!present[i] || progress.stop) continue;
      Result<CsvReader> csv = open(i);
      statuses[i] = csv.ok() ? reader.ReadFile(static_cast<FileKind>(i), *csv) : csv.status();
      if (!statuses[i].ok()) progress.stop = true;
    }
  };
  DataSetReader first(sink, options, total_bytes, keys, progress);
  DataSetReader second(sink, options, total_bytes, keys, progress);
  const bool concurrent = sink.AcceptsConcurrentKinds() && ProcessExecutor().Concurrency() >= 2;
  if (!concurrent) {
    read_group({0, 1, 2, 3, 4, 5, 6}, first);
  } else {
    const std::vector<std::vector<size_t>> phases = {{0}, {1, 2, 6}, {3, 4, 5}};
    for (const std::vector<size_t>& phase : phases) {
      // Largest files first, each to the reader with fewer bytes so far; each reader then
      // reads its files in DataSetSink order.
      std::vector<size_t> by_size = phase;
      std::sort(by_size.begin(), by_size.end(),
                [&sizes](size_t x, size_t y) { return sizes[x] > sizes[y]; });
      std::array<std::vector<size_t>, 2> groups;
      std::array<uint64_t, 2> bytes = {0, 0};
      for (size_t i : by_size) {
        if (!present[i]) continue;
        const size_t g = bytes[0] <= bytes[1] ? 0 : 1;
        groups[g].push_back(i);
        bytes[g] += sizes[i];
      }
      for (auto& group : groups) std::sort(group.begin(), group.end());
      if (groups[1].empty()) {
        read_group(groups[0], first);
      } else {
        // Side by side on the process's executor (no thread of our own per read).
        ProcessExecutor().ParallelFor(
            2, 2, [&](size_t g) { read_group(groups[g], g == 0 ? first : second); });
      }
      if (progress.stop) break;
    }
  }
  // The error of the earliest file wins, whichever reader met its error first.
  for (const Status& status : statuses) {
    if (!status.ok()) return status;
  }
  ReadStats stats;
  stats.rows_read = first.stats().rows_read + second.stats().rows_read;
  stats.rows_rejected = first.stats().rows_rejected + second.stats().rows_rejected;
  return stats;
}

}  // namespace

Result<ReadStats> ReadDataSet(const std::string& dir, DataSetSink& sink,
                              const ReadOptions& options) {
  // POSIX stat rather than std::filesystem: a link loop, an unreadable directory or any
  // other failure is a Status naming the path, never an exception.
  struct stat info;
  if (::stat(dir.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) return NotFound(dir + ": not found");
    return IoError("cannot read " + dir + ": " + std::strerror(error));
  }
  if (!S_ISDIR(info.st_mode)) return NotFound(dir + ": not found (not a directory)");
  std::array<std::string, kFileCount> paths;
  std::array<bool, kFileCount> present{};
  std::array<uint64_t, kFileCount> sizes{};
  // Every file is checked before any is read: a FIFO would block, a huge file take long.
  for (size_t i = 0; i < kFiles.size(); ++i) {
    paths[i] = dir + "/" + std::string(kFiles[i].file_name);
    if (::stat(paths[i].c_str(), &info) != 0) {
      const int error = errno;
      if (error == ENOENT) {
        if (i == 0 && options.require_accounts) return NotFound(paths[i] + ": not found");
        continue;
      }
      return IoError("cannot read " + paths[i] + ": " + std::strerror(error));
    }
    if (!S_ISREG(info.st_mode)) {
      return IoError("cannot read " + paths[i] + ": " +
                     (S_ISDIR(info.st_mode) ? std::string("not a regular file (a directory)")
                                            : NotARegularFile(info.st_mode)));
    }
    sizes[i] = static_cast<uint64_t>(info.st_size);
    if (sizes[i] > options.max_file_bytes) {
      return InvalidArgument(FileSizeLimitText(paths[i], sizes[i], options.max_file_bytes));
    }
    present[i] = true;
  }
  return ReadFiles(
      present, sizes,
      [&paths, &options](size_t i) {
        return CsvReader::OpenFile(paths[i], std::string(kFiles[i].file_name),
                                   ReaderOptions(options));
      },
      sink, options);
}

Result<ReadStats> ReadDataSetInputs(const DataSetInputs& inputs, DataSetSink& sink,
                                    const ReadOptions& options) {
  if (!inputs[0] && options.require_accounts) return NotFound("accounts.csv: not found");
  std::array<bool, kFileCount> present{};
  std::array<uint64_t, kFileCount> sizes{};
  for (size_t i = 0; i < kFileCount; ++i) {
    present[i] = inputs[i].has_value();
    if (!present[i]) continue;
    const DataSetInput& input = *inputs[i];
    if (input.path.empty()) {
      sizes[i] = input.bytes.size();
      continue;
    }
    struct stat info;
    if (::stat(input.path.c_str(), &info) != 0) {
      return IoError("cannot read " + input.path + ": " + std::strerror(errno));
    }
    sizes[i] = static_cast<uint64_t>(info.st_size);
  }
  for (size_t i = 0; i < kFileCount; ++i) {
    if (present[i] && sizes[i] > options.max_file_bytes) {
      return InvalidArgument(FileSizeLimitText(inputs[i]->name, sizes[i], options.max_file_bytes));
    }
  }
  return ReadFiles(
      present, sizes,
      [&inputs, &options](size_t i) -> Result<CsvReader> {
        const DataSetInput& input = *inputs[i];
        if (!input.path.empty()) {
          return CsvReader::OpenFile(input.path, input.name, ReaderOptions(options));
        }
        return CsvReader(input.bytes, input.name, ReaderOptions(options));
      },
      sink, options);
}

std::string_view DataSetFileName(size_t index) { return kFiles[index].file_name; }

Result<ReadStats> ReadDataSetFromMemory(const DataSetBuffers& buffers, DataSetSink& sink,
                                        const ReadOptions& options) {
  const std::array<const std::optional<std::string_view>*, kFileCount> files = {
      &buffers.accounts,  &buffers.contacts,    &buffers.revenue, &buffers.invitations,
      &buffers.responses, &buffers.touchpoints, &buffers.signals};
  if (!buffers.accounts && options.require_accounts) return NotFound("accounts.csv: not found");
  std::array<bool, kFileCount> present{};
  std::array<uint64_t, kFileCount> sizes{};
  for (size_t i = 0; i < kFileCount; ++i) {
    present[i] = files[i]->has_value();
    sizes[i] = present[i] ? (*files[i])->size() : 0;
    if (sizes[i] > options.max_file_bytes) {
      return InvalidArgument(
          FileSizeLimitText(std::string(kFiles[i].file_name), sizes[i], options.max_file_bytes));
    }
  }
  return ReadFiles(
      present, sizes,
      [&files, &options](size_t i) -> Result<CsvReader> {
        return CsvReader(**files[i], std::string(kFiles[i].file_name), ReaderOptions(options));
      },
      sink, options);
}

}  // namespace bw::io
