// `bellwether export --out DIR [--db FILE] [--force]`
#include <fmt/core.h>

#include <filesystem>

#include "cli/commands.h"
#include "cli/common.h"
#include "io/data_set_writer.h"
#include "store/store.h"

namespace bw::cli {
namespace {

Status RunExport(const std::string& out, const std::string& db_flag, bool force) {
  const std::string db_path = DatabasePath(db_flag);
  std::error_code error;
  if (!std::filesystem::exists(db_path, error)) {
    if (error) return IoError("cannot read " + db_path + ": " + error.message());
    return NotFound(db_path + ": no such database");
  }
  // Read-only: an export works from a read-only store or directory and never writes it.
  BW_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store,
                      store::OpenSqliteStoreReadOnly(db_path));
  BW_ASSIGN_OR_RETURN(std::unique_ptr<io::DataSetWriter> writer,
                      io::DataSetWriter::Open(out, io::DataSetWriterOptions{.force = force}));
  BW_RETURN_IF_ERROR(store->Scan(*writer));
  BW_RETURN_IF_ERROR(writer->Finish());
  fmt::print("exported {} to {}\n", db_path, out);
  return Status::Ok();
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto out = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>();
  auto force = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the store back in the import format (a lossless round trip).");
  cmd->add_option("--out", *out, "Directory to write the CSV files to")->required();
  cmd->add_option("--db", *db, "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
  cmd->add_flag("--force", *force, "Replace the contents of a --out directory that holds files");
  cmd->callback([out, db, force, exit_code] {
    const Status status = RunExport(*out, *db, *force);
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

}  // namespace bw::cli
