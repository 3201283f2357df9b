#include "io/import_input.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/executor.h"

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

// DIR/FILE.
std::string InDir(const std::string& dir, std::string_view file) {
  std::string path = dir;
  path += '/';
  path += file;
  return path;
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

// True when a CSV file's first bytes (file `index`; at most 64 KiB are looked at) are in
// the strict format: UTF-8, comma-separated with the file's column names, dates, months
// and numbers in the strict forms. The strict reader checks the rest as always.
bool SniffStrictText(std::string sample, size_t index) {
  if (sample.size() >= kSniffBytes) {
    sample.resize(kSniffBytes);
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

// SniffStrictText of the file at `path`.
Result<bool> SniffStrict(const std::string& path, size_t index) {
  BW_ASSIGN_OR_RETURN(std::string sample, ReadPrefix(path, kSniffBytes));
  return SniffStrictText(std::move(sample), index);
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

namespace {

Status CheckNotTwice(const PreparedDataSet& data_set, size_t file_index, const std::string& name) {
  if (data_set.inputs[file_index]) {
    return InvalidArgument(std::string(DataSetFileName(file_index)) + ": found twice: in " +
                           data_set.inputs[file_index]->name + " and in " + name + "; remove one");
  }
  return Status::Ok();
}

// Records a converted file (named `name` in messages) as file `file_index`.
void RecordConvertedFile(PreparedDataSet& data_set, size_t file_index, const std::string& name,
                         NormalizedFile file, const std::string& how_prefix,
                         const std::string& source) {
  auto stored = std::make_unique<NormalizedFile>(std::move(file));
  data_set.rows_rejected += stored->rows_rejected;
  std::string how = how_prefix;
  if (!stored->detected.empty()) how += (how.empty() ? "" : ", ") + stored->detected;
  data_set.notes.push_back(
      {std::string(DataSetFileName(file_index)), source.empty() ? name : source, how});
  data_set.inputs[file_index] = DataSetInput{name, "", stored->csv};
  data_set.converted.push_back(std::move(stored));
}

}  // namespace

Status AddConvertedFile(PreparedDataSet& data_set, size_t file_index, RowSource& rows,
                        const NormalizeOptions& options, const std::string& how_prefix,
                        const std::string& source) {
  BW_RETURN_IF_ERROR(CheckNotTwice(data_set, file_index, rows.name()));
  BW_ASSIGN_OR_RETURN(NormalizedFile file, NormalizeToImportFormat(file_index, rows, options));
  RecordConvertedFile(data_set, file_index, rows.name(), std::move(file), how_prefix, source);
  return Status::Ok();
}

namespace {

NormalizeOptions BaseNormalizeOptions(const DialectOverrides& overrides, const ReadOptions& read) {
  NormalizeOptions options;
  options.decimal = overrides.decimal;
  options.date_order = overrides.date_order;
  options.skip_invalid = read.skip_invalid;
  options.on_reject = read.on_reject;
  return options;
}

// Once a sheet streams, the rows later conversions reject are held in order behind its
// (io/streamed_sheets.h), so that all come in the order of conversion.
NormalizeOptions MakeNormalizeOptions(PreparedDataSet& data_set, const DialectOverrides& overrides,
                                      const ReadOptions& read) {
  NormalizeOptions options = BaseNormalizeOptions(overrides, read);
  if (options.on_reject && data_set.streamed && !data_set.streamed->empty()) {
    options.on_reject = data_set.streamed->NewRejectLog();
  }
  return options;
}

// Converts the CSV bytes of file `index` (any dialect), named `name` in messages and
// `source` in the notes (empty: `name`).
Status AddCsvText(PreparedDataSet& data_set, size_t index, std::string_view bytes,
                  const std::string& name, const std::string& source, const PrepareOptions& options,
                  const ReadOptions& read) {
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
  return AddConvertedFile(data_set, index, rows,
                          MakeNormalizeOptions(data_set, options.overrides, read), how, source);
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
  return AddCsvText(data_set, index, bytes, name, path, options, read);
}

// The indexes of `sheets` by their size, largest first (the order of conversion).
std::vector<size_t> LargestFirst(XlsxWorkbook& book, const std::vector<size_t>& sheets) {
  std::vector<size_t> order(sheets.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return book.SheetBytes(sheets[a]) > book.SheetBytes(sheets[b]);
  });
  return order;
}

// A quarter of a sheet's XML: about the bytes of its rows in the import format.
constexpr uint64_t kXmlBytesPerCsvByte = 4;

// AddSheets with PrepareOptions::stream_sheets: opens each sheet, reads its header and
// detects its dialect now (so errors and notes come as before), and leaves the rows to
// data_set.streamed.
Status AddStreamedSheets(PreparedDataSet& data_set, XlsxWorkbook& book,
                         const std::vector<size_t>& sheets, const std::vector<size_t>& files,
                         const PrepareOptions& options, const ReadOptions& read) {
  if (!data_set.streamed) data_set.streamed = std::make_unique<StreamedSheets>();
  StreamedSheets& streamed = *data_set.streamed;
  // The sheets' rejects are held, behind those of the files converted before them, in the
  // order AddSheets converts them (largest first).
  std::vector<NormalizeOptions> normalize_options(sheets.size(),
                                                  BaseNormalizeOptions(options.overrides, read));
  if (read.on_reject) {
    for (const size_t i : LargestFirst(book, sheets)) {
      normalize_options[i].on_reject = streamed.NewRejectLog();
    }
  }
  for (size_t i = 0; i < sheets.size(); ++i) {
    BW_ASSIGN_OR_RETURN(std::unique_ptr<RowSource> rows, book.OpenSheet(sheets[i]));
    auto normalize = std::make_unique<NormalizeOptions>(std::move(normalize_options[i]));
    auto normalizer = std::make_unique<StreamingNormalizer>(files[i], *rows, *normalize);
    BW_RETURN_IF_ERROR(normalizer->Start());
    std::string how = "XLSX sheet";
    if (!normalizer->detected().empty()) how += ", " + normalizer->detected();
    const std::string name = rows->name();
    const size_t job = streamed.Add(files[i], std::move(rows), std::move(normalize),
                                    std::move(normalizer), read.max_file_bytes);
    data_set.inputs[files[i]] = DataSetInput{
        name, "", {}, &streamed.stream(job), book.SheetBytes(sheets[i]) / kXmlBytesPerCsvByte};
    data_set.notes.push_back({std::string(DataSetFileName(files[i])), name, how});
  }
  return Status::Ok();
}

// Converts sheets[i] of `book` as file files[i] and records them in that order. The
// sheets are converted several at once on the process's executor, largest first (each
// sheet source reads the workbook through its own zip handle), unless rejected rows are
// reported (the callback is not made for several threads). The first error in sheet order
// is returned.
Status AddSheets(PreparedDataSet& data_set, XlsxWorkbook& book, const std::vector<size_t>& sheets,
                 const std::vector<size_t>& files, const PrepareOptions& options,
                 const ReadOptions& read) {
  for (size_t i = 0; i < sheets.size(); ++i) {
    for (size_t k = 0; k < i; ++k) {
      if (files[k] == files[i]) {
        return InvalidArgument(std::string(DataSetFileName(files[i])) + ": found twice: in " +
                               book.Name() + ":" + book.SheetNames()[sheets[k]] + " and in " +
                               book.Name() + ":" + book.SheetNames()[sheets[i]] + "; remove one");
      }
    }
    BW_RETURN_IF_ERROR(
        CheckNotTwice(data_set, files[i], book.Name() + ":" + book.SheetNames()[sheets[i]]));
  }
  if (options.stream_sheets) return AddStreamedSheets(data_set, book, sheets, files, options, read);
  const NormalizeOptions normalize = MakeNormalizeOptions(data_set, options.overrides, read);
  std::vector<std::unique_ptr<RowSource>> sources(sheets.size());
  std::vector<Result<NormalizedFile>> results(sheets.size(), Internal("not converted"));
  const std::vector<size_t> order = LargestFirst(book, sheets);
  const auto convert = [&](size_t job) {
    const size_t i = order[job];
    Result<std::unique_ptr<RowSource>> rows = book.OpenSheet(sheets[i]);
    if (!rows.ok()) {
      results[i] = rows.status();
      return;
    }
    sources[i] = std::move(*rows);
    results[i] = NormalizeToImportFormat(files[i], *sources[i], normalize);
  };
  const bool parallel = !read.skip_invalid && sheets.size() > 1;
  if (parallel) {
    ProcessExecutor().ParallelFor(sheets.size(), sheets.size(), convert);
  } else {
    for (size_t job = 0; job < sheets.size(); ++job) convert(job);
  }
  for (size_t i = 0; i < sheets.size(); ++i) {
    if (!results[i].ok()) return results[i].status();
  }
  for (size_t i = 0; i < sheets.size(); ++i) {
    RecordConvertedFile(data_set, files[i], sources[i]->name(), std::move(*results[i]),
                        "XLSX sheet", "");
  }
  return Status::Ok();
}

// Every sheet of `book` named like a file of the data set; `single_file` >= 0: the
// workbook stands for that file (accounts.xlsx) and its first sheet is it.
Status AddWorkbookSheets(PreparedDataSet& data_set, XlsxWorkbook& book, int single_file,
                         const PrepareOptions& options, const ReadOptions& read) {
  const std::string& name = book.Name();
  const std::vector<std::string> sheets = book.SheetNames();
  if (single_file >= 0) {
    if (sheets.empty()) return InvalidArgument(name + ": the workbook has no sheet");
    size_t sheet = 0;
    for (size_t s = 0; s < sheets.size(); ++s) {
      if (FileOfSheet(sheets[s]) == single_file) sheet = s;
    }
    return AddSheets(data_set, book, {sheet}, {static_cast<size_t>(single_file)}, options, read);
  }
  std::vector<size_t> chosen, files;
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
    chosen.push_back(s);
    files.push_back(static_cast<size_t>(file));
  }
  if (chosen.empty() && read.on_warning) {
    read.on_warning(name + ": no sheet named after a file; ignored");
  }
  return AddSheets(data_set, book, chosen, files, options, read);
}

// AddWorkbookSheets of the workbook at `path`, named `name` in messages.
Status AddWorkbook(PreparedDataSet& data_set, const std::string& path, const std::string& name,
                   int single_file, const PrepareOptions& options, const ReadOptions& read) {
  XlsxLimits limits = options.xlsx_limits;
  limits.max_file_bytes = std::min(limits.max_file_bytes, read.max_file_bytes);
  BW_ASSIGN_OR_RETURN(std::unique_ptr<XlsxWorkbook> book, XlsxWorkbook::Open(path, name, limits));
  Status status = AddWorkbookSheets(data_set, *book, single_file, options, read);
  // Its streamed sheets read it until the data set is read.
  if (options.stream_sheets) data_set.workbooks.push_back(std::move(book));
  return status;
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// PrepareDataSet into `data_set`.
Status PrepareInto(PreparedDataSet& data_set, const std::string& path,
                   const PrepareOptions& options, const ReadOptions& read) {
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
      BW_ASSIGN_OR_RETURN(csv_present[i], CheckInputFile(InDir(path, name), read.max_file_bytes));
      BW_ASSIGN_OR_RETURN(xlsx_present[i],
                          CheckInputFile(InDir(path, Stem(name) + ".xlsx"), read.max_file_bytes));
    }
    for (size_t i = 0; i < kDataSetFileCount; ++i) {
      const std::string name(DataSetFileName(i));
      const std::string csv = InDir(path, name);
      if (csv_present[i]) BW_RETURN_IF_ERROR(AddCsvFile(data_set, i, csv, name, options, read));
      const std::string xlsx = InDir(path, Stem(name) + ".xlsx");
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
        if (IsRegularFile(InDir(path, file))) workbooks.push_back(file);
      }
      ::closedir(dir);
    }
    std::sort(workbooks.begin(), workbooks.end());
    for (const std::string& file : workbooks) {
      BW_RETURN_IF_ERROR(AddWorkbook(data_set, InDir(path, file), file, -1, options, read));
    }
  } else {
    return NotFound(path + ": not found (not a directory or an .xlsx workbook)");
  }
  if (!data_set.inputs[0] && read.require_accounts) {
    return NotFound(path + "/accounts.csv: not found (nor an accounts sheet)");
  }
  return Status::Ok();
}

}  // namespace

