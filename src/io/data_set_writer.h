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

class DataSetWriter : public DataSetSink {
 public:
  // Creates `dir` (and its parents) when needed and opens all seven files, writing their
  // headers. Errors: kIoError naming the directory or file.
  static Result<std::unique_ptr<DataSetWriter>> Open(const std::string& dir);

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

  // Flushes and closes every file; kIoError when a write failed. Call once, at the end;
  // the destructor closes files too but cannot report errors.
  Status Finish();

 private:
  DataSetWriter(CsvWriter accounts, CsvWriter contacts, CsvWriter revenue, CsvWriter invitations,
                CsvWriter responses, CsvWriter touchpoints, CsvWriter signals);

  CsvWriter accounts_;
  CsvWriter contacts_;
  CsvWriter revenue_;
  CsvWriter invitations_;
  CsvWriter responses_;
  CsvWriter touchpoints_;
  CsvWriter signals_;
};

}  // namespace bw::io
