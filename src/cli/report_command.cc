// `bellwether report NAME [--data DIR | --db FILE] [--as-of D]
//  [--format table|json|csv|xlsx [--out FILE.xlsx [--force]]] ...`
// NAME: matrix, lifecycle, drivers, retention, touchpoints, responses, simulate,
// health-check, campaign (shared/spec/metrics.md, "Report objects"; docs/reports.md).
#include <fmt/core.h>

#include "analytics/drivers.h"
#include "analytics/engagement_classes.h"
#include "analytics/engagement_reports.h"
#include "analytics/health_check.h"
#include "analytics/lifecycle.h"
#include "analytics/retention.h"
#include "analytics/simulator.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "cli/report_render.h"
#include "service/loop_service.h"
#include "service/report_xlsx.h"
#include "store/store.h"

namespace bw::cli {
namespace {

struct ReportFlags {
  std::string name;
  AnalysisFlags analysis;
  std::string format = "table";
  XlsxOutputFlags xlsx;
  // simulate
  std::vector<std::string> moves;
  std::optional<double> target_nps;
  // campaign
  std::string baseline, followup, classified_on;
  // lifecycle
  std::optional<double> pareto;
  // touchpoints
  size_t limit = 0;
};

Result<Category> ParseCategory(const std::string& text, const std::string& move) {
  for (Category c :
       {Category::kPromoter, Category::kPassive, Category::kDetractor, Category::kNonResponder}) {
    if (CategoryName(c) == text) return c;
  }
  return InvalidArgument("--move \"" + move + "\": unknown category \"" + text +
                         "\" (promoter, passive, detractor, non_responder)");
}

// FROM:TO:SHARE, e.g. detractor:passive:0.2.
Result<analytics::CategoryMove> ParseMove(const std::string& move) {
  const size_t first = move.find(':');
  const size_t second = first == std::string::npos ? first : move.find(':', first + 1);
  if (second == std::string::npos) {
    return InvalidArgument("--move \"" + move +
                           "\": expected FROM:TO:SHARE, e.g. detractor:passive:0.2");
  }
  analytics::CategoryMove m;
  BW_ASSIGN_OR_RETURN(m.from, ParseCategory(move.substr(0, first), move));
  BW_ASSIGN_OR_RETURN(m.to, ParseCategory(move.substr(first + 1, second - first - 1), move));
  const std::string share = move.substr(second + 1);
  char* end = nullptr;
  m.share = std::strtod(share.c_str(), &end);
  if (share.empty() || end != share.c_str() + share.size() || !(m.share >= 0 && m.share <= 1)) {
    return InvalidArgument("--move \"" + move + "\": share \"" + share +
                           "\" must be a number from 0 to 1");
  }
  return m;
}

Result<RenderedReport> BuildReport(const ReportFlags& flags, const Analysis& analysis) {
  const snapshot::Snapshot& snap = *analysis.snapshot;
  analytics::MetricParams params = analysis.workspace.metrics;
  const Day as_of = analysis.as_of;
  if (flags.name == "matrix") {
    const auto facts = analytics::ComputeAccountFacts(snap, as_of, params);
    return RenderMatrix(as_of,
                        analytics::ComputeMatrix(analytics::ComputeAccountBasics(facts, params)));
  }
  if (flags.name == "lifecycle") {
    if (flags.pareto) params.pareto = *flags.pareto;
    const auto facts = analytics::ComputeAccountFacts(snap, as_of, params);
    return RenderLifecycle(as_of, params.pareto, analytics::ComputeLifecycle(snap, facts, params));
  }
  if (flags.name == "drivers") {
    const auto facts = analytics::ComputeAccountFacts(snap, as_of, params);
    return RenderDrivers(as_of, analytics::ComputeDrivers(snap, facts));
  }
  if (flags.name == "retention") {
    const auto facts = analytics::ComputeAccountFacts(snap, as_of, params);
    return RenderRetention(as_of, analytics::ComputeRetention(snap, facts),
                           analytics::ComputeRetentionSegments(snap, facts, params));
  }
  if (flags.name == "touchpoints" || flags.name == "responses") {
    const auto facts = analytics::ComputeAccountFacts(snap, as_of, params);
    const auto rows = analytics::ComputeAccountBasics(facts, params);
    if (flags.name == "touchpoints") {
      return RenderTouchpoints(snap, as_of, params, analytics::ComputeTouchpointsReport(rows),
                               rows, flags.limit);
    }
    return RenderResponses(snap, as_of,
                           analytics::ComputeResponsesReport(snap, rows, as_of, params), rows);
  }
  if (flags.name == "simulate") {
    analytics::SimulationScenario scenario;
    for (const std::string& move : flags.moves) {
      BW_ASSIGN_OR_RETURN(analytics::CategoryMove m, ParseMove(move));
      scenario.moves.push_back(m);
    }
    scenario.target_account_nps = flags.target_nps;
    const auto facts = analytics::ComputeAccountFacts(snap, as_of, params);
    BW_ASSIGN_OR_RETURN(const analytics::SimulationReport report,
                        analytics::Simulate(snap, facts, params, scenario));
    return RenderSimulation(as_of, report);
  }
  if (flags.name == "health-check") {
    return RenderHealthCheck(
        as_of, analytics::ComputeHealthCheck(snap, as_of, params, analysis.workspace.health));
  }
  if (flags.name == "campaign") {
    if (flags.baseline.empty() || flags.followup.empty()) {
      return InvalidArgument("report campaign needs --baseline WAVE and --followup WAVE");
    }
    Day classified_on;
    if (!flags.classified_on.empty()) {
      BW_ASSIGN_OR_RETURN(classified_on, AsOfDate(flags.classified_on));
    } else {
      const std::optional<Day> end = analytics::BaselineWaveEnd(snap, flags.baseline, as_of);
      if (!end) return NotFound("survey wave \"" + flags.baseline + "\" not found");
      classified_on = *end;
    }
    BW_ASSIGN_OR_RETURN(const analytics::CampaignReport report,
                        analytics::ComputeCampaign(snap, as_of, classified_on, flags.baseline,
                                                   flags.followup, params));
    return RenderCampaign(as_of, report);
  }
  return InvalidArgument("unknown report \"" + flags.name + "\"");
}

Status WriteReportXlsx(const ReportFlags& flags, const nlohmann::ordered_json& report) {
  BW_RETURN_IF_ERROR(WriteXlsxOutput(flags.analysis, flags.xlsx,
                                     service::ReportXlsxTables(flags.name, report)));
  if (!flags.xlsx.out.empty()) fmt::print("wrote report {} to {}\n", flags.name, flags.xlsx.out);
  return Status::Ok();
}

// docs/surveys.md, "Loop figures": the cases come from the store (never a CSV directory).
Status RunLoopReport(const ReportFlags& flags, const Analysis& analysis) {
  if (!flags.analysis.source.data_dir.empty()) {
    return InvalidArgument("report loop reads the cases of a store: use --db, not --data");
  }
  BW_ASSIGN_OR_RETURN(auto store,
                      store::OpenSqliteStoreReadOnly(DatabasePath(flags.analysis.source.db_path)));
  BW_ASSIGN_OR_RETURN(const std::vector<store::Case> cases, store->cases().AllCases());
  const nlohmann::ordered_json j = service::LoopFiguresToJson(
      *analysis.snapshot, cases, analysis.as_of, analysis.workspace.metrics.window_days);
  if (flags.format == "json") {
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  if (flags.format == "xlsx") return WriteReportXlsx(flags, j);
  const auto text = [](const nlohmann::ordered_json& v) {
    return v.is_null() ? std::string("n/a") : PercentText(v.get<double>());
  };
  fmt::print("Loop figures as of {} (cases opened in the last {} days)\n\n",
             FormatDate(analysis.as_of), j["window_days"].get<int>());
  fmt::print("  Cases opened              {}\n", j["cases_opened"].get<int64_t>());
  fmt::print("  Closed                    {}\n", j["cases_closed"].get<int64_t>());
  fmt::print("  Closed within 48 hours    {}\n", text(j["closed_within_48h"]));
  fmt::print("  Median hours to close     {}\n",
             j["median_hours_to_close"].is_null()
                 ? std::string("n/a")
                 : fmt::format("{:.1f}", j["median_hours_to_close"].get<double>()));
  fmt::print("  Detractors answering again {} ; next answer better {}\n",
             j["detractors_answered_again"].get<int64_t>(),
             text(j["detractors_next_answer_better"]));
  fmt::print("\n  Overdue by owner          cases  0-2 d  3-7 d  8+ d\n");
  for (const auto& o : j["overdue"]) {
    fmt::print("  {:<26} {:>5} {:>6} {:>6} {:>5}\n", TerminalSafe(o["owner"].get<std::string>()),
               o["cases"].get<int64_t>(), o["days_0_2"].get<int64_t>(),
               o["days_3_7"].get<int64_t>(), o["days_8_plus"].get<int64_t>());
  }
  return Status::Ok();
}

Status RunReport(const ReportFlags& flags) {
  BW_RETURN_IF_ERROR(CheckXlsxOutput(flags.analysis, flags.xlsx, flags.format));
  BW_ASSIGN_OR_RETURN(const Analysis analysis, LoadAnalysis(flags.analysis, /*keep_text=*/false));
  if (flags.name == "loop") return RunLoopReport(flags, analysis);
  BW_ASSIGN_OR_RETURN(const RenderedReport report, BuildReport(flags, analysis));
  if (flags.format == "json") {
    fmt::print("{}\n", report.json.dump(2));
  } else if (flags.format == "csv") {
    BW_RETURN_IF_ERROR(PrintCsv(flags.analysis, service::FlattenToRows(report.json)));
  } else if (flags.format == "xlsx") {
    BW_RETURN_IF_ERROR(WriteReportXlsx(flags, report.json));
  } else {
    fmt::print("{}", TerminalSafe(report.table));
  }
  return Status::Ok();
}

}  // namespace

void AddReportCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Book-of-business reports: matrix, lifecycle, drivers, retention, touchpoints, "
      "responses, simulate, health-check, campaign, loop.");
  cmd->add_option("NAME", flags->name, "Report name")
      ->required()
      ->check(CLI::IsMember({"matrix", "lifecycle", "drivers", "retention", "touchpoints",
                             "responses", "simulate", "health-check", "campaign", "loop"}));
  AddAnalysisOptions(*cmd, flags->analysis);
  AddFormatOption(*cmd, flags->format, {"table", "json", "csv", "xlsx"});
  AddXlsxOutputOptions(*cmd, flags->xlsx);
  cmd->add_option("--pareto", flags->pareto, "lifecycle: share of TTM the Pareto set reaches")
      ->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--move", flags->moves,
                  "simulate: FROM:TO:SHARE, e.g. detractor:passive:0.2 (repeatable)");
  cmd->add_option("--target-nps", flags->target_nps,
                  "simulate: move accounts up until the account NPS reaches this");
  cmd->add_option("--limit", flags->limit,
                  "touchpoints: list at most N silent and N overloaded accounts (0 = all)");
  cmd->add_option("--baseline", flags->baseline, "campaign: baseline survey wave, e.g. 2026-Q1");
  cmd->add_option("--followup", flags->followup, "campaign: follow-up survey wave, e.g. 2026-Q2");
  cmd->add_option("--classified-on", flags->classified_on,
                  "campaign: date of the engagement classes (default: end of the baseline wave)");
  RunAsAnalysis(*cmd, exit_code, [flags] { return RunReport(*flags); });
}

}  // namespace bw::cli
