#include "cli/common.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "cli/language.h"
#include "service/as_of_check.h"

namespace bw::cli {

Result<Day> AsOfDate(const std::string& flag_value, const Clock& clock) {
  // metrics.md: a month still running has only part of its revenue.
  if (flag_value.empty()) return LastDayOfLastCompleteMonth(clock.Today());
  const std::optional<Day> day = ParseDate(flag_value);
  if (!day) return InvalidArgument("--as-of: \"" + flag_value + "\" is not a date (YYYY-MM-DD)");
  return *day;
}

namespace {

void PrintWarning(const std::string& warning) {
  std::fprintf(stderr, "warning: %s\n", TerminalSafe(warning).c_str());
}

}  // namespace

void AddMaxFileSizeOption(CLI::App& cmd, std::string& max_file_size) {
  cmd.add_option("--max-file-size", max_file_size,
                 "Refuse input files larger than this (bytes, or with K, M, G, T; default 4G; "
                 "docs/limits.md)");
}

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      const auto code = static_cast<unsigned char>(text[++i]);
      out += "\\u00";
      out += kHex[code >> 4];
      out += kHex[code & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void AddDialectOptions(CLI::App& cmd, io::DialectOptionTexts& texts, const std::string& scope) {
  cmd.add_option("--delimiter", texts.delimiter,
                 scope + "CSV delimiter: , ; tab | (default: detected per file)");
  cmd.add_option("--encoding", texts.encoding,
                 scope + "utf-8, utf-16, windows-1252, iso-8859-15 (default: detected per file)");
  cmd.add_option("--decimal", texts.decimal,
                 scope + "Decimal mark of amounts and values: . or , (default: detected per file)");
  cmd.add_option("--date-format", texts.date_format,
                 scope + "yyyy-mm-dd, dd.mm.yyyy, dd/mm/yyyy or mm/dd/yyyy (default: detected)");
}

void AddAnalysisOptions(CLI::App& cmd, AnalysisFlags& flags) {
  auto* data = cmd.add_option("--data", flags.source.data_dir,
                              "Read a data set directory instead of the store");
  auto* db = cmd.add_option("--db", flags.source.db_path,
                            "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
  data->excludes(db);
  AddMaxFileSizeOption(cmd, flags.source.max_file_size);
  cmd.add_option(
      "--as-of", flags.as_of,
      "Date of the figures (YYYY-MM-DD; default the last day of the last complete month)");
  cmd.add_option("--config", flags.config,
                 "Workspace configuration (TOML; default ./bellwether.toml if present)");
  AddLanguageOption(cmd, flags.lang);
  cmd.add_option("--csv-dialect", flags.csv_dialect,
                 "CSV of --format csv: excel-de (BOM, ';', decimal comma), excel (BOM, ','), "
                 "rfc4180 (plain); default excel-de in German, else excel")
      ->check(CLI::IsMember({"excel-de", "excel", "rfc4180"}));
  AddDialectOptions(cmd, flags.source.dialect, "With --data: ");
}

Status PrintCsv(const AnalysisFlags& flags, const std::vector<std::vector<std::string>>& rows) {
  service::CsvDialect dialect =
      InGerman() ? service::CsvDialect::kExcelDe : service::CsvDialect::kExcel;
  if (!flags.csv_dialect.empty()) {
    BW_ASSIGN_OR_RETURN(dialect, service::ParseCsvDialect(flags.csv_dialect));
  }
  const std::string text = service::CsvText(rows, dialect);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return Status::Ok();
}

void AddLanguageOption(CLI::App& cmd, std::string& lang) {
  cmd.add_option("--lang", lang,
                 "Language of tables and reports: de or en (default: the workspace's `language`, "
                 "else LANG)")
      ->check(CLI::IsMember({"de", "en"}));
}

void AddFormatOption(CLI::App& cmd, std::string& format, const std::vector<std::string>& choices) {
  cmd.add_option("--format", format, "Output format")
      ->check(CLI::IsMember(choices))
      ->capture_default_str();
}

void RunAsAnalysis(CLI::App& cmd, int* exit_code, std::function<Status()> run) {
  cmd.callback([exit_code, run = std::move(run)] {
    const Status status = run();
    if (!status.ok()) *exit_code = ReportError(status);
    ExitAfterAnalysis(*exit_code);
  });
}

Result<Analysis> LoadAnalysis(const AnalysisFlags& flags, bool keep_text) {
  Analysis analysis;
  BW_ASSIGN_OR_RETURN(analysis.as_of, AsOfDate(flags.as_of));
  BW_ASSIGN_OR_RETURN(analysis.workspace, service::LoadWorkspace(flags.config));
  BW_ASSIGN_OR_RETURN(const Language language,
                      ResolveLanguage(flags.lang, analysis.workspace.language));
  SetOutputStyle({language, analysis.workspace.currency});
  BW_ASSIGN_OR_RETURN(analysis.snapshot,
                      service::LoadSnapshot(flags.source, keep_text, PrintWarning));
  for (const std::string& warning : service::AsOfWarnings(*analysis.snapshot, analysis.as_of)) {
    PrintWarning(warning);
  }
  return analysis;
}

void AddXlsxOutputOptions(CLI::App& cmd, XlsxOutputFlags& flags) {
  cmd.add_option("--out", flags.out,
                 "--format xlsx: the workbook file to write (default: standard output, when "
                 "it is not a terminal)");
  cmd.add_flag("--force", flags.force, "--format xlsx: replace an existing --out file");
}

namespace {

// True when `a` and `b` name the same existing file or directory.
bool SameFile(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code error;
  return std::filesystem::equivalent(a, b, error) && !error;
}

}  // namespace

Status CheckXlsxOutput(const AnalysisFlags& analysis, const XlsxOutputFlags& flags,
                       const std::string& format) {
  if (format != "xlsx") {
    if (!flags.out.empty()) return InvalidArgument("--out is for --format xlsx");
    return Status::Ok();
  }
  if (flags.out.empty()) {
    if (isatty(STDOUT_FILENO) == 1) {
      return InvalidArgument(
          "--format xlsx writes a binary workbook: give --out FILE.xlsx, or redirect standard "
          "output to a file");
    }
    return Status::Ok();
  }
  namespace fs = std::filesystem;
  const fs::path out(flags.out);
  const std::string& data = analysis.source.data_dir;
  if (!data.empty()) {
    const fs::path parent = fs::absolute(out).parent_path();
    if (SameFile(out, data) || SameFile(parent, data)) {
      return InvalidArgument("--out " + flags.out + " is in the data set directory " + data +
                             ", which the command reads; write the workbook elsewhere");
    }
  } else {
    const std::string db = DatabasePath(analysis.source.db_path);
    for (const std::string& file : {db, db + "-wal", db + "-shm"}) {
      if (SameFile(out, file)) {
        return InvalidArgument("--out " + flags.out + " is the store " + db +
                               ", which the command reads; write the workbook elsewhere");
      }
    }
  }
  const std::string config = analysis.config.empty() ? "bellwether.toml" : analysis.config;
  if (SameFile(out, config)) {
    return InvalidArgument("--out " + flags.out + " is the configuration " + config +
                           ", which the command reads; write the workbook elsewhere");
  }
  std::error_code error;
  if (!flags.force && fs::exists(fs::symlink_status(out, error))) {
    return AlreadyExists(flags.out + " exists; use --force to replace it");
  }
  // Said here in our words: libxlsxwriter would print its own error line first.
  const fs::path parent = fs::absolute(out, error).parent_path();
  if (!fs::is_directory(parent, error)) {
    return NotFound("--out " + flags.out + ": the directory " + parent.string() +
                    " does not exist");
  }
  if (access(parent.c_str(), W_OK) != 0) {
    return IoError("--out " + flags.out + ": the directory " + parent.string() +
                   " is not writable");
  }
  return Status::Ok();
}

Status WriteXlsxOutput(const AnalysisFlags& analysis, const XlsxOutputFlags& flags,
                       const std::vector<io::XlsxTable>& tables) {
  BW_RETURN_IF_ERROR(CheckXlsxOutput(analysis, flags, "xlsx"));
  if (!flags.out.empty()) return io::WriteXlsxTables(flags.out, tables, flags.force);
  BW_ASSIGN_OR_RETURN(const std::string bytes, io::XlsxTablesBytes(tables));
  if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() ||
      std::fflush(stdout) != 0) {
    return IoError("cannot write the workbook to standard output");
  }
  return Status::Ok();
}

int ReportError(const Status& status) {
  // Messages quote values from the input, which may hold terminal escape sequences.
  std::fprintf(stderr, "bellwether: %s\n", TerminalSafe(status.message()).c_str());
  return ExitCodeFor(status);
}

void ExitAfterAnalysis(int exit_code) {
  std::fflush(nullptr);
  std::_Exit(exit_code);
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

}  // namespace bw::cli
