// The server killed with SIGKILL while a client writes as fast as it can, 20 times: every
// write that was answered 2xx is in the store afterwards, and the store passes SQLite's
// integrity check (api.md: "A write answers 2xx only after it is committed").
#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

namespace bw {
namespace {

namespace fs = std::filesystem;

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

int RunQuiet(const std::string& command) {
  const int status = std::system((command + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A `bellwether serve --port 0` child; its port is read from its first line of output.
struct ServerProcess {
  pid_t pid = -1;
  int port = 0;

  bool Start(const fs::path& dir) {
    int out[2];
    if (pipe(out) != 0) return false;
    pid = fork();
    if (pid == 0) {
      dup2(out[1], STDOUT_FILENO);
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, STDERR_FILENO);
      close(out[0]);
      close(out[1]);
      if (chdir(dir.c_str()) != 0) _exit(127);
      execl(BELLWETHER_BINARY, "bellwether", "serve", "--db", "book.db", "--port", "0",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    const size_t colon = line.rfind(':');
    if (colon == std::string::npos) return false;
    port = std::atoi(line.c_str() + colon + 1);
    return port > 0;
  }

  void Kill() {
    if (pid <= 0) return;
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    pid = -1;
    port = 0;
  }
};

TEST(ServerCrashTest, EveryAcknowledgedWriteSurvivesSigkill) {
  const fs::path dir = fs::temp_directory_path() / ("bellwether_crash_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string bin = BELLWETHER_BINARY;
  const std::string in_dir = "cd '" + dir.string() + "' && '" + bin + "' ";
  ASSERT_EQ(RunQuiet(in_dir + "generate --out data --accounts 50 --seed 3 --as-of 2026-06-30"), 0);
  ASSERT_EQ(RunQuiet(in_dir + "import data --db book.db"), 0);
  ASSERT_EQ(RunQuiet("cd '" + dir.string() + "' && printf 'correct horse battery\\n' | '" + bin +
                     "' user add writer@example.com --role cx_manager --db book.db"),
            0);
  // The token is the last line `token create` prints.
  const std::string token_file = (dir / "token.txt").string();
  ASSERT_EQ(std::system((in_dir + "token create --user writer@example.com --name crash --db "
                                  "book.db | tail -1 > '" + token_file + "'")
                            .c_str()),
            0);
  std::string token;
  {
    FILE* f = fopen(token_file.c_str(), "r");
    char buffer[128] = {};
    ASSERT_NE(fgets(buffer, sizeof buffer, f), nullptr);
    fclose(f);
    token = buffer;
    while (!token.empty() && token.back() == '\n') token.pop_back();
  }
  // A contact to answer as.
  std::string contact;
  {
    FILE* f = fopen((dir / "data" / "contacts.csv").c_str(), "r");
    char buffer[512];
    ASSERT_NE(fgets(buffer, sizeof buffer, f), nullptr);  // header
    ASSERT_NE(fgets(buffer, sizeof buffer, f), nullptr);
    fclose(f);
    contact = std::string(buffer).substr(0, std::string(buffer).find(','));
  }

  ServerProcess server;
  ASSERT_TRUE(server.Start(dir));
  std::atomic<int> port{server.port};
  std::atomic<bool> done{false};
  std::mutex acked_mutex;
  std::vector<std::string> acknowledged;
  std::atomic<int> attempts{0};

  std::thread writer([&] {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
    for (int n = 0; !done; ++n) {
      const int p = port.load();
      if (p == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      const std::string id = "CRASH-" + std::to_string(n);
      const std::string body = "{\"response_id\": \"" + id + "\", \"contact_id\": \"" + contact +
                               "\", \"responded_on\": \"2026-06-01\", \"score\": " +
                               std::to_string(n % 11) + "}";
      curl_easy_setopt(curl, CURLOPT_URL,
                       ("http://127.0.0.1:" + std::to_string(p) + "/api/v1/responses").c_str());
      curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
      curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
      curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 2000L);
      ++attempts;
      if (curl_easy_perform(curl) != CURLE_OK) continue;
      long status = 0;
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
      if (status >= 200 && status < 300) {
        std::lock_guard lock(acked_mutex);
        acknowledged.push_back(id);
      }
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
  });

  std::mt19937 random(42);
  for (int kill = 0; kill < 20; ++kill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 200));
    port = 0;
    server.Kill();
    ASSERT_TRUE(server.Start(dir)) << "restart " << kill;
    port = server.port;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  done = true;
  writer.join();
  server.Kill();

  ASSERT_GT(acknowledged.size(), 20u) << "the client wrote too little to test anything ("
                                      << attempts << " attempts)";
  Result<std::unique_ptr<store::Store>> store = store::OpenSqliteStore((dir / "book.db").string());
  ASSERT_TRUE(store.ok()) << store.status().message();
  size_t missing = 0;
  for (const std::string& id : acknowledged) {
    Result<std::optional<store::RecordFields>> r = (*store)->GetRecord(RecordKind::kResponse, {id});
    ASSERT_TRUE(r.ok());
    if (!r->has_value()) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged writes";
  store->reset();
  const std::string check = "sqlite3 '" + (dir / "book.db").string() +
                            "' 'PRAGMA integrity_check' > '" + (dir / "check.txt").string() + "'";
  ASSERT_EQ(std::system(check.c_str()), 0);
  FILE* f = fopen((dir / "check.txt").c_str(), "r");
  char line[64] = {};
  ASSERT_NE(fgets(line, sizeof line, f), nullptr);
  fclose(f);
  EXPECT_STREQ(line, "ok\n");
  std::printf("%zu acknowledged writes of %d attempts across 20 SIGKILLs, all stored\n",
              acknowledged.size(), attempts.load());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace bw
