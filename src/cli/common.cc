#include "cli/common.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "io/data_set_reader.h"
#include "snapshot/snapshot_builder.h"
#include "store/store.h"

namespace bw::cli {

std::string DatabasePath(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("BELLWETHER_DB"); env != nullptr && *env != '\0') return env;
  return "bellwether.db";
}

Result<Day> AsOfDate(const std::string& flag_value) {
  if (flag_value.empty()) {
    const auto now = std::chrono::system_clock::now();
    const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    return static_cast<Day>(days);
  }
  const std::optional<Day> day = ParseDate(flag_value);
  if (!day) return InvalidArgument("--as-of: \"" + flag_value + "\" is not a date (YYYY-MM-DD)");
  return *day;
}

Result<uint64_t> ParseByteSize(const std::string& flag_value) {
  if (flag_value.empty()) return io::kDefaultMaxFileBytes;
  size_t digits = 0;
  while (digits < flag_value.size() && flag_value[digits] >= '0' && flag_value[digits] <= '9') {
    ++digits;
  }
  const std::string suffix = flag_value.substr(digits);
  int shift = -1;
  if (suffix.empty()) shift = 0;
  if (suffix == "K" || suffix == "KiB") shift = 10;
  if (suffix == "M" || suffix == "MiB") shift = 20;
  if (suffix == "G" || suffix == "GiB") shift = 30;
  if (suffix == "T" || suffix == "TiB") shift = 40;
  uint64_t value = 0;
  bool fits = digits > 0 && digits <= 19 && shift >= 0;
  if (fits) {
    value = std::stoull(flag_value.substr(0, digits));
    fits = value <= (UINT64_MAX >> shift);
  }
  if (!fits) {
    return InvalidArgument("--max-file-size: \"" + flag_value +
                           "\" is not a size (bytes, or a number with K, M, G or T)");
  }
  return value << shift;
}

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

Result<std::shared_ptr<const snapshot::Snapshot>> LoadSnapshot(const DataSource& source,
                                                               bool keep_text) {
  snapshot::SnapshotBuilder builder(snapshot::SnapshotOptions{.keep_text = keep_text});
  if (!source.data_dir.empty()) {
    io::ReadOptions options;
    BW_ASSIGN_OR_RETURN(options.max_file_bytes, ParseByteSize(source.max_file_size));
    options.on_warning = [](const std::string& warning) {
      std::fprintf(stderr, "warning: %s\n", TerminalSafe(warning).c_str());
    };
    BW_RETURN_IF_ERROR(io::ReadDataSet(source.data_dir, builder, options).status());
    return builder.Finish();
  }
  const std::string path = DatabasePath(source.db_path);
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    if (error) return IoError("cannot read " + path + ": " + error.message());
    return NotFound(path + ": no such database (run `bellwether import DIR --db " + path +
                    "` first, or use --data DIR)");
  }
  BW_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStoreReadOnly(path));
  BW_RETURN_IF_ERROR(store->Scan(builder));
  return builder.Finish();
}

Result<config::WorkspaceConfig> LoadWorkspace(const std::string& config_flag) {
  if (!config_flag.empty()) return config::LoadWorkspaceConfig(config_flag);
  std::error_code error;
  if (std::filesystem::exists("bellwether.toml", error)) {
    return config::LoadWorkspaceConfig("bellwether.toml");
  }
  return config::WorkspaceConfig{};
}

void AddAnalysisOptions(CLI::App& cmd, AnalysisFlags& flags) {
  auto* data = cmd.add_option("--data", flags.source.data_dir,
                              "Read a data set directory instead of the store");
  auto* db = cmd.add_option("--db", flags.source.db_path,
                            "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
  data->excludes(db);
  AddMaxFileSizeOption(cmd, flags.source.max_file_size);
  cmd.add_option("--as-of", flags.as_of, "Date of the figures (YYYY-MM-DD; default today)");
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
  BW_ASSIGN_OR_RETURN(analysis.workspace, LoadWorkspace(flags.config));
  BW_ASSIGN_OR_RETURN(analysis.snapshot, LoadSnapshot(flags.source, keep_text));
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