Result<PreparedDataSet> PrepareDataSet(const std::string& path, const PrepareOptions& options,
                                       const ReadOptions& read) {
  PreparedDataSet data_set;
  const Status status = PrepareInto(data_set, path, options, read);
  if (!status.ok()) {
    if (data_set.streamed && !data_set.streamed->empty()) {
      // Converted first, an earlier sheet's conversion error would have come first.
      data_set.streamed->StopKeeping();
      data_set.streamed->Run();
      const Status conversion = data_set.streamed->FirstConversionError();
      if (!conversion.ok()) return conversion;
    }
    return status;
  }
  return data_set;
}

Result<ReadStats> ReadPreparedDataSet(PreparedDataSet& data_set, DataSetSink& sink,
                                      const ReadOptions& options) {
  if (!data_set.streamed || data_set.streamed->empty()) {
    return ReadDataSetInputs(data_set.inputs, sink, options);
  }
  StreamedSheets& streamed = *data_set.streamed;
  // The reader's rejects wait until the conversions' are reported.
  ReadOptions reading = options;
  HeldRejects held;
  if (options.on_reject) {
    reading.on_reject = [&held](std::string_view file, int64_t line,
                                const std::vector<std::string>& fields, const std::string& reason) {
      held.push_back({std::string(file), line, fields, reason});
    };
  }
  Result<ReadStats> read = Internal("not read");
  // Index 0 is taken first, by whichever thread: the reader (index 1) only ever waits for
  // a conversion that runs. Without a second thread, all is converted, then read.
  ProcessExecutor().ParallelFor(2, 2, [&](size_t task) {
    if (task == 0) {
      streamed.Run();
      data_set.workbooks.clear();  // read by the conversions alone, which ended
    } else {
      read = ReadDataSetInputs(data_set.inputs, sink, reading);
      streamed.StopKeeping();  // after an error, nobody reads the rest
    }
  });
  const Status conversion = streamed.FirstError();
  if (!conversion.ok()) {
    data_set.conversion_status = conversion;
    return conversion;
  }
  data_set.rows_rejected += streamed.rows_rejected();
  if (options.on_reject) {
    for (const auto& log : streamed.reject_logs()) {
      for (const HeldReject& r : *log) options.on_reject(r.file, r.line, r.fields, r.reason);
    }
    for (const HeldReject& r : held) options.on_reject(r.file, r.line, r.fields, r.reason);
  }
  return read;
}

