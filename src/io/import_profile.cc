#include "io/import_profile.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#define TOML_EXCEPTIONS 0
#include <toml++/toml.h>

#include "core/ascii.h"
#include "core/toml_guard.h"

namespace bw::io {

// Defined in the generated shipped_profiles.cc (CMakeLists.txt embeds profiles/*.toml).
extern const std::vector<std::pair<std::string_view, std::string_view>>& ShippedProfiles();

namespace {

std::string Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

int FileIndex(std::string_view stem) {
  for (size_t i = 0; i < kDataSetFileCount; ++i) {
    const std::string_view name = DataSetFileName(i);
    if (name.substr(0, name.find('.')) == stem) return static_cast<int>(i);
  }
  return -1;
}

Status ProfileError(const std::string& source, const toml::node& node, const std::string& what) {
  return InvalidArgument(source + ":" + std::to_string(node.source().begin.line) + ": " + what);
}

Status ReadDialectKey(const std::string& source, const std::string& key, const toml::node& node,
                      DialectOverrides* dialect, bool* handled) {
  *handled = true;
  const std::optional<std::string> value = node.value<std::string>();
  if (key != "delimiter" && key != "encoding" && key != "decimal" && key != "date_format") {
    *handled = false;
    return Status::Ok();
  }
  if (!value) return ProfileError(source, node, key + ": must be a string");
  Status status;
  if (key == "delimiter") {
    Result<char> r = ParseDelimiterOption(*value);
    if (r.ok()) dialect->delimiter = *r;
    status = r.status();
  } else if (key == "encoding") {
    Result<TextEncoding> r = ParseEncodingOption(*value);
    if (r.ok()) dialect->encoding = *r;
    status = r.status();
  } else if (key == "decimal") {
    Result<DecimalMark> r = ParseDecimalOption(*value);
    if (r.ok()) dialect->decimal = *r;
    status = r.status();
  } else {
    Result<DateOrder> r = ParseDateFormatOption(*value);
    if (r.ok()) dialect->date_order = *r;
    status = r.status();
  }
  if (!status.ok()) return ProfileError(source, node, status.message());
  return Status::Ok();
}

Result<ColumnMapping> ReadColumn(const std::string& source, const std::string& target,
                                 const toml::node& node) {
  ColumnMapping column;
  column.target = target;
  if (const std::optional<std::string> name = node.value<std::string>()) {
    column.source = *name;
    return column;
  }
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    return ProfileError(source, node,
                        target + ": must be a source column name or a table {column = ...}");
  }
  bool has_source = false;
  for (const auto& [key_node, value] : *table) {
    const std::string key(key_node.str());
    if (key == "column" && value.is_string()) {
      column.source = *value.value<std::string>();
      has_source = true;
    } else if (key == "column" && value.is_array() && !value.as_array()->empty()) {
      for (const toml::node& part : *value.as_array()) {
        const std::optional<std::string> name = part.value<std::string>();
        if (!name) return ProfileError(source, part, target + ".column: strings only");
        if (column.source.empty()) {
          column.source = *name;
        } else {
          column.more_sources.push_back(*name);
        }
      }
      has_source = true;
    } else if (key == "constant" && value.is_string()) {
      column.constant = *value.value<std::string>();
      has_source = true;
    } else if (key == "default" && value.is_string()) {
      column.default_value = *value.value<std::string>();
    } else if (key == "lookup" && value.is_string()) {
      if (*value.value<std::string>() != "contact_email") {
        return ProfileError(source, value, target + ".lookup: only \"contact_email\" is known");
      }
      column.contact_by_email = true;
    } else if (key == "transform" && value.is_array()) {
      for (const toml::node& t : *value.as_array()) {
        const std::optional<std::string> name = t.value<std::string>();
        if (!name || (*name != "trim" && *name != "lower" && *name != "upper")) {
          return ProfileError(source, t, target + ".transform: trim, lower or upper");
        }
        column.transforms.push_back(*name);
      }
    } else if (key == "values" && value.is_table()) {
      for (const auto& [from, to] : *value.as_table()) {
        if (!to.is_string()) return ProfileError(source, to, target + ".values: strings only");
        column.values[std::string(from.str())] = *to.value<std::string>();
      }
    } else {
      std::string message = target;
      message.append(": unknown key \"")
          .append(key)
          .append("\" (column, constant, transform, values, default, lookup)");
      return ProfileError(source, value, message);
    }
  }
  if (!has_source) return ProfileError(source, node, target + ": needs column or constant");
  return column;
}

}  // namespace

