#include "io/csv_reader.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
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

// The SIGBUS guard. Touching a page of a mapped file beyond the file's end (it was
// truncated after it was mapped) raises SIGBUS, which would kill the process. Reading the
// file into a buffer instead would cost memory proportional to the file; so the mappings
// of open readers are registered here, and the handler replaces the vanished page by a
// page of zeros, marks the mapping, and lets the read go on. The reader checks the mark
// (and the file's size and time) when it stops, and reports the change instead of what it
// parsed (CsvReader::CheckUnchanged). A SIGBUS outside the registered mappings goes to the
// handler installed before ours, or kills the process as it would have.
struct GuardedMapping {
  std::atomic<uintptr_t> begin{0};
  std::atomic<uintptr_t> end{0};
  std::atomic<bool> faulted{false};
  std::atomic<bool> used{false};
};
static_assert(std::atomic<uintptr_t>::is_always_lock_free);
constexpr int kGuardSlots = 64;
GuardedMapping g_guarded[kGuardSlots];
struct sigaction g_previous_sigbus;
uintptr_t g_page_size = 4096;

void OnSigbus(int signal, siginfo_t* info, void* context) {
  const uintptr_t address = reinterpret_cast<uintptr_t>(info->si_addr);
  for (GuardedMapping& m : g_guarded) {
    const uintptr_t begin = m.begin.load(std::memory_order_acquire);
    if (begin == 0 || address < begin || address >= m.end.load(std::memory_order_acquire)) continue;
    void* page = reinterpret_cast<void*>(address & ~(g_page_size - 1));
    if (::mmap(page, g_page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
        MAP_FAILED) {
      m.faulted.store(true, std::memory_order_release);
      return;
    }
  }
  if ((g_previous_sigbus.sa_flags & SA_SIGINFO) != 0 && g_previous_sigbus.sa_sigaction != nullptr) {
    g_previous_sigbus.sa_sigaction(signal, info, context);
    return;
  }
  if (g_previous_sigbus.sa_handler != SIG_DFL && g_previous_sigbus.sa_handler != SIG_IGN) {
    g_previous_sigbus.sa_handler(signal);
    return;
  }
  // Returning re-runs the access, which now meets the default action.
  ::signal(SIGBUS, SIG_DFL);
}

void InstallSigbusGuard() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_page_size = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    struct sigaction action {};
    action.sa_sigaction = OnSigbus;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    (void)::sigaction(SIGBUS, &action, &g_previous_sigbus);
  });
}

// The slot guarding [begin, begin + size), or -1 when all are taken (then a truncation
// during the read is fatal, as it was without the guard).
int GuardMapping(const void* begin, size_t size) {
  InstallSigbusGuard();
  for (int i = 0; i < kGuardSlots; ++i) {
    bool expected = false;
    if (g_guarded[i].used.compare_exchange_strong(expected, true)) {
      g_guarded[i].faulted.store(false);
      g_guarded[i].end.store(reinterpret_cast<uintptr_t>(begin) + size);
      g_guarded[i].begin.store(reinterpret_cast<uintptr_t>(begin), std::memory_order_release);
      return i;
    }
  }
  return -1;
}

void UnguardMapping(int slot) {
  if (slot < 0) return;
  g_guarded[slot].begin.store(0, std::memory_order_release);
  g_guarded[slot].end.store(0);
  g_guarded[slot].used.store(false, std::memory_order_release);
}

int64_t ModificationNanos(const struct stat& info) {
  return static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
}

}  // namespace

std::string NotARegularFile(unsigned mode) {
  if (S_ISFIFO(mode)) return "not a regular file (a FIFO)";
  if (S_ISCHR(mode)) return "not a regular file (a character device)";
  if (S_ISBLK(mode)) return "not a regular file (a block device)";
  if (S_ISSOCK(mode)) return "not a regular file (a socket)";
  return "not a regular file";
}

