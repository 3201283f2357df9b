// What `GET /metrics` shows, in the Prometheus text format: requests by route and status,
// a latency histogram, snapshot age and build time, store errors. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace bw::server {

class MetricsRegistry {
 public:
  // Latency buckets (seconds) of the histogram.
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.5,   2.5};

  void RecordRequest(const std::string& route, int status, double seconds);
  void RecordStoreError() {
    std::lock_guard lock(mutex_);
    ++store_errors_;
  }

  // Gauges read at render time.
  struct Gauges {
    double snapshot_age_seconds = 0;
    double snapshot_build_seconds = 0;
    int64_t snapshot_version = 0;
  };
  std::string Render(const Gauges& gauges) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::array<uint64_t, kBuckets.size() + 1> latency_{};  // +Inf last
  double latency_sum_ = 0;
  uint64_t latency_count_ = 0;
  uint64_t store_errors_ = 0;
};

}  // namespace bw::server
