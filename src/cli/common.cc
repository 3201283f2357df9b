#include "cli/common.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

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
  BW_ASSIGN_OR_RETURN(analysis.snapshot,
                      service::LoadSnapshot(flags.source, keep_text, PrintWarning));
  return analysis;
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
