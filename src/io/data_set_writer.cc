#include "io/data_set_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace bw::io {
namespace {

std::string OptionalDate(Day day) { return day == kNoDay ? std::string() : FormatDate(day); }

Result<CsvWriter> OpenWithHeader(const std::string& dir, const char* file_name,
                                 std::initializer_list<std::string_view> header) {
  BW_ASSIGN_OR_RETURN(CsvWriter writer, CsvWriter::Create(dir + "/" + file_name));
  writer.Row(header);
  return writer;
}

// True when the directory `dir` has no entries; errors count as not empty.
bool IsEmptyDirectory(const std::string& dir) {
  std::error_code error;
  std::filesystem::directory_iterator it(dir, error);
  return !error && it == std::filesystem::directory_iterator();
}

// Removes the staging directory `dir` created by Open (its files only: it has no
// subdirectories, and remove_all does not follow links).
void RemoveDirectory(const std::string& dir) {
  if (dir.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

}  // namespace

Result<std::unique_ptr<DataSetWriter>> DataSetWriter::Open(const std::string& dir_arg,
                                                           const DataSetWriterOptions& options) {
  std::string dir = dir_arg;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  struct stat info;
  if (::lstat(dir.c_str(), &info) == 0) {
    if (S_ISLNK(info.st_mode)) {
      return InvalidArgument(dir +
                             " is a symbolic link; export writes only to a directory "
                             "that is not a link");
    }
    if (!S_ISDIR(info.st_mode)) return InvalidArgument(dir + " exists and is not a directory");
    if (!options.force && !IsEmptyDirectory(dir)) {
      return AlreadyExists(dir + " is not empty; use --force to replace its contents");
    }
  } else if (errno != ENOENT) {
    return IoError("cannot create " + dir + ": " + std::strerror(errno));
  }
  const std::filesystem::path target(dir);
  const std::filesystem::path parent =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) return IoError("cannot create " + dir + ": " + error.message());
  std::string staging = (parent / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  if (::mkdtemp(staging.data()) == nullptr) {
    return IoError("cannot create " + dir + ": " + std::strerror(errno));
  }
  // Until the writer owns it, the staging directory is removed on every return.
  struct Cleanup {
    std::string dir;
    ~Cleanup() { RemoveDirectory(dir); }
  } cleanup{staging};
  Result<std::unique_ptr<DataSetWriter>> writer = OpenFiles(staging);
  if (!writer.ok()) return writer.status();
  (*writer)->dir_ = dir;
  (*writer)->staging_dir_ = std::move(cleanup.dir);
  cleanup.dir.clear();
  (*writer)->options_ = options;
  return writer;
}

Result<std::unique_ptr<DataSetWriter>> DataSetWriter::OpenFiles(const std::string& dir) {
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

DataSetWriter::~DataSetWriter() {
  for (CsvWriter* writer :
       {&accounts_, &contacts_, &revenue_, &invitations_, &responses_, &touchpoints_, &signals_}) {
    (void)writer->Close();
  }
  RemoveDirectory(staging_dir_);
}

Status DataSetWriter::Finish() {
  // Close every file even when one fails, then report the first failure.
  Status first;
  for (CsvWriter* writer :
       {&accounts_, &contacts_, &revenue_, &invitations_, &responses_, &touchpoints_, &signals_}) {
    Status status = writer->Close(/*sync=*/true);
    if (first.ok() && !status.ok()) first = std::move(status);
  }
  if (!first.ok()) return first;
  return MoveIntoPlace();
}

Status DataSetWriter::MoveIntoPlace() {
  // A missing or empty target is replaced by one rename (rename(2) replaces an empty
  // directory atomically).
  if (::rename(staging_dir_.c_str(), dir_.c_str()) == 0) {
    staging_dir_.clear();
    return Status::Ok();
  }
  if (errno != ENOTEMPTY && errno != EEXIST) {
    return IoError("cannot move the export into " + dir_ + ": " + std::strerror(errno));
  }
  if (!options_.force) {
    return AlreadyExists(dir_ + " is not empty; use --force to replace its contents");
  }
  // A full target: swap the two directories atomically, then remove the old contents,
  // which are now in the staging directory.
  if (::renameat2(AT_FDCWD, staging_dir_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) != 0) {
    return IoError("cannot move the export into " + dir_ + ": " + std::strerror(errno));
  }
  RemoveDirectory(staging_dir_);
  staging_dir_.clear();
  return Status::Ok();
}

}  // namespace bw::io
