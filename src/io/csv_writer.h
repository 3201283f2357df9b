// Writes RFC 4180 CSV (comma, `"` quoting, `""` inside quotes, LF line ends), buffered.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace bw::io {

class CsvWriter {
 public:
  // Opens (truncates) `path` for writing. Errors: kIoError naming the path.
  static Result<CsvWriter> Open(const std::string& path);
  // Creates `path`, which must not exist yet, not even as a symbolic link (O_EXCL |
  // O_NOFOLLOW). Errors: kIoError naming the path.
  static Result<CsvWriter> Create(const std::string& path);

  CsvWriter(CsvWriter&& other) noexcept;
  CsvWriter& operator=(CsvWriter&& other) noexcept;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  ~CsvWriter();  // closes the file; call Close() to learn about write errors

  // Appends one field to the current row; quotes it only when it contains a comma,
  // quote, CR or LF, or starts or ends with a space.
  void Field(std::string_view value);
  // Ends the current row. A row of one empty field is written as `""`: an empty line
  // would be read back as a blank line, i.e. no row at all.
  void EndRow();
  void Row(std::initializer_list<std::string_view> fields);
  void Row(const std::vector<std::string>& fields);

  // Line end written by EndRow(): "\n" (default) or "\r\n" (both valid import format).
  void set_line_end(std::string_view line_end) { line_end_ = line_end; }

  // Flushes and closes; kIoError when any write failed. `sync`: also fsync the file
  // first, so that a file renamed into place afterwards is complete on disk.
  Status Close(bool sync = false);

  // The CSV text of one field, quoted as Field() would (for tests and small writers).
  static std::string Escape(std::string_view value);

 private:
  CsvWriter(std::FILE* file, std::string path);
  void Flush();

  std::FILE* file_ = nullptr;
  std::string path_;
  std::string error_;  // the first write error's text
  std::string buffer_;
  std::string line_end_ = "\n";
  bool row_started_ = false;
  bool row_has_one_empty_field_ = false;
  bool failed_ = false;
};

}  // namespace bw::io
