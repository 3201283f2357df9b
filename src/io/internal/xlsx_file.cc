#include "io/internal/xlsx_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace bw::io::internal {
namespace {

lxw_workbook* NewWorkbook(const std::string& temp_path) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to disk as written: memory stays flat
  return workbook_new_opt(temp_path.c_str(), &options);
}

}  // namespace

double ExcelSerial(Day day) { return static_cast<double>(day - DayFromCivil(1899, 12, 30)); }

Result<std::unique_ptr<XlsxFile>> XlsxFile::ForPath(const std::string& path, bool force) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0) {
    if (!force) return AlreadyExists(path + " exists; use --force to replace it");
    if (!S_ISREG(info.st_mode)) return InvalidArgument(path + " is not a regular file");
  }
  std::string temp_path = path + ".tmp-" + std::to_string(::getpid());
  lxw_workbook* workbook = NewWorkbook(temp_path);
  if (workbook == nullptr) return IoError("cannot start the workbook " + temp_path);
  return std::unique_ptr<XlsxFile>(new XlsxFile(path, std::move(temp_path), workbook));
}

Result<std::unique_ptr<XlsxFile>> XlsxFile::InMemory() {
  std::string temp_path = "/tmp/bellwether-xlsx-XXXXXX";
  const int fd = ::mkstemp(temp_path.data());
  if (fd < 0) return IoError("cannot create a temporary file for the workbook");
  ::close(fd);
  lxw_workbook* workbook = NewWorkbook(temp_path);
  if (workbook == nullptr) {
    std::remove(temp_path.c_str());
    return IoError("cannot start the workbook " + temp_path);
  }
  return std::unique_ptr<XlsxFile>(new XlsxFile("", std::move(temp_path), workbook));
}

XlsxFile::~XlsxFile() {
  if (workbook_ != nullptr) workbook_close(workbook_);
  if (!temp_path_.empty()) std::remove(temp_path_.c_str());
}

Status XlsxFile::Close() {
  const lxw_error closed = workbook_close(workbook_);
  workbook_ = nullptr;
  if (closed != LXW_NO_ERROR) {
    return IoError("writing " + (path_.empty() ? std::string("the workbook") : path_) + ": " +
                   lxw_strerror(closed));
  }
  return Status::Ok();
}

Status XlsxFile::Commit() {
  BW_RETURN_IF_ERROR(Close());
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    return IoError("cannot move the workbook to " + path_ + ": " + std::strerror(error));
  }
  temp_path_.clear();  // nothing left to remove
  return Status::Ok();
}

Result<std::string> XlsxFile::TakeBytes() {
  BW_RETURN_IF_ERROR(Close());
  std::ifstream in(temp_path_, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return IoError("reading back the workbook " + temp_path_);
  return bytes.str();
}

}  // namespace bw::io::internal
