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
// A CsvReader is used from one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace bw::io {

struct CsvReaderOptions {
  // true (default): a field that is not valid UTF-8 ends the read with
  //   `NAME:LINE: COLUMN: invalid UTF-8` (COLUMN from set_column_names(), else `field N`).
  // false: Next() still returns the row and invalid_utf8_field() names the first bad
  //   field, so a caller can reject that row alone and read on.
  bool fail_on_invalid_utf8 = true;
};

class CsvReader {
 public:
  // Maps the file at `path` read-only. `name` is used in error texts (e.g. "revenue.csv").
  // Errors: kNotFound when the file does not exist, kIoError when it cannot be read.
  static Result<CsvReader> OpenFile(const std::string& path, std::string name,
                                    CsvReaderOptions options = {});

  // Reads from `data`, which the caller keeps alive and unchanged while reading.
  CsvReader(std::string_view data, std::string name, CsvReaderOptions options = {});

  CsvReader(CsvReader&& other) noexcept;
  CsvReader& operator=(CsvReader&& other) noexcept;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader();

  // Advances to the next row. Returns false at the end of the input or on an error; then
  // status() tells which. The row (fields(), line()) stays valid until the next call.
  bool Next();

  // Ok, or why the read stopped.
  const Status& status() const { return status_; }

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
  // Bytes of the input consumed so far, and the input's size (for progress displays).
  uint64_t bytes_consumed() const { return static_cast<uint64_t>(pos_ - begin_); }
  uint64_t size() const { return static_cast<uint64_t>(end_ - begin_); }
  // The whole input, for callers that scan ahead of the reader (e.g. to prefetch).
  std::string_view input() const { return std::string_view(begin_, size()); }

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
  // Drops mapped pages before `keep` from memory: each is read once, and keeping them
  // would grow the resident size to the file's size.
  void ReleaseConsumed(const char* keep);

  const char* begin_ = nullptr;
  const char* end_ = nullptr;
  const char* pos_ = nullptr;
  void* mapping_ = nullptr;  // non-null when the input is a mapped file
  size_t mapping_size_ = 0;
  const char* released_ = nullptr;  // mapped bytes before this were released

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

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points
// above U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace bw::io
