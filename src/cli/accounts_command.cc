// `bellwether accounts [--data DIR | --db FILE] [--as-of D] [--filter EXPR]... [--sort FIELD]
//  [--format table|json|csv] [--limit N]`: one row per active account (metrics.md, "The
// account row").
#include <fmt/core.h>

#include <cstdio>

#include "analytics/account_rows.h"
#include "cli/account_filter.h"
#include "cli/account_render.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "io/csv_writer.h"

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
               analytics::TierName(b.tier),
               MoneyText(b.ttm), b.score ? fmt::format("{:.1f}", *b.score) : "-",
               Pad(std::string(CategoryName(b.category)), 13),
               Pad(std::string(analytics::QuadrantName(b.quadrant)), 15), health, flags);
  }
}

Status RunAccounts(const AccountsFlags& flags) {
  std::vector<AccountFilter> filters;
  for (const std::string& expression : flags.filters) {
    BW_ASSIGN_OR_RETURN(AccountFilter filter, ParseAccountFilter(expression));
    filters.push_back(std::move(filter));
  }
  BW_ASSIGN_OR_RETURN(const Analysis analysis, LoadAnalysis(flags.analysis, /*keep_text=*/false));
  const snapshot::Snapshot& snap = *analysis.snapshot;
  std::vector<analytics::AccountRow> all = analytics::ComputeAccountRows(
      snap, analysis.as_of, analysis.workspace.metrics, analysis.workspace.health);
  const size_t total = all.size();
  std::vector<analytics::AccountRow> rows;
  for (analytics::AccountRow& row : all) {
    bool keep = true;
    for (const AccountFilter& filter : filters) keep = keep && Matches(filter, snap, row);
    if (keep) rows.push_back(std::move(row));
  }
  BW_RETURN_IF_ERROR(SortAccountRows(flags.sort, snap, rows));
  const size_t matching = rows.size();
  if (flags.limit > 0 && rows.size() > flags.limit) rows.resize(flags.limit);

  if (flags.format == "json") {
    nlohmann::ordered_json out;
    out["as_of"] = FormatDate(analysis.as_of);
    out["accounts"] = nlohmann::ordered_json::array();
    for (const analytics::AccountRow& row : rows)
      out["accounts"].push_back(AccountRowToJson(snap, row));
    fmt::print("{}\n", out.dump(2));
  } else if (flags.format == "csv") {
    std::string text;
    auto append_row = [&text](const std::vector<std::string>& fields) {
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) text.push_back(',');
        text += io::CsvWriter::Escape(fields[i]);
      }
      text.push_back('\n');
    };
    append_row(AccountCsvHeader());
    for (const analytics::AccountRow& row : rows) append_row(AccountCsvFields(snap, row));
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    PrintTable(snap, rows, matching, total, analysis.as_of);
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
