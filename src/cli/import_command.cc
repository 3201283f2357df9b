// `bellwether import DIR [--db FILE] [--skip-invalid] [--rejects FILE]`
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "io/csv_writer.h"
#include "io/data_quality.h"
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
  bool dry_run = false;
  std::string format = "text";  // of the data-quality report
};

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

// Prepares the data set of `flags` (a directory, a workbook, or a profile's exports).
Result<io::PreparedDataSet> Prepare(const ImportFlags& flags, const io::PrepareOptions& prepare,
                                    const io::ReadOptions& options) {
  if (flags.profile.empty()) return io::PrepareDataSet(flags.dir, prepare, options);
  BW_ASSIGN_OR_RETURN(const io::ImportProfile profile, io::LoadImportProfile(flags.profile));
  return io::PrepareProfileDataSet(flags.dir, profile, prepare.overrides, options);
}

// Reads everything as an import would, stores nothing, and lists every problem (each
// rejected row with its reason) and the data-quality report. Exit 0 when nothing was
// rejected, else the status of the first problem's kind (kInvalidArgument).
Status RunDryRun(const ImportFlags& flags, const io::PrepareOptions& prepare,
                 io::ReadOptions options) {
  io::QualitySink quality(nullptr);
  std::vector<std::string> problems;
  options.skip_invalid = true;
  options.on_reject = [&](std::string_view, int64_t, const std::vector<std::string>&,
                          const std::string& reason) {
    problems.push_back(reason);
    quality.AddReject(reason);
  };
  options.on_warning = [](const std::string& warning) {
    std::fprintf(stderr, "warning: %s\n", TerminalSafe(warning).c_str());
  };
  BW_ASSIGN_OR_RETURN(const io::PreparedDataSet prepared, Prepare(flags, prepare, options));
  if (flags.format == "text") {
    for (const io::PreparedFileNote& note : prepared.notes) {
      fmt::print("{} from {}: {}\n", note.file, TerminalSafe(note.source), TerminalSafe(note.how));
      // The first rows as they will be imported.
      size_t index = 0;
      while (index < io::kDataSetFileCount && io::DataSetFileName(index) != note.file) ++index;
      if (index < io::kDataSetFileCount && prepared.inputs[index] &&
          prepared.inputs[index]->path.empty()) {
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
    }
  }
  BW_ASSIGN_OR_RETURN(const io::ReadStats stats,
                      io::ReadDataSetInputs(prepared.inputs, quality, options));
  (void)stats;
  const io::QualityReport report = quality.Finish();
  if (flags.format == "json") {
    PrintQualityJson(report);
  } else {
    fmt::print("{} problems{}\n", problems.size(), problems.empty() ? "" : ":");
    for (size_t i = 0; i < problems.size() && i < 100; ++i) {
      fmt::print("  {}\n", TerminalSafe(problems[i]));
    }
    if (problems.size() > 100) fmt::print("  ... and {} more\n", problems.size() - 100);
    PrintQualityText(report);
  }
  if (!problems.empty()) {
    return InvalidArgument("dry run: " + std::to_string(problems.size()) +
                           " rows would be rejected (nothing was imported)");
  }
  return Status::Ok();
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
  if (flags.format != "text" && flags.format != "json") {
    return InvalidArgument("--format: \"" + flags.format + "\" is not text or json");
  }
  if (flags.dry_run) return RunDryRun(flags, prepare, options);
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
  std::optional<io::QualitySink> quality;
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
      if (quality) quality->AddReject(reason);
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
  Result<io::PreparedDataSet> prepared = Prepare(flags, prepare, options);
  Result<store::ImportCounts> counts = prepared.status();
  if (prepared.ok()) {
    for (const io::PreparedFileNote& note : prepared->notes) {
      if (note.how == "strict import format") continue;
      fmt::print("read {} from {}: {}\n", note.file, TerminalSafe(note.source),
                 TerminalSafe(note.how));
    }
    counts = store->Import([&](DataSetSink& sink) -> Status {
      quality.emplace(&sink);
      BW_ASSIGN_OR_RETURN(read_stats, io::ReadDataSetInputs(prepared->inputs, *quality, options));
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
  if (quality) {
    const io::QualityReport report = quality->Finish();
    if (flags.format == "json") {
      PrintQualityJson(report);
    } else {
      PrintQualityText(report);
    }
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
  cmd->add_flag("--dry-run", flags->dry_run,
                "Read and check everything, store nothing: every problem and the "
                "data-quality report");
  cmd->add_option("--format", flags->format, "Data-quality report: text or json")
      ->capture_default_str();
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
  CLI::App* check = profile->add_subcommand(
      "check",
      "Dry run of an import through a profile: the mapping, the first rows mapped, "
      "every problem and the data-quality report; stores nothing");
  check->add_option("DIR", flags->dir, "Directory with the exports")->required();
  check->add_option("--profile", flags->profile, "A shipped profile's name or a profile file")
      ->required();
  check->add_option("--format", flags->format, "text or json")->capture_default_str();
  check->add_option("--delimiter", flags->delimiter, "Override the profile's delimiter");
  check->add_option("--encoding", flags->encoding, "Override the profile's encoding");
  check->add_option("--decimal", flags->decimal, "Override the profile's decimal mark");
  check->add_option("--date-format", flags->date_format, "Override the profile's date format");
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
