// `bellwether import DIR [--db FILE] [--skip-invalid] [--rejects FILE]`
#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/common.h"
#include "io/csv_writer.h"
#include "io/data_set_reader.h"
#include "store/store.h"

namespace bw::cli {
namespace {

struct ImportFlags {
  std::string dir;
  std::string db;
  bool skip_invalid = false;
  std::string rejects = "rejects.csv";
};

Status RunImport(const ImportFlags& flags) {
  // A mistyped directory must not leave an empty database behind: check before opening.
  if (!std::filesystem::is_directory(flags.dir)) return NotFound(flags.dir + ": not found");
  if (!std::filesystem::exists(std::filesystem::path(flags.dir) / "accounts.csv")) {
    return NotFound(flags.dir + "/accounts.csv: not found");
  }
  const std::string db_path = DatabasePath(flags.db);
  BW_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStore(db_path));

  io::ReadOptions options;
  options.skip_invalid = flags.skip_invalid;
  options.on_warning = [](const std::string& warning) {
    std::fprintf(stderr, "warning: %s\n", warning.c_str());
  };
  std::optional<io::CsvWriter> rejects;
  Status rejects_status;
  if (flags.skip_invalid) {
    options.on_reject = [&](std::string_view file, int64_t line,
                            const std::vector<std::string>& fields, const std::string& reason) {
      if (!rejects) {
        Result<io::CsvWriter> writer = io::CsvWriter::Open(flags.rejects);
        if (!writer.ok()) {
          rejects_status = writer.status();
          return;
        }
        rejects.emplace(std::move(writer).value());
        rejects->Row({"file", "line", "reason", "row"});
      }
      std::string row;
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) row.push_back(',');
        row += io::CsvWriter::Escape(fields[i]);
      }
      rejects->Row({file, std::to_string(line), reason, row});
    };
  }
  const bool show_progress = StderrIsTerminal();
  if (show_progress) {
    options.on_progress = [](uint64_t done, uint64_t total) {
      std::fprintf(stderr, "\rimporting: %3d%% (%.0f of %.0f MB)",
                   total > 0 ? static_cast<int>(100 * done / total) : 100, done / 1e6, total / 1e6);
    };
  }

  const auto start = std::chrono::steady_clock::now();
  io::ReadStats read_stats;
  Result<store::ImportCounts> counts = store->Import([&](DataSetSink& sink) -> Status {
    BW_ASSIGN_OR_RETURN(read_stats, io::ReadDataSet(flags.dir, sink, options));
    return rejects_status;
  });
  if (show_progress) std::fprintf(stderr, "\r%60s\r", "");
  if (rejects) BW_RETURN_IF_ERROR(rejects->Close());
  if (!counts.ok()) {
    return Status(counts.status().code(), counts.status().message() + "\nnothing was imported; " +
                                              db_path + " is unchanged");
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const store::ImportCounts& c = *counts;
  fmt::print(
      "imported {} into {}: {} accounts, {} contacts, {} revenue rows, {} invitations, "
      "{} responses, {} touchpoints, {} signals ({} rows in {:.1f} s)\n",
      flags.dir, db_path, c.accounts, c.contacts, c.revenue, c.invitations, c.responses,
      c.touchpoints, c.signals, c.total(), seconds);
  if (read_stats.rows_rejected > 0) {
    fmt::print("skipped {} invalid rows; see {}\n", read_stats.rows_rejected, flags.rejects);
  }
  return Status::Ok();
}

}  // namespace

void AddImportCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Import a data set directory into the store (all or nothing; upserts by key).");
  cmd->add_option("DIR", flags->dir, "Directory with accounts.csv and the other files")->required();
  cmd->add_option("--db", flags->db, "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
  cmd->add_flag("--skip-invalid", flags->skip_invalid,
                "Import the valid rows and write rejected rows to the rejects file");
  cmd->add_option("--rejects", flags->rejects, "Rejects file for --skip-invalid")
      ->capture_default_str();
  cmd->callback([flags, exit_code] {
    const Status status = RunImport(*flags);
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

}  // namespace bw::cli
