// CsvStream: the bytes of one file in the strict import format, handed from the thread
// that converts them (an XLSX sheet, io/normalizer.h) to the thread that reads them
// (io/csv_reader.h) chunk by chunk, so the reading starts before the conversion ends.
// Each chunk holds whole rows. Chunks stay alive (and their bytes in place) until the
// reader is done with the file (DropRead) or the stream is destroyed: the reader's key
// tables keep views into them while the file is read.
//
// Thread safety: one producer (Push, Close) and one consumer (Next, status) at a time,
// on any threads; Cancel and cancelled from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"

namespace bw::io {

class CsvStream {
 public:
  // Appends a chunk of whole rows (the first holds the header).
  void Push(std::string chunk);
  // Ends the stream: no more chunks; `status` is why when not ok (the conversion failed).
  void Close(Status status);

  // Waits for the next chunk and points *chunk at it (valid while the stream lives).
  // False at the end of the stream; status() then tells whether it ended well.
  bool Next(std::string_view* chunk);
  // Ok, or why the stream was closed early; meaningful once Next() returned false.
  Status status() const;
  // Frees the chunks Next() handed out (their views become invalid): the reader is done.
  void DropRead();

  // Asks the producer to stop (nobody will read the rest); it checks cancelled().
  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> chunks_;  // a deque: pushing never moves earlier chunks
  size_t next_ = 0;                 // the chunk Next() hands out next
  bool closed_ = false;
  Status status_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace bw::io
