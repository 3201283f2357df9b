// Reads a data set directory in the import format, validates every rule of
// shared/spec/data-format.md, and streams the valid records to a DataSetSink.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/records.h"
#include "io/csv_reader.h"
#include "io/csv_stream.h"

namespace bw::io {

// Keys that exist outside the files being read (in the store an import writes to): an
// import may be partial (data-format.md), its references resolving against the files or
// the store. Each function answers whether the id exists (and, for a scoped caller, may be
// referenced).
struct KnownKeys {
  std::function<bool(std::string_view account_id)> account;
  std::function<bool(std::string_view contact_id)> contact;
};

struct ReadOptions {
  // false (default): the first invalid row stops the read with
  //   `FILE:LINE: column: what is wrong` (kInvalidArgument), LINE being the 1-based
  //   physical line where the row starts (the header is line 1).
  // true: invalid rows are skipped and reported through on_reject; the read goes on.
  bool skip_invalid = false;
  // Called for each rejected row when skip_invalid: the file name (e.g. "revenue.csv"),
  // the row's line, the row's raw fields, and the reason (`FILE:LINE: column: ...`).
  std::function<void(std::string_view file, int64_t line, const std::vector<std::string>& fields,
                     const std::string& reason)>
      on_reject;
  // Called for non-fatal findings, e.g. `accounts.csv:1: unknown column "foo" ignored`.
  // An unknown column that looks like a typo of a column the file lacks (`lef_on`) is an
  // error unless allow_unknown_columns (then a warning naming the column it resembles).
  std::function<void(const std::string& warning)> on_warning;
  // Called now and then with bytes read so far and the total size of the files, for a
  // progress display. May be empty.
  std::function<void(uint64_t bytes_done, uint64_t bytes_total)> on_progress;
  // References not found among the files' keys are looked up here; empty functions know
  // nothing (references must then resolve within the files).
  KnownKeys known;
  // false: accounts.csv may be absent (a partial import; references then resolve through
  // `known`).
  bool require_accounts = true;
  // See on_warning: import a file with a near-miss column name anyway, without the column.
  bool allow_unknown_columns = false;
  // A file larger than this is refused before anything is read (docs/limits.md).
  uint64_t max_file_bytes = kDefaultMaxFileBytes;
};

// At most this many warnings of one kind are reported per file; then one line says how
// many more there were (docs/limits.md).
inline constexpr int kMaxWarningsPerFile = 20;

struct ReadStats {
  int64_t rows_read = 0;      // data rows seen in all files
  int64_t rows_rejected = 0;  // with skip_invalid
};

// Reads DIR/accounts.csv (required unless options.require_accounts is false) and the
// optional other files. A rule broken is reported with a StatusDetail naming the file,
// line and column (field). Only regular files are
// read (symbolic links to them are followed); every file is checked before any is read.
// Errors: kNotFound when DIR or accounts.csv is missing; kIoError naming the path when a
// file cannot be read, is not a regular file (a FIFO, a directory, a link loop), or
// changed while it was read; kInvalidArgument for a file above max_file_bytes or a rule
// broken (unless skip_invalid); any status a sink call returns.
Result<ReadStats> ReadDataSet(const std::string& dir, DataSetSink& sink,
                              const ReadOptions& options = {});

// The contents of a data set's files held in memory (tests, fuzzing, uploads); nullopt
// means the file is absent.
struct DataSetBuffers {
  std::optional<std::string_view> accounts;
  std::optional<std::string_view> contacts;
  std::optional<std::string_view> revenue;
  std::optional<std::string_view> invitations;
  std::optional<std::string_view> responses;
  std::optional<std::string_view> touchpoints;
  std::optional<std::string_view> signals;
};

// ReadDataSet over buffers: the same rules and error texts; kNotFound
// `accounts.csv: not found` when `buffers.accounts` is absent.
Result<ReadStats> ReadDataSetFromMemory(const DataSetBuffers& buffers, DataSetSink& sink,
                                        const ReadOptions& options = {});

// The number of files of a data set and their names in DataSetSink order: accounts.csv,
// contacts.csv, revenue.csv, invitations.csv, responses.csv, touchpoints.csv, signals.csv.
inline constexpr size_t kDataSetFileCount = 7;
std::string_view DataSetFileName(size_t index);

// One file of a data set in the strict import format, from wherever it came: read from
// `path` (memory-mapped, the fastest path) when it is not empty, else from `stream` when
// set (chunks arriving while a sheet is converted; io/csv_stream.h), else from `bytes`.
// The caller keeps `bytes` or `stream` alive while reading. `name` is how messages name
// the file ("revenue.csv", or "book.xlsx:revenue" for a converted sheet); LINE in them is
// the line of the bytes (converters keep the source's line or row numbers).
struct DataSetInput {
  std::string name;
  std::string path;
  std::string_view bytes;
  CsvStream* stream = nullptr;
  // Of a stream: about how many bytes it will hold (its size is not known in advance).
  uint64_t stream_size_hint = 0;
};
using DataSetInputs = std::array<std::optional<DataSetInput>, kDataSetFileCount>;

// ReadDataSet over inputs in DataSetSink order (nullopt: the file is absent): the same
// rules; kNotFound `accounts.csv: not found` when the first is absent and required. A
// stream's size is only known at its end: its limit (max_file_bytes) is checked by its
// producer.
Result<ReadStats> ReadDataSetInputs(const DataSetInputs& inputs, DataSetSink& sink,
                                    const ReadOptions& options = {});

}  // namespace bw::io
