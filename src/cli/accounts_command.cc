// `bellwether accounts [--data DIR | --db FILE] [--as-of D] [--filter EXPR]... [--sort FIELD]
//  [--format table|json|csv|xlsx [--out FILE.xlsx [--force]]] [--limit N] [--risk]`: one row
// per active account (metrics.md, "The account row").
#include <fmt/core.h>

#include <cstdio>
#include <optional>

#include "analytics/account_rows.h"
#include "analytics/engagement_classes.h"
#include "cli/churn_support.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "cli/language.h"
#include "service/account_csv.h"
#include "service/account_json.h"
#include "service/account_query.h"
#include "service/account_risk.h"
#include "service/account_xlsx.h"

namespace bw::cli {
namespace {

struct AccountsFlags {
  AnalysisFlags analysis;
  std::vector<std::string> filters;
  std::string sort = "ttm";
  std::string format = "table";
  XlsxOutputFlags xlsx;
  size_t limit = 0;
  bool risk = false;
  std::string model;  // --model FILE (implies --risk)
};

// The account check in a few characters: "ok", or what is missing: "+2" contacts and the
// roles, "dm" decision maker, "inf" influencer, "usr" user, "i/u" influencer or user
// (German: "ent", "bee", "anw", "b/a").
std::string CheckText(const analytics::AccountCheck& check) {
  if (check.ok) return "ok";
  std::string text = check.missing_contacts > 0 ? fmt::format("+{}", check.missing_contacts) : "";
  static constexpr const char* kRoles[] = {"dm", "inf", "usr", "i/u"};
  static constexpr const char* kRolesDe[] = {"ent", "bee", "anw", "b/a"};
  for (int bit = 0; bit < 4; ++bit) {
    if ((check.missing_role_bits >> bit) & 1) {
      text += (text.empty() ? "" : " ") + std::string(InGerman() ? kRolesDe[bit] : kRoles[bit]);
    }
  }
  return text;
}

// Health for a table cell: "41 y" (the colour's initial) in English; German initials
// would not tell grün from gelb, so the word: "41 gelb".
std::string HealthCell(const analytics::HealthSummary& health) {
  if (!health.score) return std::string(Tr("n/a", "k. A."));
  const std::string_view colour = HealthColourLabel(health.colour);
  return DecimalText(*health.score, 0) + " " +
         std::string(InGerman() ? colour : colour.substr(0, 1));
}

// `risk` null: no risk column (the table without --risk is unchanged).
void PrintTable(const snapshot::Snapshot& snap, const std::vector<analytics::AccountRow>& rows,
                size_t matching, size_t total, Day as_of, const service::RiskLookup* risk) {
  fmt::print(fmt::runtime(Tr("Accounts as of {}: {} of {} active accounts{}\n\n",
                             "Kunden, Stand {}: {} von {} aktiven Kunden{}\n\n")),
             DateText(as_of), GroupThousands(static_cast<int64_t>(matching)),
             GroupThousands(static_cast<int64_t>(total)),
             rows.size() < matching
                 ? fmt::format(fmt::runtime(Tr(", first {} shown", ", die ersten {} gezeigt")),
                               rows.size())
                 : "");
  const size_t health_width = InGerman() ? 8 : 6;
  const size_t category_width = InGerman() ? 13 : 13;
  const size_t quadrant_width = InGerman() ? 17 : 15;
  fmt::print("{} {} {:>5} {:>15} {:>6} {} {} {:>{}} {} {:>6}{} {} {}\n",
             Pad(std::string(Tr("account", "Kunde")), 14), Pad(std::string(Tr("name", "Name")), 28),
             Tr("tier", "Stufe"), "TTM", Tr("score", "Score"),
             Pad(std::string(Tr("category", "Kategorie")), category_width),
             Pad(std::string(Tr("quadrant", "Quadrant")), quadrant_width), Tr("health", "Health"),
             health_width, Pad(std::string(Tr("check", "Check")), 10), Tr("class", "Klasse"),
             risk != nullptr ? fmt::format(" {:>7}", Tr("risk", "Risiko")) : std::string(),
             Pad(std::string(Tr("owner", "Betreuer")), 20), Tr("flags", "Hinweise"));
  uint32_t flags_shown = 0;
  for (const analytics::AccountRow& row : rows) {
    const analytics::AccountBasics& b = row.basics;
    std::string flags;
    for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
      const auto flag = static_cast<analytics::AccountFlag>(f);
      if (b.Has(flag)) flags += (flags.empty() ? "" : " ") + std::string(analytics::FlagName(flag));
    }
    flags_shown |= b.flags;
    // The owner's email before the "@" (the domain is the vendor's, the same on every row).
    const std::string& owner = snap.owner[b.account];
    const std::string owner_name = owner.substr(0, owner.find('@'));
    std::string risk_cell;
    if (risk != nullptr) {
      const predict::AccountRisk* r = risk->Find(snap.account_id[b.account]);
      risk_cell =
          fmt::format(" {:>7}", r != nullptr ? DecimalText(100.0 * r->risk, 1) + " %" : "-");
    }
    fmt::print("{} {} {:>5} {:>15} {:>6} {} {} {:>{}} {} {:>6}{} {} {}\n",
               Pad(Truncated(TerminalSafe(snap.account_id[b.account]), 14), 14),
               Pad(Truncated(TerminalSafe(snap.account_name[b.account]), 28), 28),
               analytics::TierName(b.tier), MoneyText(b.ttm),
               b.score ? DecimalText(*b.score, 1) : "-",
               Pad(std::string(CategoryLabel(b.category)), category_width),
               Pad(std::string(QuadrantLabel(b.quadrant)), quadrant_width), HealthCell(row.health),
               health_width, Pad(CheckText(b.check), 10),
               analytics::EngagementClassName(analytics::EngagementClassOf(b)), risk_cell,
               Pad(owner.empty() ? "-" : Truncated(TerminalSafe(owner_name), 20), 20), flags);
  }
  fmt::print("{}", Tr("\nscore: account score 0-10; health: 0-100, g/y/r green, yellow, red; "
                      "owner: the owner's\nemail before the @; check: ok, or what is missing (+N "
                      "contacts, dm decision maker,\ninf influencer, usr user, i/u influencer or "
                      "user); class: engagement class A-D\n(docs/engagement-classes.md); TTM in ",
                      "\nScore: Kunden-Score 0-10; Health: 0-100 (grün, gelb, rot); Betreuer: "
                      "seine E-Mail-Adresse\nvor dem @; Check: ok, oder was fehlt (+N "
                      "Ansprechpartner, ent Entscheider, bee Beeinflusser,\nanw Anwender, b/a "
                      "Beeinflusser oder Anwender); Klasse: Engagement-Klasse A-D\n"
                      "(docs/engagement-classes.md); TTM in "));
  fmt::print("{}\n", CurrentOutputStyle().currency);
  if (risk != nullptr) {
    fmt::print("{}", Tr("risk: probability of churn within 180 days (docs/churn.md)\n",
                        "Risiko: Wahrscheinlichkeit der Abwanderung in 180 Tagen "
                        "(docs/churn.md)\n"));
  }
  for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
    const auto flag = static_cast<analytics::AccountFlag>(f);
    if ((flags_shown >> f) & 1) {
      fmt::print("{:<20} {}\n", analytics::FlagName(flag), FlagExplanation(flag));
    }
  }
}

