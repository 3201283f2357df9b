#include "cli/account_filter.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>

#include "analytics/engagement_classes.h"

namespace bw::cli {
namespace {

using analytics::AccountRow;

const std::vector<std::string> kFilterFields = {
    "tier", "category", "quadrant", "owner", "industry", "region", "colour", "flag", "class"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The values of `field` for a row (several for flags).
std::vector<std::string> FieldValues(const std::string& field, const snapshot::Snapshot& snap,
                                     const AccountRow& row) {
  const analytics::AccountBasics& b = row.basics;
  if (field == "tier") return {std::string(analytics::TierName(b.tier))};
  if (field == "category") return {std::string(CategoryName(b.category))};
  if (field == "quadrant") return {std::string(analytics::QuadrantName(b.quadrant))};
  if (field == "owner") return {Lower(snap.owner[b.account])};
  if (field == "industry") return {Lower(snap.industry[b.account])};
  if (field == "region") return {Lower(snap.region[b.account])};
  if (field == "colour") {
    return {row.health.score ? std::string(analytics::HealthColourName(row.health.colour)) : ""};
  }
  if (field == "class") {
    return {std::string(analytics::EngagementClassName(analytics::EngagementClassOf(b)))};
  }
  std::vector<std::string> flags;
  for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
    const auto flag = static_cast<analytics::AccountFlag>(f);
    if (b.Has(flag)) flags.emplace_back(analytics::FlagName(flag));
  }
  return flags;
}

bool CaseInsensitiveField(const std::string& field) {
  return field == "owner" || field == "industry" || field == "region";
}

}  // namespace

Result<AccountFilter> ParseAccountFilter(const std::string& expression) {
  AccountFilter filter;
  size_t op = expression.find("!=");
  size_t value_start;
  if (op != std::string::npos) {
    filter.negate = true;
    value_start = op + 2;
  } else {
    op = expression.find('=');
    if (op == std::string::npos) {
      return InvalidArgument("--filter \"" + expression +
                             "\": expected FIELD=VALUE or FIELD!=VALUE, e.g. tier=A|B");
    }
    value_start = op + 1;
  }
  filter.field = Lower(expression.substr(0, op));
  if (std::find(kFilterFields.begin(), kFilterFields.end(), filter.field) == kFilterFields.end()) {
    std::string known;
    for (const std::string& f : kFilterFields) known += (known.empty() ? "" : ", ") + f;
    return InvalidArgument("--filter \"" + expression + "\": unknown field \"" + filter.field +
                           "\" (one of " + known + ")");
  }
  std::string rest = expression.substr(value_start);
  size_t start = 0;
  while (start <= rest.size()) {
    const size_t bar = rest.find('|', start);
    std::string value =
        rest.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    if (CaseInsensitiveField(filter.field)) value = Lower(value);
    filter.values.push_back(value);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  if (filter.field == "flag") {
    for (const std::string& v : filter.values) {
      if (!analytics::ParseFlag(v)) {
        return InvalidArgument("--filter \"" + expression + "\": unknown flag \"" + v + "\"");
      }
    }
  }
  return filter;
}

bool Matches(const AccountFilter& filter, const snapshot::Snapshot& snap, const AccountRow& row) {
  bool any = false;
  for (const std::string& value : FieldValues(filter.field, snap, row)) {
    if (std::find(filter.values.begin(), filter.values.end(), value) != filter.values.end()) {
      any = true;
      break;
    }
  }
  return filter.negate ? !any : any;
}

Status SortAccountRows(const std::string& spec, const snapshot::Snapshot& snap,
                       std::vector<AccountRow>& rows) {
  std::string field = spec;
  bool descending = true;
  if (const size_t colon = spec.find(':'); colon != std::string::npos) {
    field = spec.substr(0, colon);
    const std::string order = spec.substr(colon + 1);
    if (order != "asc" && order != "desc") {
      return InvalidArgument("--sort \"" + spec + "\": order must be asc or desc");
    }
    descending = order == "desc";
  } else if (field == "name" || field == "account_id" || field == "tier") {
    descending = false;  // alphabetical by default
  }
  // A key per row; rows without a value sort last either way.
  std::function<std::optional<double>(const AccountRow&)> number;
  std::function<std::string(const AccountRow&)> text;
  if (field == "ttm") {
    if (descending) return Status::Ok();  // rows come in Pareto order already
    number = [](const AccountRow& r) { return static_cast<double>(r.basics.ttm); };
  } else if (field == "score") {
    number = [](const AccountRow& r) { return r.basics.score; };
  } else if (field == "health") {
    number = [](const AccountRow& r) { return r.health.score; };
  } else if (field == "health_change") {
    number = [](const AccountRow& r) -> std::optional<double> {
      if (!r.health.score || !r.health_90d_ago) return std::nullopt;
      return *r.health.score - *r.health_90d_ago;
    };
  } else if (field == "days_since_last") {
    number = [](const AccountRow& r) -> std::optional<double> {
      if (!r.basics.touchpoints.days_since_last) return std::nullopt;
      return *r.basics.touchpoints.days_since_last;
    };
  } else if (field == "name") {
    text = [&snap](const AccountRow& r) { return snap.account_name[r.basics.account]; };
  } else if (field == "account_id") {
    text = [&snap](const AccountRow& r) { return snap.account_id[r.basics.account]; };
  } else if (field == "tier") {
    text = [](const AccountRow& r) { return std::string(analytics::TierName(r.basics.tier)); };
  } else {
    return InvalidArgument("--sort \"" + spec +
                           "\": unknown field (ttm, score, health, health_change, "
                           "days_since_last, name, account_id, tier)");
  }
  // Stable: equal keys keep Pareto order.
  if (number) {
    std::stable_sort(rows.begin(), rows.end(), [&](const AccountRow& x, const AccountRow& y) {
      const std::optional<double> a = number(x), b = number(y);
      if (!a || !b) return a.has_value() && !b.has_value();
      return descending ? *a > *b : *a < *b;
    });
  } else {
    std::stable_sort(rows.begin(), rows.end(), [&](const AccountRow& x, const AccountRow& y) {
      return descending ? text(x) > text(y) : text(x) < text(y);
    });
  }
  return Status::Ok();
}

}  // namespace bw::cli
