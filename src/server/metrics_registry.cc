#include "server/metrics_registry.h"

#include <fmt/core.h>

namespace bw::server {

void MetricsRegistry::RecordRequest(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  ++latency_[bucket];
  latency_sum_ += seconds;
  ++latency_count_;
}

std::string MetricsRegistry::Render(const Gauges& gauges) const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP bellwether_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE bellwether_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    std::string route;
    for (char c : key.first) {
      if (c == '"' || c == '\\') route += '\\';
      route += c;
    }
    out += fmt::format("bellwether_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", route,
                       key.second, count);
  }
  out += "# HELP bellwether_http_request_duration_seconds Time to answer a request.\n";
  out += "# TYPE bellwether_http_request_duration_seconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t b = 0; b < kBuckets.size(); ++b) {
    cumulative += latency_[b];
    out += fmt::format("bellwether_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                       kBuckets[b], cumulative);
  }
  cumulative += latency_.back();
  out += fmt::format("bellwether_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n",
                     cumulative);
  out += fmt::format("bellwether_http_request_duration_seconds_sum {}\n", latency_sum_);
  out += fmt::format("bellwether_http_request_duration_seconds_count {}\n", latency_count_);
  out += "# HELP bellwether_snapshot_age_seconds Seconds since the serving snapshot was built.\n";
  out += "# TYPE bellwether_snapshot_age_seconds gauge\n";
  out += fmt::format("bellwether_snapshot_age_seconds {}\n", gauges.snapshot_age_seconds);
  out += "# HELP bellwether_snapshot_build_seconds Time the last snapshot build took.\n";
  out += "# TYPE bellwether_snapshot_build_seconds gauge\n";
  out += fmt::format("bellwether_snapshot_build_seconds {}\n", gauges.snapshot_build_seconds);
  out += "# HELP bellwether_snapshot_version Snapshots built since the server started.\n";
  out += "# TYPE bellwether_snapshot_version gauge\n";
  out += fmt::format("bellwether_snapshot_version {}\n", gauges.snapshot_version);
  out += "# HELP bellwether_store_errors_total Store calls that failed.\n";
  out += "# TYPE bellwether_store_errors_total counter\n";
  out += fmt::format("bellwether_store_errors_total {}\n", store_errors_);
  return out;
}

}  // namespace bw::server
