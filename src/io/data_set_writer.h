// DataSetWriter: a DataSetSink that writes the records it receives as a data set directory
// in the import format (shared/spec/data-format.md), with canonical values, so that
// ReadDataSet of the written directory yields the same records (export -> import is a
// lossless round trip).
#pragma once

#include <memory>
#include <string>

#include "core/records.h"
#include "core/status.h"
#include "io/csv_writer.h"

namespace bw::io {

struct DataSetWriterOptions {
  // Replace a `dir` that holds files. Without it such a directory is refused.
  bool force = false;
};

// The files are written into a new temporary directory beside `dir` (created with
// mkdtemp, files with O_EXCL | O_NOFOLLOW, so no link planted there is followed), synced,
// and renamed into place by Finish(): `dir` holds either its old contents or the whole
// new data set, never a partial one (a full disk, an error of the scan, a kill). A writer
// destroyed without a successful Finish() removes its temporary directory.
class DataSetWriter : public DataSetSink {
 public:
  // Checks `dir` (it must not be a symbolic link or a file; it may be missing or empty, or
  // hold files when options.force), creates its parents when needed, and opens all seven
  // files in the temporary directory, writing their headers. Errors: kIoError naming the
  // directory or file; kAlreadyExists when `dir` holds files and not options.force;
  // kInvalidArgument when `dir` is a symbolic link or not a directory.
  static Result<std::unique_ptr<DataSetWriter>> Open(const std::string& dir,
                                                     const DataSetWriterOptions& options = {});
  ~DataSetWriter() override;

  // Canonical text: dates YYYY-MM-DD, months YYYY-MM, money with two decimals, role, type
  // and acquisition names, signal values in the shortest text that reads back as the same
  // double; everything else verbatim.
  Status OnAccount(const AccountRecord& record) override;
  Status OnContact(const ContactRecord& record) override;
  Status OnRevenue(const RevenueRecord& record) override;
  Status OnInvitation(const InvitationRecord& record) override;
  Status OnResponse(const ResponseRecord& record) override;
  Status OnTouchpoint(const TouchpointRecord& record) override;
  Status OnSignal(const SignalRecord& record) override;

  // Flushes, syncs and closes every file, then moves the data set into place; kIoError
  // when a write failed (then `dir` is unchanged), kAlreadyExists when `dir` was filled
  // meanwhile and not options.force. Call once, at the end.
  Status Finish();

 private:
  DataSetWriter(CsvWriter accounts, CsvWriter contacts, CsvWriter revenue, CsvWriter invitations,
                CsvWriter responses, CsvWriter touchpoints, CsvWriter signals);
  // Opens the seven files in `dir` (a new, empty directory).
  static Result<std::unique_ptr<DataSetWriter>> OpenFiles(const std::string& dir);
  Status MoveIntoPlace();

  std::string dir_;
  std::string staging_dir_;  // removed by the destructor unless moved into place
  DataSetWriterOptions options_;

  CsvWriter accounts_;
  CsvWriter contacts_;
  CsvWriter revenue_;
  CsvWriter invitations_;
  CsvWriter responses_;
  CsvWriter touchpoints_;
  CsvWriter signals_;
};

}  // namespace bw::io
