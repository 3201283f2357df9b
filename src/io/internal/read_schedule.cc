#include "io/internal/read_schedule.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/executor.h"
#include "io/internal/row_reader.h"

namespace bw::io::internal {

size_t EstimateRows(std::string_view input, uint64_t total_size) {
  constexpr size_t kSampleBytes = 1 << 20;
  const std::string_view sample = input.substr(0, kSampleBytes);
  size_t lines = 1;
  char before = '\n', before_that = '\n';
  for (const char c : sample) {
    if (c == '\n' && before != '\n' && !(before == '\r' && before_that == '\n')) ++lines;
    before_that = before;
    before = c;
  }
  const uint64_t size = std::max<uint64_t>(total_size, input.size());
  if (sample.size() == size) return std::min(lines, kMaxReservedRows);
  if (sample.empty()) return 0;
  const double per_byte = static_cast<double>(lines) / static_cast<double>(sample.size());
  const double estimate = per_byte * static_cast<double>(size) * 1.1 + 16;
  return estimate >= static_cast<double>(kMaxReservedRows) ? kMaxReservedRows
                                                           : static_cast<size_t>(estimate);
}

void PrefetchCursor::Start(std::vector<Target> targets) {
  targets_ = std::move(targets);
  input_ = nullptr;
  ahead_offset_ = 0;
  rows_ahead_ = 0;
}

void PrefetchCursor::Advance(std::string_view input, uint64_t consumed) {
  --rows_ahead_;
  if (ahead_offset_ < consumed || rows_ahead_ < 0 || input.data() != input_) {
    input_ = input.data();
    ahead_offset_ = consumed;
    rows_ahead_ = 0;
  }
  const char* const end = input.data() + input.size();
  while (rows_ahead_ < kRowsAhead && ahead_offset_ < input.size()) {
    const char* p = input.data() + ahead_offset_;
    const char* start = p;
    size_t field = 0;
    while (p < end) {
      const char c = *p;
      if (c == '"') {
        const void* newline = std::memchr(p, '\n', static_cast<size_t>(end - p));
        p = newline == nullptr ? end : static_cast<const char*>(newline) + 1;
        break;
      }
      if (c == ',' || c == '\n' || c == '\r') {
        for (const Target& target : targets_) {
          if (target.header_index == field) {
            target.table->Prefetch(
                KeyTable::Hash(std::string_view(start, static_cast<size_t>(p - start))));
          }
        }
        if (c != ',') {
          p = std::find(p, end, '\n');
          if (p < end) ++p;
          break;
        }
        ++field;
        start = p + 1;
      }
      ++p;
    }
    ahead_offset_ = static_cast<uint64_t>(p - input.data());
    ++rows_ahead_;
  }
}

Result<ReadStats> ReadFiles(const std::array<bool, kFileCount>& present,
                            const std::array<uint64_t, kFileCount>& sizes,
                            const std::function<Result<CsvReader>(size_t)>& open, DataSetSink& sink,
                            const ReadOptions& options) {
  uint64_t total_bytes = 0;
  for (size_t i = 0; i < kFileCount; ++i) total_bytes += present[i] ? sizes[i] : 0;
  ReferenceKeys keys;
  SharedProgress progress;
  std::array<Status, kFileCount> statuses;
  auto read_group = [&](const std::vector<size_t>& files, RowReader& reader) {
    for (size_t i : files) {
      if (!present[i] || progress.stop) continue;
      Result<CsvReader> csv = open(i);
      statuses[i] = csv.ok() ? reader.ReadFile(static_cast<FileKind>(i), *csv) : csv.status();
      if (!statuses[i].ok()) progress.stop = true;
    }
  };
  RowReader first(sink, options, total_bytes, keys, progress);
  RowReader second(sink, options, total_bytes, keys, progress);
  const bool concurrent = sink.AcceptsConcurrentKinds() && ProcessExecutor().Concurrency() >= 2;
  if (!concurrent) {
    read_group({0, 1, 2, 3, 4, 5, 6}, first);
  } else {
    const std::vector<std::vector<size_t>> phases = {{0}, {1, 2, 6}, {3, 4, 5}};
    for (const std::vector<size_t>& phase : phases) {
      // Largest files first, each to the reader with fewer bytes so far; each reader then
      // reads its files in DataSetSink order.
      std::vector<size_t> by_size = phase;
      std::sort(by_size.begin(), by_size.end(),
                [&sizes](size_t x, size_t y) { return sizes[x] > sizes[y]; });
      std::array<std::vector<size_t>, 2> groups;
      std::array<uint64_t, 2> bytes = {0, 0};
      for (size_t i : by_size) {
        if (!present[i]) continue;
        const size_t g = bytes[0] <= bytes[1] ? 0 : 1;
        groups[g].push_back(i);
        bytes[g] += sizes[i];
      }
      for (auto& group : groups) std::sort(group.begin(), group.end());
      if (groups[1].empty()) {
        read_group(groups[0], first);
      } else {
        // Side by side on the process's executor (no thread of our own per read).
        ProcessExecutor().ParallelFor(
            2, 2, [&](size_t g) { read_group(groups[g], g == 0 ? first : second); });
      }
      if (progress.stop) break;
    }
  }
  // The error of the earliest file wins, whichever reader met its error first.
  for (const Status& status : statuses) {
    if (!status.ok()) return status;
  }
  ReadStats stats;
  stats.rows_read = first.stats().rows_read + second.stats().rows_read;
  stats.rows_rejected = first.stats().rows_rejected + second.stats().rows_rejected;
  return stats;
}

}  // namespace bw::io::internal
