// Helpers shared by the subcommands: the options of an analysis command, the as-of date,
// loading what an analysis needs (through service/workspace.h), and reporting a Status.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/workspace_config.h"
#include "io/dialect.h"
#include "io/xlsx_table_writer.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/status.h"
#include "service/csv_dialect.h"
#include "service/workspace.h"
#include "snapshot/snapshot.h"

namespace bw::cli {

// --db when given, else $BELLWETHER_DB, else ./bellwether.db.
using service::DatabasePath;

// Parses --as-of (YYYY-MM-DD); empty means the last day of the last complete month by
// `clock` (metrics.md).
Result<Day> AsOfDate(const std::string& flag_value, const Clock& clock = SystemClock::Instance());

// Where a snapshot comes from: a CSV directory (--data) or the store (--db).
using service::DataSource;
using service::ParseByteSize;

// Adds --max-file-size to a subcommand that reads CSV files.
void AddMaxFileSizeOption(CLI::App& cmd, std::string& max_file_size);

// Replaces C0 control characters other than line feed, DEL, and C1 control characters
// (U+0080..U+009F) by `\xHH` / `\u00HH`, so that text from a data set (names, ids)
// cannot drive the terminal (escape sequences, cursor moves). For tables, errors and
// warnings; JSON and CSV output carry the text unchanged.
std::string TerminalSafe(std::string_view text);

// Adds --delimiter, --encoding, --decimal and --date-format (docs/importing.md, "CSV
// dialects"); `scope` starts their help ("With --data: ", or empty).
void AddDialectOptions(CLI::App& cmd, io::DialectOptionTexts& texts, const std::string& scope);

// Options most analysis commands share: where the data comes from, the date, the config.
struct AnalysisFlags {
  DataSource source;
  std::string as_of;
  std::string config;
  std::string lang;  // --lang de|en; empty: the workspace's, else the environment's
  std::string csv_dialect;  // --csv-dialect; empty: excel-de in German, else excel
};
// Adds --data, --db, --as-of, --config, --lang, --csv-dialect and the dialect options of
// --data (AddDialectOptions) to a subcommand.
void AddAnalysisOptions(CLI::App& cmd, AnalysisFlags& flags);

// Adds --lang (de or en) to a subcommand.
void AddLanguageOption(CLI::App& cmd, std::string& lang);

// Adds --format, one of `choices`; the default is the value `format` holds already.
void AddFormatOption(CLI::App& cmd, std::string& format, const std::vector<std::string>& choices);

// Makes `run` the action of an analysis command: an error is reported with its exit code,
// then the process ends (ExitAfterAnalysis).
void RunAsAnalysis(CLI::App& cmd, int* exit_code, std::function<Status()> run);

// Everything an analysis needs, loaded from AnalysisFlags: the as-of date, the workspace
// configuration (service::LoadWorkspace) and the snapshot (service::LoadSnapshot; reading
// warnings, and service::AsOfWarnings for a mid-month or too late as-of date, are printed
// to stderr as "warning: ..."). Sets the output style (language and currency,
// cli/language.h) for what the command prints.
struct Analysis {
  std::shared_ptr<const snapshot::Snapshot> snapshot;
  Day as_of = 0;
  config::WorkspaceConfig workspace;
};
Result<Analysis> LoadAnalysis(const AnalysisFlags& flags, bool keep_text);

// Writes `rows` (the first is the header) to stdout as CSV in the dialect of --csv-dialect,
// else the output language's (service/csv_dialect.h). Call after LoadAnalysis.
Status PrintCsv(const AnalysisFlags& flags, const std::vector<std::vector<std::string>>& rows);

// Where `--format xlsx` writes a command's tables (docs/reports.md, "Excel workbooks").
struct XlsxOutputFlags {
  std::string out;  // the workbook file; empty: standard output, unless it is a terminal
  bool force = false;
};
// Adds --out and --force to a subcommand that has --format xlsx.
void AddXlsxOutputOptions(CLI::App& cmd, XlsxOutputFlags& flags);
// Writes `tables` as one workbook: to --out through a temporary file renamed into place
// (an existing file only with --force; never a file the analysis reads: the store, its
// configuration, or anything in the --data directory), else to standard output when that
// is not a terminal. `format` is the command's --format: --out with another format is
// refused. CheckXlsxOutput makes the same checks alone, so that a command refuses before
// its analysis runs.
Status CheckXlsxOutput(const AnalysisFlags& analysis, const XlsxOutputFlags& flags,
                       const std::string& format);
Status WriteXlsxOutput(const AnalysisFlags& analysis, const XlsxOutputFlags& flags,
                       const std::vector<io::XlsxTable>& tables);

// Prints "bellwether: <message>" to stderr (TerminalSafe) and returns the exit code for
// the status.
int ReportError(const Status& status);

// Ends the process once a read-only analysis has printed its result: the snapshot's
// memory (millions of small allocations for a large book) goes back to the operating
// system at exit anyway, and freeing it piece by piece costs a noticeable part of a
// command's run time. Only for commands that hold no open store and no unwritten file.
[[noreturn]] void ExitAfterAnalysis(int exit_code);

// True when stderr is a terminal (progress displays go there only then).
bool StderrIsTerminal();

}  // namespace bw::cli
