// A streaming RFC 4180 CSV reader built for speed: the import of a data set of millions of
// rows spends most of its time here.
//
// The input is a memory-mapped file or a caller's buffer; fields are string_views into it.
// Only a quoted field with `""` escapes is copied (unescaped) into a scratch buffer that
// is reused row after row, so reading allocates nothing per row once the buffers have grown.
//
// Accepted: comma separator, `"` quoting with `""` escapes, quoted fields holding commas,
// CR and LF, CRLF and LF line ends, a last line without a line end, a UTF-8 byte order mark
// at the start. Lines with no characters at all are skipped. Rejected (a kInvalidArgument
// `NAME:LINE: malformed CSV: ...`, which ends the read): an unterminated quoted field, a
// quote inside an unquoted field, characters after a closing quote, a CR outside quotes
// that is not followed by LF. Every field is checked to be UTF-8 (see CsvReaderOptions).
//
// Hostile input is bounded (docs/limits.md): a field longer than max_field_bytes, a row
// longer than max_row_bytes or with more than max_fields fields ends the read, so memory
// never grows with what a file holds in one row. OpenFile reads regular files only (a
// FIFO or device is refused without blocking) of at most max_file_bytes, and a file that
// is truncated or rewritten while it is read ends the read with kIoError instead of
// killing the process with SIGBUS (the mapped pages that vanished read as zeros until
// the reader notices).
//
// A CsvReader is used from one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/csv_stream.h"

namespace bw::io {

// Limits of the reader (docs/limits.md). Each is far above what real data needs and far
// below what would hurt: a row's fields and its scratch copy stay within a few MiB.
inline constexpr uint64_t kDefaultMaxFileBytes = uint64_t{4} << 30;  // 4 GiB
inline constexpr size_t kDefaultMaxFieldBytes = size_t{1} << 20;     // 1 MiB
inline constexpr size_t kDefaultMaxRowBytes = size_t{8} << 20;       // 8 MiB
inline constexpr size_t kDefaultMaxFields = 256;

struct CsvReaderOptions {
  // true (default): a field that is not valid UTF-8 ends the read with
  //   `NAME:LINE: COLUMN: invalid UTF-8` (COLUMN from set_column_names(), else `field N`).
  // false: Next() still returns the row and invalid_utf8_field() names the first bad
  //   field, so a caller can reject that row alone and read on.
  bool fail_on_invalid_utf8 = true;
  // OpenFile refuses a larger file up front (kInvalidArgument naming the path).
  uint64_t max_file_bytes = kDefaultMaxFileBytes;
  // A longer field, a longer row (bytes from its first to its last character), or a row
  // with more fields ends the read with kInvalidArgument `NAME:LINE: ...`.
  size_t max_field_bytes = kDefaultMaxFieldBytes;
  size_t max_row_bytes = kDefaultMaxRowBytes;
  size_t max_fields = kDefaultMaxFields;
};

class CsvReader {
 public:
  // Maps the file at `path` read-only. `name` is used in error texts (e.g. "revenue.csv").
  // Errors: kNotFound when the file does not exist; kIoError when it cannot be read or is
  // not a regular file (a FIFO, device, directory: refused without blocking);
  // kInvalidArgument when it is larger than options.max_file_bytes.
  static Result<CsvReader> OpenFile(const std::string& path, std::string name,
                                    CsvReaderOptions options = {});

  // Reads from `data`, which the caller keeps alive and unchanged while reading.
  CsvReader(std::string_view data, std::string name, CsvReaderOptions options = {});
  // Reads the chunks of `stream` (whole rows each) as one input, waiting for each while
  // it is converted; a stream closed with an error ends the read with that error. The
  // caller keeps the stream alive while reading; the reader frees the chunks it read when
  // it is destroyed (CsvStream::DropRead), so views into them end with it. `size_hint`: about how
  // many bytes the stream will hold (expected_size()), for sizing tables and progress.
  CsvReader(CsvStream& stream, uint64_t size_hint, std::string name, CsvReaderOptions options = {});

  CsvReader(CsvReader&& other) noexcept;
  CsvReader& operator=(CsvReader&& other) noexcept;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader();

  // Advances to the next row. Returns false at the end of the input or on an error; then
  // status() tells which. The row (fields(), line()) stays valid until the next call.
  bool Next();

