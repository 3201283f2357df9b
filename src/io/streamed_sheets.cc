#include "io/streamed_sheets.h"

#include <algorithm>
#include <utility>

namespace bw::io {

size_t StreamedSheets::Add(size_t file_index, std::unique_ptr<RowSource> rows,
                           std::unique_ptr<NormalizeOptions> options,
                           std::unique_ptr<StreamingNormalizer> normalizer, uint64_t max_bytes) {
  auto job = std::make_unique<Job>();
  job->file_index = file_index;
  job->rows = std::move(rows);
  job->options = std::move(options);
  job->normalizer = std::move(normalizer);
  job->max_bytes = max_bytes;
  jobs_.push_back(std::move(job));
  return jobs_.size() - 1;
}

std::function<void(std::string_view, int64_t, const std::vector<std::string>&, const std::string&)>
StreamedSheets::NewRejectLog() {
  logs_.push_back(std::make_unique<HeldRejects>());
  HeldRejects* log = logs_.back().get();
  return [log](std::string_view file, int64_t line, const std::vector<std::string>& fields,
               const std::string& reason) {
    log->push_back({std::string(file), line, fields, reason});
  };
}

void StreamedSheets::RunJob(Job& job) {
  ConvertJob(job);
  // The sheet's parser, buffers and zip handle are no longer needed.
  job.normalizer.reset();
  job.rows.reset();
  job.options.reset();
}

void StreamedSheets::ConvertJob(Job& job) {
  uint64_t total = 0;
  Result<NormalizedFile> file =
      job.normalizer->Rows(kChunkBytes, [this, &job, &total](std::string& chunk) {
        total += chunk.size();
        // Past the limit nothing more is kept: the file is refused at the end, with its
        // whole size, as the strict reader refuses a converted file that is too large.
        if (total <= job.max_bytes && keep_.load(std::memory_order_relaxed)) {
          job.stream.Push(std::move(chunk));
          // The next chunk grows to about this size: allocate it once.
          chunk = std::string();
          chunk.reserve(kChunkBytes + (kChunkBytes >> 4));
        }
        chunk.clear();
        return true;
      });
  if (!file.ok()) {
    job.status = file.status();
    job.stream.Close(job.status);
    return;
  }
  job.rows_rejected = file->rows_rejected;
  total += file->csv.size();
  if (total > job.max_bytes) {
    job.size_status =
        InvalidArgument(job.rows->name() + ": file is " + std::to_string(total) +
                        " bytes, more than the limit of " + std::to_string(job.max_bytes) +
                        " (--max-file-size; docs/limits.md)");
    job.stream.Close(job.size_status);
    return;
  }
  if (keep_.load(std::memory_order_relaxed)) job.stream.Push(std::move(file->csv));
  job.stream.Close(Status::Ok());
}

void StreamedSheets::Run() {
  std::vector<Job*> order;
  for (const auto& job : jobs_) order.push_back(job.get());
  std::stable_sort(order.begin(), order.end(),
                   [](const Job* a, const Job* b) { return a->file_index < b->file_index; });
  for (Job* job : order) RunJob(*job);
}

Status StreamedSheets::FirstConversionError() const {
  for (const auto& job : jobs_) {
    if (!job->status.ok()) return job->status;
  }
  return Status::Ok();
}

Status StreamedSheets::FirstError() const {
  BW_RETURN_IF_ERROR(FirstConversionError());
  const Job* too_large = nullptr;
  for (const auto& job : jobs_) {
    if (!job->size_status.ok() &&
        (too_large == nullptr || job->file_index < too_large->file_index)) {
      too_large = job.get();
    }
  }
  return too_large == nullptr ? Status::Ok() : too_large->size_status;
}

int64_t StreamedSheets::rows_rejected() const {
  int64_t rows = 0;
  for (const auto& job : jobs_) rows += job->rows_rejected;
  return rows;
}

}  // namespace bw::io
