// libFuzzer target for import profiles (TOML, docs/importing.md): a profile is a file a
// user hands to `bellwether import --profile FILE`, so any text must give either an error
// that explains itself or a profile whose mappings name files and columns of the import
// format. Replayed over tests/fuzz/profile_corpus by ctest (seeded with profiles/*.toml).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "io/data_set_reader.h"
#include "io/import_profile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bw::Result<bw::io::ImportProfile> profile = bw::io::ParseImportProfile(text, "fuzz.toml");
  if (!profile.ok()) {
    if (profile.status().message().empty()) std::abort();  // every error explains itself
    return 0;
  }
  for (const bw::io::FileMapping& file : profile->files) {
    if (file.file >= bw::io::kDataSetFileCount) std::abort();
    for (const bw::io::ColumnMapping& column : file.columns) {
      if (column.target.empty()) std::abort();
    }
  }
  return 0;
}
