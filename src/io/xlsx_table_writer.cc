#include "io/xlsx_table_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/ascii.h"
#include "core/date.h"
#include "io/internal/xlsx_file.h"

namespace bw::io {
namespace {

constexpr size_t kMaxSheetRows = 1048576;  // Excel's limit, the header row included
constexpr size_t kMaxCellText = 32767;     // Excel's limit of a text cell, in characters
constexpr size_t kMaxSheetName = 31;

size_t CodePoints(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The first `count` code points of `text`.
std::string FirstCodePoints(const std::string& text, size_t count) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == count) {
      return text.substr(0, i);
    }
  }
  return text;
}

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not starting or
// ending with an apostrophe, unique in the workbook (case-insensitively).
std::string SheetName(const std::string& wanted, std::set<std::string>& taken) {
  std::string name;
  for (const char c : wanted) {
    name.push_back(std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_');
  }
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  name = FirstCodePoints(name, kMaxSheetName);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = "Sheet";
  std::string unique = name;
  for (int n = 2; taken.count(AsciiLower(unique)) > 0; ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    unique = FirstCodePoints(name, kMaxSheetName - suffix.size()) + suffix;
  }
  taken.insert(AsciiLower(unique));
  return unique;
}

bool ReadNumber(const std::string& text, double* value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end && std::isfinite(*value);
}

// The width of a column in Excel's units (about one per character), fitted to the header
// and the cells, bounded so one long comment does not make a column a screen wide.
double ColumnWidth(const XlsxTable& table, size_t column) {
  size_t width = CodePoints(table.columns[column]) + 3;  // room for the filter button
  for (const std::vector<XlsxCell>& row : table.rows) {
    if (column >= row.size()) continue;
    const XlsxCell& cell = row[column];
    size_t shown = CodePoints(cell.text);
    if (cell.kind == XlsxKind::kMoney) shown += shown / 3 + 3;  // separators, two decimals
    if (cell.kind == XlsxKind::kPercent) shown = 7;             // "12.5%"
    if (cell.kind == XlsxKind::kDate) shown = 10;
    width = std::max(width, shown + 1);
  }
  return static_cast<double>(std::clamp<size_t>(width, 8, 60));
}

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* money = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* date = nullptr;
};

void WriteText(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const std::string& text) {
  if (CodePoints(text) <= kMaxCellText) {
    worksheet_write_string(sheet, row, col, text.c_str(), nullptr);
  } else {
    worksheet_write_string(sheet, row, col, FirstCodePoints(text, kMaxCellText).c_str(), nullptr);
  }
}

void WriteCell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const XlsxCell& cell,
               const Formats& formats) {
  if (cell.text.empty()) return;
  double number = 0;
  const XlsxKind kind = cell.kind;
  switch (kind) {
    case XlsxKind::kText:
      break;
    case XlsxKind::kNumber:
    case XlsxKind::kMoney:
    case XlsxKind::kPercent:
      if (ReadNumber(cell.text, &number)) {
        lxw_format* format = kind == XlsxKind::kMoney     ? formats.money
                             : kind == XlsxKind::kPercent ? formats.percent
                                                          : nullptr;
        worksheet_write_number(sheet, row, col, number, format);
        return;
      }
      break;
    case XlsxKind::kDate:
      if (const std::optional<Day> day = ParseDate(cell.text)) {
        worksheet_write_number(sheet, row, col, internal::ExcelSerial(*day), formats.date);
        return;
      }
      break;
  }
  WriteText(sheet, row, col, cell.text);
}

Status WriteTables(internal::XlsxFile& file, const std::vector<XlsxTable>& tables) {
  if (tables.empty()) return InvalidArgument("a workbook needs at least one table");
  for (const XlsxTable& table : tables) {
    if (table.rows.size() + 1 > kMaxSheetRows) {
      return InvalidArgument("the table \"" + table.sheet + "\" has " +
                             std::to_string(table.rows.size()) +
                             " rows, more than an Excel sheet holds (1,048,575 below the "
                             "header); use --format csv or --limit");
    }
  }
  lxw_workbook* workbook = file.workbook();
  Formats formats;
  formats.header = workbook_add_format(workbook);
  format_set_bold(formats.header);
  formats.money = workbook_add_format(workbook);
  format_set_num_format(formats.money, "#,##0.00");
  formats.percent = workbook_add_format(workbook);
  format_set_num_format(formats.percent, "0.0%");
  formats.date = workbook_add_format(workbook);
  format_set_num_format(formats.date, "yyyy-mm-dd");
  std::set<std::string> taken;
  for (const XlsxTable& table : tables) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, SheetName(table.sheet, taken).c_str());
    if (sheet == nullptr) return IoError("cannot add the sheet \"" + table.sheet + "\"");
    const size_t columns = table.columns.size();
    for (size_t c = 0; c < columns; ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      worksheet_set_column(sheet, col, col, ColumnWidth(table, c), nullptr);
      worksheet_write_string(sheet, 0, col, table.columns[c].c_str(), formats.header);
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const std::vector<XlsxCell>& cells = table.rows[r];
      for (size_t c = 0; c < columns && c < cells.size(); ++c) {
        WriteCell(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), cells[c],
                  formats);
      }
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (columns > 0) {
      worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                           static_cast<lxw_col_t>(columns - 1));
    }
  }
  return Status::Ok();
}

}  // namespace

Status WriteXlsxTables(const std::string& path, const std::vector<XlsxTable>& tables, bool force) {
  BW_ASSIGN_OR_RETURN(std::unique_ptr<internal::XlsxFile> file,
                      internal::XlsxFile::ForPath(path, force));
  BW_RETURN_IF_ERROR(WriteTables(*file, tables));
  return file->Commit();
}

Result<std::string> XlsxTablesBytes(const std::vector<XlsxTable>& tables) {
  BW_ASSIGN_OR_RETURN(std::unique_ptr<internal::XlsxFile> file, internal::XlsxFile::InMemory());
  BW_RETURN_IF_ERROR(WriteTables(*file, tables));
  return file->TakeBytes();
}

}  // namespace bw::io
