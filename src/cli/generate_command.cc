// `bellwether generate --out DIR [--accounts N] [--seed S] [--as-of DATE] [--force]`
#include <fmt/core.h>

#include <filesystem>
#include <system_error>

#include "cli/commands.h"
#include "cli/common.h"
#include "generate/generator.h"

namespace bw::cli {
namespace {

// A generated data set replaces the CSV files of DIR; files of a real export must not be
// overwritten by a typo, so a directory that holds anything needs --force.
Status CheckOutputDirectory(const std::string& dir, bool force) {
  std::error_code error;
  if (force || !std::filesystem::exists(dir, error)) return Status::Ok();
  if (!std::filesystem::is_directory(dir, error)) {
    return FailedPrecondition(dir + " exists and is not a directory");
  }
  std::filesystem::directory_iterator entries(dir, error);
  if (error) return IoError("cannot read " + dir + ": " + error.message());
  if (entries != std::filesystem::directory_iterator()) {
    return FailedPrecondition(dir + " is not empty; choose a new directory, or use --force to " +
                              "overwrite the data set files in it");
  }
  return Status::Ok();
}

}  // namespace

void AddGenerateCommand(CLI::App& app, int* exit_code) {
  struct Flags {
    std::string out;
    int64_t accounts = 2000;
    uint64_t seed = 1;
    std::string as_of;
    bool force = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Write a realistic demo data set in the import format (deterministic per seed).");
  cmd->add_option("--out", flags->out, "Directory to write the CSV files to")->required();
  cmd->add_option("--accounts", flags->accounts, "Number of accounts")
      ->check(CLI::Range(int64_t{1}, int64_t{10'000'000}));
  cmd->add_option("--seed", flags->seed, "Random seed");
  cmd->add_option("--as-of", flags->as_of, "Last date of the data (YYYY-MM-DD; default today)");
  cmd->add_flag("--force", flags->force, "Write into a directory that is not empty");
  cmd->callback([flags, exit_code] {
    Result<Day> as_of = AsOfDate(flags->as_of);
    if (!as_of.ok()) {
      *exit_code = ReportError(as_of.status());
      return;
    }
    if (Status checked = CheckOutputDirectory(flags->out, flags->force); !checked.ok()) {
      *exit_code = ReportError(checked);
      return;
    }
    generate::GenerateOptions options;
    options.accounts = flags->accounts;
    options.seed = flags->seed;
    options.as_of = *as_of;
    Result<generate::GenerateStats> stats = generate::GenerateDataSet(flags->out, options);
    if (!stats.ok()) {
      *exit_code = ReportError(stats.status());
      return;
    }
    const generate::GenerateStats& s = *stats;
    fmt::print(
        "wrote {}: {} accounts, {} contacts, {} revenue rows, {} invitations, {} responses, "
        "{} touchpoints, {} signals (as of {})\n",
        flags->out, s.accounts, s.contacts, s.revenue, s.invitations, s.responses, s.touchpoints,
        s.signals, FormatDate(*as_of));
  });
}

}  // namespace bw::cli
