#include "service/workspace.h"

#include <cstdlib>
#include <filesystem>

#include "io/data_set_reader.h"
#include "snapshot/snapshot_builder.h"
#include "store/store.h"

namespace bw::service {

std::string DatabasePath(const std::string& db_path) {
  if (!db_path.empty()) return db_path;
  if (const char* env = std::getenv("BELLWETHER_DB"); env != nullptr && *env != '\0') return env;
  return "bellwether.db";
}

Result<std::shared_ptr<const snapshot::Snapshot>> LoadSnapshot(const DataSource& source,
                                                               bool keep_text,
                                                               const WarningSink& on_warning) {
  snapshot::SnapshotBuilder builder(snapshot::SnapshotOptions{.keep_text = keep_text});
  if (!source.data_dir.empty()) {
    io::ReadOptions options;
    options.on_warning = [&on_warning](const std::string& warning) {
      if (on_warning) on_warning(warning);
    };
    BW_RETURN_IF_ERROR(io::ReadDataSet(source.data_dir, builder, options).status());
    return builder.Finish();
  }
  const std::string path = DatabasePath(source.db_path);
  if (!std::filesystem::exists(path)) {
    return NotFound(path + ": no such database (run `bellwether import DIR --db " + path +
                    "` first, or use --data DIR)");
  }
  BW_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::OpenSqliteStore(path));
  BW_RETURN_IF_ERROR(store->Scan(builder));
  return builder.Finish();
}

Result<config::WorkspaceConfig> LoadWorkspace(const std::string& config_path) {
  if (!config_path.empty()) return config::LoadWorkspaceConfig(config_path);
  if (std::filesystem::exists("bellwether.toml")) {
    return config::LoadWorkspaceConfig("bellwether.toml");
  }
  return config::WorkspaceConfig{};
}

}  // namespace bw::service
