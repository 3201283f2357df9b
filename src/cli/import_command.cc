// `bellwether import DIR [--db FILE] [--dry-run] [--replace [FILE...]] [--yes]
//  [--delimiter D] [--encoding E] [--decimal M] [--date-format F] [--profile P]
//  [--skip-invalid] [--rejects FILE] [--format text|json]`, and `bellwether profile`.
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
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "io/csv_writer.h"
#include "io/data_quality.h"
#include "io/data_set_reader.h"
#include "io/import_input.h"
#include "io/import_profile.h"
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
  // The dialect (docs/importing.md); empty: detected per file.
  io::DialectOptionTexts dialect;
  std::string profile;  // a shipped profile's name or a profile file
  bool dry_run = false;
  // A dry run against an empty store instead of --db (`profile check`).
  bool standalone = false;
  std::string format = "text";  // of the summary and the data-quality report
  bool replace = false;
  std::vector<std::string> replace_files;
  bool yes = false;
  bool allow_unknown_columns = false;
};

// Rows listed when an import fails; then a count of the rest.
constexpr size_t kMaxListedErrors = 50;

// The data-quality report as a table (docs/importing.md, "Data-quality report").
void PrintQualityText(const io::QualityReport& r) {
  fmt::print("\ndata quality\n");
  for (const auto& [file, rows] : r.rows) fmt::print("  {:<34} {:>10} rows\n", file, rows);
  for (const auto& [reason, rows] : r.rejected) {
    fmt::print("  rejected: {} ({} rows)\n", TerminalSafe(reason), rows);
  }
  fmt::print("  {:<34} {:>10}", "accounts without revenue", r.accounts_without_revenue);
  if (!r.accounts_without_revenue_examples.empty()) {
    std::string examples;
    for (const std::string& id : r.accounts_without_revenue_examples) {
      examples += (examples.empty() ? "" : ", ") + id;
    }
    fmt::print("  (e.g. {})", TerminalSafe(examples));
  }
  fmt::print("\n  {:<34} {:>10}\n", "contacts without email", r.contacts_without_email);
  fmt::print("  {:<34} {:>10}\n", "responses without an invitation",
             r.responses_without_invitation);
  fmt::print("  {:<34} {:>10} ({} months missing)\n", "accounts with revenue gaps",
             r.accounts_with_revenue_gaps, r.missing_revenue_months);
  fmt::print("  {:<34} {:>10}\n", "account names under several ids", r.duplicate_account_names);
  fmt::print("  {:<34} {:>10}\n", "emails under several contact ids", r.duplicate_contact_emails);
}

