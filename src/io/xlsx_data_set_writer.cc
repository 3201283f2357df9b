#include "io/xlsx_data_set_writer.h"

#include <xlsxwriter.h>

#include <array>
#include <string_view>
#include <vector>

#include "io/internal/xlsx_file.h"

namespace bw::io {
namespace {

using internal::ExcelSerial;

// A row cursor of one sheet.
struct Sheet {
  lxw_worksheet* sheet = nullptr;
  lxw_row_t row = 0;
};

}  // namespace

struct XlsxDataSetWriter::Impl {
  std::unique_ptr<internal::XlsxFile> file;
  lxw_workbook* workbook = nullptr;
  lxw_format* header = nullptr;
  lxw_format* date = nullptr;
  lxw_format* month = nullptr;
  lxw_format* money = nullptr;
  std::array<Sheet, 7> sheets;

  void Text(Sheet& s, lxw_col_t col, std::string_view text) {
    if (text.empty()) return;
    const std::string copy(text);
    worksheet_write_string(s.sheet, s.row, col, copy.c_str(), nullptr);
  }
  void DateCell(Sheet& s, lxw_col_t col, Day day) {
    if (day == kNoDay) return;
    worksheet_write_number(s.sheet, s.row, col, ExcelSerial(day), date);
  }
};

Result<std::unique_ptr<XlsxDataSetWriter>> XlsxDataSetWriter::Open(const std::string& path,
                                                                   bool force) {
  auto impl = std::make_unique<Impl>();
  BW_ASSIGN_OR_RETURN(impl->file, internal::XlsxFile::ForPath(path, force));
  impl->workbook = impl->file->workbook();
  impl->header = workbook_add_format(impl->workbook);
  format_set_bold(impl->header);
  impl->date = workbook_add_format(impl->workbook);
  format_set_num_format(impl->date, "yyyy-mm-dd");
  impl->month = workbook_add_format(impl->workbook);
  format_set_num_format(impl->month, "yyyy-mm");
  impl->money = workbook_add_format(impl->workbook);
  format_set_num_format(impl->money, "#,##0.00");
  const std::array<std::pair<const char*, std::vector<const char*>>, 7> layout = {{
      {"accounts",
       {"account_id", "name", "industry", "region", "owner", "acquisition", "created_on",
        "churned_on"}},
      {"contacts", {"contact_id", "account_id", "name", "email", "role", "left_on"}},
      {"revenue", {"account_id", "month", "amount"}},
      {"invitations", {"invitation_id", "contact_id", "survey_id", "sent_on"}},
      {"responses",
       {"response_id", "contact_id", "survey_id", "responded_on", "score", "comment", "drivers"}},
      {"touchpoints", {"touchpoint_id", "account_id", "contact_id", "type", "occurred_on"}},
      {"signals", {"account_id", "signal", "observed_on", "value"}},
  }};
  for (size_t i = 0; i < layout.size(); ++i) {
    Sheet& s = impl->sheets[i];
    s.sheet = workbook_add_worksheet(impl->workbook, layout[i].first);
    const auto& columns = layout[i].second;
    for (size_t c = 0; c < columns.size(); ++c) {
      worksheet_write_string(s.sheet, 0, static_cast<lxw_col_t>(c), columns[c], impl->header);
      worksheet_set_column(s.sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 14,
                           nullptr);
    }
    worksheet_freeze_panes(s.sheet, 1, 0);
    s.row = 1;
  }
  return std::unique_ptr<XlsxDataSetWriter>(new XlsxDataSetWriter(std::move(impl)));
}

XlsxDataSetWriter::XlsxDataSetWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxDataSetWriter::~XlsxDataSetWriter() = default;

Status XlsxDataSetWriter::OnAccount(const AccountRecord& r) {
  Sheet& s = impl_->sheets[0];
  impl_->Text(s, 0, r.account_id);
  impl_->Text(s, 1, r.name);
  impl_->Text(s, 2, r.industry);
  impl_->Text(s, 3, r.region);
  impl_->Text(s, 4, r.owner);
  impl_->Text(s, 5, AcquisitionName(r.acquisition));
  impl_->DateCell(s, 6, r.created_on);
  impl_->DateCell(s, 7, r.churned_on);
  ++s.row;
  return Status::Ok();
}

Status XlsxDataSetWriter::OnContact(const ContactRecord& r) {
  Sheet& s = impl_->sheets[1];
  impl_->Text(s, 0, r.contact_id);
  impl_->Text(s, 1, r.account_id);
  impl_->Text(s, 2, r.name);
  impl_->Text(s, 3, r.email);
  impl_->Text(s, 4, RoleName(r.role));
  impl_->DateCell(s, 5, r.left_on);
  ++s.row;
  return Status::Ok();
}

Status XlsxDataSetWriter::OnRevenue(const RevenueRecord& r) {
  Sheet& s = impl_->sheets[2];
  impl_->Text(s, 0, r.account_id);
  worksheet_write_number(s.sheet, s.row, 1, ExcelSerial(FirstDayOf(r.month)), impl_->month);
  worksheet_write_number(s.sheet, s.row, 2, static_cast<double>(r.amount) / 100.0, impl_->money);
  ++s.row;
  return Status::Ok();
}

Status XlsxDataSetWriter::OnInvitation(const InvitationRecord& r) {
  Sheet& s = impl_->sheets[3];
  impl_->Text(s, 0, r.invitation_id);
  impl_->Text(s, 1, r.contact_id);
  impl_->Text(s, 2, r.survey_id);
  impl_->DateCell(s, 3, r.sent_on);
  ++s.row;
  return Status::Ok();
}

Status XlsxDataSetWriter::OnResponse(const ResponseRecord& r) {
  Sheet& s = impl_->sheets[4];
  impl_->Text(s, 0, r.response_id);
  impl_->Text(s, 1, r.contact_id);
  impl_->Text(s, 2, r.survey_id);
  impl_->DateCell(s, 3, r.responded_on);
  worksheet_write_number(s.sheet, s.row, 4, r.score, nullptr);
  impl_->Text(s, 5, r.comment);
  impl_->Text(s, 6, r.drivers);
  ++s.row;
  return Status::Ok();
}

Status XlsxDataSetWriter::OnTouchpoint(const TouchpointRecord& r) {
  Sheet& s = impl_->sheets[5];
  impl_->Text(s, 0, r.touchpoint_id);
  impl_->Text(s, 1, r.account_id);
  impl_->Text(s, 2, r.contact_id);
  impl_->Text(s, 3, TouchpointTypeName(r.type));
  impl_->DateCell(s, 4, r.occurred_on);
  ++s.row;
  return Status::Ok();
}

Status XlsxDataSetWriter::OnSignal(const SignalRecord& r) {
  Sheet& s = impl_->sheets[6];
  impl_->Text(s, 0, r.account_id);
  impl_->Text(s, 1, r.signal);
  impl_->DateCell(s, 2, r.observed_on);
  worksheet_write_number(s.sheet, s.row, 3, r.value, nullptr);
  ++s.row;
  return Status::Ok();
}

Status XlsxDataSetWriter::Finish() {
  for (const Sheet& s : impl_->sheets) {
    if (s.row > 1048576) {
      return InvalidArgument("a sheet would have " + std::to_string(s.row) +
                             " rows, more than Excel's 1,048,576; export CSV instead");
    }
  }
  return impl_->file->Commit();
}

}  // namespace bw::io
