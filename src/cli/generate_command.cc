// `bellwether generate --out DIR [--accounts N] [--seed S] [--as-of DATE]`
#include <fmt/core.h>

#include "cli/commands.h"
#include "cli/common.h"
#include "generate/generator.h"

namespace bw::cli {

void AddGenerateCommand(CLI::App& app, int* exit_code) {
  struct Flags {
    std::string out;
    int64_t accounts = 2000;
    uint64_t seed = 1;
    std::string as_of;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Write a realistic demo data set in the import format (deterministic per seed).");
  cmd->add_option("--out", flags->out, "Directory to write the CSV files to")->required();
  cmd->add_option("--accounts", flags->accounts, "Number of accounts")
      ->check(CLI::Range(int64_t{1}, int64_t{10'000'000}));
  cmd->add_option("--seed", flags->seed, "Random seed");
  cmd->add_option("--as-of", flags->as_of, "Last date of the data (YYYY-MM-DD; default today)");
  cmd->callback([flags, exit_code] {
    Result<Day> as_of = AsOfDate(flags->as_of);
    if (!as_of.ok()) {
      *exit_code = ReportError(as_of.status());
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
