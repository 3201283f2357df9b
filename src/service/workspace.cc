#include "service/workspace.h"

#include <cstdlib>
#include <filesystem>

#include "io/data_set_reader.h"
#include "io/import_input.h"
#include "snapshot/snapshot_builder.h"
#include "store/store.h"

namespace bw::service {

std::string DatabasePath(const std::string& db_path) {
  if (!db_path.empty()) return db_path;
  if (const char* env = std::getenv("BELLWETHER_DB"); env != nullptr && *env != '\0') return env;
  return "bellwether.db";
}

Result<uint64_t> ParseByteSize(const std::string& flag_value) {
  if (flag_value.empty()) return io::kDefaultMaxFileBytes;
  size_t digits = 0;
  while (digits < flag_value.size() && flag_value[digits] >= '0' && flag_value[digits] <= '9') {
    ++digits;
  }
  const std::string suffix = flag_value.substr(digits);
  int shift = -1;
  if (suffix.empty()) shift = 0;
  if (suffix == "K" || suffix == "KiB") shift = 10;
  if (suffix == "M" || suffix == "MiB") shift = 20;
  if (suffix == "G" || suffix == "GiB") shift = 30;
  if (suffix == "T" || suffix == "TiB") shift = 40;
  uint64_t value = 0;
  bool fits = digits > 0 && digits <= 19 && shift >= 0;
  if (fits) {
    value = std::stoull(flag_value.substr(0, digits));
    fits = value <= (UINT64_MAX >> shift);
  }
  if (!fits) {
    return InvalidArgument("--max-file-size: \"" + flag_value +
                           "\" is not a size (bytes, or a number with K, M, G or T)");
  }
  return value << shift;
}

Result<std::shared_ptr<const snapshot::Snapshot>> LoadSnapshot(const DataSource& source,
                                                               bool keep_text,
                                                               const WarningSink& on_warning) {
  snapshot::SnapshotBuilder builder(snapshot::SnapshotOptions{.keep_text = keep_text});
  if (!source.data_dir.empty()) {
    io::ReadOptions options;
    BW_ASSIGN_OR_RETURN(options.max_file_bytes, ParseByteSize(source.max_file_size));
    options.on_warning = [&on_warning](const std::string& warning) {
      if (on_warning) on_warning(warning);
    };
    // As `import` reads it (docs/importing.md): strict files from their paths as before, any
    // other dialect or workbook converted first.
    io::PrepareOptions prepare;
    BW_ASSIGN_OR_RETURN(prepare.overrides, io::ParseDialectOptions(source.dialect));
    BW_ASSIGN_OR_RETURN(const io::PreparedDataSet prepared,
                        io::PrepareDataSet(source.data_dir, prepare, options));
    for (const io::PreparedFileNote& note : prepared.notes) {
      if (note.how != "strict import format") {
        options.on_warning("read " + note.file + " from " + note.source + ": " + note.how);
      }
    }
    BW_RETURN_IF_ERROR(io::ReadDataSetInputs(prepared.inputs, builder, options).status());
    return builder.Finish();
  }
  const std::string path = DatabasePath(source.db_path);
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    if (error) return IoError("cannot read " + path + ": " + error.message());
    return NotFound(path + ": no such database (run `bellwether import DIR --db " + path +
                    "` first, or use --data DIR)");
  }
  BW_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStoreReadOnly(path));
  BW_RETURN_IF_ERROR(store->Scan(builder));
  return builder.Finish();
}

Result<config::WorkspaceConfig> LoadWorkspace(const std::string& config_path) {
  if (!config_path.empty()) return config::LoadWorkspaceConfig(config_path);
  std::error_code error;
  if (std::filesystem::exists("bellwether.toml", error)) {
    return config::LoadWorkspaceConfig("bellwether.toml");
  }
  // A named default: GCC 12 reports a false -Wmaybe-uninitialized for the temporary.
  config::WorkspaceConfig defaults;
  return defaults;
}

}  // namespace bw::service
