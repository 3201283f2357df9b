// `bellwether accounts [--data DIR | --db FILE] [--as-of D] [--filter EXPR]... [--sort FIELD]
//  [--format table|json|csv] [--limit N]`: one row per active account (metrics.md, "The
// account row").
#include <fmt/core.h>

#include <cstdio>

#include "analytics/account_rows.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "service/account_csv.h"
#include "service/account_json.h"
#include "service/account_query.h"

namespace bw::cli {
namespace {

struct AccountsFlags {
  AnalysisFlags analysis;
  std::vector<std::string> filters;
  std::string sort = "ttm";
  std::string format = "table";
  size_t limit = 0;
};

std::string Truncated(const std::string& text, size_t width) {
  // Cut on a UTF-8 character boundary so umlauts survive.
  if (text.size() <= width) return text;
  size_t cut = width - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

// Display width of UTF-8 text (code points; good enough for Latin scripts).
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

std::string Pad(const std::string& text, size_t width) {
  const size_t w = DisplayWidth(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

void PrintTable(const snapshot::Snapshot& snap, const std::vector<analytics::AccountRow>& rows,
                size_t matching, size_t total, Day as_of) {
  fmt::print("Accounts as of {}: {} of {} active accounts{}\n\n", FormatDate(as_of), matching,
             total, rows.size() < matching ? fmt::format(", first {} shown", rows.size()) : "");
  fmt::print("{} {} {:>4} {:>15} {:>6} {} {} {:>6} {}\n", Pad("account", 14), Pad("name", 28),
             "tier", "TTM", "score", Pad("category", 13), Pad("quadrant", 15), "health", "flags");
  for (const analytics::AccountRow& row : rows) {
    const analytics::AccountBasics& b = row.basics;
    std::string flags;
    for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
      const auto flag = static_cast<analytics::AccountFlag>(f);
      if (b.Has(flag)) flags += (flags.empty() ? "" : " ") + std::string(analytics::FlagName(flag));
    }
    const std::string health =
        row.health.score ? fmt::format("{:.0f} {}", *row.health.score,
                                       analytics::HealthColourName(row.health.colour).substr(0, 1))
                         : "n/a";
    fmt::print("{} {} {:>4} {:>15} {:>6} {} {} {:>6} {}\n",
               Pad(Truncated(TerminalSafe(snap.account_id[b.account]), 14), 14),
               Pad(Truncated(TerminalSafe(snap.account_name[b.account]), 28), 28),
               analytics::TierName(b.tier), MoneyText(b.ttm),
               b.score ? fmt::format("{:.1f}", *b.score) : "-",
               Pad(std::string(CategoryName(b.category)), 13),
               Pad(std::string(analytics::QuadrantName(b.quadrant)), 15), health, flags);
  }
}

Status RunAccounts(const AccountsFlags& flags) {
  service::AccountQuery query;
  for (const std::string& expression : flags.filters) {
    BW_ASSIGN_OR_RETURN(service::AccountFilter filter, service::ParseAccountFilter(expression));
    query.filters.push_back(std::move(filter));
  }
  BW_ASSIGN_OR_RETURN(const Analysis analysis, LoadAnalysis(flags.analysis, /*keep_text=*/false));
  // Parsed after loading, as before the service module: a bad --sort is reported only once
  // the data has loaded.
  BW_ASSIGN_OR_RETURN(query.sort, service::ParseCliSort(flags.sort));
  query.limit = flags.limit;
  const snapshot::Snapshot& snap = *analysis.snapshot;
  service::AccountPage page = service::RunAccountQuery(
      snap,
      analytics::ComputeAccountRows(snap, analysis.as_of, analysis.workspace.metrics,
                                    analysis.workspace.health),
      query);
  const std::vector<analytics::AccountRow>& rows = page.rows;

  if (flags.format == "json") {
    // Streamed: 100,000 rows make about 94 MB of text, which a DOM costs twice the time of
    // the analytics to build and dump (docs/performance.md, "JSON output").
    const std::string text = service::AccountListJsonText(snap, analysis.as_of, rows);
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else if (flags.format == "csv") {
    const std::string text = service::AccountListToCsv(snap, rows);
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    PrintTable(snap, rows, page.matching, page.total_active, analysis.as_of);
  }
  return Status::Ok();
}

}  // namespace

void AddAccountsCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<AccountsFlags>();
  CLI::App* cmd = app.add_subcommand(
      "accounts", "One row per active account: tier, loyalty, quadrant, flags, check, health.");
  AddAnalysisOptions(*cmd, flags->analysis);
  cmd->add_option("--filter", flags->filters,
                  "FIELD=VALUE[|VALUE] or FIELD!=VALUE; fields: tier, category, quadrant, owner, "
                  "industry, region, colour, flag, class (repeatable: all must hold)");
  cmd->add_option("--sort", flags->sort,
                  "ttm, score, health, health_change, days_since_last, name, account_id, tier; "
                  "append :asc or :desc")
      ->capture_default_str();
  AddFormatOption(*cmd, flags->format, {"table", "json", "csv"});
  cmd->add_option("--limit", flags->limit, "Show at most N rows (0 = all)");
  RunAsAnalysis(*cmd, exit_code, [flags] { return RunAccounts(*flags); });
}

}  // namespace bw::cli
