// How a data set's files are read: which reader reads which file when (side by side on
// the process's executor when the sink allows), what the readers share (progress, the
// signal to stop), how much room a file's tables get in advance, and the prefetch cursor
// that runs ahead of a reader.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>
#include <vector>

#include "core/records.h"
#include "core/status.h"
#include "io/csv_reader.h"
#include "io/data_set_reader.h"
#include "io/internal/data_set_schema.h"
#include "io/internal/key_table.h"

namespace bw::io::internal {

// What concurrent readers share: progress, callbacks, and the signal to stop early.
struct SharedProgress {
  std::mutex callback_mutex;  // serialises on_reject, on_warning and on_progress
  std::atomic<uint64_t> bytes_done{0};
  std::atomic<bool> stop{false};
};

// Progress is reported (and the stop signal checked) every this many bytes of a file.
inline constexpr uint64_t kProgressStep = 4 << 20;

// Reservations made from EstimateRows are capped at this (docs/limits.md): beyond it the
// tables grow as rows arrive, so what a file only claims to hold costs nothing.
inline constexpr size_t kMaxReservedRows = size_t{1} << 22;

// About how many rows `input` holds: its size (or `total_size`, when the input is only
// the first part of a file still arriving) times the non-blank line ends per byte of its
// first megabyte, plus a tenth for rows shorter than those sampled, at most
// kMaxReservedRows. Blank lines (which are not rows) do not count, so a file of blank
// lines reserves nothing; multi-line quoted fields only make the estimate high, which
// merely wastes some table slots.
size_t EstimateRows(std::string_view input, uint64_t total_size);
inline size_t EstimateRows(std::string_view input) { return EstimateRows(input, input.size()); }

// Key lookups are cache misses in tables of millions of keys. A cursor runs a few rows
// ahead of the reader over the raw text and prefetches the slots of their key fields, so
// the misses overlap with the work on earlier rows. It is only a hint: a row it cannot
// split simply (a quote) is skipped, and it restarts when the reader overtakes it.
class PrefetchCursor {
 public:
  struct Target {
    size_t header_index;    // the key field's position in the row
    const KeyTable* table;  // where it is looked up
  };
  // Starts a file whose rows look keys up in `targets`.
  void Start(std::vector<Target> targets);
  // Called once per row with the file's text (of a stream: the current chunk) and the
  // bytes of it the reader has consumed.
  void Advance(std::string_view input, uint64_t consumed);

 private:
  static constexpr int kRowsAhead = 8;
  std::vector<Target> targets_;
  const char* input_ = nullptr;  // offsets are into this input (a stream's chunk changes it)
  uint64_t ahead_offset_ = 0;
  int rows_ahead_ = 0;
};

// Reads the files; `open(i)` opens file i (only called for files that are present).
// Without concurrency the files are read in DataSetSink order by one reader. When the sink
// accepts concurrent kinds and there are two cores, the files are read in three phases,
// each phase's files split over two readers by size: accounts; then contacts, revenue and
// signals (which refer to accounts only); then invitations, responses and touchpoints.
// The error of the earliest file wins, whichever reader met its error first.
Result<ReadStats> ReadFiles(const std::array<bool, kFileCount>& present,
                            const std::array<uint64_t, kFileCount>& sizes,
                            const std::function<Result<CsvReader>(size_t)>& open, DataSetSink& sink,
                            const ReadOptions& options);

}  // namespace bw::io::internal