Result<ImportProfile> ParseImportProfile(std::string_view toml_text, const std::string& source) {
  BW_RETURN_IF_ERROR(GuardTomlParser(toml_text, source));
  toml::parse_result parsed = toml::parse(toml_text, std::string_view(source));
  if (!parsed) {
    return InvalidArgument(source + ":" + std::to_string(parsed.error().source().begin.line) +
                           ": " + std::string(parsed.error().description()));
  }
  ImportProfile profile;
  DialectOverrides common;
  std::vector<std::pair<std::string, const toml::table*>> file_tables;
  for (const auto& [key_node, value] : parsed.table()) {
    const std::string key(key_node.str());
    bool handled = false;
    BW_RETURN_IF_ERROR(ReadDialectKey(source, key, value, &common, &handled));
    if (handled) continue;
    if (key == "name" && value.is_string()) {
      profile.name = *value.value<std::string>();
    } else if (key == "description" && value.is_string()) {
      profile.description = *value.value<std::string>();
    } else if (value.is_table() && FileIndex(key) >= 0) {
      file_tables.emplace_back(key, value.as_table());
    } else {
      return ProfileError(source, value,
                          "unknown key \"" + key +
                              "\" (name, description, the dialect keys, or a file: accounts, "
                              "contacts, revenue, invitations, responses, touchpoints, signals)");
    }
  }
  for (const auto& [stem, table] : file_tables) {
    FileMapping file;
    file.file = static_cast<size_t>(FileIndex(stem));
    file.dialect = common;
    for (const auto& [key_node, value] : *table) {
      const std::string key(key_node.str());
      bool handled = false;
      BW_RETURN_IF_ERROR(ReadDialectKey(source, key, value, &file.dialect, &handled));
      if (handled) continue;
      if (key == "pattern" && value.is_string()) {
        file.pattern = *value.value<std::string>();
      } else if (key == "skip_rows" && value.is_integer()) {
        file.skip_rows = static_cast<int>(std::clamp<int64_t>(*value.value<int64_t>(), 0, 100));
      } else if (key == "filter" && value.is_table()) {
        const toml::table& filter = *value.as_table();
        const std::optional<std::string> column = filter["column"].value<std::string>();
        const toml::array* values = filter["values"].as_array();
        if (!column || values == nullptr) {
          return ProfileError(source, value, stem + ".filter: {column = \"...\", values = [...]}");
        }
        file.filter_column = *column;
        for (const toml::node& v : *values) {
          if (const std::optional<std::string> s = v.value<std::string>()) {
            file.filter_values.push_back(*s);
          }
        }
      } else {
        BW_ASSIGN_OR_RETURN(ColumnMapping column, ReadColumn(source, key, value));
        file.columns.push_back(std::move(column));
      }
    }
    if (file.pattern.empty()) return ProfileError(source, *table, stem + ": pattern missing");
    profile.files.push_back(std::move(file));
  }
  std::sort(profile.files.begin(), profile.files.end(),
            [](const FileMapping& a, const FileMapping& b) { return a.file < b.file; });
  if (profile.files.empty()) return InvalidArgument(source + ": the profile maps no file");
  return profile;
}

std::vector<std::string> ShippedProfileNames() {
  std::vector<std::string> names;
  for (const auto& [name, text] : ShippedProfiles()) names.emplace_back(name);
  return names;
}

