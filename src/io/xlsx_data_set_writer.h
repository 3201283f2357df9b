// XlsxDataSetWriter: a DataSetSink that writes a whole data set as one Excel workbook, a
// sheet per file of the import format (accounts, contacts, revenue, ...), for spreadsheet
// users. Cells are typed: dates are date cells (yyyy-mm-dd), months are the month's first
// day shown as yyyy-mm, amounts are numbers shown with two decimals, scores and signal
// values numbers, everything else text (ids stay text even when they are digits). Each
// sheet has a bold header row and frozen panes below it. The workbook imports back with
// `bellwether import FILE.xlsx` to the same records (docs/importing.md): amounts have at
// most 15 significant digits, which Excel keeps exactly.
#pragma once

#include <memory>
#include <string>

#include "core/records.h"
#include "core/status.h"

namespace bw::io {

class XlsxDataSetWriter : public DataSetSink {
 public:
  // Starts the workbook in a temporary file beside `path`; Finish() renames it into
  // place, so `path` holds either its old contents or the whole workbook. Errors: kIoError;
  // kAlreadyExists when `path` exists and not `force`.
  static Result<std::unique_ptr<XlsxDataSetWriter>> Open(const std::string& path, bool force);
  ~XlsxDataSetWriter() override;

  Status OnAccount(const AccountRecord& record) override;
  Status OnContact(const ContactRecord& record) override;
  Status OnRevenue(const RevenueRecord& record) override;
  Status OnInvitation(const InvitationRecord& record) override;
  Status OnResponse(const ResponseRecord& record) override;
  Status OnTouchpoint(const TouchpointRecord& record) override;
  Status OnSignal(const SignalRecord& record) override;

  // Writes the workbook and moves it into place. Call once, at the end.
  Status Finish();

  struct Impl;

 private:
  explicit XlsxDataSetWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bw::io
