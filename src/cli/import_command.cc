// `bellwether import DIR [--db FILE] [--skip-invalid] [--rejects FILE]`
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "cli/commands.h"
#include "cli/common.h"
#include "io/csv_writer.h"
#include "io/data_set_reader.h"
#include "io/import_input.h"
#include "io/import_profile.h"
#include "store/store.h"

namespace bw::cli {
namespace {

struct ImportFlags {
  std::string dir;
  std::string db;
  bool skip_invalid = false;
  std::string rejects = "rejects.csv";
  std::string max_file_size;
  // The dialect (docs/importing.md); empty: detected per file.
  std::string delimiter;
  std::string encoding;
  std::string decimal;
  std::string date_format;
  std::string profile;  // a shipped profile's name or a profile file
};

Result<io::DialectOverrides> ParseOverrides(const ImportFlags& flags) {
  io::DialectOverrides overrides;
  if (!flags.delimiter.empty()) {
    BW_ASSIGN_OR_RETURN(overrides.delimiter, io::ParseDelimiterOption(flags.delimiter));
  }
  if (!flags.encoding.empty()) {
    BW_ASSIGN_OR_RETURN(overrides.encoding, io::ParseEncodingOption(flags.encoding));
  }
  if (!flags.decimal.empty()) {
    BW_ASSIGN_OR_RETURN(overrides.decimal, io::ParseDecimalOption(flags.decimal));
  }
  if (!flags.date_format.empty()) {
    BW_ASSIGN_OR_RETURN(overrides.date_order, io::ParseDateFormatOption(flags.date_format));
  }
  return overrides;
}

// The files of a data set (data-format.md), to compare the outputs with.
constexpr std::array<const char*, 7> kInputFiles = {
    "accounts.csv",  "contacts.csv",    "revenue.csv", "invitations.csv",
    "responses.csv", "touchpoints.csv", "signals.csv"};

// Refuses an output (`what` at `path`) that is one of the data set's files, also through
// a link: writing it would destroy the input while it is read.
Status CheckNotAnInput(const std::string& dir, const std::string& what, const std::string& path) {
  struct stat output;
  if (::stat(path.c_str(), &output) != 0) return Status::Ok();  // it does not exist yet
  for (const char* file : kInputFiles) {
    const std::string input = dir + "/" + file;
    struct stat info;
    if (::stat(input.c_str(), &info) == 0 && info.st_dev == output.st_dev &&
        info.st_ino == output.st_ino) {
      return InvalidArgument(what + " " + path + " is the input file " + input +
                             "; writing it would destroy the input");
    }
  }
  return Status::Ok();
}

// Removes the database files an import created, when it failed: a failed first import
// leaves the directory as it found it.
void RemoveNewDatabase(const std::string& db_path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    (void)::unlink((db_path + suffix).c_str());
  }
}

Status RunImport(const ImportFlags& flags) {
  io::ReadOptions options;
  BW_ASSIGN_OR_RETURN(options.max_file_bytes, ParseByteSize(flags.max_file_size));
  // A mistyped directory must not leave an empty database behind: check before opening.
  // POSIX stat: a link loop or unreadable directory is an error naming it, not a crash.
  struct stat info;
  if (::stat(flags.dir.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) return NotFound(flags.dir + ": not found");
    return IoError("cannot read " + flags.dir + ": " + std::strerror(error));
  }
  io::PrepareOptions prepare;
  BW_ASSIGN_OR_RETURN(prepare.overrides, ParseOverrides(flags));
  const std::string db_path = DatabasePath(flags.db);
  BW_RETURN_IF_ERROR(CheckNotAnInput(flags.dir, "--db", db_path));
  if (flags.skip_invalid)
    BW_RETURN_IF_ERROR(CheckNotAnInput(flags.dir, "--rejects", flags.rejects));
  struct stat db_info;
  const bool db_existed = ::lstat(db_path.c_str(), &db_info) == 0;
  Result<std::unique_ptr<store::Store>> opened = store::OpenSqliteStore(db_path);
  if (!opened.ok()) {
    if (!db_existed) RemoveNewDatabase(db_path);
    return opened.status();
  }
  std::unique_ptr<store::Store> store = std::move(opened).value();

  options.skip_invalid = flags.skip_invalid;
  options.on_warning = [](const std::string& warning) {
    std::fprintf(stderr, "warning: %s\n", TerminalSafe(warning).c_str());
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
  // Files not in the strict format are converted first (in memory); what was detected
  // is said per file, so nothing is guessed silently.
  Result<io::PreparedDataSet> prepared = Status(InvalidArgument("no input"));
  if (flags.profile.empty()) {
    prepared = io::PrepareDataSet(flags.dir, prepare, options);
  } else {
    Result<io::ImportProfile> profile = io::LoadImportProfile(flags.profile);
    prepared = profile.ok() ? io::PrepareProfileDataSet(flags.dir, *profile, prepare.overrides,
                                                        options)
                            : Result<io::PreparedDataSet>(profile.status());
  }
  Result<store::ImportCounts> counts = prepared.status();
  if (prepared.ok()) {
    for (const io::PreparedFileNote& note : prepared->notes) {
      if (note.how == "strict import format") continue;
      fmt::print("read {} from {}: {}\n", note.file, TerminalSafe(note.source),
                 TerminalSafe(note.how));
    }
    counts = store->Import([&](DataSetSink& sink) -> Status {
      BW_ASSIGN_OR_RETURN(read_stats, io::ReadDataSetInputs(prepared->inputs, sink, options));
      return rejects_status;
    });
    read_stats.rows_rejected += prepared->rows_rejected;
  }
  if (show_progress) std::fprintf(stderr, "\r%60s\r", "");
  if (!counts.ok() && !db_existed) {
    store.reset();  // closes the connection, which removes an empty WAL
    RemoveNewDatabase(db_path);
  }
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
      "import",
      "Import a data set into the store (all or nothing; upserts by key): a directory of CSV "
      "files of any dialect or .xlsx workbooks, or one .xlsx workbook (docs/importing.md).");
  cmd->add_option("DIR", flags->dir,
                  "Directory with accounts.csv (or .xlsx) and the other files, or a workbook")
      ->required();
  cmd->add_option("--db", flags->db, "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
  cmd->add_flag("--skip-invalid", flags->skip_invalid,
                "Import the valid rows and write rejected rows to the rejects file");
  cmd->add_option("--rejects", flags->rejects, "Rejects file for --skip-invalid")
      ->capture_default_str();
  AddMaxFileSizeOption(*cmd, flags->max_file_size);
  cmd->add_option("--delimiter", flags->delimiter,
                  "CSV delimiter: , ; tab | (default: detected per file)");
  cmd->add_option("--encoding", flags->encoding,
                  "utf-8, utf-16, windows-1252, iso-8859-15 (default: detected per file)");
  cmd->add_option("--decimal", flags->decimal,
                  "Decimal mark of amounts and values: . or , (default: detected per file)");
  cmd->add_option("--profile", flags->profile,
                  "Map a CRM or survey export: salesforce, hubspot, dynamics365, survey, or a "
                  "profile file (docs/importing.md)");
  cmd->add_option("--date-format", flags->date_format,
                  "yyyy-mm-dd, dd.mm.yyyy, dd/mm/yyyy or mm/dd/yyyy (default: detected)");
  cmd->callback([flags, exit_code] {
    const Status status = RunImport(*flags);
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

}  // namespace bw::cli