Result<ImportProfile> LoadImportProfile(const std::string& name_or_path) {
  for (const auto& [name, text] : ShippedProfiles()) {
    if (name == name_or_path)
      return ParseImportProfile(text, "profiles/" + std::string(name) + ".toml");
  }
  struct stat info;
  if (::stat(name_or_path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    std::string names;
    for (const std::string& n : ShippedProfileNames()) names += (names.empty() ? "" : ", ") + n;
    return NotFound("--profile: \"" + name_or_path + "\" is neither a shipped profile (" + names +
                    ") nor a profile file");
  }
  BW_ASSIGN_OR_RETURN(const std::string text, ReadWholeFile(name_or_path, 1 << 20));
  return ParseImportProfile(text, name_or_path);
}

namespace {

// A source's rows seen through a file mapping: the header is the mapped import columns.
class MappedRows final : public RowSource {
 public:
  MappedRows(RowSource& source, const FileMapping& mapping,
             const std::unordered_map<std::string, std::string>* emails)
      : source_(source), mapping_(mapping), emails_(emails) {}

  bool Next() override {
    fields_.clear();
    types_.clear();
    values_.clear();
    if (!status_.ok()) return false;
    while (source_.Next()) {
      if (!header_read_) {
        header_read_ = true;
        if (!ReadHeader()) return false;
        to_skip_ = mapping_.skip_rows;
        for (const ColumnMapping& c : mapping_.columns) fields_.push_back(c.target);
        types_.assign(fields_.size(), CellType::kText);
        return true;
      }
      if (to_skip_ > 0) {
        --to_skip_;
        continue;
      }
      if (filter_index_ >= 0) {
        const auto& f = source_.fields();
        const std::string value = static_cast<size_t>(filter_index_) < f.size()
                                      ? Trim(f[static_cast<size_t>(filter_index_)])
                                      : "";
        if (std::find(mapping_.filter_values.begin(), mapping_.filter_values.end(), value) ==
            mapping_.filter_values.end()) {
          continue;
        }
      }
      if (!MapRow()) return false;
      return true;
    }
    status_ = source_.status();
    return false;
  }
  const Status& status() const override { return status_; }
  const std::vector<std::string_view>& fields() const override { return fields_; }
  const std::vector<CellType>& types() const override { return types_; }
  int64_t line() const override { return source_.line(); }
  std::string Where(size_t index) const override {
    const int s = index < sources_.size() ? sources_[index] : -1;
    return source_.Where(s < 0 ? 0 : static_cast<size_t>(s));
  }
  const std::string& name() const override { return source_.name(); }
  Status Rewind() override {
    header_read_ = false;
    status_ = Status::Ok();
    return source_.Rewind();
  }
  bool date1904() const override { return source_.date1904(); }

 private:
  bool ReadHeader() {
    std::unordered_map<std::string, int> index;
    const auto& header = source_.fields();
    for (size_t i = 0; i < header.size(); ++i)
      index.emplace(AsciiLower(Trim(header[i])), static_cast<int>(i));
    sources_.clear();
    more_sources_.clear();
    std::string missing;
    for (const ColumnMapping& c : mapping_.columns) {
      if (c.source.empty()) {
        sources_.push_back(-1);
        continue;
      }
      const auto it = index.find(AsciiLower(c.source));
      if (it == index.end()) {
        missing += (missing.empty() ? "" : ", ") + ("\"" + c.source + "\" (for " + c.target + ")");
        sources_.push_back(-1);
        continue;
      }
      sources_.push_back(it->second);
      for (const std::string& more : c.more_sources) {
        const auto part = index.find(AsciiLower(more));
        if (part == index.end()) {
          missing += (missing.empty() ? "" : ", ") + ("\"" + more + "\" (for " + c.target + ")");
          continue;
        }
        more_sources_.emplace_back(sources_.size() - 1, part->second);
      }
    }
    if (!missing.empty()) {
      status_ = InvalidArgument(source_.name() + ":" + std::to_string(source_.line()) +
                                ": not in the header, the profile expects: " + missing);
      return false;
    }
    filter_index_ = -1;
    if (!mapping_.filter_column.empty()) {
      const auto it = index.find(AsciiLower(mapping_.filter_column));
      if (it == index.end()) {
        status_ =
            InvalidArgument(source_.name() + ":" + std::to_string(source_.line()) +
                            ": filter column \"" + mapping_.filter_column + "\" not in the header");
        return false;
      }
      filter_index_ = it->second;
    }
    return true;
  }

  bool MapRow() {
    const auto& f = source_.fields();
    const auto& t = source_.types();
    values_.resize(mapping_.columns.size());
    types_.assign(mapping_.columns.size(), CellType::kText);
    for (size_t i = 0; i < mapping_.columns.size(); ++i) {
      const ColumnMapping& c = mapping_.columns[i];
      const int s = sources_[i];
      std::string value;
      if (s < 0) {
        value = c.constant;
      } else if (static_cast<size_t>(s) < f.size()) {
        value.assign(f[static_cast<size_t>(s)]);
        if (!t.empty()) types_[i] = t[static_cast<size_t>(s)];
        for (const auto& [column, part] : more_sources_) {
          if (column != i || static_cast<size_t>(part) >= f.size()) continue;
          const std::string more = Trim(f[static_cast<size_t>(part)]);
          if (more.empty()) continue;
          value = Trim(value);
          value += (value.empty() ? "" : " ") + more;
          types_[i] = CellType::kText;
        }
      }
      for (const std::string& transform : c.transforms) {
        if (transform == "trim") value = Trim(value);
        if (transform == "lower") value = AsciiLower(value);
        if (transform == "upper") {
          for (char& ch : value) {
            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
          }
        }
      }
      if (!c.values.empty() || c.default_value) {
        const auto it = c.values.find(value);
        if (it != c.values.end()) {
          value = it->second;
          types_[i] = CellType::kText;
        } else if (c.default_value) {
          value = *c.default_value;
          types_[i] = CellType::kText;
        }
      }
      if (c.contact_by_email && !value.empty()) {
        const std::string* contact_id = nullptr;
        if (emails_ != nullptr) {
          const auto it = emails_->find(AsciiLower(Trim(value)));
          if (it != emails_->end()) contact_id = &it->second;
        }
        if (contact_id == nullptr) {
          status_ = InvalidArgument(source_.Where(static_cast<size_t>(s)) + ": " + c.target +
                                    ": no contact has the email \"" + value +
                                    "\" (the contacts of this import are searched)");
          return false;
        }
        value = *contact_id;
      }
      values_[i] = std::move(value);
    }
    for (const std::string& v : values_) fields_.push_back(v);
    return true;
  }

  RowSource& source_;
  const FileMapping& mapping_;
  const std::unordered_map<std::string, std::string>* emails_;
  bool header_read_ = false;
  Status status_;
  std::vector<int> sources_;
  std::vector<std::pair<size_t, int>> more_sources_;  // (mapped column, source index)
  int filter_index_ = -1;
  int to_skip_ = 0;
  std::vector<std::string> values_;
  std::vector<std::string_view> fields_;
  std::vector<CellType> types_;
};

// The export files of `dir` whose names match `pattern` (case-insensitive glob).
std::vector<std::string> Matching(const std::string& dir, const std::string& pattern) {
  std::vector<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* entry = ::readdir(d)) {
      const std::string name = entry->d_name;
      const std::string lower = AsciiLower(name);
      if (!(lower.ends_with(".csv") || lower.ends_with(".xlsx") || lower.ends_with(".txt") ||
            lower.ends_with(".tsv")) ||
          name.starts_with("~$")) {
        continue;
      }
      if (::fnmatch(pattern.c_str(), name.c_str(), FNM_CASEFOLD) == 0) out.push_back(name);
    }
    ::closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// email (lower case) -> contact_id, from the strict contacts CSV just converted.
std::unordered_map<std::string, std::string> ContactEmails(std::string_view strict_contacts) {
  std::unordered_map<std::string, std::string> emails;
  DelimitedRows rows(strict_contacts, ',', "contacts");
  if (!rows.Next()) return emails;
  int id = -1, email = -1;
  for (size_t i = 0; i < rows.fields().size(); ++i) {
    if (rows.fields()[i] == "contact_id") id = static_cast<int>(i);
    if (rows.fields()[i] == "email") email = static_cast<int>(i);
  }
  if (id < 0 || email < 0) return emails;
  while (rows.Next()) {
    const auto& f = rows.fields();
    if (static_cast<size_t>(std::max(id, email)) >= f.size()) continue;
    const std::string key = AsciiLower(Trim(f[static_cast<size_t>(email)]));
    if (!key.empty()) emails.emplace(key, std::string(f[static_cast<size_t>(id)]));
  }
  return emails;
}

}  // namespace

Result<PreparedDataSet> PrepareProfileDataSet(const std::string& dir, const ImportProfile& profile,
                                              const DialectOverrides& overrides,
                                              const ReadOptions& read) {
  PreparedDataSet data_set;
  std::unordered_map<std::string, std::string> emails;
  bool have_emails = false;
  for (const FileMapping& mapping : profile.files) {
    const std::vector<std::string> files = Matching(dir, mapping.pattern);
    const std::string target(DataSetFileName(mapping.file));
    if (files.empty()) continue;  // an export not there: the file is absent
    if (files.size() > 1) {
      std::string list;
      for (const std::string& f : files) list.append(list.empty() ? "" : ", ").append(f);
      std::string message = dir;
      message.append(": several files match the pattern \"").append(mapping.pattern);
      message.append("\" for ").append(target).append(": ").append(list).append("; keep one");
      return InvalidArgument(message);
    }
    const std::string path = dir + "/" + files[0];
    DialectOverrides dialect = mapping.dialect;
    if (overrides.delimiter) dialect.delimiter = overrides.delimiter;
    if (overrides.encoding) dialect.encoding = overrides.encoding;
    if (overrides.decimal) dialect.decimal = overrides.decimal;
    if (overrides.date_order) dialect.date_order = overrides.date_order;
    NormalizeOptions options;
    options.decimal = dialect.decimal;
    options.date_order = dialect.date_order;
    options.skip_invalid = read.skip_invalid;
    options.on_reject = read.on_reject;
    bool needs_emails = false;
    for (const ColumnMapping& c : mapping.columns) needs_emails |= c.contact_by_email;
    if (needs_emails && !have_emails && data_set.inputs[1]) {
      emails = ContactEmails(data_set.inputs[1]->bytes);
      have_emails = true;
    }
    const auto* email_map = have_emails ? &emails : nullptr;
    const std::string how = "profile " + profile.name + ", ";
    if (AsciiLower(files[0]).ends_with(".xlsx")) {
      BW_ASSIGN_OR_RETURN(std::unique_ptr<XlsxWorkbook> book, XlsxWorkbook::Open(path, files[0]));
      if (book->SheetNames().empty()) return InvalidArgument(files[0] + ": no sheet");
      BW_ASSIGN_OR_RETURN(std::unique_ptr<RowSource> sheet, book->OpenSheet(0));
      MappedRows rows(*sheet, mapping, email_map);
      BW_RETURN_IF_ERROR(
          AddConvertedFile(data_set, mapping.file, rows, options, how + "XLSX sheet", path));
      continue;
    }
    BW_ASSIGN_OR_RETURN(const std::string bytes, ReadWholeFile(path, read.max_file_bytes));
    BW_ASSIGN_OR_RETURN(const DecodedText decoded, DecodeText(bytes, files[0], dialect.encoding));
    char delimiter = ',';
    if (dialect.delimiter) {
      delimiter = *dialect.delimiter;
    } else {
      BW_ASSIGN_OR_RETURN(delimiter, DetectDelimiter(decoded.text(), files[0]));
    }
    DelimitedRows source(decoded.text(), delimiter, files[0]);
    MappedRows rows(source, mapping, email_map);
    BW_RETURN_IF_ERROR(AddConvertedFile(data_set, mapping.file, rows, options,
                                        how + std::string(EncodingName(decoded.encoding)) +
                                            ", delimiter " + DelimiterName(delimiter),
                                        path));
  }
  if (!data_set.inputs[0] && read.require_accounts) {
    return NotFound(dir + ": no file matches the accounts pattern of profile " + profile.name);
  }
  return data_set;
}

}  // namespace bw::io