  // Ok, or why the read stopped. When the file was truncated or rewritten while it was
  // read, that (kIoError `PATH: changed while it was read`) is the reason, whatever the
  // parser met in the changed bytes.
  const Status& status() const { return status_; }

  // kIoError when the mapped file changed (was truncated or rewritten) since OpenFile,
  // else ok. For callers that stop reading early because of what they found in a row.
  Status CheckUnchanged() const;

  // The fields of the current row. Views into the input or into the reader's scratch
  // buffer; valid until the next call of Next() (and not across a move of the reader).
  const std::vector<std::string_view>& fields() const { return fields_; }
  // 1-based physical line where the current row starts (the first row is line 1; lines
  // inside quoted fields and skipped blank lines count).
  int64_t line() const { return row_line_; }
  // Index of the first field of the current row that is not valid UTF-8, or -1. Only
  // set when options.fail_on_invalid_utf8 is false.
  int invalid_utf8_field() const { return invalid_utf8_field_; }

  // Names of the columns, used in error texts for invalid UTF-8.
  void set_column_names(std::vector<std::string> names) { column_names_ = std::move(names); }

  const std::string& name() const { return name_; }
  // Bytes of the input consumed so far, and the input's size (for progress displays; of
  // a stream: the bytes received so far).
  uint64_t bytes_consumed() const { return earlier_chunks_ + static_cast<uint64_t>(pos_ - begin_); }
  uint64_t size() const { return earlier_chunks_ + static_cast<uint64_t>(end_ - begin_); }
  // About how many bytes the whole input holds: size(), or a stream's hint while it is
  // larger than what arrived.
  uint64_t expected_size() const { return size() > size_hint_ ? size() : size_hint_; }
  // The whole input (of a stream: the current chunk), for callers that scan ahead of the
  // reader (e.g. to prefetch), and the bytes of it consumed so far.
  std::string_view input() const {
    return std::string_view(begin_, static_cast<size_t>(end_ - begin_));
  }
  uint64_t input_consumed() const { return static_cast<uint64_t>(pos_ - begin_); }

 private:
  struct ScratchField {
    size_t index;   // in fields_
    size_t offset;  // in scratch_
    size_t length;
  };

  bool Fail(int64_t line, std::string_view what);
  // Finishes the field [data, data + length) (in scratch_ when escaped).
  void PushField(const char* data, size_t length, bool non_ascii);
  void PushScratchField(size_t offset, bool non_ascii);
  bool FinishRow();
  void Unmap();
  // Moves on to the stream's next chunk; false at its end (status_ set on its error).
  bool NextChunk();
  // Column `index`'s name for error texts: from set_column_names(), else `field N`.
  std::string ColumnName(size_t index) const;
  static std::string SizeText(size_t bytes);
  // Drops mapped pages before `keep` from memory: each is read once, and keeping them
  // would grow the resident size to the file's size.
  void ReleaseConsumed(const char* keep);

  const char* begin_ = nullptr;
  const char* end_ = nullptr;
  const char* pos_ = nullptr;
  void* mapping_ = nullptr;  // non-null when the input is a mapped file
  size_t mapping_size_ = 0;
  int fd_ = -1;          // the mapped file, kept open to notice changes
  int guard_slot_ = -1;  // this mapping's entry in the SIGBUS guard, or -1
  int64_t file_mtime_ns_ = 0;
  std::string path_;
  const char* released_ = nullptr;  // mapped bytes before this were released
  CsvStream* stream_ = nullptr;     // the chunks read, or null
  uint64_t earlier_chunks_ = 0;     // bytes of the stream's chunks before the current one
  uint64_t size_hint_ = 0;

  std::string name_;
  CsvReaderOptions options_;
  Status status_;
  int64_t line_ = 1;  // physical line at pos_
  int64_t row_line_ = 0;
  int invalid_utf8_field_ = -1;
  std::vector<std::string_view> fields_;
  std::string scratch_;
  std::vector<ScratchField> scratch_fields_;
  std::vector<std::string> column_names_;
};

// "not a regular file", with the kind of file when it is a FIFO, device or socket, for
// the error of a reader that found one (`mode` is a stat st_mode).
std::string NotARegularFile(unsigned mode);

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points
// above U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace bw::io
