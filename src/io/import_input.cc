#include "io/import_input.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace bw::io {
namespace {

constexpr size_t kSniffBytes = 64 << 10;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "revenue.csv" -> "revenue".
std::string Stem(std::string_view file) { return std::string(file.substr(0, file.find('.'))); }

// The data set file a sheet stands for: its name, case-insensitive, with or without
// ".csv" ("Accounts", "accounts.csv"); -1 when none.
int FileOfSheet(std::string_view sheet) {
  std::string name = Lower(sheet);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(name.begin());
  if (name.ends_with(".csv")) name.resize(name.size() - 4);
  for (size_t i = 0; i < kDataSetFileCount; ++i) {
    if (name == Stem(DataSetFileName(i))) return static_cast<int>(i);
  }
  return -1;
}

// Whether the file at `path` is there to read: false when absent; an error naming the path
// when it cannot be read, is not a regular file (a FIFO would block) or is too large, as
// the strict reader checks every file before reading any.
Result<bool> CheckInputFile(const std::string& path, uint64_t max_bytes) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return false;
    return IoError("cannot read " + path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(info.st_mode)) {
    return IoError("cannot read " + path + ": " +
                   (S_ISDIR(info.st_mode) ? std::string("not a regular file (a directory)")
                                          : NotARegularFile(info.st_mode)));
  }
  if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    return InvalidArgument(path + ": file is " + std::to_string(info.st_size) +
                           " bytes, more than the limit of " + std::to_string(max_bytes) +
                           " (--max-file-size; docs/limits.md)");
  }
  return true;
}

bool IsRegularFile(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// Reads at most `size` bytes from the start of `path`.
Result<std::string> ReadPrefix(const std::string& path, size_t size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read " + path + ": " + std::strerror(errno));
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

// True when the CSV file at `path` (file `index`) is in the strict format as far as its
// first 64 KiB show: UTF-8, comma-separated with the file's column names, dates, months
// and numbers in the strict forms. The strict reader checks the rest as always.
Result<bool> SniffStrict(const std::string& path, size_t index) {
  BW_ASSIGN_OR_RETURN(std::string sample, ReadPrefix(path, kSniffBytes));
  if (sample.size() == kSniffBytes) {
    const size_t last = sample.rfind('\n');
    if (last == std::string::npos) return false;
    sample.resize(last + 1);
  }
  std::string_view text = sample;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  // Not checked: UTF-8. A file of the strict form with a byte that is not UTF-8 is a
  // strict file with an error (the strict reader names the row), not a guess at another
  // encoding; --encoding converts it.
  DelimitedRows header(text, ',', std::string(DataSetFileName(index)));
  if (!header.Next() || header.fields().size() < 2) return false;
  // The header names a column of the file (e.g. account_id), so ',' is its delimiter.
  bool names_a_column = false;
  const std::string stem = Stem(DataSetFileName(index));
  for (std::string_view field : header.fields()) {
    std::string name = Lower(field);
    name.erase(0, name.find_first_not_of(" \t"));
    names_a_column |= name == "account_id" || name == "contact_id" ||
                      name == std::string(stem.substr(0, stem.size() - 1)) + "_id";
  }
  if (!names_a_column) return false;
  DelimitedRows rows(text, ',', std::string(DataSetFileName(index)));
  return LooksStrict(index, rows);
}

}  // namespace

Result<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return NotFound(path + ": not found");
    return IoError("cannot read " + path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(info.st_mode)) return IoError("cannot read " + path + ": not a regular file");
  if (static_cast<uint64_t>(info.st_size) > max_bytes) {
    return InvalidArgument(path + ": file is " + std::to_string(info.st_size) +
                           " bytes, more than the limit of " + std::to_string(max_bytes) +
                           " (--max-file-size; docs/limits.md)");
  }
  return ReadPrefix(path, static_cast<size_t>(info.st_size));
}

