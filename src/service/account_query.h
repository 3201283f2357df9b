// Queries over the account rows (shared/spec/metrics.md, "The account row"): filters, a
// text search, a sort and a page, as both front ends take them. The CLI spells them
// `--filter FIELD=VALUE[|VALUE...]`, `--filter FIELD!=VALUE`, `--sort FIELD[:asc|desc]`,
// `--limit N`; the API (shared/spec/api.md, `GET /accounts`) as query parameters
// `tier=A&category=detractor&owner=...&colour=red&flag=silent&q=text`, `sort=FIELD` or
// `sort=-FIELD` (descending), `limit`, `offset`. Both parse to one AccountQuery.
//
// Filter fields: tier, category, quadrant, owner, industry, region, colour, flag, class.
// Case never matters. Fields with a closed list of values (tier, category, quadrant, colour,
// class, flag) refuse any other value with an error listing the valid ones (`tier=E`);
// owner, industry and region take any text. Several values of one filter are
// alternatives, several filters must all hold.
// Sort fields: ttm (default, descending = Pareto order), score, health, health_change,
// days_since_last, name, account_id, tier.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "analytics/account_rows.h"
#include "core/status.h"
#include "snapshot/snapshot.h"

namespace bw::service {

// Why a filter, sort or paging parameter could not be parsed. `field` names what is at
// fault so a caller can point at it: the filter field as written (e.g. "size" for an
// unknown field, "flag" for an unknown flag), or "sort", "limit", "offset", or an unknown
// parameter's name. `status` is kInvalidArgument with a message a person can act on.
struct QueryError {
  std::string field;
  Status status;
};

// A value or the QueryError explaining why there is none. Has ok(), status() and value()
// like Result<T>, so BW_ASSIGN_OR_RETURN works on it and drops the field.
template <typename T>
class [[nodiscard]] QueryResult {
 public:
  QueryResult(T value) : state_(std::move(value)) {}           // NOLINT: implicit by design
  QueryResult(QueryError error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  const QueryError& error() const { return std::get<QueryError>(state_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : error().status;
  }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<QueryError, T> state_;
};

struct AccountFilter {
  std::string field;  // one of the filter fields above, lower case
  bool negate = false;
  std::vector<std::string> values;  // lower case for owner, industry, region
};

struct AccountSort {
  std::string field = "ttm";
  bool descending = true;
};

struct AccountQuery {
  std::vector<AccountFilter> filters;  // all must hold
  std::string search;                  // `q`: case-insensitive substring of id or name
  AccountSort sort;
  size_t limit = 0;  // 0: no limit
  size_t offset = 0;
};

// What a query returns: counts for the caption and one page of rows.
struct AccountPage {
  size_t total_active = 0;                  // rows before filtering (the active accounts)
  size_t matching = 0;                      // rows that pass the filters and the search
  std::vector<analytics::AccountRow> rows;  // the page: sorted, offset, at most limit
};

// Parses a CLI filter expression, FIELD=VALUE[|VALUE...] or FIELD!=VALUE[|VALUE...].
// Errors name the expression and what is wrong, e.g.
// `--filter "size=big": unknown field "size" (one of tier, ...)`.
QueryResult<AccountFilter> ParseAccountFilter(const std::string& expression);

// The filter of an API query parameter `field=value` (value: VALUE[|VALUE...]; a leading
// `!` negates). Errors as ParseAccountFilter, naming the parameter.
QueryResult<AccountFilter> AccountFilterFromParameter(const std::string& field,
                                                      const std::string& value);

// Parses the CLI's `--sort FIELD[:asc|desc]`; without an order, name, account_id and tier
// sort ascending, the rest descending.
QueryResult<AccountSort> ParseCliSort(const std::string& spec);

// Parses the API's `sort=FIELD` (ascending) or `sort=-FIELD` (descending); empty means the
// default, ttm descending (Pareto order).
QueryResult<AccountSort> ParseApiSort(const std::string& spec);

// The whole query of an API request from its query parameters, in order: filter fields,
// q, sort, limit, offset. Any other parameter is an error naming it.
QueryResult<AccountQuery> ParseApiAccountQuery(
    const std::vector<std::pair<std::string, std::string>>& parameters);

// True when the row passes the filter.
bool Matches(const AccountFilter& filter, const snapshot::Snapshot& snap,
             const analytics::AccountRow& row);

// True when `search` is empty or a case-insensitive substring of the account id or name.
bool MatchesSearch(const std::string& search, const snapshot::Snapshot& snap,
                   const analytics::AccountRow& row);

// Sorts rows given in Pareto order (as analytics::ComputeAccountRows returns them); the sort
// is stable, so equal keys keep Pareto order, and rows without a value sort last.
void SortAccountRows(const AccountSort& sort, const snapshot::Snapshot& snap,
                     std::vector<analytics::AccountRow>& rows);

// Filters, searches, sorts and pages `rows` (all active accounts, in Pareto order). An
// offset past the end gives an empty page.
AccountPage RunAccountQuery(const snapshot::Snapshot& snap, std::vector<analytics::AccountRow> rows,
                            const AccountQuery& query);
// The same over rows the caller keeps (e.g. cached book views): only the rows that pass
// are copied, and none but the page when there is no filter, no search and the default
// Pareto order (the API's most frequent page).
AccountPage QueryKeptRows(const snapshot::Snapshot& snap,
                          const std::vector<analytics::AccountRow>& rows,
                          const AccountQuery& query);

}  // namespace bw::service
