// `bellwether metrics (--data DIR | --db FILE) [--as-of DATE] [--format table|json|csv|xlsx [--out F]]`
#include <fmt/core.h>

#include "analytics/summary.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/summary_render.h"
#include "service/report_xlsx.h"
#include "service/summary_json.h"

namespace bw::cli {
namespace {

struct MetricsFlags {
  AnalysisFlags analysis;
  std::string format = "table";
  XlsxOutputFlags xlsx;
};

Status RunMetrics(const MetricsFlags& flags) {
  BW_RETURN_IF_ERROR(CheckXlsxOutput(flags.analysis, flags.xlsx, flags.format));
  BW_ASSIGN_OR_RETURN(const Analysis analysis, LoadAnalysis(flags.analysis, /*keep_text=*/false));
  const analytics::MetricParams& params = analysis.workspace.metrics;
  const analytics::Summary summary =
      analytics::ComputeSummary(*analysis.snapshot, analysis.as_of, params);
  if (flags.format == "json") {
    fmt::print("{}\n", service::SummaryToJson(summary).dump(2));
  } else if (flags.format == "csv") {
    BW_RETURN_IF_ERROR(
        PrintCsv(flags.analysis, service::FlattenToRows(service::SummaryToJson(summary))));
  } else if (flags.format == "xlsx") {
    BW_RETURN_IF_ERROR(WriteXlsxOutput(
        flags.analysis, flags.xlsx,
        service::ReportXlsxTables("summary", service::SummaryToJson(summary))));
    if (!flags.xlsx.out.empty()) fmt::print("wrote the summary to {}\n", flags.xlsx.out);
  } else {
    fmt::print("{}", SummaryToTable(summary, params.pareto));
  }
  return Status::Ok();
}

}  // namespace

void AddMetricsCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<MetricsFlags>();
  CLI::App* cmd = app.add_subcommand(
      "metrics", "The book of business as of a date: NPS, coverage, retention, key accounts.");
  AddAnalysisOptions(*cmd, flags->analysis);
  AddFormatOption(*cmd, flags->format, {"table", "json", "csv", "xlsx"});
  AddXlsxOutputOptions(*cmd, flags->xlsx);
  RunAsAnalysis(*cmd, exit_code, [flags] { return RunMetrics(*flags); });
}

}  // namespace bw::cli
