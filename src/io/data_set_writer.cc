#include "io/data_set_writer.h"

#include <charconv>
#include <filesystem>
#include <system_error>
#include <utility>

namespace bw::io {
namespace {

std::string OptionalDate(Day day) { return day == kNoDay ? std::string() : FormatDate(day); }

Result<CsvWriter> OpenWithHeader(const std::string& dir, const char* file_name,
                                 std::initializer_list<std::string_view> header) {
  BW_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Open(dir + "/" + file_name));
  writer.Row(header);
  return writer;
}

}  // namespace

Result<std::unique_ptr<DataSetWriter>> DataSetWriter::Open(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return IoError("cannot create " + dir + ": " + error.message());
  // Column order of data-format.md.
  BW_ASSIGN_OR_RETURN(CsvWriter accounts,
                      OpenWithHeader(dir, "accounts.csv",
                                     {"account_id", "name", "industry", "region", "owner",
                                      "acquisition", "created_on", "churned_on"}));
  BW_ASSIGN_OR_RETURN(CsvWriter contacts, OpenWithHeader(dir, "contacts.csv",
                                                         {"contact_id", "account_id", "name",
                                                          "email", "role", "left_on"}));
  BW_ASSIGN_OR_RETURN(CsvWriter revenue,
                      OpenWithHeader(dir, "revenue.csv", {"account_id", "month", "amount"}));
  BW_ASSIGN_OR_RETURN(CsvWriter invitations,
                      OpenWithHeader(dir, "invitations.csv",
                                     {"invitation_id", "contact_id", "survey_id", "sent_on"}));
  BW_ASSIGN_OR_RETURN(CsvWriter responses,
                      OpenWithHeader(dir, "responses.csv",
                                     {"response_id", "contact_id", "survey_id", "responded_on",
                                      "score", "comment", "drivers"}));
  BW_ASSIGN_OR_RETURN(CsvWriter touchpoints, OpenWithHeader(dir, "touchpoints.csv",
                                                            {"touchpoint_id", "account_id",
                                                             "contact_id", "type", "occurred_on"}));
  BW_ASSIGN_OR_RETURN(
      CsvWriter signals,
      OpenWithHeader(dir, "signals.csv", {"account_id", "signal", "observed_on", "value"}));
  return std::unique_ptr<DataSetWriter>(new DataSetWriter(
      std::move(accounts), std::move(contacts), std::move(revenue), std::move(invitations),
      std::move(responses), std::move(touchpoints), std::move(signals)));
}

DataSetWriter::DataSetWriter(CsvWriter accounts, CsvWriter contacts, CsvWriter revenue,
                             CsvWriter invitations, CsvWriter responses, CsvWriter touchpoints,
                             CsvWriter signals)
    : accounts_(std::move(accounts)),
      contacts_(std::move(contacts)),
      revenue_(std::move(revenue)),
      invitations_(std::move(invitations)),
      responses_(std::move(responses)),
      touchpoints_(std::move(touchpoints)),
      signals_(std::move(signals)) {}

Status DataSetWriter::OnAccount(const AccountRecord& r) {
  accounts_.Row({r.account_id, r.name, r.industry, r.region, r.owner,
                 AcquisitionName(r.acquisition), OptionalDate(r.created_on),
                 OptionalDate(r.churned_on)});
  return Status::Ok();
}

Status DataSetWriter::OnContact(const ContactRecord& r) {
  contacts_.Row(
      {r.contact_id, r.account_id, r.name, r.email, RoleName(r.role), OptionalDate(r.left_on)});
  return Status::Ok();
}

Status DataSetWriter::OnRevenue(const RevenueRecord& r) {
  revenue_.Row({r.account_id, FormatMonth(r.month), FormatMoney(r.amount)});
  return Status::Ok();
}

Status DataSetWriter::OnInvitation(const InvitationRecord& r) {
  invitations_.Row({r.invitation_id, r.contact_id, r.survey_id, OptionalDate(r.sent_on)});
  return Status::Ok();
}

Status DataSetWriter::OnResponse(const ResponseRecord& r) {
  responses_.Row({r.response_id, r.contact_id, r.survey_id, OptionalDate(r.responded_on),
                  std::to_string(r.score), r.comment, r.drivers});
  return Status::Ok();
}

Status DataSetWriter::OnTouchpoint(const TouchpointRecord& r) {
  touchpoints_.Row({r.touchpoint_id, r.account_id, r.contact_id, TouchpointTypeName(r.type),
                    OptionalDate(r.occurred_on)});
  return Status::Ok();
}

Status DataSetWriter::OnSignal(const SignalRecord& r) {
  // std::to_chars without a format gives the shortest text that parses back to r.value.
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, r.value);
  if (result.ec != std::errc()) return Internal("data_set_writer.cc: cannot format a double");
  signals_.Row({r.account_id, r.signal, OptionalDate(r.observed_on),
                std::string_view(buffer, static_cast<size_t>(result.ptr - buffer))});
  return Status::Ok();
}

Status DataSetWriter::Finish() {
  // Close every file even when one fails, then report the first failure.
  Status first;
  for (CsvWriter* writer :
       {&accounts_, &contacts_, &revenue_, &invitations_, &responses_, &touchpoints_, &signals_}) {
    Status status = writer->Close();
    if (first.ok() && !status.ok()) first = std::move(status);
  }
  return first;
}

}  // namespace bw::io
