// The churn model a CLI command scores with (docs/churn.md): the file of --model, or one
// trained on the history up to the as-of date. Shared by `churn score|threats`, `account
// --risk` and `accounts --risk`.
#pragma once

#include <string>
#include <utility>

#include "cli/common.h"
#include "predict/scoring.h"

namespace bw::cli {

// The model and how it is named in outputs and errors: the file, or "trained". A model
// trained as of a later day than the as-of date is refused (it has seen what came after).
Result<std::pair<predict::ChurnModel, std::string>> ChurnModelFor(const std::string& model_file,
                                                                  const Analysis& analysis);

// The model (as ChurnModelFor) and the scores of every account active on the as-of date.
struct ScoredChurn {
  predict::ChurnModel model;
  std::string source;
  predict::ChurnScores scores;
};
Result<ScoredChurn> ScoreChurn(const std::string& model_file, const Analysis& analysis);

}  // namespace bw::cli
