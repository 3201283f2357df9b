#include "io/csv_stream.h"

#include <utility>

namespace bw::io {

void CsvStream::Push(std::string chunk) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    chunks_.push_back(std::move(chunk));
  }
  changed_.notify_one();
}

void CsvStream::Close(Status status) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    status_ = std::move(status);
  }
  changed_.notify_one();
}

bool CsvStream::Next(std::string_view* chunk) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return next_ < chunks_.size() || closed_; });
  if (next_ == chunks_.size()) return false;
  *chunk = chunks_[next_++];
  return true;
}

void CsvStream::DropRead() {
  const std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < next_; ++i) std::string().swap(chunks_[i]);
}

Status CsvStream::status() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

}  // namespace bw::io
