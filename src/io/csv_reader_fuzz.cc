// libFuzzer target for the CSV reader and the data set validation behind it. Built and run
// by scripts/fuzz.sh (clang only; CMake skips *_fuzz.cc). See docs/fuzzing.md.
//
// The input is read twice: as one CSV file, checking the reader's invariants, and split at
// form feeds ('\f') into the files of a data set (accounts, contacts, revenue, ...) that
// ReadDataSetFromMemory validates, once stopping at the first error and once skipping
// invalid rows.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/records.h"
#include "io/csv_reader.h"
#include "io/data_set_reader.h"

namespace {

// Checks what every record must satisfy and keeps nothing.
class CheckingSink : public bw::DataSetSink {
 public:
  bw::Status OnAccount(const bw::AccountRecord& r) override {
    Check(!r.account_id.empty() && r.account_id.size() <= 64 && !r.name.empty());
    return bw::Status::Ok();
  }
  bw::Status OnContact(const bw::ContactRecord& r) override {
    Check(!r.contact_id.empty() && !r.account_id.empty());
    return bw::Status::Ok();
  }
  bw::Status OnRevenue(const bw::RevenueRecord& r) override {
    Check(r.amount >= 0);
    return bw::Status::Ok();
  }
  bw::Status OnInvitation(const bw::InvitationRecord& r) override {
    Check(r.sent_on != bw::kNoDay);
    return bw::Status::Ok();
  }
  bw::Status OnResponse(const bw::ResponseRecord& r) override {
    Check(r.score >= 0 && r.score <= 10 && r.responded_on != bw::kNoDay);
    return bw::Status::Ok();
  }
  bw::Status OnTouchpoint(const bw::TouchpointRecord& r) override {
    Check(r.occurred_on != bw::kNoDay);
    return bw::Status::Ok();
  }
  bw::Status OnSignal(const bw::SignalRecord& r) override {
    Check(!r.signal.empty() && r.observed_on != bw::kNoDay);
    return bw::Status::Ok();
  }

 private:
  static void Check(bool condition) {
    if (!condition) std::abort();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  bw::io::CsvReader reader(input, "fuzz.csv");
  int64_t last_line = 0;
  while (reader.Next()) {
    // Rows start on increasing lines, have at least one field, and are valid UTF-8.
    if (reader.line() <= last_line || reader.fields().empty()) std::abort();
    for (std::string_view field : reader.fields()) {
      if (!bw::io::IsValidUtf8(field)) std::abort();
    }
    last_line = reader.line();
  }
  if (reader.bytes_consumed() != reader.size()) std::abort();

  std::vector<std::string_view> parts;
  size_t start = 0;
  while (parts.size() < 7) {
    const size_t end = input.find('\f', start);
    parts.push_back(input.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  bw::io::DataSetBuffers buffers;
  std::optional<std::string_view>* files[] = {
      &buffers.accounts,  &buffers.contacts,    &buffers.revenue, &buffers.invitations,
      &buffers.responses, &buffers.touchpoints, &buffers.signals};
  for (size_t i = 0; i < parts.size(); ++i) *files[i] = parts[i];
  CheckingSink sink;
  (void)bw::io::ReadDataSetFromMemory(buffers, sink);
  bw::io::ReadOptions skip;
  skip.skip_invalid = true;
  int64_t rejects = 0;
  skip.on_reject = [&](std::string_view, int64_t, const std::vector<std::string>&,
                       const std::string&) { ++rejects; };
  auto stats = bw::io::ReadDataSetFromMemory(buffers, sink, skip);
  if (stats.ok() && stats->rows_rejected != rejects) std::abort();
  return 0;
}
