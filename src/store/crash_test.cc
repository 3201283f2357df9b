// Kills a process in the middle of an import (SIGKILL: no destructor, no rollback, no
// flush) and checks that the store comes back exactly as it was before that import.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "store/internal/sqlite.h"
#include "store/internal/test_data_set.h"
#include "store/store.h"

namespace bw::store {
namespace {

using testing::DataSet;
using testing::MakeDataSet;
using testing::ScanLines;
using testing::Shape;
using testing::TempDir;
using testing::TripwireSink;

// A small page cache, so that a large import spills uncommitted pages into the WAL long
// before it ends: the kill then leaves real uncommitted frames on disk.
constexpr SqliteOptions kSmallCache{5000, 256};

// Runs `data`'s import in a child process that kills itself with SIGKILL after `after`
// records. Returns false (with a test failure) unless the child died of that signal.
bool ImportAndKill(const std::string& path, const DataSet& data, int64_t after) {
  const pid_t pid = fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return false;
  }
  if (pid == 0) {
    // The child: no gtest assertions, only exit codes the parent reports.
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path, kSmallCache);
    if (!store.ok()) _exit(2);
    Result<ImportCounts> counts = (*store)->Import([&](DataSetSink& sink) {
      TripwireSink tripwire(sink, after, []() -> Status {
        raise(SIGKILL);
        return Internal("still alive after SIGKILL");
      });
      return data.Emit(tripwire);
    });
    _exit(counts.ok() ? 3 : 4);
  }
  int wait_status = 0;
  if (waitpid(pid, &wait_status, 0) != pid) {
    ADD_FAILURE() << "waitpid failed";
    return false;
  }
  EXPECT_TRUE(WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL)
      << "child exited with " << (WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1)
      << " after " << after;
  return WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL;
}

int64_t FileSize(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 ? static_cast<int64_t>(info.st_size) : 0;
}

std::string IntegrityCheck(const std::string& path) {
  Result<std::unique_ptr<internal::Database>> db = internal::Database::Open(path);
  if (!db.ok()) return db.status().ToString();
  Result<internal::Statement> check = (*db)->Prepare("PRAGMA integrity_check");
  if (!check.ok()) return check.status().ToString();
  std::string out;
  while (check->Step() == SQLITE_ROW) out += check->ColumnText(0);
  return out;
}

// Asserts that the store at `path` scans as `expected`, is intact and takes a new import.
void ExpectStoreIs(const std::string& path, const std::vector<std::string>& expected,
                   int64_t after) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(ScanLines(**store), expected) << "killed after " << after << " records";
  EXPECT_EQ(IntegrityCheck(path), "ok");
  EXPECT_TRUE(testing::ForeignKeyViolations(path).empty());
}

const Shape kLarge{400, 4000, 14000, 12000, 12000, 12000, 5000};  // 59,400 records

TEST(CrashTest, AKilledImportIntoAnEmptyStoreLeavesItEmpty) {
  TempDir dir;
  const std::string path = dir.File("bw.db");
  ASSERT_TRUE(OpenSqliteStore(path).ok());
  const DataSet data = MakeDataSet(1, kLarge);
  std::mt19937_64 rng(20260630);
  bool saw_uncommitted_frames = false;
  std::vector<int64_t> points = {0, 1, data.size() - 1};
  for (int i = 0; i < 5; ++i) points.push_back(static_cast<int64_t>(rng() % data.size()));
  for (int64_t after : points) {
    ASSERT_TRUE(ImportAndKill(path, data, after));
    saw_uncommitted_frames |= FileSize(path + "-wal") > 0;
    ExpectStoreIs(path, {}, after);
  }
  // Otherwise the kills hit nothing but memory and the test proves little.
  EXPECT_TRUE(saw_uncommitted_frames);
}

TEST(CrashTest, AKilledSecondImportLeavesTheFirst) {
  TempDir dir;
  const std::string path = dir.File("bw.db");
  const DataSet first = MakeDataSet(2, kLarge);
  std::vector<std::string> after_first;
  {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Import(first.Fill()).ok());
    after_first = ScanLines(**store);
  }
  testing::StoreModel model;
  model.Import(first);
  ASSERT_EQ(after_first, model.Lines());

  // The same ids with other values, and more of each: updates and inserts.
  Shape bigger = kLarge;
  bigger.accounts += 50;
  bigger.contacts += 500;
  bigger.responses += 3000;
  const DataSet second = MakeDataSet(3, bigger);
  std::mt19937_64 rng(4711);
  for (int i = 0; i < 6; ++i) {
    const int64_t after = static_cast<int64_t>(rng() % second.size());
    ASSERT_TRUE(ImportAndKill(path, second, after));
    ExpectStoreIs(path, after_first, after);
  }
  // And the store still takes the second import completely.
  {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Import(second.Fill()).ok());
  }
  model.Import(second);
  ExpectStoreIs(path, model.Lines(), -1);
}

}  // namespace
}  // namespace bw::store
