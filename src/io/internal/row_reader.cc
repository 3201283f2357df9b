// RowReader's reading loop: a file's header, then its rows, progress, warnings and
// rejected rows (row_reader.h).
#include "io/internal/row_reader.h"

#include <mutex>
#include <string>
#include <utility>

#include "io/internal/value_rules.h"

namespace bw::io::internal {

void RowReader::Warn(const std::string& warning) {
  if (!options_.on_warning) return;
  if (++warnings_ > kMaxWarningsPerFile) return;
  const std::lock_guard<std::mutex> lock(progress_.callback_mutex);
  options_.on_warning(warning);
}

void RowReader::FinishWarnings() {
  if (warnings_ > kMaxWarningsPerFile && options_.on_warning) {
    const std::lock_guard<std::mutex> lock(progress_.callback_mutex);
    options_.on_warning(file_name_ + ": " + std::to_string(warnings_ - kMaxWarningsPerFile) +
                        " more warnings not shown");
  }
  warnings_ = 0;
}

void RowReader::CheckLookAlikeAccount(std::string_view id) {
  const int64_t first = look_alikes_.FirstLookAlike(id, line_, keys_);
  if (first < 0) return;
  Warn(file_name_ + ":" + std::to_string(line_) + ": account_id: " + Quoted(id) +
       " differs from the id on line " + std::to_string(first) +
       " only by a byte order mark, surrounding spaces or Unicode normalization; they are "
       "imported as two accounts");
}

Status RowReader::Reject(Status reason) {
  if (!options_.skip_invalid) return reason;
  ++stats_.rows_rejected;
  if (options_.on_reject) {
    const std::vector<std::string> raw(fields_->begin(), fields_->end());
    const std::lock_guard<std::mutex> lock(progress_.callback_mutex);
    options_.on_reject(file_name_, line_, raw, reason.message());
  }
  return Status::Ok();
}

void RowReader::StartPrefetch(FileKind kind) {
  std::vector<std::pair<int, const KeyTable*>> keys;
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
  std::vector<PrefetchCursor::Target> targets;
  for (const auto& [column, table] : keys) {
    const int index = header_.index[static_cast<size_t>(column)];
    if (index >= 0) targets.push_back({static_cast<size_t>(index), table});
  }
  prefetch_.Start(std::move(targets));
}

void RowReader::ReserveKeys(FileKind kind, std::string_view input, size_t expected_rows) {
  switch (kind) {
    case FileKind::kInvitations:
    case FileKind::kResponses:
    case FileKind::kTouchpoints:
      file_keys_.Reset(input, expected_rows);
      break;
    case FileKind::kAccounts:
      accounts_.Reserve(accounts_.size() + expected_rows);
      break;
    case FileKind::kContacts:
      contacts_.Reserve(contacts_.size() + expected_rows);
      break;
    case FileKind::kSignals:
      signal_keys_.Reserve(expected_rows);
      break;
    case FileKind::kRevenue:
      break;
  }
}

Status RowReader::ReadFile(FileKind kind, CsvReader& reader) {
  Status status = ReadRows(kind, reader);
  FinishWarnings();
  if (!status.ok()) {
    // A row that looked wrong may only have been read while the file changed.
    Status unchanged = reader.CheckUnchanged();
    if (!unchanged.ok()) return unchanged;
  }
  return status;
}

Status RowReader::ReadRows(FileKind kind, CsvReader& reader) {
  spec_ = &SpecOf(kind);
  file_name_ = reader.name();
  file_keys_.Reset({}, 0);
  signal_keys_.Clear();
  reference_memo_ = {};
  warnings_ = 0;
  BW_RETURN_IF_ERROR(MatchHeader(
      reader, *spec_, options_.allow_unknown_columns,
      [this](const std::string& warning) { Warn(warning); }, &header_));
  // Growing a key table while reading rehashes it several times: size it for the rows the
  // file holds, estimated from the line ends in its first megabyte.
  const size_t expected_rows = EstimateRows(reader.input(), reader.expected_size());
  // FileKind and RecordKind list the files in the same order.
  sink_.ExpectRecords(static_cast<RecordKind>(kind), expected_rows);
  ReserveKeys(kind, reader.input(), expected_rows);
  StartPrefetch(kind);
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
    prefetch_.Advance(reader.input(), reader.input_consumed());
    ++stats_.rows_read;
    line_ = reader.line();
    const int bad_field = reader.invalid_utf8_field();
    if (bad_field >= 0) {
      // A row with more fields than the header may have its bad field past the last name.
      const size_t index = static_cast<size_t>(bad_field);
      const std::string column = index < header_.names.size()
                                     ? header_.names[index]
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

}  // namespace bw::io::internal
