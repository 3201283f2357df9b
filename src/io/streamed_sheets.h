// StreamedSheets: the conversions of XLSX sheets that run while the strict reader reads
// the data set (io/import_input.h, PrepareOptions::stream_sheets). An import of a
// workbook used to convert every sheet into the strict format first and only then read
// the result; the reader (and the store behind it) works on one core, so the second core
// now converts the next rows while the first reads the rows already converted
// (docs/performance.md, issue 14).
//
// What a user sees stays what the convert-first path gives:
// - a sheet's header and dialect are read, and its detection errors reported, while the
//   data set is prepared (so the import's notes say what was detected, as before);
// - a conversion error wins over any error of the strict reader, the first in the order
//   the sheets were prepared in, as when every sheet was converted before reading;
// - rows the conversions reject (ReadOptions::skip_invalid) are reported before the rows
//   the reader rejects, in the order of conversion: the reader's rejects are held back
//   until every conversion has ended (held in memory: at most the rejected rows).
//
// Thread safety: Add and the Reject* functions while preparing, on one thread; Run
// (producer) and the streams' readers on two threads at once; the rest after both ended.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/csv_stream.h"
#include "io/normalizer.h"
#include "io/row_source.h"

namespace bw::io {

// A row a conversion or the reader rejected, held to be reported later (ReadOptions'
// on_reject arguments).
struct HeldReject {
  std::string file;
  int64_t line = 0;
  std::vector<std::string> fields;
  std::string reason;
};
using HeldRejects = std::vector<HeldReject>;

class StreamedSheets {
 public:
  // Chunks of at least this many bytes go to the reader (whole rows each): small enough to
  // be built in a core's own cache (1 MiB chunks cost the converter measurably more CPU
  // time while the reader ran beside it), large enough that handing one over is rare.
  static constexpr size_t kChunkBytes = size_t{256} << 10;

  StreamedSheets() = default;
  StreamedSheets(const StreamedSheets&) = delete;
  StreamedSheets& operator=(const StreamedSheets&) = delete;

  // Adds the conversion of `rows` (already Start()ed by `normalizer`, which converts it)
  // as file `file_index`; the stream it fills is stream(returned index). `max_bytes`:
  // the strict reader's limit for one file (ReadOptions::max_file_bytes). Rejected rows
  // are held (see RejectsOf) when `options.on_reject` was made by NewRejectLog().
  size_t Add(size_t file_index, std::unique_ptr<RowSource> rows,
             std::unique_ptr<NormalizeOptions> options,
             std::unique_ptr<StreamingNormalizer> normalizer, uint64_t max_bytes);
  bool empty() const { return jobs_.empty(); }
  CsvStream& stream(size_t job) { return jobs_[job]->stream; }

  // A new log for the rejects of one conversion, kept in the order logs are made; the
  // callback appends to it (ReadOptions::on_reject's signature).
  std::function<void(std::string_view, int64_t, const std::vector<std::string>&,
                     const std::string&)>
  NewRejectLog();

  // Converts every sheet, in file order (the order the reader wants them), filling the
  // streams; returns when all are closed. Once StopKeeping() was called the rest is
  // still converted (its errors count) but no longer kept.
  void Run();
  // The reader is done: later chunks are dropped.
  void StopKeeping() { keep_.store(false, std::memory_order_relaxed); }

  // After Run: the first conversion error in the order the sheets were added, else the
  // first file above max_bytes (in file order), else ok.
  Status FirstError() const;
  // After Run: the first conversion error in the order the sheets were added, else ok.
  Status FirstConversionError() const;
  // After Run: rows the conversions rejected, and every held reject in log order.
  int64_t rows_rejected() const;
  const std::vector<std::unique_ptr<HeldRejects>>& reject_logs() const { return logs_; }

 private:
  struct Job {
    size_t file_index = 0;
    std::unique_ptr<RowSource> rows;
    std::unique_ptr<NormalizeOptions> options;
    std::unique_ptr<StreamingNormalizer> normalizer;
    uint64_t max_bytes = 0;
    CsvStream stream;
    Status status;       // the conversion's error
    Status size_status;  // the converted file is above max_bytes
    int64_t rows_rejected = 0;
  };
  void RunJob(Job& job);
  void ConvertJob(Job& job);

  std::vector<std::unique_ptr<Job>> jobs_;
  std::vector<std::unique_ptr<HeldRejects>> logs_;
  std::atomic<bool> keep_{true};
};

}  // namespace bw::io