void PrintQualityJson(const io::QualityReport& r) {
  nlohmann::json j;
  j["rows"] = r.rows;
  j["rejected"] = r.rejected;
  j["accounts_without_revenue"] = r.accounts_without_revenue;
  j["accounts_without_revenue_examples"] = r.accounts_without_revenue_examples;
  j["contacts_without_email"] = r.contacts_without_email;
  j["responses_without_invitation"] = r.responses_without_invitation;
  j["accounts_with_revenue_gaps"] = r.accounts_with_revenue_gaps;
  j["missing_revenue_months"] = r.missing_revenue_months;
  j["duplicate_account_names"] = r.duplicate_account_names;
  j["duplicate_contact_emails"] = r.duplicate_contact_emails;
  fmt::print("{}\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
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

// Prepares the data set of `flags` (a directory, a workbook, or a profile's exports).
Result<io::PreparedDataSet> Prepare(const ImportFlags& flags, const io::PrepareOptions& prepare,
                                    const io::ReadOptions& options) {
  if (flags.profile.empty()) return io::PrepareDataSet(flags.dir, prepare, options);
  BW_ASSIGN_OR_RETURN(const io::ImportProfile profile, io::LoadImportProfile(flags.profile));
  return io::PrepareProfileDataSet(flags.dir, profile, prepare.overrides, options);
}

// The tables to mirror from --replace: every file of the data set present in the input
// when no file is named, else the named ones ("contacts" or "contacts.csv"), each of which
// must be present: a mirror needs the full export of what it replaces.
Result<uint8_t> ReplaceMask(const ImportFlags& flags, const io::DataSetInputs& inputs) {
  if (!flags.replace) return uint8_t{0};
  uint8_t mask = 0;
  auto present = [&inputs](int t) { return inputs[static_cast<size_t>(t)].has_value(); };
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
      return InvalidArgument("--replace " + name + ": " + file + " is not in " + flags.dir +
                             "; a mirror import needs the full export of each file it "
                             "replaces");
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

// Prints the first rows of each converted file as they will be imported (a dry run).
void PrintFirstRows(const io::PreparedDataSet& prepared, const io::PreparedFileNote& note) {
  size_t index = 0;
  while (index < io::kDataSetFileCount && io::DataSetFileName(index) != note.file) ++index;
  if (index >= io::kDataSetFileCount || !prepared.inputs[index] ||
      !prepared.inputs[index]->path.empty()) {
    return;
  }
  std::string_view text = prepared.inputs[index]->bytes;
  int shown = 0;
  while (!text.empty() && shown < 4) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    if (!line.empty()) {
      fmt::print("    {}\n", TerminalSafe(line.substr(0, 160)));
      ++shown;
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

nlohmann::json ChangesJson(const store::ImportCounts& c, const io::DataSetInputs& inputs) {
  nlohmann::json files = nlohmann::json::object();
  for (int t = 0; t < store::kDataTableCount; ++t) {
    const store::TableChanges& change = c.changes[t];
    if (!inputs[static_cast<size_t>(t)] && change.deleted == 0) continue;
    files[kInputFiles[t]] = {{"new", change.added},
                             {"changed", change.changed},
                             {"unchanged", change.unchanged},
                             {"deleted", change.deleted}};
  }
  return files;
}

Status RunImport(const ImportFlags& flags) {
  io::ReadOptions options;
  BW_ASSIGN_OR_RETURN(options.max_file_bytes, ParseByteSize(flags.max_file_size));
  if (flags.format != "text" && flags.format != "json") {
    return InvalidArgument("--format: \"" + flags.format + "\" is not text or json");
  }
  // A mistyped directory must not leave an empty database behind: check before opening.
  // POSIX stat: a link loop or unreadable directory is an error naming it, not a crash.
  struct stat info;
  if (::stat(flags.dir.c_str(), &info) != 0) {
    const int error = errno;
    if (error == ENOENT) return NotFound(flags.dir + ": not found");
    return IoError("cannot read " + flags.dir + ": " + std::strerror(error));
  }
  io::PrepareOptions prepare;
  BW_ASSIGN_OR_RETURN(prepare.overrides, io::ParseDialectOptions(flags.dialect));
  const std::string db_path = DatabasePath(flags.db);
  struct stat db_info;
  const bool db_existed = !flags.standalone && ::lstat(db_path.c_str(), &db_info) == 0;
  if (S_ISDIR(info.st_mode)) BW_RETURN_IF_ERROR(CheckNotAnInput(flags.dir, "--db", db_path));
  if (flags.skip_invalid && S_ISDIR(info.st_mode)) {
    BW_RETURN_IF_ERROR(CheckNotAnInput(flags.dir, "--rejects", flags.rejects));
  }
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

  // References resolve against the files and against what the store holds already; only
  // the first import into a store needs accounts.
  options.require_accounts = !db_existed;
  options.allow_unknown_columns = flags.allow_unknown_columns;
  options.known = service::KnownToStore(*store);
  options.on_warning = [](const std::string& warning) {
    std::fprintf(stderr, "warning: %s\n", TerminalSafe(warning).c_str());
  };
  std::optional<io::CsvWriter> rejects;
  Status rejects_status;
  service::RejectedRows rejected(kMaxListedErrors);
  std::optional<io::QualitySink> quality;
  std::vector<std::string> early_rejects;  // before `quality` exists (dialect conversion)
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
      if (quality) {
        quality->AddReject(reason);
      } else {
        early_rejects.push_back(reason);
      }
    };
  } else {
    // All or nothing, and every broken rule reported at once (up to kMaxListedErrors),
    // each also counted by reason in the data-quality report.
    rejected.Collect(options);
    options.on_reject = [&quality, &early_rejects, collect = options.on_reject](
                            std::string_view file, int64_t line,
                            const std::vector<std::string>& fields, const std::string& reason) {
      collect(file, line, fields, reason);
      if (quality) {
        quality->AddReject(reason);
      } else {
        early_rejects.push_back(reason);
      }
    };
  }
  const bool show_progress = StderrIsTerminal();
  if (show_progress) {
    options.on_progress = [](uint64_t done, uint64_t total) {
      // A streamed sheet's size is an estimate until it is read (io/streamed_sheets.h).
      total = std::max(total, done);
      std::fprintf(stderr, "\rimporting: %3d%% (%.0f of %.0f MB)",
                   total > 0 ? static_cast<int>(100 * done / total) : 100, done / 1e6, total / 1e6);
    };
  }

  // Files not in the strict format are converted (in memory); what was detected is said
  // per file, so nothing is guessed silently. XLSX sheets are converted while the data set
  // is read (io/streamed_sheets.h), except in a dry run, which shows their first rows.
  prepare.stream_sheets = !flags.dry_run;
  Result<io::PreparedDataSet> prepared = Prepare(flags, prepare, options);
  if (!prepared.ok()) {
    store.reset();
    if (creating) RemoveNewDatabase(open_path);
    return prepared.status();
  }
  Result<uint8_t> replace = ReplaceMask(flags, prepared->inputs);
  if (!replace.ok()) {
    store.reset();
    if (creating) RemoveNewDatabase(open_path);
    return replace.status();
  }
  // With streamed sheets the notes wait for the conversions: a conversion error is then
  // reported alone, as when the sheets were converted before anything was said.
  bool notes_printed = false;
  auto print_notes = [&]() {
    if (notes_printed || flags.format != "text") return;
    notes_printed = true;
    for (const io::PreparedFileNote& note : prepared->notes) {
      if (note.how == "strict import format" && !flags.dry_run) continue;
      fmt::print("read {} from {}: {}\n", note.file, TerminalSafe(note.source),
                 TerminalSafe(note.how));
      if (flags.dry_run) PrintFirstRows(*prepared, note);
    }
  };
  const bool streaming = prepared->streamed && !prepared->streamed->empty();
  if (!streaming) print_notes();

  store::ImportOptions import_options;
  import_options.replace = *replace;
  // A dry run stops here with the counts; so does a "no" to deleting accounts.
  const Status kDryRunDone = FailedPrecondition("dry run");
  store::ImportCounts dry_counts;
  import_options.before_commit = [&](const store::ImportCounts& counts) -> Status {
    if (show_progress) std::fprintf(stderr, "\r%60s\r", "");
    print_notes();  // before any question
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
        quality.emplace(&sink);
        // Rows the conversion of a dialect rejected came before the report existed.
        for (const std::string& reason : early_rejects) quality->AddReject(reason);
        BW_ASSIGN_OR_RETURN(read_stats, io::ReadPreparedDataSet(*prepared, *quality, options));
        // A dry run goes on to count what the valid rows would change; it lists the
        // problems below and fails then.
        if (!flags.dry_run) BW_RETURN_IF_ERROR(rejected.AsStatus());
        return rejects_status;
      },
      import_options);
  read_stats.rows_rejected += prepared->rows_rejected;
  if (show_progress) std::fprintf(stderr, "\r%60s\r", "");
  const bool dry_run_done =
      !counts.ok() && flags.dry_run && counts.status().message() == kDryRunDone.message();
  if ((!counts.ok() || open_path != db_path) && creating) {
    store.reset();  // closes the connection, which removes an empty WAL
    RemoveNewDatabase(open_path);
  }
  if (rejects) BW_RETURN_IF_ERROR(rejects->Close());
  // A streamed sheet's conversion failed: its error alone, as from the preparation.
  if (!prepared->conversion_status.ok()) return prepared->conversion_status;
  if (streaming) print_notes();
  if (!counts.ok() && !dry_run_done) {
    return Status(counts.status().code(),
                  counts.status().message() + "\nnothing was imported; " + db_path +
                      (db_existed ? " is unchanged" : " was not created"),
                  counts.status().detail() != nullptr ? *counts.status().detail() : StatusDetail{});
  }
  const store::ImportCounts& c = dry_run_done ? dry_counts : *counts;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const io::QualityReport report = quality ? quality->Finish() : io::QualityReport{};
  if (flags.format == "json") {
    nlohmann::json j;
    j["dry_run"] = dry_run_done;
    j["rows_read"] = read_stats.rows_read;
    j["files"] = ChangesJson(c, prepared->inputs);
    fmt::print("{}\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    PrintQualityJson(report);
    return Status::Ok();
  }
  // Every rejected row went through on_reject, the dialect conversion's too.
  const size_t problems = flags.skip_invalid ? 0 : rejected.count();
  if (dry_run_done && problems > 0) {
    // Every problem, then the data-quality report; nothing stored, and the run fails.
    fmt::print("{} problems:\n", problems);
    for (const std::string& problem : rejected.listed()) {
      fmt::print("  {}\n", TerminalSafe(problem));
    }
    if (rejected.count() > rejected.listed().size()) {
      fmt::print("  ... and {} more\n", rejected.count() - rejected.listed().size());
    }
    PrintQualityText(report);
    return InvalidArgument("dry run: " + std::to_string(problems) +
                           " rows would be rejected (nothing was imported)");
  }
  if (dry_run_done) {
    fmt::print("dry run: {} is valid; importing it into {} would change ({} rows read):\n",
               flags.dir, flags.standalone ? std::string("an empty store") : db_path,
               read_stats.rows_read);
  } else {
    fmt::print("imported {} into {} ({} rows in {:.1f} s)\n", flags.dir, db_path,
               read_stats.rows_read, seconds);
  }
  for (int t = 0; t < store::kDataTableCount; ++t) {
    const bool in_input = prepared->inputs[static_cast<size_t>(t)].has_value();
    const bool mirrored = (*replace >> t) & 1u;
    const store::TableChanges& change = c.changes[t];
    if (!in_input && change.deleted == 0) continue;
    if (!in_input) {
      // Rows of a file the import did not read go only with a deleted account or contact.
      fmt::print("  {:<16} not in {}: {} deleted with their accounts or contacts\n", kInputFiles[t],
                 flags.dir, GroupThousands(change.deleted));
      continue;
    }
    const bool revenue = t == static_cast<int>(store::DataTable::kRevenue);
    fmt::print("  {:<16} {}{}\n", kInputFiles[t], revenue ? "account months: " : "",
               ChangeLine(change, mirrored));
  }
  if (read_stats.rows_rejected > 0 && flags.skip_invalid) {
    fmt::print("skipped {} invalid rows; see {}\n", read_stats.rows_rejected, flags.rejects);
  }
  PrintQualityText(report);
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
  AddDialectOptions(*cmd, flags->dialect, "");
  cmd->add_flag("--dry-run", flags->dry_run,
                "Read and check everything and show what would change, store nothing: every "
                "problem and the data-quality report");
  CLI::Option* replace =
      cmd->add_option("--replace", flags->replace_files,
                      "Mirror: make the store equal to these files of the input (all files "
                      "present when none is named); rows absent from them are deleted")
          ->expected(0, 7);
  cmd->add_flag("--yes", flags->yes, "Delete accounts a mirror import drops without asking");
  cmd->add_flag("--allow-unknown-columns", flags->allow_unknown_columns,
                "Import a file whose column looks like a typo of a known one (lef_on), "
                "without that column");
  cmd->add_option("--format", flags->format,
                  "What changed and the data-quality report: text or json")
      ->capture_default_str();
  cmd->add_option("--profile", flags->profile,
                  "Map a CRM or survey export: salesforce, hubspot, dynamics365, survey, or a "
                  "profile file (docs/importing.md)");
  cmd->callback([flags, exit_code, replace] {
    flags->replace = replace->count() > 0;
    const Status status = RunImport(*flags);
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

void AddProfileCommand(CLI::App& app, int* exit_code) {
  CLI::App* profile = app.add_subcommand("profile", "Import profiles of CRM and survey exports");
  profile->require_subcommand(1);
  CLI::App* list = profile->add_subcommand("list", "The shipped profiles");
  list->callback([] {
    for (const std::string& name : io::ShippedProfileNames()) {
      Result<io::ImportProfile> p = io::LoadImportProfile(name);
      fmt::print("{:<12} {}\n", name, p.ok() ? p->description : p.status().message());
    }
  });
  auto flags = std::make_shared<ImportFlags>();
  flags->dry_run = true;
  flags->standalone = true;
  CLI::App* check = profile->add_subcommand(
      "check",
      "Dry run of an import through a profile: the mapping, the first rows mapped, "
      "every problem and the data-quality report; stores nothing");
  check->add_option("DIR", flags->dir, "Directory with the exports")->required();
  check->add_option("--profile", flags->profile, "A shipped profile's name or a profile file")
      ->required();
  check->add_option("--format", flags->format, "text or json")->capture_default_str();
  check->add_option("--delimiter", flags->dialect.delimiter, "Override the profile's delimiter");
  check->add_option("--encoding", flags->dialect.encoding, "Override the profile's encoding");
  check->add_option("--decimal", flags->dialect.decimal, "Override the profile's decimal mark");
  check->add_option("--date-format", flags->dialect.date_format, "Override the profile's date format");
  check->callback([flags, exit_code] {
    Result<io::ImportProfile> p = io::LoadImportProfile(flags->profile);
    if (p.ok() && flags->format == "text") {
      fmt::print("profile {}: {}\n", p->name, p->description);
      for (const io::FileMapping& file : p->files) {
        fmt::print("  {} <- files matching \"{}\"\n", io::DataSetFileName(file.file), file.pattern);
        for (const io::ColumnMapping& c : file.columns) {
          std::string from =
              c.source.empty() ? "constant \"" + c.constant + "\"" : "\"" + c.source + "\"";
          for (const std::string& more : c.more_sources) from += " + \"" + more + "\"";
          for (const std::string& t : c.transforms) from += ", " + t;
          if (!c.values.empty()) from += ", " + std::to_string(c.values.size()) + " values mapped";
          if (c.contact_by_email) from += ", contact by email";
          fmt::print("    {:<14} <- {}\n", c.target, from);
        }
      }
    }
    const Status status = RunImport(*flags);
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

}  // namespace bw::cli
