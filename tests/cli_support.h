// Running the `bellwether` binary from cross-module tests: its exit code, stdout and
// stderr, and small file helpers. One copy for every test that drives the binary.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace bw::test_support {

struct CommandResult {
  int exit_code = -1;  // 128 + signal when the process was killed by one
  std::string out;
  std::string err;
};

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// An empty directory `NAME_PID` (NAME_PID_TEST within a test) under the temp directory,
// removed first if a crashed run left it: the working directory of a test's commands.
inline std::filesystem::path FreshTempDir(const std::string& name, bool per_test = false) {
  std::string leaf = name + "_" + std::to_string(::getpid());
  if (per_test)
    leaf += std::string("_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / leaf;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs `bellwether ARGS` with the working directory `dir`; `prefix` goes before the binary
// (e.g. setpriv to run as another user).
inline CommandResult RunBellwether(const std::filesystem::path& dir, const std::string& args,
                                   const std::string& prefix = "") {
  const std::string tag = std::to_string(::getpid());
  const std::filesystem::path out = std::filesystem::temp_directory_path() / ("bw_out_" + tag);
  const std::filesystem::path err = std::filesystem::temp_directory_path() / ("bw_err_" + tag);
  const std::string command = "cd '" + dir.string() + "' && " + prefix +
                              " '" BELLWETHER_BINARY "' " + args + " >'" + out.string() + "' 2>'" +
                              err.string() + "'";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(out);
  result.err = ReadFile(err);
  std::error_code ignored;
  std::filesystem::remove(out, ignored);
  std::filesystem::remove(err, ignored);
  return result;
}

}  // namespace bw::test_support
