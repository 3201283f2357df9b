// XlsxFile: the file side of every workbook Bellwether writes with libxlsxwriter (the data
// set export, tables of the CLI, .xlsx downloads of the API). libxlsxwriter writes to a
// file by name only, so a workbook is written to a temporary file and then either renamed
// onto its target (the target holds its old contents or the whole workbook, never half
// of one) or read back as bytes and removed.
#pragma once

#include <xlsxwriter.h>

#include <memory>
#include <string>

#include "core/date.h"
#include "core/status.h"

namespace bw::io::internal {

// Excel's serial of a day (1900 date system; past 1900-02-28 the leap-year bug counted).
double ExcelSerial(Day day);

class XlsxFile {
 public:
  // A workbook that Commit() moves to `path`. Errors: kAlreadyExists when `path` exists
  // and not `force`; kInvalidArgument when it exists and is not a regular file; kIoError.
  static Result<std::unique_ptr<XlsxFile>> ForPath(const std::string& path, bool force);
  // A workbook in a private temporary file, for TakeBytes().
  static Result<std::unique_ptr<XlsxFile>> InMemory();
  // Abandons an unfinished workbook: its temporary file is removed.
  ~XlsxFile();
  XlsxFile(const XlsxFile&) = delete;
  XlsxFile& operator=(const XlsxFile&) = delete;

  lxw_workbook* workbook() { return workbook_; }

  // Writes the workbook and renames it onto the path of ForPath(). Call once.
  Status Commit();
  // Writes the workbook and returns its bytes (InMemory()). Call once.
  Result<std::string> TakeBytes();

 private:
  XlsxFile(std::string path, std::string temp_path, lxw_workbook* workbook)
      : path_(std::move(path)), temp_path_(std::move(temp_path)), workbook_(workbook) {}
  Status Close();

  std::string path_;       // the target; empty for InMemory()
  std::string temp_path_;  // where libxlsxwriter writes
  lxw_workbook* workbook_ = nullptr;
};

}  // namespace bw::io::internal
