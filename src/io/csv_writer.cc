#include "io/csv_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace bw::io {
namespace {

constexpr size_t kFlushThreshold = 1 << 20;

bool NeedsQuotes(std::string_view value) {
  if (value.empty()) return false;
  if (value.front() == ' ' || value.back() == ' ') return true;
  return value.find_first_of(",\"\r\n") != std::string_view::npos;
}

void AppendEscaped(std::string& out, std::string_view value) {
  if (!NeedsQuotes(value)) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

Result<CsvWriter> CsvWriter::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return IoError("cannot write " + path + ": " + std::strerror(errno));
  }
  return CsvWriter(file, path);
}

Result<CsvWriter> CsvWriter::Create(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) return IoError("cannot write " + path + ": " + std::strerror(errno));
  std::FILE* file = ::fdopen(fd, "wb");
  if (file == nullptr) {
    const int error = errno;
    ::close(fd);
    return IoError("cannot write " + path + ": " + std::strerror(error));
  }
  return CsvWriter(file, path);
}

CsvWriter::CsvWriter(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {
  buffer_.reserve(kFlushThreshold + 4096);
}

CsvWriter::CsvWriter(CsvWriter&& other) noexcept
    : file_(std::exchange(other.file_, nullptr)),
      path_(std::move(other.path_)),
      error_(std::move(other.error_)),
      buffer_(std::move(other.buffer_)),
      line_end_(std::move(other.line_end_)),
      row_started_(other.row_started_),
      row_has_one_empty_field_(other.row_has_one_empty_field_),
      failed_(other.failed_) {}

CsvWriter& CsvWriter::operator=(CsvWriter&& other) noexcept {
  if (this != &other) {
    if (file_ != nullptr) (void)Close();
    file_ = std::exchange(other.file_, nullptr);
    path_ = std::move(other.path_);
    error_ = std::move(other.error_);
    buffer_ = std::move(other.buffer_);
    line_end_ = std::move(other.line_end_);
    row_started_ = other.row_started_;
    row_has_one_empty_field_ = other.row_has_one_empty_field_;
    failed_ = other.failed_;
  }
  return *this;
}

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) (void)Close();
}

void CsvWriter::Field(std::string_view value) {
  row_has_one_empty_field_ = !row_started_ && value.empty();
  if (row_started_) buffer_.push_back(',');
  row_started_ = true;
  AppendEscaped(buffer_, value);
}

void CsvWriter::EndRow() {
  if (row_has_one_empty_field_) buffer_.append("\"\"");
  row_has_one_empty_field_ = false;
  buffer_.append(line_end_);
  row_started_ = false;
  if (buffer_.size() >= kFlushThreshold) Flush();
}

void CsvWriter::Row(std::initializer_list<std::string_view> fields) {
  for (std::string_view f : fields) Field(f);
  EndRow();
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  for (const std::string& f : fields) Field(f);
  EndRow();
}

void CsvWriter::Flush() {
  if (file_ == nullptr || buffer_.empty()) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size() && !failed_) {
    failed_ = true;
    error_ = std::strerror(errno);
  }
  buffer_.clear();
}

Status CsvWriter::Close(bool sync) {
  if (file_ == nullptr) return Status::Ok();
  Flush();
  if (sync && !failed_ && (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0)) {
    failed_ = true;
    error_ = std::strerror(errno);
  }
  if (std::fclose(file_) != 0 && !failed_) {
    failed_ = true;
    error_ = std::strerror(errno);
  }
  file_ = nullptr;
  if (failed_) return IoError("error writing " + path_ + (error_.empty() ? "" : ": " + error_));
  return Status::Ok();
}

std::string CsvWriter::Escape(std::string_view value) {
  std::string out;
  AppendEscaped(out, value);
  return out;
}

}  // namespace bw::io