namespace {}  // namespace

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
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. It
  // does not change how a regular file reads.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
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
    return IoError("cannot read " + path + ": " + NotARegularFile(info.st_mode));
  }
  const uint64_t file_size = static_cast<uint64_t>(info.st_size);
  if (file_size > options.max_file_bytes) {
    ::close(fd);
    return InvalidArgument(
        path + ": file is " + std::to_string(file_size) + " bytes, more than the limit of " +
        std::to_string(options.max_file_bytes) + " (--max-file-size; docs/limits.md)");
  }
  const size_t size = static_cast<size_t>(file_size);
  if (size == 0) {
    ::close(fd);
    return CsvReader(std::string_view(), std::move(name), options);
  }
  void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int map_error = errno;
  if (mapping == MAP_FAILED) {
    ::close(fd);
    return IoError("cannot read " + path + ": " + std::strerror(map_error));
  }
  // The reader passes over the file once, front to back.
  (void)::madvise(mapping, size, MADV_SEQUENTIAL);
  CsvReader reader(std::string_view(static_cast<const char*>(mapping), size), std::move(name),
                   options);
  reader.mapping_ = mapping;
  reader.mapping_size_ = size;
  reader.released_ = static_cast<const char*>(mapping);
  reader.fd_ = fd;
  reader.guard_slot_ = GuardMapping(mapping, size);
  reader.file_mtime_ns_ = ModificationNanos(info);
  reader.path_ = path;
  return reader;
}

Status CsvReader::CheckUnchanged() const {
  if (fd_ < 0) return Status::Ok();
  bool changed = guard_slot_ >= 0 && g_guarded[guard_slot_].faulted.load();
  struct stat info;
  if (!changed && ::fstat(fd_, &info) == 0) {
    changed = static_cast<size_t>(info.st_size) != mapping_size_ ||
              ModificationNanos(info) != file_mtime_ns_;
  }
  if (!changed) return Status::Ok();
  return IoError(path_ + ": the file changed (was truncated or rewritten) while it was read");
}

