#include "cli/churn_support.h"

namespace bw::cli {

Result<std::pair<predict::ChurnModel, std::string>> ChurnModelFor(const std::string& model_file,
                                                                  const Analysis& analysis) {
  if (!model_file.empty()) {
    BW_ASSIGN_OR_RETURN(predict::ChurnModel model, predict::LoadModel(model_file));
    if (model.trained_as_of > analysis.as_of) {
      return FailedPrecondition(model_file + ": the model was trained as of " +
                                FormatDate(model.trained_as_of) + ", after the as-of date " +
                                FormatDate(analysis.as_of) +
                                ": it has seen what happened later; train one as of that date");
    }
    return std::make_pair(std::move(model), model_file);
  }
  BW_ASSIGN_OR_RETURN(
      predict::ChurnModel model,
      predict::TrainChurnModel(*analysis.snapshot, analysis.as_of, analysis.workspace.metrics,
                               predict::TrainingOptions{}));
  return std::make_pair(std::move(model), std::string("trained"));
}

Result<ScoredChurn> ScoreChurn(const std::string& model_file, const Analysis& analysis) {
  BW_ASSIGN_OR_RETURN(auto loaded, ChurnModelFor(model_file, analysis));
  ScoredChurn out{std::move(loaded.first), std::move(loaded.second), {}};
  BW_ASSIGN_OR_RETURN(out.scores,
                      predict::ScoreAccounts(out.model, *analysis.snapshot, analysis.as_of,
                                             analysis.workspace.metrics, out.source));
  return out;
}

}  // namespace bw::cli
