// The Store: Bellwether's durable source of truth (shared/design/architecture.md).
//
// A Store holds one workspace's data set in the shape of the import format. Writes happen
// only through Import, which is all-or-nothing: a crash, kill or error at any point leaves
// the store exactly as it was before, or fully imported. Rows are upserted by their keys
// (accounts, contacts, invitations, responses, touchpoints by id; revenue by account and
// month; signals by account, signal and date), so importing the same data twice changes
// nothing. A Store is used from one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/records.h"
#include "core/status.h"
#include "store/records.h"
#include "store/users.h"

namespace bw::store {

// The data tables, in DataSetSink order (one per file of the import format).
enum class DataTable : uint8_t {
  kAccounts = 0,
  kContacts,
  kRevenue,
  kInvitations,
  kResponses,
  kTouchpoints,
  kSignals,
};
inline constexpr int kDataTableCount = 7;
inline constexpr uint8_t DataTableBit(DataTable table) {
  return static_cast<uint8_t>(1u << static_cast<int>(table));
}

// What an import did to one table's rows (revenue: to account months). `unchanged` are
// rows the import wrote with the values the store had; `deleted` only in a mirror import.
struct TableChanges {
  int64_t added = 0;
  int64_t changed = 0;
  int64_t unchanged = 0;
  int64_t deleted = 0;
};

struct ImportCounts {
  int64_t accounts = 0;
  int64_t contacts = 0;
  int64_t revenue = 0;  // revenue rows received (several may sum into one month)
  int64_t invitations = 0;
  int64_t responses = 0;
  int64_t touchpoints = 0;
  int64_t signals = 0;
  int64_t total() const {
    return accounts + contacts + revenue + invitations + responses + touchpoints + signals;
  }
  // By DataTable; filled by Store::Import only.
  std::array<TableChanges, kDataTableCount> changes{};
};

struct ImportOptions {
  // Mirror import: for each table with its bit (DataTableBit) set, the rows the import does
  // not write are deleted, with what hangs on a deleted account or contact (their contacts,
  // revenue, invitations, responses, touchpoints and signals), in the same transaction.
  uint8_t replace = 0;
  // Called with the counts (changes included) just before the commit; a non-ok status
  // rolls the whole import back and is returned (a dry run, or a "no" to deleting).
  std::function<Status(const ImportCounts&)> before_commit;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `fill` inside one transaction. `fill` streams the records of one data set into the
  // sink it is given (in DataSetSink order; e.g. io::ReadDataSet). Revenue rows of the same
  // account and month within one import are summed; the sum replaces what the store had for
  // that month. Commits when `fill` returns ok; otherwise rolls back and returns its status.
  virtual Result<ImportCounts> Import(const std::function<Status(DataSetSink&)>& fill,
                                      const ImportOptions& options) = 0;
  Result<ImportCounts> Import(const std::function<Status(DataSetSink&)>& fill) {
    return Import(fill, ImportOptions{});
  }

  // Streams everything stored into `sink`, in DataSetSink order (accounts, contacts,
  // revenue, invitations, responses, touchpoints, signals), each file's rows in key order.
  // Revenue comes as one row per account and month.
  virtual Status Scan(DataSetSink& sink) const = 0;

  // A number that grows with every committed change to the data records (imports, record
  // writes), so a server can poll it cheaply and rebuild its snapshot when it moves.
  virtual Result<int64_t> DataVersion() const = 0;

  // Runs `body` in one transaction (store/records.h): commits when it returns ok (with the
  // data version bumped), rolls everything back otherwise and returns its status.
  virtual Result<ImportCounts> Write(const std::function<Status(WriteTransaction&)>& body) = 0;

  // Group commit: runs each body in a savepoint of ONE transaction and commits once, so
  // many small writes share one sync to disk. A body that fails is rolled back alone and
  // gets its status in the result (others are unaffected); when the commit itself fails,
  // every body gets that error. Returns one status per body, in order.
  using WriteBody = std::function<Status(WriteTransaction&)>;
  virtual std::vector<Status> WriteGroup(const std::vector<WriteBody>& bodies) = 0;

  // One record by key; nullopt when there is none.
  virtual Result<std::optional<RecordFields>> GetRecord(RecordKind kind,
                                                        const RecordKey& key) const = 0;
  // A page of records in key order.
  virtual Result<RecordPage> ListRecords(RecordKind kind, const RecordQuery& query) const = 0;
  // The owner of the account a record hangs on ("" when the account has none); nullopt
  // when the record does not exist.
  virtual Result<std::optional<std::string>> OwnerOf(RecordKind kind,
                                                     const RecordKey& key) const = 0;

  // Users, sessions, tokens and the audit log (store/users.h), on the same connection.
  virtual UserStore& users() = 0;
  // Survey waves, invitations, the outbox and the suppression list (store/outreach.h), on
  // the same connection.
  virtual OutreachStore& outreach() = 0;
  // Cases and webhooks (store/cases.h), on the same connection.
  virtual CaseStore& cases() = 0;
};

// Tuning of the SQLite backend; the defaults suit production.
struct SqliteOptions {
  // How long a write waits for another connection's lock before failing with kIoError.
  int busy_timeout_ms = 5000;
  // Page cache of the connection while an import runs (KiB); a large cache keeps the
  // B-trees of a big import in memory until commit. Between imports SQLite's default.
  int64_t import_cache_kib = 512 * 1024;
  // The schema's foreign keys are enforced by SQLite for every write but an Import's, whose
  // references are resolved by the importer itself (a key it writes was read or returned
  // in the same transaction, and the store never deletes an account or contact). Having
  // SQLite check them again costs about 30 % of an import's CPU time (docs/store.md).
  bool check_foreign_keys_in_import = false;
};

// Opens (creating if needed) the SQLite store at `path` and applies pending migrations.
// The connection runs in WAL mode with synchronous=FULL: an Import that returned ok
// survives a crash or power loss, and an Import interrupted at any point (error, kill,
// power loss) leaves the store as it was. The Store owns the connection; it may be moved
// between threads but used by one at a time.
// Errors: kIoError when the file cannot be opened or is not a SQLite database;
// kFailedPrecondition when the file's schema is newer than this binary knows.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options);

// Opens the existing SQLite store at `path` for Scan only (an Import fails): nothing is
// created, migrated or written, so it works on a read-only file, in a read-only directory,
// or on a full disk. In a directory where SQLite cannot create the WAL index (-shm), and
// no WAL file is left to read, the file is opened as immutable (docs/store.md).
// Errors: kNotFound when there is no file; kIoError when it cannot be read;
// kFailedPrecondition when its schema is newer or older than this binary's.
Result<std::unique_ptr<Store>> OpenSqliteStoreReadOnly(const std::string& path);

}  // namespace bw::store
