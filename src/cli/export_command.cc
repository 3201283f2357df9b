// `bellwether export --out DIR [--db FILE]`
#include <fmt/core.h>

#include <filesystem>

#include "cli/commands.h"
#include "cli/common.h"
#include "io/data_set_writer.h"
#include "store/store.h"

namespace bw::cli {
namespace {

Status RunExport(const std::string& out, const std::string& db_flag) {
  const std::string db_path = DatabasePath(db_flag);
  if (!std::filesystem::exists(db_path)) return NotFound(db_path + ": no such database");
  BW_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStore(db_path));
  BW_ASSIGN_OR_RETURN(std::unique_ptr<io::DataSetWriter> writer, io::DataSetWriter::Open(out));
  BW_RETURN_IF_ERROR(store->Scan(*writer));
  BW_RETURN_IF_ERROR(writer->Finish());
  fmt::print("exported {} to {}\n", db_path, out);
  return Status::Ok();
}

}  // namespace

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto out = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the store back in the import format (a lossless round trip).");
  cmd->add_option("--out", *out, "Directory to write the CSV files to")->required();
  cmd->add_option("--db", *db, "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
  cmd->callback([out, db, exit_code] {
    const Status status = RunExport(*out, *db);
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

}  // namespace bw::cli
