// The schema of the import format (shared/spec/data-format.md): its files in the order they
// are read, each file's columns, and the matching of a file's header row against them.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/csv_reader.h"

namespace bw::io::internal {

// Files in the order they are read (records.h: DataSetSink order; RecordKind lists them in
// the same order).
enum class FileKind {
  kAccounts,
  kContacts,
  kRevenue,
  kInvitations,
  kResponses,
  kTouchpoints,
  kSignals
};
inline constexpr size_t kFileCount = 7;

struct ColumnSpec {
  std::string_view name;
  bool required;  // the column must be in the header and its value non-empty
};

// data-format.md, one table per file. The enums below index these arrays.
inline constexpr ColumnSpec kAccountColumns[] = {
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

inline constexpr ColumnSpec kContactColumns[] = {{"contact_id", true}, {"account_id", true},
                                                 {"name", false},      {"email", false},
                                                 {"role", true},       {"left_on", false}};
enum ContactColumn { kConContactId, kConAccountId, kConName, kConEmail, kConRole, kConLeftOn };

inline constexpr ColumnSpec kRevenueColumns[] = {
    {"account_id", true}, {"month", true}, {"amount", true}};
enum RevenueColumn { kRevAccountId, kRevMonth, kRevAmount };

inline constexpr ColumnSpec kInvitationColumns[] = {
    {"invitation_id", true}, {"contact_id", true}, {"survey_id", true}, {"sent_on", true}};
enum InvitationColumn { kInvInvitationId, kInvContactId, kInvSurveyId, kInvSentOn };

inline constexpr ColumnSpec kResponseColumns[] = {
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

inline constexpr ColumnSpec kTouchpointColumns[] = {{"touchpoint_id", true},
                                                    {"account_id", true},
                                                    {"contact_id", false},
                                                    {"type", true},
                                                    {"occurred_on", true}};
enum TouchpointColumn { kTpTouchpointId, kTpAccountId, kTpContactId, kTpType, kTpOccurredOn };

inline constexpr ColumnSpec kSignalColumns[] = {
    {"account_id", true}, {"signal", true}, {"observed_on", true}, {"value", true}};
enum SignalColumn { kSigAccountId, kSigSignal, kSigObservedOn, kSigValue };

// The most columns a file of the format has (the arrays indexed by a file's column enum).
inline constexpr size_t kMaxColumns = 8;

struct FileSpec {
  std::string_view file_name;
  std::span<const ColumnSpec> columns;
};

inline constexpr std::array<FileSpec, kFileCount> kFiles = {{
    {"accounts.csv", kAccountColumns},
    {"contacts.csv", kContactColumns},
    {"revenue.csv", kRevenueColumns},
    {"invitations.csv", kInvitationColumns},
    {"responses.csv", kResponseColumns},
    {"touchpoints.csv", kTouchpointColumns},
    {"signals.csv", kSignalColumns},
}};

inline const FileSpec& SpecOf(FileKind kind) { return kFiles[static_cast<size_t>(kind)]; }

// Header names match case-insensitively, ignoring surrounding spaces.
std::string NormalizeColumnName(std::string_view name);

// Where a file's header put the columns of its FileSpec.
struct HeaderColumns {
  std::vector<int> index;          // spec column -> header position, -1 when absent
  std::vector<std::string> names;  // the header's names, normalized, in header order
};

// Reads the header row of `reader` (named reader.name() in messages) and matches it
// against `spec`: duplicate columns, a header of one column holding another separator and
// missing required columns are errors (kInvalidArgument, `FILE:LINE: ...`); an unknown
// column is an error when it looks like a typo of a missing column and
// !allow_unknown_columns, else it goes to `warn`. On success the reader knows the column
// names (CsvReader::set_column_names).
Status MatchHeader(CsvReader& reader, const FileSpec& spec, bool allow_unknown_columns,
                   const std::function<void(const std::string&)>& warn, HeaderColumns* out);

}  // namespace bw::io::internal
