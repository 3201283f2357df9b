// RowReader: reads the files of a data set one after another, checks every row against the
// rules of shared/spec/data-format.md and hands the valid records to the sink. Two readers
// may run side by side (read_schedule.h), sharing the reference keys and the progress.
//
// Its parts live by concern: the reading loop, warnings and rejects in row_reader.cc; the
// row rules (each file's checks, unique keys, references) in row_checks.cc; the schema in
// data_set_schema.h; the key tables in reference_keys.h; the scheduling and prefetching in
// read_schedule.h.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/records.h"
#include "core/status.h"
#include "io/csv_reader.h"
#include "io/data_set_reader.h"
#include "io/internal/data_set_schema.h"
#include "io/internal/file_key_set.h"
#include "io/internal/key_table.h"
#include "io/internal/read_schedule.h"
#include "io/internal/reference_keys.h"

namespace bw::io::internal {

class RowReader {
 public:
  RowReader(DataSetSink& sink, const ReadOptions& options, uint64_t total_bytes,
            ReferenceKeys& keys, SharedProgress& progress)
      : sink_(sink),
        options_(options),
        total_bytes_(total_bytes),
        progress_(progress),
        keys_(keys),
        accounts_(keys.accounts),
        contacts_(keys.contacts),
        account_lines_(keys.account_lines),
        contact_lines_(keys.contact_lines) {}

  // Reads the file of `kind` from `reader` (header and rows), then its warnings' summary.
  Status ReadFile(FileKind kind, CsvReader& reader);
  const ReadStats& stats() const { return stats_; }

 private:
  // row_reader.cc: the reading loop.
  Status ReadRows(FileKind kind, CsvReader& reader);
  // Sizes the key tables of `kind`'s file for about `expected_rows` rows.
  void ReserveKeys(FileKind kind, std::string_view input, size_t expected_rows);
  // Points the prefetch cursor at the key columns `kind`'s rows look up.
  void StartPrefetch(FileKind kind);
  Status Reject(Status reason);
  // Reports a warning, at most kMaxWarningsPerFile per file; FinishWarnings() then says
  // how many were left out.
  void Warn(const std::string& warning);
  void FinishWarnings();
  // Warns when the account id just accepted differs from an earlier one only by a byte
  // order mark, surrounding spaces or Unicode normalization (internal/id_fold.h).
  void CheckLookAlikeAccount(std::string_view id);

  // row_checks.cc: the row rules. ProcessRow checks the row; a valid row's key goes into
  // its table (only then does it exist for the rows that reference it) and the record to
  // the sink.
  Status ProcessRow(FileKind kind);
  Status CheckAccount(AccountRecord& r);
  Status CheckContact(ContactRecord& r);
  Status CheckRevenue(RevenueRecord& r);
  Status CheckInvitation(InvitationRecord& r);
  Status CheckResponse(ResponseRecord& r);
  Status CheckTouchpoint(TouchpointRecord& r);
  Status CheckSignal(SignalRecord& r);
  Status Error(int column, std::string_view what) const;
  Status Error(std::string_view column, std::string_view what) const;
  Status Required(int column, std::string_view* out) const;
  // `lines`: for tables whose value is an ordinal (accounts_, contacts_), the line of each
  // ordinal, to name where a duplicate key was first seen; null when the value is a line.
  Status UniqueKey(int column, const KeyTable& keys, std::string_view* out,
                   const std::vector<int64_t>* lines = nullptr) const;
  // UniqueKey for the key of a file nothing refers to (file_keys_).
  Status UniqueFileKey(int column, std::string_view* out);
  // Checks that the key exists and sets *ordinal to the value stored with it (the
  // referenced record's ordinal), or kNoOrdinal when the optional value is empty.
  Status Reference(int column, const KeyTable& keys, std::string_view noun, bool required,
                   int32_t* ordinal, std::string_view* out) const;
  Status Date(int column, bool required, Day* out) const;

  // Hashes `column`'s value for the lookups in `keys` and starts loading its slot.
  void PrefetchKey(const KeyTable& keys, int column) {
    const uint64_t hash = KeyTable::Hash(Get(column));
    column_hash_[static_cast<size_t>(column)] = hash;
    keys.Prefetch(hash);
  }
  uint64_t HashOf(int column) const { return column_hash_[static_cast<size_t>(column)]; }

  // PrefetchKey for a reference column: nothing to do when the row refers to the same key
  // as the row before (revenue and signal rows usually come grouped by account), since
  // Reference() then answers from its memo.
  void PrefetchReference(const KeyTable& keys, int column) {
    const ReferenceMemo& memo = reference_memo_[static_cast<size_t>(column)];
    if (memo.valid && memo.key == Get(column)) return;
    PrefetchKey(keys, column);
  }

  std::string_view Get(int column) const {
    const int index = header_.index[static_cast<size_t>(column)];
    return index < 0 ? std::string_view() : (*fields_)[static_cast<size_t>(index)];
  }

  DataSetSink& sink_;
  const ReadOptions& options_;
  ReadStats stats_;
  uint64_t total_bytes_;

  // The file being read, and its name in messages (the CsvReader's name: "revenue.csv", or
  // e.g. "book.xlsx:revenue" for a sheet converted to the import format).
  const FileSpec* spec_ = nullptr;
  std::string file_name_;
  HeaderColumns header_;
  const std::vector<std::string_view>* fields_ = nullptr;
  int64_t line_ = 0;
  std::array<uint64_t, kMaxColumns> column_hash_{};  // set by PrefetchKey for key columns
  // The last key found by Reference() in each column of the file, and its ordinal. Only
  // hits are kept, and the reference tables only grow, so a memo never goes stale.
  struct ReferenceMemo {
    bool valid = false;
    std::string key;
    int32_t ordinal = kNoOrdinal;
  };
  mutable std::array<ReferenceMemo, kMaxColumns> reference_memo_{};
  PrefetchCursor prefetch_;

  SharedProgress& progress_;
  ReferenceKeys& keys_;
  // The shared ReferenceKeys, by the names the checks use.
  KeyTable& accounts_;
  KeyTable& contacts_;
  std::vector<int64_t>& account_lines_;
  std::vector<int64_t>& contact_lines_;
  FileKeySet file_keys_;             // invitation, response or touchpoint ids of one file
  KeyTable signal_keys_;             // (account, day, signal) of signals.csv -> line
  LookAlikeAccounts look_alikes_;    // of accounts.csv
  int warnings_ = 0;                 // of the file being read
  int64_t revenue_total_cents_ = 0;  // of revenue.csv, against kMaxTotalRevenueCents
};

}  // namespace bw::io::internal
