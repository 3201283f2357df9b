#include "service/account_query.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <optional>

#include "analytics/engagement_classes.h"
#include "core/ascii.h"

namespace bw::service {
namespace {

using analytics::AccountRow;

const std::vector<std::string> kFilterFields = {
    "tier", "category", "quadrant", "owner", "industry", "region", "colour", "flag", "class"};

constexpr const char* kSortFields =
    "ttm, score, health, health_change, days_since_last, name, account_id, tier";

bool IsFilterField(const std::string& field) {
  return std::find(kFilterFields.begin(), kFilterFields.end(), field) != kFilterFields.end();
}

QueryError Invalid(std::string field, std::string message) {
  return {std::move(field), InvalidArgument(std::move(message))};
}

// The values of `field` for a row (several for flags).
std::vector<std::string> FieldValues(const std::string& field, const snapshot::Snapshot& snap,
                                     const AccountRow& row) {
  const analytics::AccountBasics& b = row.basics;
  if (field == "tier") return {std::string(analytics::TierName(b.tier))};
  if (field == "category") return {std::string(CategoryName(b.category))};
  if (field == "quadrant") return {std::string(analytics::QuadrantName(b.quadrant))};
  if (field == "owner") return {AsciiLower(snap.owner[b.account])};
  if (field == "industry") return {AsciiLower(snap.industry[b.account])};
  if (field == "region") return {AsciiLower(snap.region[b.account])};
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

// The values a field can take when they form a closed list (tier, category, quadrant,
// colour, class, flag), in their canonical spelling; empty for the open fields (owner,
// industry, region), whose values come from the data.
std::vector<std::string> VocabularyOf(const std::string& field) {
  std::vector<std::string> names;
  if (field == "tier") {
    for (int t = 0; t <= static_cast<int>(analytics::Tier::kD); ++t) {
      names.emplace_back(analytics::TierName(static_cast<analytics::Tier>(t)));
    }
  } else if (field == "category") {
    for (int c = 0; c <= static_cast<int>(Category::kNonResponder); ++c) {
      names.emplace_back(CategoryName(static_cast<Category>(c)));
    }
  } else if (field == "quadrant") {
    for (int q = 0; q < analytics::kQuadrantCount; ++q) {
      names.emplace_back(analytics::QuadrantName(static_cast<analytics::Quadrant>(q)));
    }
  } else if (field == "colour") {
    for (int c = 0; c <= static_cast<int>(analytics::HealthColour::kRed); ++c) {
      names.emplace_back(analytics::HealthColourName(static_cast<analytics::HealthColour>(c)));
    }
  } else if (field == "class") {
    for (int c = 0; c <= static_cast<int>(analytics::EngagementClass::kD); ++c) {
      names.emplace_back(
          analytics::EngagementClassName(static_cast<analytics::EngagementClass>(c)));
    }
  } else if (field == "flag") {
    for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
      names.emplace_back(analytics::FlagName(static_cast<analytics::AccountFlag>(f)));
    }
  }
  return names;
}

// `value` in the canonical spelling of `field`'s closed list (case does not matter for any
// field), or an error listing the valid values. Open fields compare in lower case. An empty
// colour stands for "no health score" (the row's colour is empty then).
QueryResult<std::string> CanonicalValue(const std::string& field, const std::string& value,
                                        const std::string& label) {
  const std::vector<std::string> vocabulary = VocabularyOf(field);
  if (vocabulary.empty()) return AsciiLower(value);
  if (field == "colour" && value.empty()) return value;
  const std::string lower = AsciiLower(value);
  std::string valid;
  for (const std::string& name : vocabulary) {
    if (AsciiLower(name) == lower) return name;
    valid += (valid.empty() ? "" : ", ") + name;
  }
  return Invalid(field, label + ": unknown " + field + " \"" + value + "\" (one of " + valid + ")");
}

// A filter of `field` (lower case, known) from VALUE[|VALUE...]; `label` names the
// expression or parameter in error messages.
QueryResult<AccountFilter> FilterOf(std::string field, bool negate, const std::string& values,
                                    const std::string& label) {
  AccountFilter filter;
  filter.field = std::move(field);
  filter.negate = negate;
  size_t start = 0;
  while (start <= values.size()) {
    const size_t bar = values.find('|', start);
    QueryResult<std::string> value = CanonicalValue(
        filter.field,
        values.substr(start, bar == std::string::npos ? std::string::npos : bar - start), label);
    if (!value.ok()) return value.error();
    filter.values.push_back(std::move(value).value());
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return filter;
}

QueryError UnknownFilterField(const std::string& field, const std::string& label) {
  std::string known;
  for (const std::string& f : kFilterFields) known += (known.empty() ? "" : ", ") + f;
  return Invalid(field, label + ": unknown field \"" + field + "\" (one of " + known + ")");
}

// The sort of a known field name, or an error naming `label`.
QueryResult<AccountSort> SortOf(const std::string& field, bool descending,
                                const std::string& label) {
  static const std::vector<std::string> kFields = {
      "ttm", "score", "health", "health_change", "days_since_last", "name", "account_id", "tier"};
  if (std::find(kFields.begin(), kFields.end(), field) == kFields.end()) {
    return Invalid("sort", label + ": unknown field (" + kSortFields + ")");
  }
  return AccountSort{field, descending};
}

QueryResult<size_t> ParseCount(const std::string& name, const std::string& text) {
  size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end) {
    return Invalid(name, name + ": \"" + text + "\" is not a whole number of 0 or more");
  }
  return value;
}

}  // namespace

QueryResult<AccountFilter> ParseAccountFilter(const std::string& expression) {
  const std::string label = "--filter \"" + expression + "\"";
  size_t op = expression.find("!=");
  bool negate = false;
  size_t value_start;
  if (op != std::string::npos) {
    negate = true;
    value_start = op + 2;
  } else {
    op = expression.find('=');
    if (op == std::string::npos) {
      return Invalid("filter", label + ": expected FIELD=VALUE or FIELD!=VALUE, e.g. tier=A|B");
    }
    value_start = op + 1;
  }
  std::string field = AsciiLower(expression.substr(0, op));
  if (!IsFilterField(field)) return UnknownFilterField(field, label);
  return FilterOf(std::move(field), negate, expression.substr(value_start), label);
}

QueryResult<AccountFilter> AccountFilterFromParameter(const std::string& field,
                                                      const std::string& value) {
  const std::string label = "query parameter \"" + field + "=" + value + "\"";
  std::string name = AsciiLower(field);
  if (!IsFilterField(name)) return UnknownFilterField(name, label);
  const bool negate = !value.empty() && value[0] == '!';
  return FilterOf(std::move(name), negate, negate ? value.substr(1) : value, label);
}

QueryResult<AccountSort> ParseCliSort(const std::string& spec) {
  const std::string label = "--sort \"" + spec + "\"";
  std::string field = spec;
  bool descending = true;
  if (const size_t colon = spec.find(':'); colon != std::string::npos) {
    field = spec.substr(0, colon);
    const std::string order = spec.substr(colon + 1);
    if (order != "asc" && order != "desc") {
      return Invalid("sort", label + ": order must be asc or desc");
    }
    descending = order == "desc";
  } else if (field == "name" || field == "account_id" || field == "tier") {
    descending = false;  // alphabetical by default
  }
  return SortOf(field, descending, label);
}

QueryResult<AccountSort> ParseApiSort(const std::string& spec) {
  if (spec.empty()) return AccountSort{};
  const bool descending = spec[0] == '-';
  return SortOf(descending ? spec.substr(1) : spec, descending, "sort \"" + spec + "\"");
}

QueryResult<AccountQuery> ParseApiAccountQuery(
    const std::vector<std::pair<std::string, std::string>>& parameters) {
  AccountQuery query;
  for (const auto& [name, value] : parameters) {
    if (IsFilterField(AsciiLower(name))) {
      QueryResult<AccountFilter> filter = AccountFilterFromParameter(name, value);
      if (!filter.ok()) return filter.error();
      query.filters.push_back(std::move(filter).value());
    } else if (name == "q") {
      query.search = value;
    } else if (name == "sort") {
      QueryResult<AccountSort> sort = ParseApiSort(value);
      if (!sort.ok()) return sort.error();
      query.sort = *sort;
    } else if (name == "limit" || name == "offset") {
      QueryResult<size_t> count = ParseCount(name, value);
      if (!count.ok()) return count.error();
      (name == "limit" ? query.limit : query.offset) = *count;
    } else {
      return Invalid(name, "unknown query parameter \"" + name +
                               "\" (tier, category, quadrant, owner, industry, region, colour, "
                               "flag, class, q, sort, limit, offset)");
    }
  }
  return query;
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

bool MatchesSearch(const std::string& search, const snapshot::Snapshot& snap,
                   const AccountRow& row) {
  if (search.empty()) return true;
  const std::string needle = AsciiLower(search);
  const analytics::AccountIndex a = row.basics.account;
  return AsciiLower(snap.account_id[a]).find(needle) != std::string::npos ||
         AsciiLower(snap.account_name[a]).find(needle) != std::string::npos;
}

void SortAccountRows(const AccountSort& sort, const snapshot::Snapshot& snap,
                     std::vector<AccountRow>& rows) {
  const bool descending = sort.descending;
  const std::string& field = sort.field;
  // A key per row; rows without a value sort last either way.
  std::function<std::optional<double>(const AccountRow&)> number;
  std::function<std::string(const AccountRow&)> text;
  if (field == "ttm") {
    if (descending) return;  // rows come in Pareto order already
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
    return;  // not a sort field (ParseCliSort and ParseApiSort accept none such): keep order
  }
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
}

AccountPage RunAccountQuery(const snapshot::Snapshot& snap, std::vector<AccountRow> rows,
                            const AccountQuery& query) {
  AccountPage page;
  page.total_active = rows.size();
  for (AccountRow& row : rows) {
    bool keep = MatchesSearch(query.search, snap, row);
    for (const AccountFilter& filter : query.filters) keep = keep && Matches(filter, snap, row);
    if (keep) page.rows.push_back(std::move(row));
  }
  SortAccountRows(query.sort, snap, page.rows);
  page.matching = page.rows.size();
  const size_t begin = std::min(query.offset, page.rows.size());
  page.rows.erase(page.rows.begin(), page.rows.begin() + static_cast<std::ptrdiff_t>(begin));
  if (query.limit > 0 && page.rows.size() > query.limit) page.rows.resize(query.limit);
  return page;
}

AccountPage QueryKeptRows(const snapshot::Snapshot& snap, const std::vector<AccountRow>& rows,
                          const AccountQuery& query) {
  const AccountSort pareto_order;
  const bool plain = query.filters.empty() && query.search.empty() &&
                     query.sort.field == pareto_order.field &&
                     query.sort.descending == pareto_order.descending;
  if (!plain) {
    std::vector<AccountRow> passing;
    for (const AccountRow& row : rows) {
      bool keep = MatchesSearch(query.search, snap, row);
      for (const AccountFilter& filter : query.filters) keep = keep && Matches(filter, snap, row);
      if (keep) passing.push_back(row);
    }
    AccountPage page = RunAccountQuery(snap, std::move(passing), query);
    page.total_active = rows.size();
    return page;
  }
  AccountPage page;
  page.total_active = rows.size();
  page.matching = rows.size();
  const size_t begin = std::min(query.offset, rows.size());
  const size_t end = query.limit > 0 ? std::min(rows.size(), begin + query.limit) : rows.size();
  page.rows.assign(rows.begin() + static_cast<std::ptrdiff_t>(begin),
                   rows.begin() + static_cast<std::ptrdiff_t>(end));
  return page;
}

}  // namespace bw::service