CsvReader::CsvReader(std::string_view data, std::string name, CsvReaderOptions options)
    : begin_(data.data()),
      end_(data.data() + data.size()),
      pos_(data.data()),
      name_(std::move(name)),
      options_(options) {
  if (data.size() >= 3 && std::memcmp(data.data(), "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
}

CsvReader::CsvReader(CsvStream& stream, uint64_t size_hint, std::string name,
                     CsvReaderOptions options)
    : CsvReader(std::string_view(), std::move(name), options) {
  stream_ = &stream;
  size_hint_ = size_hint;
}

bool CsvReader::NextChunk() {
  std::string_view chunk;
  earlier_chunks_ += static_cast<uint64_t>(end_ - begin_);
  begin_ = end_;
  pos_ = end_;
  if (!stream_->Next(&chunk)) {
    status_ = stream_->status();
    return false;
  }
  begin_ = chunk.data();
  end_ = chunk.data() + chunk.size();
  pos_ = begin_;
  // A byte order mark only at the very start, as for one buffer.
  if (earlier_chunks_ == 0 && chunk.size() >= 3 && std::memcmp(begin_, "\xEF\xBB\xBF", 3) == 0) {
    pos_ += 3;
  }
  return true;
}

CsvReader::CsvReader(CsvReader&& other) noexcept
    : begin_(other.begin_),
      end_(other.end_),
      pos_(other.pos_),
      mapping_(std::exchange(other.mapping_, nullptr)),
      mapping_size_(std::exchange(other.mapping_size_, 0)),
      fd_(std::exchange(other.fd_, -1)),
      guard_slot_(std::exchange(other.guard_slot_, -1)),
      file_mtime_ns_(other.file_mtime_ns_),
      path_(std::move(other.path_)),
      released_(other.released_),
      stream_(std::exchange(other.stream_, nullptr)),
      earlier_chunks_(other.earlier_chunks_),
      size_hint_(other.size_hint_),
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
    fd_ = std::exchange(other.fd_, -1);
    guard_slot_ = std::exchange(other.guard_slot_, -1);
    file_mtime_ns_ = other.file_mtime_ns_;
    path_ = std::move(other.path_);
    released_ = other.released_;
    if (stream_ != nullptr) stream_->DropRead();
    stream_ = std::exchange(other.stream_, nullptr);
    earlier_chunks_ = other.earlier_chunks_;
    size_hint_ = other.size_hint_;
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

CsvReader::~CsvReader() {
  Unmap();
  if (stream_ != nullptr) stream_->DropRead();
}

void CsvReader::Unmap() {
  UnguardMapping(guard_slot_);
  guard_slot_ = -1;
  if (mapping_ != nullptr) ::munmap(mapping_, mapping_size_);
  mapping_ = nullptr;
  mapping_size_ = 0;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
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
  // What the parser met in a file that changed under it is not worth reporting.
  status_ = CheckUnchanged();
  if (status_.ok()) {
    status_ = InvalidArgument(name_ + ":" + std::to_string(line) + ": " + std::string(what));
  }
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
    return Fail(row_line_,
                ColumnName(static_cast<size_t>(invalid_utf8_field_)) + ": invalid UTF-8");
  }
  return true;
}

std::string CsvReader::ColumnName(size_t index) const {
  return index < column_names_.size() ? column_names_[index] : "field " + std::to_string(index + 1);
}

std::string CsvReader::SizeText(size_t bytes) {
  if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// The field scanner is one loop on purpose: the hottest loop of the import
// (docs/performance.md).
// NOLINTNEXTLINE(readability-function-size)
bool CsvReader::Next() {
  if (!status_.ok()) return false;
  const char* p = pos_;
  const char* end = end_;
  // Lines without any character are skipped.
  while (true) {
    if (p == end) {
      pos_ = p;
      if (stream_ != nullptr) {
        // Chunks hold whole rows: the next row starts in the next chunk.
        if (NextChunk()) {
          p = pos_;
          end = end_;
          continue;
        }
        fields_.clear();
        return false;
      }
      fields_.clear();
      status_ = CheckUnchanged();
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
  const char* const row_start = p;
  const size_t max_field = options_.max_field_bytes;

  // After each field: the limits that keep a row's memory bounded (docs/limits.md).
  auto check_limits = [&]() -> bool {
    if (fields_.back().size() > max_field) {
      return Fail(row_line_,
                  ColumnName(fields_.size() - 1) + ": field is longer than " + SizeText(max_field));
    }
    if (fields_.size() > options_.max_fields) {
      return Fail(row_line_,
                  "row has more than " + std::to_string(options_.max_fields) + " fields");
    }
    if (static_cast<size_t>(p - row_start) > options_.max_row_bytes) {
      return Fail(row_line_, "row is longer than " + SizeText(options_.max_row_bytes));
    }
    return true;
  };

  while (true) {
    if (p < end && *p == '"') {
      const int64_t quote_line = line_;
      ++p;
      const char* start = p;
      const char* const field_begin = p;
      size_t escapes = 0;
      bool non_ascii = false;
      bool escaped = false;
      size_t scratch_begin = 0;
      while (true) {
        while (p < end && kQuotedClasses[static_cast<unsigned char>(*p)] == 0) ++p;
        if (p == end) {
          pos_ = p;
          return Fail(quote_line, "malformed CSV: quoted field is not terminated");
        }
        // Checked here too, before the scratch copy of an escaped field can grow past it.
        if (static_cast<size_t>(p - field_begin) - escapes > max_field) {
          return Fail(row_line_,
                      ColumnName(fields_.size()) + ": field is longer than " + SizeText(max_field));
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
          ++escapes;
          start = p;
        } else {
          break;  // the closing quote
        }
      }
      // A "closing" quote right after a comma or line end is where a quoted field would
      // open: most likely the quote on quote_line was never closed.
      const bool looks_like_an_opening =
          quote_line != line_ && p > field_begin && (p[-1] == ',' || p[-1] == '\n');
      if (escaped) {
        scratch_.append(start, static_cast<size_t>(p - start));
        PushScratchField(scratch_begin, non_ascii);
      } else {
        PushField(start, static_cast<size_t>(p - start), non_ascii);
      }
      ++p;
      if (!check_limits()) return false;
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
      if (looks_like_an_opening) {
        // Name the line where the unterminated quote opened, not the next quote's.
        return Fail(quote_line,
                    "malformed CSV: the quoted field starting on this line is not "
                    "terminated (its closing quote would be on line " +
                        std::to_string(line_) + ", followed by other characters)");
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
    if (!check_limits()) return false;
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
