#include "io/csv_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace bw::io {
namespace {

// Byte classes of the scanning loops: 0 = ordinary ASCII, kStop = a byte the loop must look
// at, kHigh = part of a multi-byte UTF-8 sequence (the field needs validation).
constexpr uint8_t kStop = 1;
constexpr uint8_t kHigh = 2;

constexpr std::array<uint8_t, 256> MakeClasses(bool quoted) {
  std::array<uint8_t, 256> classes{};
  for (int c = 0x80; c < 256; ++c) classes[c] = kHigh;
  classes['"'] = kStop;
  classes['\n'] = kStop;
  if (!quoted) {
    classes[','] = kStop;
    classes['\r'] = kStop;
  }
  return classes;
}

constexpr size_t kReleaseStep = 16 << 20;

constexpr std::array<uint8_t, 256> kUnquotedClasses = MakeClasses(false);
constexpr std::array<uint8_t, 256> kQuotedClasses = MakeClasses(true);

}  // namespace

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  while (p < end) {
    // Skip ASCII eight bytes at a time: most text fields are pure ASCII.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p == end) break;
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    // Well-formed sequences per Unicode Table 3-7.
    int extra;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= extra; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += extra + 1;
  }
  return true;
}

Result<CsvReader> CsvReader::OpenFile(const std::string& path, std::string name,
                                      CsvReaderOptions options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) return NotFound(path + ": not found");
    return IoError("cannot read " + path + ": " + std::strerror(error));
  }
  struct stat info;
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return IoError("cannot read " + path + ": " + std::strerror(error));
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    return IoError("cannot read " + path + ": not a regular file");
  }
  const size_t size = static_cast<size_t>(info.st_size);
  if (size == 0) {
    ::close(fd);
    return CsvReader(std::string_view(), std::move(name), options);
  }
  void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int map_error = errno;
  ::close(fd);
  if (mapping == MAP_FAILED) {
    return IoError("cannot read " + path + ": " + std::strerror(map_error));
  }
  // The reader passes over the file once, front to back.
  (void)::madvise(mapping, size, MADV_SEQUENTIAL);
  CsvReader reader(std::string_view(static_cast<const char*>(mapping), size), std::move(name),
                   options);
  reader.mapping_ = mapping;
  reader.mapping_size_ = size;
  reader.released_ = static_cast<const char*>(mapping);
  return reader;
}

