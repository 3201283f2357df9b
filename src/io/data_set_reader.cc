// The entry points of the import format's reader: the files of a directory, of buffers or
// of converted inputs, each checked (present, a regular file, within the size limit)
// before any is read. The reading itself is in internal/: the schema
// (data_set_schema.h), the row rules (row_reader.h, row_checks.cc), the key tables
// (reference_keys.h) and the scheduling over two readers (read_schedule.h).
#include "io/data_set_reader.h"

#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <functional>

#include "io/csv_reader.h"
#include "io/internal/data_set_schema.h"
#include "io/internal/read_schedule.h"

namespace bw::io {
namespace {

using internal::kFileCount;
using internal::kFiles;

CsvReaderOptions ReaderOptions(const ReadOptions& read_options) {
  CsvReaderOptions options;
  options.fail_on_invalid_utf8 = false;  // an invalid field rejects its row alone
  options.max_file_bytes = read_options.max_file_bytes;
  return options;
}

std::string FileSizeLimitText(const std::string& path, uint64_t size, uint64_t limit) {
  return path + ": file is " + std::to_string(size) + " bytes, more than the limit of " +
         std::to_string(limit) + " (--max-file-size; docs/limits.md)";
}

}  // namespace

Result<ReadStats> ReadDataSet(const std::string& dir, DataSetSink& sink,
                              const ReadOptions& options) {
  // POSIX stat rather than std::filesystem: a link loop, an unreadable directory or any
  // other failure is a Status naming the path, never an exception.
  struct stat info;
  if (::stat(dir.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) return NotFound(dir + ": not found");
    return IoError("cannot read " + dir + ": " + std::strerror(error));
  }
  if (!S_ISDIR(info.st_mode)) return NotFound(dir + ": not found (not a directory)");
  std::array<std::string, kFileCount> paths;
  std::array<bool, kFileCount> present{};
  std::array<uint64_t, kFileCount> sizes{};
  // Every file is checked before any is read: a FIFO would block, a huge file take long.
  for (size_t i = 0; i < kFiles.size(); ++i) {
    paths[i] = dir + "/" + std::string(kFiles[i].file_name);
    if (::stat(paths[i].c_str(), &info) != 0) {
      const int error = errno;
      if (error == ENOENT) {
        if (i == 0 && options.require_accounts) return NotFound(paths[i] + ": not found");
        continue;
      }
      return IoError("cannot read " + paths[i] + ": " + std::strerror(error));
    }
    if (!S_ISREG(info.st_mode)) {
      return IoError("cannot read " + paths[i] + ": " +
                     (S_ISDIR(info.st_mode) ? std::string("not a regular file (a directory)")
                                            : NotARegularFile(info.st_mode)));
    }
    sizes[i] = static_cast<uint64_t>(info.st_size);
    if (sizes[i] > options.max_file_bytes) {
      return InvalidArgument(FileSizeLimitText(paths[i], sizes[i], options.max_file_bytes));
    }
    present[i] = true;
  }
  return internal::ReadFiles(
      present, sizes,
      [&paths, &options](size_t i) {
        return CsvReader::OpenFile(paths[i], std::string(kFiles[i].file_name),
                                   ReaderOptions(options));
      },
      sink, options);
}

Result<ReadStats> ReadDataSetInputs(const DataSetInputs& inputs, DataSetSink& sink,
                                    const ReadOptions& options) {
  if (!inputs[0] && options.require_accounts) return NotFound("accounts.csv: not found");
  std::array<bool, kFileCount> present{};
  std::array<uint64_t, kFileCount> sizes{};
  for (size_t i = 0; i < kFileCount; ++i) {
    present[i] = inputs[i].has_value();
    if (!present[i]) continue;
    const DataSetInput& input = *inputs[i];
    if (input.stream != nullptr) {
      sizes[i] = input.stream_size_hint;  // for progress and the schedule only
      continue;
    }
    if (input.path.empty()) {
      sizes[i] = input.bytes.size();
      continue;
    }
    struct stat info;
    if (::stat(input.path.c_str(), &info) != 0) {
      return IoError("cannot read " + input.path + ": " + std::strerror(errno));
    }
    sizes[i] = static_cast<uint64_t>(info.st_size);
  }
  for (size_t i = 0; i < kFileCount; ++i) {
    if (present[i] && inputs[i]->stream == nullptr && sizes[i] > options.max_file_bytes) {
      return InvalidArgument(FileSizeLimitText(inputs[i]->name, sizes[i], options.max_file_bytes));
    }
  }
  return internal::ReadFiles(
      present, sizes,
      [&inputs, &options](size_t i) -> Result<CsvReader> {
        const DataSetInput& input = *inputs[i];
        if (!input.path.empty()) {
          return CsvReader::OpenFile(input.path, input.name, ReaderOptions(options));
        }
        if (input.stream != nullptr) {
          return CsvReader(*input.stream, input.stream_size_hint, input.name,
                           ReaderOptions(options));
        }
        return CsvReader(input.bytes, input.name, ReaderOptions(options));
      },
      sink, options);
}

std::string_view DataSetFileName(size_t index) { return kFiles[index].file_name; }

Result<ReadStats> ReadDataSetFromMemory(const DataSetBuffers& buffers, DataSetSink& sink,
                                        const ReadOptions& options) {
  const std::array<const std::optional<std::string_view>*, kFileCount> files = {
      &buffers.accounts,  &buffers.contacts,    &buffers.revenue, &buffers.invitations,
      &buffers.responses, &buffers.touchpoints, &buffers.signals};
  if (!buffers.accounts && options.require_accounts) return NotFound("accounts.csv: not found");
  std::array<bool, kFileCount> present{};
  std::array<uint64_t, kFileCount> sizes{};
  for (size_t i = 0; i < kFileCount; ++i) {
    present[i] = files[i]->has_value();
    sizes[i] = present[i] ? (*files[i])->size() : 0;
    if (sizes[i] > options.max_file_bytes) {
      return InvalidArgument(
          FileSizeLimitText(std::string(kFiles[i].file_name), sizes[i], options.max_file_bytes));
    }
  }
  return internal::ReadFiles(
      present, sizes,
      [&files, &options](size_t i) -> Result<CsvReader> {
        return CsvReader(**files[i], std::string(kFiles[i].file_name), ReaderOptions(options));
      },
      sink, options);
}

}  // namespace bw::io