Status RunAccounts(const AccountsFlags& flags) {
  service::AccountQuery query;
  for (const std::string& expression : flags.filters) {
    BW_ASSIGN_OR_RETURN(service::AccountFilter filter, service::ParseAccountFilter(expression));
    query.filters.push_back(std::move(filter));
  }
  BW_RETURN_IF_ERROR(CheckXlsxOutput(flags.analysis, flags.xlsx, flags.format));
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
  // With --risk: the model's scores, looked up per row (no SHAP: `account ID --risk`
  // explains one account).
  std::optional<ScoredChurn> scored;
  std::optional<service::RiskLookup> risk;
  if (flags.risk || !flags.model.empty()) {
    BW_ASSIGN_OR_RETURN(scored, ScoreChurn(flags.model, analysis));
    risk.emplace(service::ScoredBook{&scored->model, &snap, &scored->scores});
  }

  if (flags.format == "json" && risk) {
    nlohmann::ordered_json list = service::AccountListToJson(snap, analysis.as_of, rows);
    service::AddRowRisks(list["accounts"], *risk);
    fmt::print("{}\n", list.dump(2));
  } else if (flags.format == "json") {
    // Streamed: 100,000 rows make about 94 MB of text, which a DOM costs twice the time of
    // the analytics to build and dump (docs/performance.md, "JSON output").
    const std::string text = service::AccountListJsonText(snap, analysis.as_of, rows);
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else if (flags.format == "csv") {
    std::vector<std::vector<std::string>> table = {service::AccountCsvHeader()};
    if (risk) table[0].insert(table[0].end(), {"risk", "revenue_at_risk"});
    table.reserve(rows.size() + 1);
    for (const analytics::AccountRow& row : rows) {
      table.push_back(service::AccountCsvFields(snap, row));
      if (risk) {
        const predict::AccountRisk* r = risk->Find(snap.account_id[row.basics.account]);
        table.back().push_back(r != nullptr ? fmt::format("{:.4f}", r->risk) : "");
        table.back().push_back(r != nullptr ? fmt::format("{:.2f}", r->revenue_at_risk) : "");
      }
    }
    BW_RETURN_IF_ERROR(PrintCsv(flags.analysis, table));
  } else if (flags.format == "xlsx") {
    io::XlsxTable table = service::AccountListXlsxTable(snap, rows);
    if (risk) {  // the columns of --format csv: the risk as a percentage, money at risk
      table.columns.insert(table.columns.end(), {"risk", "revenue_at_risk"});
      for (size_t i = 0; i < rows.size(); ++i) {
        const predict::AccountRisk* r = risk->Find(snap.account_id[rows[i].basics.account]);
        table.rows[i].push_back({r != nullptr ? fmt::format("{}", r->risk) : "",
                                 io::XlsxKind::kPercent});
        table.rows[i].push_back({r != nullptr ? fmt::format("{:.2f}", r->revenue_at_risk) : "",
                                 io::XlsxKind::kMoney});
      }
    }
    BW_RETURN_IF_ERROR(WriteXlsxOutput(flags.analysis, flags.xlsx, {std::move(table)}));
    if (!flags.xlsx.out.empty()) {
      fmt::print("wrote {} accounts to {}\n", rows.size(), flags.xlsx.out);
    }
  } else {
    PrintTable(snap, rows, page.matching, page.total_active, analysis.as_of,
               risk ? &*risk : nullptr);
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
  AddFormatOption(*cmd, flags->format, {"table", "json", "csv", "xlsx"});
  AddXlsxOutputOptions(*cmd, flags->xlsx);
  cmd->add_option("--limit", flags->limit, "Show at most N rows (0 = all)");
  cmd->add_flag("--risk", flags->risk,
                "Add each account's churn risk (docs/churn.md); trains on the history up to the "
                "as-of date unless --model is given");
  cmd->add_option("--model", flags->model, "Score with this saved churn model (implies --risk)");
  RunAsAnalysis(*cmd, exit_code, [flags] { return RunAccounts(*flags); });
}

}  // namespace bw::cli
