// The data generator: deterministic, realistic B2B data sets in the import format
// (shared/spec/data-format.md) for the demo, the tests and the benchmarks.
//
// Each account carries a hidden health in [0, 1] that drifts month by month and drives
// everything observable: revenue expansion or contraction, churn, survey scores and
// response rates, support tickets and usage signals. docs/generator.md describes the
// model and the volumes it produces.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace bw::generate {

struct GenerateOptions {
  int64_t accounts = 2000;
  // The same seed (and the same other options) gives byte-identical files.
  uint64_t seed = 1;
  // Required: nothing is dated after it; revenue months end with its month.
  Day as_of = kNoDay;
  // Months of revenue, surveys, touchpoints and signals before as_of; accounts may have
  // been created earlier.
  int history_months = 36;
  // For measuring churn models only (bench/churn_quality_bench.cc: the ceiling an oracle
  // reaches): when set, called for every account active on hidden_health_day with that
  // month's hidden health. The product never sets it; the health is never written.
  Day hidden_health_day = kNoDay;
  std::function<void(std::string_view account_id, double health)> on_hidden_health;
  // For measuring churn models in other worlds than the default (bench only; the product
  // never sets them): the monthly churn hazard is 0.001 + churn_hazard_scale (1 - h)^3 and
  // the health's monthly random step has standard deviation health_drift_sd; an answer's
  // score is round(3.8 + 6 h + role shift + N(0, score_noise_sd)).
  double churn_hazard_scale = 0.05;
  double health_drift_sd = 0.05;
  double score_noise_sd = 1.5;
};

// Data rows written per file (headers not counted).
struct GenerateStats {
  int64_t accounts = 0;
  int64_t contacts = 0;
  int64_t revenue = 0;
  int64_t invitations = 0;
  int64_t responses = 0;
  int64_t touchpoints = 0;
  int64_t signals = 0;

  int64_t total() const {
    return accounts + contacts + revenue + invitations + responses + touchpoints + signals;
  }
};

// Writes OUT_DIR/{accounts,contacts,revenue,invitations,responses,touchpoints,signals}.csv,
// creating OUT_DIR (and its parents) when missing and replacing those files when present.
// contacts.csv and responses.csv use CRLF line ends, the others LF.
// Errors: kInvalidArgument when as_of is missing or out of 2000..9000, accounts is
// negative or above 10,000,000, or history_months is outside 1..600; kIoError when the
// directory or a file cannot be created or written.
Result<GenerateStats> GenerateDataSet(const std::string& out_dir, const GenerateOptions& options);

}  // namespace bw::generate
