// libFuzzer target for the workspace configuration reader (bellwether.toml): any text is
// either an error with a message, or a configuration that writes back to TOML which reads
// back to the same configuration. Replayed over tests/fuzz/config_corpus by ctest.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/workspace_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  bw::Result<bw::config::WorkspaceConfig> config =
      bw::config::ParseWorkspaceConfig(text, "fuzz.toml");
  if (!config.ok()) {
    if (config.status().message().empty()) std::abort();  // every error explains itself
    return 0;
  }
  const std::string written = bw::config::WorkspaceConfigToToml(*config);
  bw::Result<bw::config::WorkspaceConfig> again =
      bw::config::ParseWorkspaceConfig(written, "written.toml");
  if (!again.ok() || bw::config::WorkspaceConfigToToml(*again) != written) std::abort();
  return 0;
}
