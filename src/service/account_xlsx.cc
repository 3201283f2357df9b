#include "service/account_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "service/account_csv.h"

namespace bw::service {
namespace {

// A field of the CSV form that is a plain decimal number (e.g. "-12.5", "3"), written as
// a number cell; everything else stays text.
bool AsNumber(const std::string& field, double* value) {
  if (field.empty() || field.size() > 32) return false;
  const char* begin = field.data();
  const char* end = begin + field.size();
  const auto [ptr, ec] = std::from_chars(begin, end, *value);
  if (ec != std::errc() || ptr != end) return false;
  // Identifiers made of digits (e.g. an account id "000123") keep their text.
  return !(field.size() > 1 && field[0] == '0' && field[1] != '.');
}

}  // namespace

Result<std::string> AccountListToXlsx(const snapshot::Snapshot& snap,
                                      const std::vector<analytics::AccountRow>& rows) {
  // libxlsxwriter 1.1 writes to a file only: a private temporary file, read back, removed.
  char path[] = "/tmp/bellwether-xlsx-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return IoError("cannot create a temporary file for the .xlsx download");
  close(fd);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to disk as written: memory stays flat
  lxw_workbook* workbook = workbook_new_opt(path, &options);
  if (workbook == nullptr) {
    std::remove(path);
    return IoError("cannot start the .xlsx workbook");
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Accounts");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  const std::vector<std::string> header = AccountCsvHeader();
  for (size_t c = 0; c < header.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::vector<std::string> fields = AccountCsvFields(snap, rows[r]);
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < fields.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      double number = 0;
      if (fields[c].empty()) continue;
      if (AsNumber(fields[c], &number)) {
        worksheet_write_number(sheet, row, col, number, nullptr);
      } else {
        worksheet_write_string(sheet, row, col, fields[c].c_str(), nullptr);
      }
    }
  }
  const lxw_error closed = workbook_close(workbook);
  if (closed != LXW_NO_ERROR) {
    std::remove(path);
    return IoError(std::string("writing the .xlsx download: ") + lxw_strerror(closed));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::remove(path);
  if (!in) return IoError("reading back the .xlsx download");
  return bytes.str();
}

}  // namespace bw::service
