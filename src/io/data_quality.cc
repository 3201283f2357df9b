#include "io/data_quality.h"

#include <algorithm>

#include "core/ascii.h"

namespace bw::io {
namespace {

std::string Key(std::string_view a, std::string_view b) {
  std::string key(a);
  key.push_back('\0');
  key.append(b);
  return key;
}

}  // namespace

Status QualitySink::OnAccount(const AccountRecord& r) {
  ++counts_[0];
  account_ids_.emplace_back(r.account_id);
  const auto [it, added] = account_names_.emplace(AsciiLower(r.name), std::string(r.account_id));
  if (!added && it->second != r.account_id) duplicate_names_.insert(it->first);
  return next_ != nullptr ? next_->OnAccount(r) : Status::Ok();
}

Status QualitySink::OnContact(const ContactRecord& r) {
  ++counts_[1];
  if (r.email.empty()) {
    ++report_.contacts_without_email;
  } else {
    const auto [it, added] =
        contact_emails_.emplace(AsciiLower(r.email), std::string(r.contact_id));
    if (!added && it->second != r.contact_id) duplicate_emails_.insert(it->first);
  }
  return next_ != nullptr ? next_->OnContact(r) : Status::Ok();
}

Status QualitySink::OnRevenue(const RevenueRecord& r) {
  ++counts_[2];
  revenue_months_[std::string(r.account_id)].push_back(r.month);
  return next_ != nullptr ? next_->OnRevenue(r) : Status::Ok();
}

Status QualitySink::OnInvitation(const InvitationRecord& r) {
  ++counts_[3];
  invitations_.insert(Key(r.contact_id, r.survey_id));
  return next_ != nullptr ? next_->OnInvitation(r) : Status::Ok();
}

Status QualitySink::OnResponse(const ResponseRecord& r) {
  ++counts_[4];
  responses_.push_back(Key(r.contact_id, r.survey_id));
  return next_ != nullptr ? next_->OnResponse(r) : Status::Ok();
}

Status QualitySink::OnTouchpoint(const TouchpointRecord& r) {
  ++counts_[5];
  return next_ != nullptr ? next_->OnTouchpoint(r) : Status::Ok();
}

Status QualitySink::OnSignal(const SignalRecord& r) {
  ++counts_[6];
  return next_ != nullptr ? next_->OnSignal(r) : Status::Ok();
}

void QualitySink::AddReject(const std::string& reason) {
  // "FILE:LINE: column: what \"value\" rest" -> "FILE: column: what rest".
  std::string key;
  const size_t first = reason.find(':');
  const size_t second = first == std::string::npos ? first : reason.find(": ", first + 1);
  if (second == std::string::npos) {
    key = reason;
  } else {
    key = reason.substr(0, first) + reason.substr(second);
  }
  const size_t first_on = key.find(" (first on line ");
  if (first_on != std::string::npos) key.resize(first_on);
  std::string out;
  bool quoted = false;
  for (char c : key) {
    if (c == '"') {
      if (!quoted) out += "…";
      quoted = !quoted;
      continue;
    }
    if (!quoted) out.push_back(c);
  }
  ++report_.rejected[out];
}

QualityReport QualitySink::Finish() {
  constexpr const char* kFiles[] = {"accounts.csv",    "contacts.csv",  "revenue.csv",
                                    "invitations.csv", "responses.csv", "touchpoints.csv",
                                    "signals.csv"};
  for (size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] > 0) report_.rows[kFiles[i]] = counts_[i];
  }
  for (const std::string& id : account_ids_) {
    if (revenue_months_.count(id) == 0) {
      ++report_.accounts_without_revenue;
      if (report_.accounts_without_revenue_examples.size() < 5) {
        report_.accounts_without_revenue_examples.push_back(id);
      }
    }
  }
  for (auto& [id, months] : revenue_months_) {
    std::sort(months.begin(), months.end());
    months.erase(std::unique(months.begin(), months.end()), months.end());
    const int64_t span = months.back() - months.front() + 1;
    const int64_t missing = span - static_cast<int64_t>(months.size());
    if (missing > 0) {
      ++report_.accounts_with_revenue_gaps;
      report_.missing_revenue_months += missing;
    }
  }
  for (const std::string& key : responses_) {
    if (invitations_.count(key) == 0) ++report_.responses_without_invitation;
  }
  report_.duplicate_account_names = static_cast<int64_t>(duplicate_names_.size());
  report_.duplicate_contact_emails = static_cast<int64_t>(duplicate_emails_.size());
  return report_;
}

}  // namespace bw::io
