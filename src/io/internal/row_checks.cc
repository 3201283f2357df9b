// The row rules of shared/spec/data-format.md: each file's checks, unique keys and
// references, and what a valid row adds to the key tables (RowReader, row_reader.h).
#include <optional>
#include <string>
#include <utility>

#include "core/suggest.h"
#include "io/internal/row_reader.h"
#include "io/internal/value_rules.h"

namespace bw::io::internal {

Status RowReader::Error(std::string_view column, std::string_view what) const {
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

Status RowReader::Error(int column, std::string_view what) const {
  return Error(spec_->columns[static_cast<size_t>(column)].name, what);
}

Status RowReader::Required(int column, std::string_view* out) const {
  *out = Get(column);
  if (out->empty()) return Error(column, "required value missing");
  return Status::Ok();
}

Status RowReader::UniqueKey(int column, const KeyTable& keys, std::string_view* out,
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

Status RowReader::UniqueFileKey(int column, std::string_view* out) {
  BW_RETURN_IF_ERROR(Required(column, out));
  const int64_t first = file_keys_.FirstLine(*out);
  if (first >= 0) {
    return Error(
        column, "duplicate key " + Quoted(*out) + " (first on line " + std::to_string(first) + ")");
  }
  return Status::Ok();
}

Status RowReader::Reference(int column, const KeyTable& keys, std::string_view noun, bool required,
                            int32_t* ordinal, std::string_view* out) const {
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

Status RowReader::Date(int column, bool required, Day* out) const {
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

Status RowReader::CheckAccount(AccountRecord& r) {
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

Status RowReader::CheckContact(ContactRecord& r) {
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

Status RowReader::CheckRevenue(RevenueRecord& r) {
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

Status RowReader::CheckInvitation(InvitationRecord& r) {
  BW_RETURN_IF_ERROR(UniqueFileKey(kInvInvitationId, &r.invitation_id));
  BW_RETURN_IF_ERROR(
      Reference(kInvContactId, contacts_, "contact", true, &r.contact_ordinal, &r.contact_id));
  BW_RETURN_IF_ERROR(Required(kInvSurveyId, &r.survey_id));
  return Date(kInvSentOn, true, &r.sent_on);
}

Status RowReader::CheckResponse(ResponseRecord& r) {
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

Status RowReader::CheckTouchpoint(TouchpointRecord& r) {
  BW_RETURN_IF_ERROR(UniqueFileKey(kTpTouchpointId, &r.touchpoint_id));
  BW_RETURN_IF_ERROR(
      Reference(kTpAccountId, accounts_, "account", true, &r.account_ordinal, &r.account_id));
  BW_RETURN_IF_ERROR(
      Reference(kTpContactId, contacts_, "contact", false, &r.contact_ordinal, &r.contact_id));
  std::string_view text;
  BW_RETURN_IF_ERROR(Required(kTpType, &text));
  const std::optional<TouchpointType> type = ParseTouchpointType(text);
  if (!type) {
    return Error(kTpType,
                 Quoted(text) +
                     " is not a touchpoint type (support_ticket, business_review, "
                     "meeting, call, email, marketing_email, training, other)" +
                     DidYouMean(text, {"support_ticket", "business_review", "meeting", "call",
                                       "email", "marketing_email", "training", "other"}));
  }
  r.type = *type;
  return Date(kTpOccurredOn, true, &r.occurred_on);
}

Status RowReader::CheckSignal(SignalRecord& r) {
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

Status RowReader::ProcessRow(FileKind kind) {
  if (fields_->size() != header_.names.size()) {
    return Reject(InvalidArgument(file_name_ + ":" + std::to_string(line_) + ": row has " +
                                  std::to_string(fields_->size()) + " fields, header has " +
                                  std::to_string(header_.names.size())));
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
  return Internal("row_checks.cc: unknown file kind");
}

}  // namespace bw::io::internal
