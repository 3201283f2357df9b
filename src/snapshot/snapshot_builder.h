// Builds a Snapshot from a stream of validated records (a DataSetSink), e.g.
//   SnapshotBuilder builder;
//   BW_RETURN_IF_ERROR(io::ReadDataSet(dir, builder).status());
//   std::shared_ptr<const Snapshot> snap = builder.Finish();
// Records must satisfy the DataSetSink contract (unique keys; referenced keys arrive
// first); a record that references an unknown key is a kInvalidArgument error, a
// programming error of the feeding side. One builder builds one snapshot; calls follow the
// DataSetSink contract, with the concurrency AcceptsConcurrentKinds() allows.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/records.h"
#include "snapshot/snapshot.h"

namespace bw::snapshot {

namespace internal {
struct BuilderStaging;
}  // namespace internal

struct SnapshotOptions {
  // Keep display text that the figures do not need (contact names and emails, response
  // comments, invitation and touchpoint ids). Off saves memory for batch metrics.
  bool keep_text = true;
};

class SnapshotBuilder : public DataSetSink {
 public:
  explicit SnapshotBuilder(SnapshotOptions options = {});
  ~SnapshotBuilder() override;

  Status OnAccount(const AccountRecord& record) override;
  Status OnContact(const ContactRecord& record) override;
  Status OnRevenue(const RevenueRecord& record) override;
  Status OnInvitation(const InvitationRecord& record) override;
  Status OnResponse(const ResponseRecord& record) override;
  Status OnTouchpoint(const TouchpointRecord& record) override;
  Status OnSignal(const SignalRecord& record) override;
  // Revenue, invitations, responses, touchpoints and signals stage into separate columns
  // (each kind interns its own names), so they may arrive from different threads.
  bool AcceptsConcurrentKinds() const override { return true; }
  // Reserves the staging columns of that kind.
  void ExpectRecords(RecordKind kind, size_t estimated_count) override;

  // Groups and sorts everything and hands over the snapshot; the builder is spent. Its
  // steps, one function each in snapshot_builder.cc: contacts grouped by account, then side
  // by side responses and invitations (answered or not) | revenue (with its running sums),
  // touchpoints, signals and the index of account ids.
  std::shared_ptr<const Snapshot> Finish();

 private:
  // The index of a referenced account or contact: the record's ordinal when the producer
  // gave one, else a lookup by key.
  Result<AccountIndex> LookupAccount(std::string_view id, int32_t ordinal);
  Result<ContactIndex> LookupContact(std::string_view id, int32_t ordinal);

  SnapshotOptions options_;
  std::unique_ptr<Snapshot> snapshot_;
  std::unique_ptr<internal::BuilderStaging> staging_;
};

}  // namespace bw::snapshot
