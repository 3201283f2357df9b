#include "io/internal/data_set_schema.h"

#include <optional>
#include <unordered_set>
#include <utility>

#include "core/suggest.h"
#include "io/internal/value_rules.h"

namespace bw::io::internal {

std::string NormalizeColumnName(std::string_view name) {
  size_t begin = 0, end = name.size();
  while (begin < end && (name[begin] == ' ' || name[begin] == '\t')) ++begin;
  while (end > begin && (name[end - 1] == ' ' || name[end - 1] == '\t')) --end;
  std::string out(name.substr(begin, end - begin));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

// A header of one column holding another separator: the file is not comma-separated.
Status CheckSeparator(const std::string& where, const std::vector<std::string>& names) {
  if (names.size() != 1) return Status::Ok();
  for (const char separator : {';', '\t', '|'}) {
    if (names[0].find(separator) == std::string::npos) continue;
    const std::string shown = separator == '\t' ? "a tab" : std::string("`") + separator + "`";
    std::string message = where;
    message.append(": the header is one column ").append(Quoted(names[0]));
    message.append("; this file seems to use ").append(shown);
    message.append(" as separator (the import format uses `,`)");
    return InvalidArgument(message);
  }
  return Status::Ok();
}

// An unknown column that is a typo of a column the file lacks (`lef_on`) would silently
// drop that column's values: an error unless the caller allows unknown columns.
Status CheckUnknownColumns(const std::string& where, const FileSpec& spec,
                           const HeaderColumns& header, const std::vector<std::string>& unknown,
                           bool allow_unknown_columns,
                           const std::function<void(const std::string&)>& warn) {
  std::vector<std::string_view> missing;
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    if (header.index[c] < 0) missing.push_back(spec.columns[c].name);
  }
  for (const std::string& name : unknown) {
    const std::optional<std::string> meant = ClosestName(name, missing);
    if (meant && !allow_unknown_columns) {
      std::string message = where;
      message.append(": ").append(name).append(": unknown column (did you mean ");
      message.append(Quoted(*meant));
      message.append("?); rename it, or import without it with --allow-unknown-columns");
      return InvalidArgument(message);
    }
    warn(where + ": unknown column " + Quoted(name) + " ignored" +
         (meant ? " (did you mean " + Quoted(*meant) + "?)" : ""));
  }
  return Status::Ok();
}

}  // namespace

Status MatchHeader(CsvReader& reader, const FileSpec& spec, bool allow_unknown_columns,
                   const std::function<void(const std::string&)>& warn, HeaderColumns* out) {
  const std::string& file = reader.name();
  if (!reader.Next()) {
    BW_RETURN_IF_ERROR(reader.status());
    return InvalidArgument(file + ":1: header row missing (the file is empty)");
  }
  const std::string where = file + ":" + std::to_string(reader.line());
  if (reader.invalid_utf8_field() >= 0) return InvalidArgument(where + ": header: invalid UTF-8");
  out->names.clear();
  out->index.assign(spec.columns.size(), -1);
  // The reader caps the columns (CsvReaderOptions::max_fields); a set keeps the duplicate
  // check linear anyway.
  std::unordered_set<std::string> seen;
  std::vector<std::string> unknown;
  for (std::string_view raw : reader.fields()) {
    std::string name = NormalizeColumnName(raw);
    if (!seen.insert(name).second) {
      std::string message = where;
      message.append(": ").append(name).append(": duplicate column");
      return InvalidArgument(message);
    }
    bool known = false;
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      if (spec.columns[c].name == name) {
        out->index[c] = static_cast<int>(out->names.size());
        known = true;
      }
    }
    if (!known) unknown.push_back(name);
    out->names.push_back(std::move(name));
  }
  BW_RETURN_IF_ERROR(CheckSeparator(where, out->names));
  BW_RETURN_IF_ERROR(CheckUnknownColumns(where, spec, *out, unknown, allow_unknown_columns, warn));
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    if (spec.columns[c].required && out->index[c] < 0) {
      return InvalidArgument(where + ": " + std::string(spec.columns[c].name) +
                             ": required column missing");
    }
  }
  reader.set_column_names(out->names);
  return Status::Ok();
}

}  // namespace bw::io::internal