Result<PreparedDataSet> PrepareUploadedFiles(const std::vector<UploadedFile>& files,
                                             const PrepareOptions& prepare_options,
                                             const ReadOptions& read) {
  PrepareOptions options = prepare_options;
  options.stream_sheets = false;  // the workbooks below live only while preparing
  PreparedDataSet data_set;
  for (const UploadedFile& file : files) {
    if (file.bytes.size() > read.max_file_bytes) {
      return InvalidArgument(file.name + ": file is " + std::to_string(file.bytes.size()) +
                             " bytes, more than the limit of " +
                             std::to_string(read.max_file_bytes) + " (docs/limits.md)");
    }
    if (Lower(file.name).ends_with(".xlsx")) {
      XlsxLimits limits = options.xlsx_limits;
      limits.max_file_bytes = std::min(limits.max_file_bytes, read.max_file_bytes);
      BW_ASSIGN_OR_RETURN(std::unique_ptr<XlsxWorkbook> book,
                          XlsxWorkbook::FromBytes(std::string(file.bytes), file.name, limits));
      BW_RETURN_IF_ERROR(AddWorkbookSheets(data_set, *book, -1, options, read));
      continue;
    }
    size_t index = kDataSetFileCount;
    for (size_t i = 0; i < kDataSetFileCount; ++i) {
      if (file.name == DataSetFileName(i)) index = i;
    }
    if (index == kDataSetFileCount) {
      return InvalidArgument("\"" + file.name +
                             "\" is not a file of the import format (accounts.csv, "
                             "contacts.csv, ...) or an .xlsx workbook");
    }
    BW_RETURN_IF_ERROR(CheckNotTwice(data_set, index, file.name));
    if (!options.overrides.any() &&
        SniffStrictText(std::string(file.bytes.substr(0, kSniffBytes)), index)) {
      data_set.inputs[index] = DataSetInput{file.name, "", file.bytes};
      data_set.notes.push_back({file.name, file.name, "strict import format"});
      continue;
    }
    BW_RETURN_IF_ERROR(AddCsvText(data_set, index, file.bytes, file.name, "", options, read));
  }
  return data_set;
}

}  // namespace bw::io
