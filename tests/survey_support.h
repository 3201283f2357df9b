// What the survey end-to-end tests share: a real SMTP server on loopback (tests/smtp_sink.py,
// Debian's python3-aiosmtpd) whose received messages are read back from files, a
// `bellwether serve` child process, and a small HTTP client (libcurl).
#pragma once

#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.h"

namespace bw::test_support {

namespace fs = std::filesystem;

// The Python with Debian's python3-aiosmtpd (a pyenv python3 on PATH may lack it).
inline std::string SystemPython() {
  return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

inline bool HaveAiosmtpd() {
  return std::system((SystemPython() + " -c 'import aiosmtpd' >/dev/null 2>&1").c_str()) == 0;
}

// A free TCP port on loopback (closed again: a small race, acceptable in tests).
inline int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  const int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

inline pid_t Spawn(const std::vector<std::string>& argv, const fs::path& dir, const fs::path& log) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(127);
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

inline void Stop(pid_t& pid, int signal_number = SIGTERM) {
  if (pid <= 0) return;
  kill(pid, signal_number);
  waitpid(pid, nullptr, 0);
  pid = -1;
}

template <typename Predicate>
bool WaitFor(Predicate done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// One message the SMTP server received.
struct ReceivedMail {
  std::string file;
  std::string envelope_to;
  std::string message_id;
  std::string subject;
  std::string text;  // the plain text part, decoded
  std::string html;  // the HTML part, decoded
  std::string raw;
  std::string Link() const {
    std::smatch m;
    static const std::regex link(R"(https?://[^\s/]+/s/[0-9a-f]{32})");
    return std::regex_search(text, m, link) ? m.str() : "";
  }
};

inline std::string DecodeBase64Part(const std::string& raw, const std::string& type) {
  const std::string marker =
      "Content-Type: " + type + "; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  const size_t start = raw.find(marker);
  if (start == std::string::npos) return {};
  const size_t body = start + marker.size();
  const size_t end = raw.find("\r\n--", body);
  std::string joined;
  for (char c : raw.substr(body, end - body)) {
    if (c != '\r' && c != '\n') joined += c;
  }
  std::string out(joined.size(), '\0');
  size_t length = 0;
  if (sodium_init() < 0) return {};
  sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), joined.data(),
                    joined.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
  out.resize(length);
  return out;
}

inline std::string HeaderOf(const std::string& raw, const std::string& name) {
  const std::string key = "\n" + name + ": ";
  size_t at = raw.find(key);
  if (at == std::string::npos) {
    if (raw.rfind(name + ": ", 0) != 0) return {};
    at = std::string::npos;
  }
  const size_t start = at == std::string::npos ? name.size() + 2 : at + key.size();
  const size_t end = raw.find("\r\n", start);
  return raw.substr(start, end - start);
}

// The SMTP server, started in `dir`/mail.
class SmtpSink {
 public:
  explicit SmtpSink(fs::path dir) : dir_(std::move(dir)) {}
  ~SmtpSink() { test_support::Stop(pid_); }

  bool Start() {
    fs::create_directories(dir_);
    const fs::path port_file = dir_ / "port";
    pid_ = Spawn(
        {SystemPython(), std::string(BELLWETHER_SOURCE_DIR) + "/tests/smtp_sink.py", "--dir",
         dir_.string(), "--port-file", port_file.string(), "--reject-domain", "bounce.example"},
        dir_, dir_ / "sink.log");
    if (!WaitFor([&] { return fs::exists(port_file); }, std::chrono::seconds(20))) return false;
    port_ = std::stoi(ReadFile(port_file));
    return port_ > 0;
  }
  int port() const { return port_; }
  void SetTempFail(bool on) {
    if (on) {
      WriteFile(dir_ / "tempfail", "1");
    } else {
      fs::remove(dir_ / "tempfail");
    }
  }
  void SetDelayMs(int ms) { WriteFile(dir_ / "delay_ms", std::to_string(ms)); }

  size_t Count() const {
    size_t n = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      n += entry.path().extension() == ".eml";
    }
    return n;
  }
  std::vector<ReceivedMail> Messages() const {
    std::vector<ReceivedMail> out;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().extension() != ".eml") continue;
      ReceivedMail m;
      m.file = entry.path().string();
      m.raw = ReadFile(entry.path());
      m.envelope_to = HeaderOf(m.raw, "X-Envelope-To");
      m.message_id = HeaderOf(m.raw, "Message-ID");
      m.subject = HeaderOf(m.raw, "Subject");
      m.text = DecodeBase64Part(m.raw, "text/plain");
      m.html = DecodeBase64Part(m.raw, "text/html");
      out.push_back(std::move(m));
    }
    return out;
  }
  bool WaitForCount(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(30)) const {
    return WaitFor([&] { return Count() >= n; }, timeout);
  }

 private:
  fs::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// The webhook receiver (tests/webhook_receiver.py), started in `dir`.
class WebhookReceiver {
 public:
  explicit WebhookReceiver(fs::path dir) : dir_(std::move(dir)) {}
  ~WebhookReceiver() { test_support::Stop(pid_); }
  bool Start() {
    fs::create_directories(dir_);
    const fs::path port_file = dir_ / "port";
    pid_ = Spawn({SystemPython(), std::string(BELLWETHER_SOURCE_DIR) + "/tests/webhook_receiver.py",
                  "--dir", dir_.string(), "--port-file", port_file.string()},
                 dir_, dir_ / "receiver.log");
    if (!WaitFor([&] { return fs::exists(port_file); }, std::chrono::seconds(20))) return false;
    port_ = std::stoi(ReadFile(port_file));
    return port_ > 0;
  }
  int port() const { return port_; }
  // The requests received so far, as the receiver wrote them (JSON text each).
  std::vector<std::string> Requests() const {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().extension() == ".json") out.push_back(ReadFile(entry.path()));
    }
    return out;
  }

 private:
  fs::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

struct HttpAnswer {
  long status = 0;
  std::string body;
};

inline size_t AppendBody(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// GET `url`, or POST `form` (application/x-www-form-urlencoded) when not null.
inline HttpAnswer Http(const std::string& url, const std::string* form = nullptr) {
  HttpAnswer answer;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (form != nullptr) curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form->c_str());
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  }
  curl_easy_cleanup(curl);
  return answer;
}

// `bellwether serve` on `port` in `dir` (its configuration in dir/bellwether.toml).
class ServeProcess {
 public:
  ~ServeProcess() { test_support::Stop(pid_); }
  bool Start(const fs::path& dir, int port) {
    pid_ = Spawn({BELLWETHER_BINARY, "serve", "--db", "book.db", "--port", std::to_string(port),
                  "--access-log", (dir / "access.log").string()},
                 dir, dir / "serve.log");
    return WaitFor(
        [&] { return Http("http://127.0.0.1:" + std::to_string(port) + "/readyz").status == 200; },
        std::chrono::seconds(30));
  }
  void Stop() { test_support::Stop(pid_); }

 private:
  pid_t pid_ = -1;
};

}  // namespace bw::test_support
