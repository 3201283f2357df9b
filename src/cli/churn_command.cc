// `bellwether churn train|backtest|score|threats [--data DIR | --db FILE] [--as-of D]
//  [--model FILE] [--format table|json|csv] [--limit N]` (issue 15; docs/churn.md).
#include <fmt/core.h>

#include "cli/churn_support.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "predict/evaluation.h"
#include "predict/scoring.h"
#include "service/account_csv.h"
#include "service/churn_json.h"
#include "service/loop_service.h"
#include "store/store.h"

namespace bw::cli {
namespace {

struct ChurnFlags {
  std::string action;
  AnalysisFlags analysis;
  std::string model;
  std::string format = "table";
  int64_t limit = 0;        // 0: all
  bool open_cases = false;  // threats: open a case for each new threat (--db only)
};

constexpr const char* kDefaultModelFile = "churn-model.json";

std::string Opt(const std::optional<double>& v, int decimals = 3) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "n/a";
}

// A CSV field, quoted when needed; text from the data set is kept from starting a
// spreadsheet formula (service::SpreadsheetSafe, as in the accounts download).
std::string CsvField(const std::string& raw) {
  const std::string s = service::SpreadsheetSafe(raw);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Status RunTrain(const ChurnFlags& flags, const Analysis& analysis) {
  BW_ASSIGN_OR_RETURN(
      const predict::ChurnModel model,
      predict::TrainChurnModel(*analysis.snapshot, analysis.as_of, analysis.workspace.metrics,
                               predict::TrainingOptions{}));
  const std::string path = flags.model.empty() ? kDefaultModelFile : flags.model;
  BW_RETURN_IF_ERROR(predict::SaveModel(model, path));
  if (flags.format == "json") {
    fmt::print("{}\n", service::ChurnModelToJson(model, path).dump(2));
    return Status::Ok();
  }
  fmt::print("Churn model trained as of {} -> {}\n", FormatDate(analysis.as_of), path);
  fmt::print("  training dates   {} ({} .. {})\n", model.training_dates.size(),
             FormatDate(model.training_dates.back()), FormatDate(model.training_dates.front()));
  fmt::print("  examples         {} ({} churned within 180 days)\n",
             GroupThousands(model.metrics.examples), GroupThousands(model.metrics.positives));
  fmt::print("  features         {}\n", model.features.size());
  fmt::print("  boosting rounds  {}\n", model.rounds);
  fmt::print("  validation AUC   {} (logistic baseline {})\n", Opt(model.metrics.validation_auc),
             Opt(model.metrics.validation_auc_logistic));
  return Status::Ok();
}

Status RunBacktestCommand(const ChurnFlags& flags, const Analysis& analysis) {
  BW_ASSIGN_OR_RETURN(
      const predict::Backtest bt,
      predict::RunBacktest(*analysis.snapshot, analysis.as_of, analysis.workspace.metrics,
                           analysis.workspace.health, predict::TrainingOptions{}));
  if (flags.format == "json") {
    fmt::print("{}\n", service::BacktestToJson(bt).dump(2));
    return Status::Ok();
  }
  if (flags.format == "csv") {
    fmt::print("method,roc_auc,pr_auc,brier,top_decile_lift,top_decile_revenue_share\n");
    for (const predict::Evaluation& e : bt.methods) {
      fmt::print("{},{},{},{},{},{}\n", e.method, Opt(e.roc_auc, 6), Opt(e.pr_auc, 6),
                 Opt(e.brier, 6), Opt(e.top_decile_lift, 6), Opt(e.top_decile_revenue_share, 6));
    }
    return Status::Ok();
  }
  fmt::print("Churn back-test: scored on {} (T - 180 days), outcome in ({}, {}]\n",
             FormatDate(bt.scored_on), FormatDate(bt.scored_on), FormatDate(bt.as_of));
  fmt::print("  accounts active then {}, churned since {} ({})\n", GroupThousands(bt.accounts),
             GroupThousands(bt.churned),
             PercentText(bt.accounts ? std::optional<double>(static_cast<double>(bt.churned) /
                                                             static_cast<double>(bt.accounts))
                                     : std::nullopt));
  fmt::print("  trained on {} dates up to {} (outcomes known then), {} rounds\n\n",
             bt.training_dates.size(), FormatDate(bt.training_dates.front()), bt.rounds);
  fmt::print("{:<14}{:>9}{:>9}{:>9}{:>14}{:>17}\n", "method", "ROC AUC", "PR AUC", "Brier",
             "top-10% lift", "churned TTM top");
  for (const predict::Evaluation& e : bt.methods) {
    fmt::print("{:<14}{:>9}{:>9}{:>9}{:>14}{:>17}\n", e.method, Opt(e.roc_auc), Opt(e.pr_auc),
               Opt(e.brier), Opt(e.top_decile_lift, 2), PercentText(e.top_decile_revenue_share));
  }
  for (const predict::Evaluation& e : bt.methods) {
    if (e.reliability.empty()) continue;
    fmt::print("\nReliability ({}): predicted risk band, accounts, mean predicted, observed\n",
               e.method);
    for (const predict::ReliabilityBin& b : e.reliability) {
      fmt::print("  [{:.2f}, {:.2f})  {:>8}  {:>8}  {:>8}\n", b.low, b.high,
                 GroupThousands(b.accounts),
                 b.accounts ? fmt::format("{:.3f}", b.mean_predicted) : "-",
                 b.accounts ? fmt::format("{:.3f}", b.observed) : "-");
    }
  }
  return Status::Ok();
}

Status RunScores(const ChurnFlags& flags, const Analysis& analysis, bool threats_only) {
  BW_ASSIGN_OR_RETURN(auto loaded, ChurnModelFor(flags.model, analysis));
  const predict::ChurnModel& model = loaded.first;
  const snapshot::Snapshot& snap = *analysis.snapshot;
  const std::string source = flags.model.empty() ? "the trained model" : flags.model;
  BW_ASSIGN_OR_RETURN(
      predict::ChurnScores scores,
      predict::ScoreAccounts(model, snap, analysis.as_of, analysis.workspace.metrics, source));
  const predict::ChurnSettings& settings = analysis.workspace.churn;
  std::vector<size_t> which;
  if (threats_only) {
    which = predict::Threats(scores, settings);
  } else {
    for (size_t i = 0; i < scores.accounts.size(); ++i) which.push_back(i);
  }
  loop::ThreatSync sync;
  if (flags.open_cases) {
    // Every threat counts here, not only the --limit shown: an ongoing threat case whose
    // account is not on the list ends.
    std::vector<loop::ThreatFacts> threats;
    for (size_t i : which) {
      const predict::AccountRisk& r = scores.accounts[i];
      threats.push_back({snap.account_id[r.account], r.risk, r.revenue_at_risk});
    }
    BW_ASSIGN_OR_RETURN(
        std::unique_ptr<store::Store> store,
        store::OpenSqliteStore(service::DatabasePath(flags.analysis.source.db_path)));
    BW_ASSIGN_OR_RETURN(sync, service::SyncThreatCases(*store, threats, analysis.workspace,
                                                       SystemClock::Instance()));
  }
  if (flags.limit > 0 && which.size() > static_cast<size_t>(flags.limit)) {
    which.resize(static_cast<size_t>(flags.limit));
  }
  BW_RETURN_IF_ERROR(predict::Explain(model, settings, which, scores));
  if (flags.format == "json") {
    nlohmann::ordered_json j = service::ChurnScoresToJson(
        snap, scores, which, service::ChurnModelToJson(model, loaded.second));
    if (flags.open_cases) {
      j["cases_opened"] = nlohmann::ordered_json::array();
      for (const store::Case& c : sync.opened) j["cases_opened"].push_back(service::CaseToJson(c));
      j["threats_ended"] = nlohmann::ordered_json::array();
      for (const store::Case& c : sync.ended) {
        j["threats_ended"].push_back({{"case_id", c.id}, {"account_id", c.account_id}});
      }
    }
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  if (flags.format == "csv") {
    fmt::print("account_id,name,tier,risk,ttm,revenue_at_risk,factors,actions\n");
    for (size_t i : which) {
      const predict::AccountRisk& r = scores.accounts[i];
      std::string factors, actions;
      for (const predict::Factor& f : r.factors) factors += (factors.empty() ? "" : "; ") + f.text;
      for (const std::string& a : r.actions) actions += (actions.empty() ? "" : "; ") + a;
      fmt::print("{},{},{},{:.6f},{:.2f},{:.2f},{},{}\n", CsvField(snap.account_id[r.account]),
                 CsvField(snap.account_name[r.account]), analytics::TierName(r.tier), r.risk, r.ttm,
                 r.revenue_at_risk, CsvField(factors), CsvField(actions));
    }
    return Status::Ok();
  }
  fmt::print(
      "{} as of {}: {} of {} active accounts (model trained as of {})\n",
      threats_only
          ? "Churn threats (tier A/B, risk >= " + fmt::format("{:.2f}", settings.threat_risk) + ")"
          : std::string("Churn risk"),
      FormatDate(analysis.as_of), which.size(), scores.accounts.size(),
      FormatDate(model.trained_as_of));
  for (size_t i : which) {
    const predict::AccountRisk& r = scores.accounts[i];
    fmt::print("\n{} {} (tier {})  risk {:.1f} %  TTM {}  at risk {}\n",
               TerminalSafe(snap.account_id[r.account]), TerminalSafe(snap.account_name[r.account]),
               analytics::TierName(r.tier), 100.0 * r.risk,
               MoneyText(static_cast<Cents>(std::llround(r.ttm * 100))),
               MoneyText(static_cast<Cents>(std::llround(r.revenue_at_risk * 100))));
    for (const predict::Factor& f : r.factors) fmt::print("  - {}\n", TerminalSafe(f.text));
    for (const std::string& a : r.actions) fmt::print("  -> {}\n", TerminalSafe(a));
  }
  if (flags.open_cases) {
    fmt::print("\nCases: {} opened for new threats, {} threats ended\n", sync.opened.size(),
               sync.ended.size());
    for (const store::Case& c : sync.opened) {
      fmt::print("  case {}  {}  owner {}\n", c.id, TerminalSafe(c.account_id),
                 TerminalSafe(c.owner.empty() ? "(none)" : c.owner));
    }
  }
  return Status::Ok();
}

Status RunChurn(const ChurnFlags& flags) {
  if (flags.open_cases && (flags.action != "threats" || !flags.analysis.source.data_dir.empty())) {
    return InvalidArgument(
        "--open-cases: only with `churn threats` on the database (--db), where cases live");
  }
  BW_ASSIGN_OR_RETURN(const Analysis analysis, LoadAnalysis(flags.analysis, /*keep_text=*/false));
  if (flags.action == "train") return RunTrain(flags, analysis);
  if (flags.action == "backtest") return RunBacktestCommand(flags, analysis);
  return RunScores(flags, analysis, flags.action == "threats");
}

}  // namespace

void AddChurnCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ChurnFlags>();
  CLI::App* cmd = app.add_subcommand(
      "churn", "Churn prediction: train a model, back-test it, score accounts, list threats.");
  cmd->add_option("ACTION", flags->action, "train, backtest, score or threats")
      ->required()
      ->check(CLI::IsMember({"train", "backtest", "score", "threats"}));
  AddAnalysisOptions(*cmd, flags->analysis);
  cmd->add_option("--model", flags->model,
                  "Model file (train: where to write it, default churn-model.json; score, "
                  "threats: the model to use, default: train on the history first)");
  AddFormatOption(*cmd, flags->format, {"table", "json", "csv"});
  cmd->add_option("--limit", flags->limit, "score, threats: at most this many accounts (0: all)")
      ->check(CLI::Range(int64_t{0}, int64_t{10'000'000}));
  cmd->add_flag("--open-cases", flags->open_cases,
                "threats: open a case for the owner of each new threat (once per threat; an "
                "ongoing threat case whose account is no threat any more ends); needs --db");
  RunAsAnalysis(*cmd, exit_code, [flags] { return RunChurn(*flags); });
}

}  // namespace bw::cli
