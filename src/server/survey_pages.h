// The public survey pages (issue 12, docs/surveys.md): GET/POST /s/{token} (the answer
// form and its submission) and GET/POST /s/{token}/unsubscribe. No login: the token in the
// path is the credential. The pages come from the survey module (survey/pages.h); here
// they are routed, rate limited per client address, and answered with headers that keep
// the token out of Referer headers, caches and frames.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "config/workspace_config.h"
#include "core/clock.h"
#include "server/auth.h"
#include "server/authorize.h"
#include "server/router.h"
#include "server/write_batcher.h"

namespace bw::server {

// At most `per_minute` requests per client address in each clock minute. Thread-safe.
class PeerRateLimiter {
 public:
  explicit PeerRateLimiter(int per_minute) : per_minute_(per_minute) {}
  // True when the request may go on (and counts it).
  bool Allow(const std::string& peer, int64_t unix_seconds);

 private:
  int per_minute_;
  std::mutex mutex_;
  int64_t minute_ = -1;
  std::map<std::string, int> counts_;
};

// `workspace` and `limiter` must outlive the router. An answer is stored with its case,
// mails and webhook events (service/loop_service.h).
void AddSurveyPages(Router& router, const Guard& guard, LockedStore& store, WriteBatcher& writes,
                    const Clock& clock, const config::WorkspaceConfig& workspace,
                    PeerRateLimiter& limiter);

}  // namespace bw::server