CsvReader::CsvReader(std::string_view data, std::string name, CsvReaderOptions options)
    : begin_(data.data()),
      end_(data.data() + data.size()),
      pos_(data.data()),
      name_(std::move(name)),
      options_(options) {
  if (data.size() >= 3 && std::memcmp(data.data(), "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
}

CsvReader::CsvReader(CsvReader&& other) noexcept
    : begin_(other.begin_),
      end_(other.end_),
      pos_(other.pos_),
      mapping_(std::exchange(other.mapping_, nullptr)),
      mapping_size_(std::exchange(other.mapping_size_, 0)),
      released_(other.released_),
      name_(std::move(other.name_)),
      options_(other.options_),
      status_(std::move(other.status_)),
      line_(other.line_),
      row_line_(other.row_line_),
      invalid_utf8_field_(other.invalid_utf8_field_),
      fields_(std::move(other.fields_)),
      scratch_(std::move(other.scratch_)),
      scratch_fields_(std::move(other.scratch_fields_)),
      column_names_(std::move(other.column_names_)) {}

CsvReader& CsvReader::operator=(CsvReader&& other) noexcept {
  if (this != &other) {
    Unmap();
    begin_ = other.begin_;
    end_ = other.end_;
    pos_ = other.pos_;
    mapping_ = std::exchange(other.mapping_, nullptr);
    mapping_size_ = std::exchange(other.mapping_size_, 0);
    released_ = other.released_;
    name_ = std::move(other.name_);
    options_ = other.options_;
    status_ = std::move(other.status_);
    line_ = other.line_;
    row_line_ = other.row_line_;
    invalid_utf8_field_ = other.invalid_utf8_field_;
    fields_ = std::move(other.fields_);
    scratch_ = std::move(other.scratch_);
    scratch_fields_ = std::move(other.scratch_fields_);
    column_names_ = std::move(other.column_names_);
  }
  return *this;
}

CsvReader::~CsvReader() { Unmap(); }

void CsvReader::Unmap() {
  if (mapping_ != nullptr) ::munmap(mapping_, mapping_size_);
  mapping_ = nullptr;
  mapping_size_ = 0;
}

void CsvReader::ReleaseConsumed(const char* keep) {
  const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const char* end = reinterpret_cast<const char*>(reinterpret_cast<uintptr_t>(keep) & ~(page - 1));
  if (end <= released_) return;
  (void)::madvise(const_cast<char*>(released_), static_cast<size_t>(end - released_),
                  MADV_DONTNEED);
  released_ = end;
}

bool CsvReader::Fail(int64_t line, std::string_view what) {
  status_ = InvalidArgument(name_ + ":" + std::to_string(line) + ": " + std::string(what));
  fields_.clear();
  pos_ = end_;
  return false;
}

void CsvReader::PushField(const char* data, size_t length, bool non_ascii) {
  const std::string_view field(data, length);
  if (non_ascii && invalid_utf8_field_ < 0 && !IsValidUtf8(field)) {
    invalid_utf8_field_ = static_cast<int>(fields_.size());
  }
  fields_.push_back(field);
}

void CsvReader::PushScratchField(size_t offset, bool non_ascii) {
  const size_t length = scratch_.size() - offset;
  scratch_fields_.push_back({fields_.size(), offset, length});
  // The view is fixed up in FinishRow(): scratch_ may still grow and move.
  PushField(scratch_.data() + offset, length, non_ascii);
}

bool CsvReader::FinishRow() {
  for (const ScratchField& f : scratch_fields_) {
    fields_[f.index] = std::string_view(scratch_.data() + f.offset, f.length);
  }
  if (invalid_utf8_field_ >= 0 && options_.fail_on_invalid_utf8) {
    const size_t index = static_cast<size_t>(invalid_utf8_field_);
    const std::string column =
        index < column_names_.size() ? column_names_[index] : "field " + std::to_string(index + 1);
    return Fail(row_line_, column + ": invalid UTF-8");
  }
  return true;
}

bool CsvReader::Next() {
  if (!status_.ok()) return false;
  const char* p = pos_;
  const char* const end = end_;
  // Lines without any character are skipped.
  while (true) {
    if (p == end) {
      pos_ = p;
      fields_.clear();
      return false;
    }
    if (*p == '\n') {
      ++line_;
      ++p;
    } else if (*p == '\r' && p + 1 < end && p[1] == '\n') {
      ++line_;
      p += 2;
    } else {
      break;
    }
  }
  row_line_ = line_;
  if (mapping_ != nullptr && static_cast<size_t>(p - released_) > kReleaseStep) {
    ReleaseConsumed(p);
  }
  fields_.clear();
  scratch_.clear();
  scratch_fields_.clear();
  invalid_utf8_field_ = -1;

  while (true) {
    if (p < end && *p == '"') {
      const int64_t quote_line = line_;
      ++p;
      const char* start = p;
      bool non_ascii = false;
      bool escaped = false;
      size_t scratch_begin = 0;
      while (true) {
        while (p < end && kQuotedClasses[static_cast<unsigned char>(*p)] == 0) ++p;
        if (p == end) {
          pos_ = p;
          return Fail(quote_line, "malformed CSV: quoted field is not terminated");
        }
        const char c = *p;
        if (c == '\n') {
          ++line_;
          ++p;
        } else if (c != '"') {
          non_ascii = true;
          ++p;
        } else if (p + 1 < end && p[1] == '"') {
          if (!escaped) {
            escaped = true;
            scratch_begin = scratch_.size();
          }
          scratch_.append(start, static_cast<size_t>(p + 1 - start));
          p += 2;
          start = p;
        } else {
          break;  // the closing quote
        }
      }
      if (escaped) {
        scratch_.append(start, static_cast<size_t>(p - start));
        PushScratchField(scratch_begin, non_ascii);
      } else {
        PushField(start, static_cast<size_t>(p - start), non_ascii);
      }
      ++p;
      if (p == end) break;
      if (*p == ',') {
        ++p;
        continue;
      }
      if (*p == '\n') {
        ++line_;
        ++p;
        break;
      }
      if (*p == '\r' && p + 1 < end && p[1] == '\n') {
        ++line_;
        p += 2;
        break;
      }
      return Fail(line_, "malformed CSV: characters after a closing quote");
    }

    const char* start = p;
    bool non_ascii = false;
    while (true) {
      while (p < end && kUnquotedClasses[static_cast<unsigned char>(*p)] == 0) ++p;
      if (p < end && kUnquotedClasses[static_cast<unsigned char>(*p)] == kHigh) {
        non_ascii = true;
        ++p;
        continue;
      }
      break;
    }
    PushField(start, static_cast<size_t>(p - start), non_ascii);
    if (p == end) break;
    const char c = *p;
    if (c == ',') {
      ++p;
      continue;
    }
    if (c == '\n') {
      ++line_;
      ++p;
      break;
    }
    if (c == '\r') {
      if (p + 1 < end && p[1] == '\n') {
        ++line_;
        p += 2;
        break;
      }
      return Fail(line_, "malformed CSV: carriage return without line feed outside quotes");
    }
    return Fail(line_, "malformed CSV: quote inside an unquoted field");
  }
  pos_ = p;
  return FinishRow();
}

}  // namespace bw::io
