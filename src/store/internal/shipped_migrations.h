// The migration files of src/store/migrations/<dialect>/NNN_<what>.sql as compiled in by
// CMakeLists.txt (generated/store_migrations.cc); store/migrations.h arranges them by
// dialect and version.
#pragma once

#include <span>
#include <string_view>

namespace bw::store::internal {

struct ShippedMigration {
  std::string_view dialect;  // the directory: "sqlite", "postgresql"
  int version;               // NNN of the file name
  std::string_view name;     // the first line, without its "-- "
  std::string_view sql;      // the rest of the file
};

std::span<const ShippedMigration> ShippedMigrations();

}  // namespace bw::store::internal
