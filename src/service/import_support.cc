#include "service/import_support.h"

#include <memory>
#include <unordered_map>

#include "core/ascii.h"

namespace bw::service {
namespace {

// One lookup function: the store's answer for an id, remembered.
std::function<bool(std::string_view)> CachedLookup(const store::Store& store, RecordKind kind,
                                                   const std::string& owner) {
  auto cache = std::make_shared<std::unordered_map<std::string, bool>>();
  return [&store, kind, owner, cache](std::string_view id) {
    const std::string key(id);
    if (const auto found = cache->find(key); found != cache->end()) return found->second;
    Result<std::optional<std::string>> o = store.OwnerOf(kind, {key});
    const bool known = o.ok() && o->has_value() && (owner.empty() || AsciiLower(**o) == owner);
    cache->emplace(key, known);
    return known;
  };
}

}  // namespace

io::KnownKeys KnownToStore(const store::Store& store, const std::string& owner) {
  io::KnownKeys known;
  known.account = CachedLookup(store, RecordKind::kAccount, owner);
  known.contact = CachedLookup(store, RecordKind::kContact, owner);
  return known;
}

void RejectedRows::Collect(io::ReadOptions& options) {
  options.skip_invalid = true;
  options.on_reject = [this](std::string_view, int64_t, const std::vector<std::string>&,
                             const std::string& reason) {
    if (++count_ <= max_listed_) listed_.push_back(reason);
  };
}

Status RejectedRows::AsStatus() const {
  if (count_ == 0) return Status::Ok();
  if (count_ == 1 && listed_.size() == 1) {
    // One problem: point at its field, as the reader's own error would.
    const std::string& problem = listed_[0];
    const size_t colon = problem.find(": ");
    const size_t next = colon == std::string::npos ? colon : problem.find(": ", colon + 2);
    StatusDetail detail;
    if (next != std::string::npos) detail.field = problem.substr(colon + 2, next - colon - 2);
    return Status(StatusCode::kInvalidArgument, problem, std::move(detail));
  }
  std::string message =
      std::to_string(count_) + " rows break the import format; nothing was stored:";
  for (const std::string& problem : listed_) message += "\n" + problem;
  if (count_ > listed_.size()) {
    message += "\n... and " + std::to_string(count_ - listed_.size()) + " more";
  }
  return InvalidArgument(message);
}

}  // namespace bw::service
