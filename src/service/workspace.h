// Where the data and the configuration of a workspace come from, for both front ends: the
// database path, loading a snapshot from a CSV directory or the store, and the workspace
// configuration (bellwether.toml).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "config/workspace_config.h"
#include "core/status.h"
#include "io/dialect.h"
#include "snapshot/snapshot.h"

namespace bw::service {

// `db_path` when not empty, else $BELLWETHER_DB when set and not empty, else
// ./bellwether.db.
std::string DatabasePath(const std::string& db_path);

// Where a snapshot comes from: a data set as `bellwether import` reads it (a directory of
// CSV files of any dialect or .xlsx workbooks, or one workbook; docs/importing.md), or
// the store.
struct DataSource {
  std::string data_dir;            // empty when reading the store
  std::string db_path;             // resolved with DatabasePath
  std::string max_file_size;       // a ParseByteSize text; empty for io::kDefaultMaxFileBytes
  io::DialectOptionTexts dialect;  // for data_dir's CSV files; empty: detected per file
};

// Parses a byte count: digits with an optional binary suffix K, M, G, T (or KiB, MiB, GiB,
// TiB), e.g. "4G", "512MiB", "1000000". Empty gives io's default (docs/limits.md).
// Errors: kInvalidArgument naming --max-file-size.
Result<uint64_t> ParseByteSize(const std::string& text);

// Receives each warning of reading a CSV directory (e.g. an unknown column), one line of
// text without a trailing newline.
using WarningSink = std::function<void(const std::string& warning)>;

// Loads a snapshot from source.data_dir when given, else from the store at
// DatabasePath(source.db_path), opened read-only (so that it works from a read-only store
// or directory). keep_text: keep display text (contact names, e-mails,
// comments) that no figure needs. Warnings go to `on_warning` (may be empty: dropped), and
// so does, for each file of data_dir not in the strict import format, what was detected
// ("read accounts.csv from d/accounts.csv: Windows-1252 (detected), ...").
// Errors: the reader's FILE:LINE errors (kInvalidArgument) for a CSV directory; kNotFound
// when the database file does not exist (it is never created here); the store's errors.
Result<std::shared_ptr<const snapshot::Snapshot>> LoadSnapshot(const DataSource& source,
                                                               bool keep_text,
                                                               const WarningSink& on_warning);

// The workspace configuration: `config_path` when not empty, else ./bellwether.toml when it
// exists, else the built-in defaults (docs/configuration.md). Errors: the configuration's
// FILE:LINE errors.
Result<config::WorkspaceConfig> LoadWorkspace(const std::string& config_path);

}  // namespace bw::service
