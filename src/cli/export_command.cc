// `bellwether export --out DIR [--db FILE] [--force]`
#include <fmt/core.h>
#include <unistd.h>

#include <filesystem>

#include "cli/commands.h"
#include "cli/common.h"
#include "io/data_set_writer.h"
#include "io/dialect_writer.h"
#include "io/xlsx_data_set_writer.h"
#include "store/store.h"

namespace bw::cli {
namespace {

Status RunExport(const std::string& out, const std::string& db_flag, bool force,
                 const std::string& format, const std::string& dialect) {
  if (format != "csv" && format != "xlsx") {
    return InvalidArgument("--format: \"" + format + "\" is not csv or xlsx");
  }
  const std::string db_path = DatabasePath(db_flag);
  std::error_code error;
  if (!std::filesystem::exists(db_path, error)) {
    if (error) return IoError("cannot read " + db_path + ": " + error.message());
    return NotFound(db_path + ": no such database");
  }
  // Read-only: an export works from a read-only store or directory and never writes it.
  BW_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStoreReadOnly(db_path));
  if (format == "xlsx") {
    // One workbook, a sheet per file (docs/importing.md); imports back as it is.
    BW_ASSIGN_OR_RETURN(std::unique_ptr<io::XlsxDataSetWriter> writer,
                        io::XlsxDataSetWriter::Open(out, force));
    BW_RETURN_IF_ERROR(store->Scan(*writer));
    BW_RETURN_IF_ERROR(writer->Finish());
    fmt::print("exported {} to {}\n", db_path, out);
    return Status::Ok();
  }
  if (!dialect.empty()) {
    // The strict data set first, beside the target, then each file in the dialect.
    BW_ASSIGN_OR_RETURN(const io::DialectWriteOptions options, io::DialectByName(dialect));
    const std::string strict = out + ".strict-" + std::to_string(::getpid());
    BW_ASSIGN_OR_RETURN(std::unique_ptr<io::DataSetWriter> writer,
                        io::DataSetWriter::Open(strict, io::DataSetWriterOptions{}));
    BW_RETURN_IF_ERROR(store->Scan(*writer));
    BW_RETURN_IF_ERROR(writer->Finish());
    std::filesystem::create_directories(out, error);
    Status status = error ? IoError("cannot create " + out + ": " + error.message())
                          : io::WriteDialectDataSet(strict, out, options);
    std::filesystem::remove_all(strict, error);
    BW_RETURN_IF_ERROR(status);
    fmt::print("exported {} to {} ({})\n", db_path, out, dialect);
    return Status::Ok();
  }
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
  auto format = std::make_shared<std::string>("csv");
  auto dialect = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the store back in the import format (a lossless round trip).");
  cmd->add_option("--out", *out,
                  "Directory to write the CSV files to (--format xlsx: the workbook file)")
      ->required();
  cmd->add_option("--format", *format,
                  "csv (a data set directory) or xlsx (one workbook, a sheet per file)")
      ->capture_default_str();
  cmd->add_option("--db", *db, "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
  cmd->add_flag("--force", *force, "Replace the contents of a --out directory that holds files");
  cmd->add_option("--dialect", *dialect,
                  "CSV for a spreadsheet: german-excel (; , DD.MM.YYYY Windows-1252), us-excel, "
                  "tab-utf16 (docs/importing.md)");
  cmd->callback([out, db, force, format, dialect, exit_code] {
    const Status status = RunExport(*out, *db, *force, *format, *dialect);
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

}  // namespace bw::cli
