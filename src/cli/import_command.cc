// `bellwether import DIR [--db FILE] [--dry-run] [--replace [FILE...]] [--yes]
//  [--skip-invalid] [--rejects FILE]`
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "io/csv_writer.h"
#include "io/data_set_reader.h"
#include "service/import_support.h"
#include "store/store.h"

namespace bw::cli {
namespace {

struct ImportFlags {
  std::string dir;
  std::string db;
  bool skip_invalid = false;
  std::string rejects = "rejects.csv";
  std::string max_file_size;
  bool dry_run = false;
  bool replace = false;
  std::vector<std::string> replace_files;
  bool yes = false;
  bool allow_unknown_columns = false;
};

// Rows listed when an import fails; then a count of the rest.
constexpr size_t kMaxListedErrors = 50;

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

// The tables to mirror from --replace: every file of the data set present in DIR when no
// file is named, else the named ones ("contacts" or "contacts.csv"), each of which must be
// in DIR: a mirror needs the full export of what it replaces.
Result<uint8_t> ReplaceMask(const ImportFlags& flags) {
  if (!flags.replace) return uint8_t{0};
  uint8_t mask = 0;
  auto present = [&flags](int t) {
    struct stat info;
    return ::stat((flags.dir + "/" + kInputFiles[t]).c_str(), &info) == 0;
  };
  std::vector<std::string> names;
  for (const std::string& name : flags.replace_files) {
    if (!name.empty()) names.push_back(name);  // `--replace` alone gives one empty value
  }
  if (names.empty()) {
    for (int t = 0; t < store::kDataTableCount; ++t) {
      if (present(t)) mask |= static_cast<uint8_t>(1u << t);
    }
    return mask;
  }
  for (const std::string& name : names) {
    const std::string file = name.ends_with(".csv") ? name : name + ".csv";
    const auto it = std::find(kInputFiles.begin(), kInputFiles.end(), file);
    if (it == kInputFiles.end()) {
      return InvalidArgument("--replace " + name +
                             ": not a file of the data set (accounts, contacts, revenue, "
                             "invitations, responses, touchpoints, signals)");
    }
    const int t = static_cast<int>(it - kInputFiles.begin());
    if (!present(t)) {
      return InvalidArgument("--replace " + name + ": " + flags.dir + "/" + file +
                             " not found; a mirror import needs the full export of each file "
                             "it replaces");
    }
    mask |= static_cast<uint8_t>(1u << t);
  }
  return mask;
}

// "12 new, 3 changed, 40 unchanged[, 2 deleted]" for one file of the summary.
std::string ChangeLine(const store::TableChanges& c, bool replaced) {
  std::string line = fmt::format("{} new, {} changed, {} unchanged", GroupThousands(c.added),
                                 GroupThousands(c.changed), GroupThousands(c.unchanged));
  if (replaced || c.deleted > 0) line += fmt::format(", {} deleted", GroupThousands(c.deleted));
  return line;
}

// What deleting accounts takes with it, for the question before a mirror import commits.
std::string Deletions(const store::ImportCounts& counts) {
  std::string text;
  for (int t = 0; t < store::kDataTableCount; ++t) {
    const int64_t deleted = counts.changes[t].deleted;
    if (deleted == 0) continue;
    std::string noun = kInputFiles[t];
    noun.resize(noun.size() - 4);  // "contacts.csv" -> "contacts"
    if (t == static_cast<int>(store::DataTable::kRevenue)) noun = "revenue months";
    text += (text.empty() ? "" : ", ") + fmt::format("{} {}", GroupThousands(deleted), noun);
  }
  return text;
}

// Asks on the terminal whether to go on; false when stdin is not a terminal.
bool Confirmed(const std::string& question) {
  if (isatty(STDIN_FILENO) != 1) return false;
  std::fprintf(stderr, "%s [y/N] ", question.c_str());
  std::fflush(stderr);
  char answer[16] = {};
  if (std::fgets(answer, sizeof answer, stdin) == nullptr) return false;
  return answer[0] == 'y' || answer[0] == 'Y';
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
  if (!S_ISDIR(info.st_mode)) return NotFound(flags.dir + ": not found (not a directory)");
  const std::string db_path = DatabasePath(flags.db);
  struct stat db_info;
  const bool db_existed = ::lstat(db_path.c_str(), &db_info) == 0;
  const std::string accounts = flags.dir + "/accounts.csv";
  if (::stat(accounts.c_str(), &info) != 0) {
    const int error = errno;
    if (error != ENOENT) return IoError("cannot read " + accounts + ": " + std::strerror(error));
    // An incremental import may hold only new rows of other files; a first one cannot.
    if (!db_existed) {
      return NotFound(accounts +
                      ": not found (the first import into a store needs accounts.csv; "
                      "later ones may hold only new rows of any file)");
    }
  }
  BW_ASSIGN_OR_RETURN(const uint8_t replace, ReplaceMask(flags));
  BW_RETURN_IF_ERROR(CheckNotAnInput(flags.dir, "--db", db_path));
  if (flags.skip_invalid)
    BW_RETURN_IF_ERROR(CheckNotAnInput(flags.dir, "--rejects", flags.rejects));
  // A dry run into a store that does not exist yet validates against an empty one that is
  // thrown away: nothing is created where --db points.
  std::string open_path = db_path;
  if (flags.dry_run && !db_existed) {
    open_path = (std::filesystem::temp_directory_path() /
                 ("bellwether-dry-run-" + std::to_string(::getpid()) + ".db"))
                    .string();
  }
  const bool creating = !db_existed || open_path != db_path;
  Result<std::unique_ptr<store::Store>> opened = store::OpenSqliteStore(open_path);
  if (!opened.ok()) {
    if (creating) RemoveNewDatabase(open_path);
    return opened.status();
  }
  std::unique_ptr<store::Store> store = std::move(opened).value();

  // References resolve against the files and against what the store holds already.
  options.require_accounts = false;
  options.allow_unknown_columns = flags.allow_unknown_columns;
  options.known = service::KnownToStore(*store);
  options.on_warning = [](const std::string& warning) {
    std::fprintf(stderr, "warning: %s\n", TerminalSafe(warning).c_str());
  };
  std::optional<io::CsvWriter> rejects;
  Status rejects_status;
  service::RejectedRows rejected(kMaxListedErrors);
  if (flags.skip_invalid) {
    options.skip_invalid = true;
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
  } else {
    // All or nothing, and every broken rule reported at once (up to kMaxListedErrors).
    rejected.Collect(options);
  }
  const bool show_progress = StderrIsTerminal();
  if (show_progress) {
    options.on_progress = [](uint64_t done, uint64_t total) {
      std::fprintf(stderr, "\rimporting: %3d%% (%.0f of %.0f MB)",
                   total > 0 ? static_cast<int>(100 * done / total) : 100, done / 1e6, total / 1e6);
    };
  }

  store::ImportOptions import_options;
  import_options.replace = replace;
  // A dry run stops here with the counts; so does a "no" to deleting accounts.
  const Status kDryRunDone = FailedPrecondition("dry run");
  store::ImportCounts dry_counts;
  import_options.before_commit = [&](const store::ImportCounts& counts) -> Status {
    if (show_progress) std::fprintf(stderr, "\r%60s\r", "");
    if (flags.dry_run) {
      dry_counts = counts;
      return kDryRunDone;
    }
    const int64_t accounts_deleted =
        counts.changes[static_cast<int>(store::DataTable::kAccounts)].deleted;
    if (accounts_deleted > 0 && !flags.yes) {
      const std::string what = "this import deletes " + Deletions(counts) +
                               " (a deleted account takes its contacts, revenue, answers, "
                               "touchpoints and signals with it)";
      if (!Confirmed(what + ". Go on?")) {
        return FailedPrecondition(what + "; run it again with --yes to delete them");
      }
    }
    return Status::Ok();
  };

  const auto start = std::chrono::steady_clock::now();
  io::ReadStats read_stats;
  Result<store::ImportCounts> counts = store->Import(
      [&](DataSetSink& sink) -> Status {
        BW_ASSIGN_OR_RETURN(read_stats, io::ReadDataSet(flags.dir, sink, options));
        BW_RETURN_IF_ERROR(rejected.AsStatus());
        return rejects_status;
      },
      import_options);
  if (show_progress) std::fprintf(stderr, "\r%60s\r", "");
  const bool dry_run_done =
      !counts.ok() && flags.dry_run && counts.status().message() == kDryRunDone.message();
  if ((!counts.ok() || open_path != db_path) && creating) {
    store.reset();  // closes the connection, which removes an empty WAL
    RemoveNewDatabase(open_path);
  }
  if (rejects) BW_RETURN_IF_ERROR(rejects->Close());
  if (!counts.ok() && !dry_run_done) {
    return Status(counts.status().code(),
                  counts.status().message() + "\nnothing was imported; " + db_path +
                      (db_existed ? " is unchanged" : " was not created"),
                  counts.status().detail() != nullptr ? *counts.status().detail() : StatusDetail{});
  }
  const store::ImportCounts& c = dry_run_done ? dry_counts : *counts;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (dry_run_done) {
    fmt::print("dry run: {} is valid; importing it into {} would change ({} rows read):\n",
               flags.dir, db_path, read_stats.rows_read);
  } else {
    fmt::print("imported {} into {} ({} rows in {:.1f} s)\n", flags.dir, db_path,
               read_stats.rows_read, seconds);
  }
  for (int t = 0; t < store::kDataTableCount; ++t) {
    const bool in_dir = ::stat((flags.dir + "/" + kInputFiles[t]).c_str(), &info) == 0;
    const bool replaced = (replace >> t) & 1u;
    const store::TableChanges& change = c.changes[t];
    if (!in_dir && change.deleted == 0) continue;
    if (!in_dir) {
      // Rows of a file the import did not read go only with a deleted account or contact.
      fmt::print("  {:<16} not in {}: {} deleted with their accounts or contacts\n", kInputFiles[t],
                 flags.dir, GroupThousands(change.deleted));
      continue;
    }
    const bool revenue = t == static_cast<int>(store::DataTable::kRevenue);
    fmt::print("  {:<16} {}{}\n", kInputFiles[t], revenue ? "account months: " : "",
               ChangeLine(change, replaced));
  }
  if (read_stats.rows_rejected > 0 && flags.skip_invalid) {
    fmt::print("skipped {} invalid rows; see {}\n", read_stats.rows_rejected, flags.rejects);
  }
  return Status::Ok();
}

}  // namespace

void AddImportCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Import a data set directory into the store: all or nothing, upserts by key; a directory "
      "may hold only new rows (references resolve against the store too).");
  cmd->add_option("DIR", flags->dir, "Directory with accounts.csv and the other files")->required();
  cmd->add_option("--db", flags->db, "SQLite database (default $BELLWETHER_DB or ./bellwether.db)");
  cmd->add_flag("--dry-run", flags->dry_run,
                "Validate and show what would change, without writing anything");
  CLI::Option* replace =
      cmd->add_option("--replace", flags->replace_files,
                      "Mirror: make the store equal to these files of DIR (all files present "
                      "when none is named); rows absent from them are deleted")
          ->expected(0, 7);
  cmd->add_flag("--yes", flags->yes, "Delete accounts a mirror import drops without asking");
  cmd->add_flag("--allow-unknown-columns", flags->allow_unknown_columns,
                "Import a file whose column looks like a typo of a known one (lef_on), "
                "without that column");
  cmd->add_flag("--skip-invalid", flags->skip_invalid,
                "Import the valid rows and write rejected rows to the rejects file");
  cmd->add_option("--rejects", flags->rejects, "Rejects file for --skip-invalid")
      ->capture_default_str();
  AddMaxFileSizeOption(*cmd, flags->max_file_size);
  cmd->callback([flags, exit_code, replace] {
    flags->replace = replace->count() > 0;
    const Status status = RunImport(*flags);
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

}  // namespace bw::cli
