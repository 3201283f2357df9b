#include "service/csv_dialect.h"

#include <algorithm>
#include <cctype>

#include "service/account_csv.h"

namespace bw::service {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool IsDecimalNumber(std::string_view text) {
  size_t i = text.empty() || text[0] != '-' ? 0 : 1;
  const size_t digits_start = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == digits_start || i == text.size() || text[i] != '.') return false;
  const size_t fraction_start = ++i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  return i == text.size() && i > fraction_start;
}

void AppendCell(std::string& out, std::string_view cell, char separator) {
  const bool quote =
      !cell.empty() &&
      (cell.front() == ' ' || cell.back() == ' ' ||
       cell.find_first_of(std::string{separator, '"', '\r', '\n'}) != std::string_view::npos);
  if (!quote) {
    out += cell;
    return;
  }
  out.push_back('"');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void Flatten(const nlohmann::ordered_json& value, const std::string& path,
             std::vector<std::vector<std::string>>& rows) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      std::string child = path;
      if (!child.empty()) child += '.';
      child += key;
      Flatten(item, child, rows);
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      Flatten(value[i], path + "[" + std::to_string(i) + "]", rows);
    }
  } else if (value.is_string()) {
    rows.push_back({path, SpreadsheetSafe(value.get<std::string>())});
  } else if (value.is_null()) {
    rows.push_back({path, ""});
  } else {
    rows.push_back({path, value.dump()});
  }
}

}  // namespace

Result<CsvDialect> ParseCsvDialect(std::string_view name) {
  if (name == "rfc4180") return CsvDialect::kRfc4180;
  if (name == "excel") return CsvDialect::kExcel;
  if (name == "excel-de") return CsvDialect::kExcelDe;
  return InvalidArgument("--csv-dialect: \"" + std::string(name) +
                         "\" is not a dialect (excel-de, excel, rfc4180)");
}

std::string CsvText(const std::vector<std::vector<std::string>>& rows, CsvDialect dialect) {
  std::string out;
  if (dialect != CsvDialect::kRfc4180) out += kByteOrderMark;
  const char separator = dialect == CsvDialect::kExcelDe ? ';' : ',';
  for (const std::vector<std::string>& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out.push_back(separator);
      if (dialect == CsvDialect::kExcelDe && IsDecimalNumber(row[i])) {
        std::string cell = row[i];
        std::replace(cell.begin(), cell.end(), '.', ',');
        AppendCell(out, cell, separator);
      } else {
        AppendCell(out, row[i], separator);
      }
    }
    // A row of one empty cell would read back as a blank line: quote it.
    if (row.size() == 1 && row[0].empty()) out += "\"\"";
    out.push_back('\n');
  }
  return out;
}

std::vector<std::vector<std::string>> FlattenToRows(const nlohmann::ordered_json& object) {
  std::vector<std::vector<std::string>> rows = {{"field", "value"}};
  Flatten(object, "", rows);
  return rows;
}

}  // namespace bw::service
