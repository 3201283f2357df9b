// Enforces the module layering of shared/design/architecture.md: a module includes only
// headers of the modules it may use. Reads the #include lines of every file under src/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;

// Module -> the modules whose headers it may include (itself included).
const std::map<std::string, std::set<std::string>>& AllowedIncludes() {
  static const std::map<std::string, std::set<std::string>> kAllowed = {
      {"core", {"core"}},
      {"io", {"core", "io"}},
      {"store", {"core", "store"}},
      {"snapshot", {"core", "io", "store", "snapshot"}},
      {"analytics", {"core", "snapshot", "analytics"}},
      {"predict", {"core", "snapshot", "analytics", "predict"}},
      {"survey", {"core", "store", "survey"}},
      {"loop", {"core", "store", "loop"}},
      {"config", {"core", "snapshot", "analytics", "predict", "survey", "loop", "config"}},
      {"generate", {"core", "io", "generate"}},
      {"service",
       {"core", "io", "store", "snapshot", "analytics", "predict", "survey", "loop", "config",
        "service"}},
      {"server",
       {"core", "io", "store", "snapshot", "analytics", "predict", "survey", "loop", "config",
        "service", "server"}},
      {"cli",
       {"core", "io", "store", "snapshot", "analytics", "predict", "survey", "loop", "config",
        "generate", "service", "server", "cli"}},
  };
  return kAllowed;
}

TEST(LayeringTest, ModulesIncludeOnlyTheModulesTheyMayUse) {
  const fs::path src = fs::path(BELLWETHER_SOURCE_DIR) / "src";
  const std::regex include_line(R"re(^\s*#\s*include\s*"([a-z_]+)/)re");
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".h" && ext != ".cc") continue;
    const std::string module = fs::relative(entry.path(), src).begin()->string();
    const auto allowed = AllowedIncludes().find(module);
    ASSERT_NE(allowed, AllowedIncludes().end())
        << "module " << module << " is not in the layering table";
    std::ifstream in(entry.path());
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      std::smatch match;
      if (!std::regex_search(line, match, include_line)) continue;
      const std::string target = match[1];
      if (AllowedIncludes().count(target) == 0) continue;  // e.g. <nlohmann/...> never matches
      EXPECT_TRUE(allowed->second.count(target) > 0)
          << entry.path().string() << ":" << number << ": " << module << " may not include "
          << target << "/";
    }
    ++files;
  }
  EXPECT_GT(files, 10);
}

}  // namespace