Status AddConvertedFile(PreparedDataSet& data_set, size_t file_index, RowSource& rows,
                        const NormalizeOptions& options, const std::string& how_prefix,
                        const std::string& source) {
  if (data_set.inputs[file_index]) {
    return InvalidArgument(std::string(DataSetFileName(file_index)) + ": found twice: in " +
                           data_set.inputs[file_index]->name + " and in " + rows.name() +
                           "; remove one");
  }
  BW_ASSIGN_OR_RETURN(NormalizedFile file, NormalizeToImportFormat(file_index, rows, options));
  auto stored = std::make_unique<NormalizedFile>(std::move(file));
  data_set.rows_rejected += stored->rows_rejected;
  std::string how = how_prefix;
  if (!stored->detected.empty()) how += (how.empty() ? "" : ", ") + stored->detected;
  data_set.notes.push_back(
      {std::string(DataSetFileName(file_index)), source.empty() ? rows.name() : source, how});
  data_set.inputs[file_index] = DataSetInput{rows.name(), "", stored->csv};
  data_set.converted.push_back(std::move(stored));
  return Status::Ok();
}

namespace {

NormalizeOptions MakeNormalizeOptions(const DialectOverrides& overrides, const ReadOptions& read) {
  NormalizeOptions options;
  options.decimal = overrides.decimal;
  options.date_order = overrides.date_order;
  options.skip_invalid = read.skip_invalid;
  options.on_reject = read.on_reject;
  return options;
}

Status AddCsvFile(PreparedDataSet& data_set, size_t index, const std::string& path,
                  const std::string& name, const PrepareOptions& options, const ReadOptions& read) {
  if (!options.overrides.any()) {
    BW_ASSIGN_OR_RETURN(const bool strict, SniffStrict(path, index));
    if (strict) {
      data_set.inputs[index] = DataSetInput{name, path, {}};
      data_set.notes.push_back({name, path, "strict import format"});
      return Status::Ok();
    }
  }
  BW_ASSIGN_OR_RETURN(const std::string bytes, ReadWholeFile(path, read.max_file_bytes));
  BW_ASSIGN_OR_RETURN(const DecodedText decoded,
                      DecodeText(bytes, name, options.overrides.encoding));
  char delimiter = ',';
  if (options.overrides.delimiter) {
    delimiter = *options.overrides.delimiter;
  } else {
    BW_ASSIGN_OR_RETURN(delimiter, DetectDelimiter(decoded.text(), name));
  }
  std::string how = std::string(EncodingName(decoded.encoding)) +
                    (decoded.detected ? " (detected)" : " (given)") + ", delimiter " +
                    DelimiterName(delimiter) +
                    (options.overrides.delimiter ? " (given)" : " (detected)");
  DelimitedRows rows(decoded.text(), delimiter, name);
  return AddConvertedFile(data_set, index, rows, MakeNormalizeOptions(options.overrides, read), how,
                          path);
}

Status AddSheet(PreparedDataSet& data_set, size_t index, XlsxWorkbook& book, size_t sheet,
                const PrepareOptions& options, const ReadOptions& read) {
  BW_ASSIGN_OR_RETURN(std::unique_ptr<RowSource> rows, book.OpenSheet(sheet));
  return AddConvertedFile(data_set, index, *rows, MakeNormalizeOptions(options.overrides, read),
                          "XLSX sheet");
}

// Every sheet of `book` named like a file of the data set; `single_file` >= 0: the
// workbook stands for that file (accounts.xlsx) and its first sheet is it.
Status AddWorkbook(PreparedDataSet& data_set, const std::string& path, const std::string& name,
                   int single_file, const PrepareOptions& options, const ReadOptions& read) {
  XlsxLimits limits = options.xlsx_limits;
  limits.max_file_bytes = std::min(limits.max_file_bytes, read.max_file_bytes);
  BW_ASSIGN_OR_RETURN(std::unique_ptr<XlsxWorkbook> book, XlsxWorkbook::Open(path, name, limits));
  const std::vector<std::string> sheets = book->SheetNames();
  if (single_file >= 0) {
    if (sheets.empty()) return InvalidArgument(name + ": the workbook has no sheet");
    size_t sheet = 0;
    for (size_t s = 0; s < sheets.size(); ++s) {
      if (FileOfSheet(sheets[s]) == single_file) sheet = s;
    }
    return AddSheet(data_set, static_cast<size_t>(single_file), *book, sheet, options, read);
  }
  bool any = false;
  for (size_t s = 0; s < sheets.size(); ++s) {
    const int file = FileOfSheet(sheets[s]);
    if (file < 0) {
      if (read.on_warning) {
        read.on_warning(name + ":" + sheets[s] +
                        ": sheet ignored (not named after a file of the data set: accounts, "
                        "contacts, revenue, invitations, responses, touchpoints, signals)");
      }
      continue;
    }
    any = true;
    BW_RETURN_IF_ERROR(AddSheet(data_set, static_cast<size_t>(file), *book, s, options, read));
  }
  if (!any && read.on_warning) read.on_warning(name + ": no sheet named after a file; ignored");
  return Status::Ok();
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Result<PreparedDataSet> PrepareDataSet(const std::string& path, const PrepareOptions& options,
                                       const ReadOptions& read) {
  PreparedDataSet data_set;
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return NotFound(path + ": not found");
    return IoError("cannot read " + path + ": " + std::strerror(errno));
  }
  if (S_ISREG(info.st_mode)) {
    if (!Lower(path).ends_with(".xlsx")) {
      return InvalidArgument(path + ": not a directory or an .xlsx workbook");
    }
    BW_RETURN_IF_ERROR(AddWorkbook(data_set, path, BaseName(path), -1, options, read));
  } else if (S_ISDIR(info.st_mode)) {
    // Every file is checked before any is read: a FIFO would block, a huge file take long.
    std::array<bool, kDataSetFileCount> csv_present{}, xlsx_present{};
    for (size_t i = 0; i < kDataSetFileCount; ++i) {
      const std::string name(DataSetFileName(i));
      BW_ASSIGN_OR_RETURN(csv_present[i], CheckInputFile(path + "/" + name, read.max_file_bytes));
      BW_ASSIGN_OR_RETURN(xlsx_present[i],
                          CheckInputFile(path + "/" + Stem(name) + ".xlsx", read.max_file_bytes));
    }
    for (size_t i = 0; i < kDataSetFileCount; ++i) {
      const std::string name(DataSetFileName(i));
      const std::string csv = path + "/" + name;
      if (csv_present[i]) BW_RETURN_IF_ERROR(AddCsvFile(data_set, i, csv, name, options, read));
      const std::string xlsx = path + "/" + Stem(name) + ".xlsx";
      if (xlsx_present[i]) {
        BW_RETURN_IF_ERROR(
            AddWorkbook(data_set, xlsx, Stem(name) + ".xlsx", static_cast<int>(i), options, read));
      }
    }
    // Other workbooks: a sheet per file.
    std::vector<std::string> workbooks;
    if (DIR* dir = ::opendir(path.c_str())) {
      while (const dirent* entry = ::readdir(dir)) {
        const std::string file = entry->d_name;
        if (!Lower(file).ends_with(".xlsx") || file.starts_with("~$")) continue;
        if (FileOfSheet(file.substr(0, file.size() - 5)) >= 0) continue;
        if (IsRegularFile(path + "/" + file)) workbooks.push_back(file);
      }
      ::closedir(dir);
    }
    std::sort(workbooks.begin(), workbooks.end());
    for (const std::string& file : workbooks) {
      BW_RETURN_IF_ERROR(AddWorkbook(data_set, path + "/" + file, file, -1, options, read));
    }
  } else {
    return NotFound(path + ": not found (not a directory or an .xlsx workbook)");
  }
  if (!data_set.inputs[0] && read.require_accounts) {
    return NotFound(path + "/accounts.csv: not found (nor an accounts sheet)");
  }
  return data_set;
}

}  // namespace bw::io
