// Account queries: filter and sort parsing (CLI and API syntax) and the errors naming the
// field at fault, the `q` search, and paging bounds.
#include "service/account_query.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analytics/account_rows.h"
#include "snapshot/testing.h"

namespace bw::service {
namespace {

using analytics::AccountRow;

class AccountQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    snapshot::TestData d;
    // TTM descending: A3 (3000), A1 (2000), B7 (1000), A2 (500).
    d.Account("A1", {.owner = "Am1@Vendor.example", .name = "Müller AG"})
        .Account("A2", {.owner = "am2@vendor.example", .name = "Beta GmbH"})
        .Account("A3", {.owner = "am1@vendor.example", .name = "Gamma Inc"})
        .Account("B7", {.name = "Alpha Mueller KG"});
    d.Revenue("A1", "2026-05", 2000).Revenue("A2", "2026-05", 500);
    d.Revenue("A3", "2026-05", 3000).Revenue("B7", "2026-05", 1000);
    d.Contact("C1", "A1", Role::kDecisionMaker).Response("R1", "C1", "2026-03-01", 9);
    d.Contact("C3", "A3", Role::kUser).Response("R3", "C3", "2026-03-01", 3);
    d.Contact("C2", "A2", Role::kUser).Response("R2", "C2", "2026-03-01", 7);
    snap_ = d.Build();
    const analytics::MetricParams params;
    rows_ = analytics::ComputeAccountRows(*snap_, as_of_, params, analytics::DefaultHealthConfig());
  }

  std::vector<std::string> IdsOf(const std::vector<AccountRow>& rows) const {
    std::vector<std::string> ids;
    for (const AccountRow& row : rows) ids.push_back(snap_->account_id[row.basics.account]);
    return ids;
  }

  AccountPage Run(const AccountQuery& query) const { return RunAccountQuery(*snap_, rows_, query); }

  const Day as_of_ = *ParseDate("2026-06-30");
  std::shared_ptr<const snapshot::Snapshot> snap_;
  std::vector<AccountRow> rows_;
};

using Ids = std::vector<std::string>;

TEST_F(AccountQueryTest, RowsComeInParetoOrder) {
  EXPECT_EQ(IdsOf(rows_), (Ids{"A3", "A1", "B7", "A2"}));
  const AccountPage page = Run({});
  EXPECT_EQ(page.total_active, 4u);
  EXPECT_EQ(page.matching, 4u);
  EXPECT_EQ(IdsOf(page.rows), (Ids{"A3", "A1", "B7", "A2"}));
}

TEST_F(AccountQueryTest, CliFilterErrorsNameTheFieldAtFault) {
  const QueryResult<AccountFilter> unknown = ParseAccountFilter("Size=big");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "size");
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().message(),
            "--filter \"Size=big\": unknown field \"size\" (one of tier, category, quadrant, "
            "owner, industry, region, colour, flag, class)");

  const QueryResult<AccountFilter> flag = ParseAccountFilter("flag=silent|angry");
  ASSERT_FALSE(flag.ok());
  EXPECT_EQ(flag.error().field, "flag");
  EXPECT_EQ(flag.status().message(),
            "--filter \"flag=silent|angry\": unknown flag \"angry\" (one of champion_left, "
            "executive_detractor, overloaded, silent, single_threaded, split_opinion, "
            "unresponsive)");

  const QueryResult<AccountFilter> no_operator = ParseAccountFilter("tier");
  ASSERT_FALSE(no_operator.ok());
  EXPECT_EQ(no_operator.error().field, "filter");
  EXPECT_NE(no_operator.status().message().find("expected FIELD=VALUE"), std::string::npos);
}

TEST_F(AccountQueryTest, CliFilterParsesAlternativesNegationAndCase) {
  const QueryResult<AccountFilter> owner = ParseAccountFilter("owner!=AM1@vendor.example|x");
  ASSERT_TRUE(owner.ok()) << owner.status().message();
  EXPECT_EQ(owner->field, "owner");
  EXPECT_TRUE(owner->negate);
  EXPECT_EQ(owner->values, (Ids{"am1@vendor.example", "x"}));

  AccountQuery query;
  query.filters.push_back(*owner);
  // owner matches case-insensitively: A1 and A3 are am1's; B7 has no owner.
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"B7", "A2"}));

  const QueryResult<AccountFilter> category = ParseAccountFilter("category=promoter|detractor");
  ASSERT_TRUE(category.ok());
  query.filters = {*category};
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"A3", "A1"}));
}

TEST_F(AccountQueryTest, ClosedListValuesAreCheckedAndListTheValidOnes) {
  const QueryResult<AccountFilter> tier = ParseAccountFilter("tier=E");
  ASSERT_FALSE(tier.ok());
  EXPECT_EQ(tier.error().field, "tier");
  EXPECT_EQ(tier.status().message(), "--filter \"tier=E\": unknown tier \"E\" (one of A, B, C, D)");

  const QueryResult<AccountFilter> quadrant = AccountFilterFromParameter("quadrant", "fire");
  ASSERT_FALSE(quadrant.ok());
  EXPECT_EQ(quadrant.error().field, "quadrant");
  EXPECT_EQ(quadrant.status().message(),
            "query parameter \"quadrant=fire\": unknown quadrant \"fire\" (one of firefighting, "
            "blind_spot, advocate, develop, grow, fix_efficiently, monitor)");

  for (const char* expression : {"category=promoters", "colour=orange", "class=E"}) {
    EXPECT_FALSE(ParseAccountFilter(expression).ok()) << expression;
  }
}

TEST_F(AccountQueryTest, CaseDoesNotMatterForAnyField) {
  const QueryResult<AccountFilter> tier = ParseAccountFilter("TIER=a|b");
  ASSERT_TRUE(tier.ok()) << tier.status().message();
  EXPECT_EQ(tier->values, (Ids{"A", "B"}));
  const QueryResult<AccountFilter> category = ParseAccountFilter("category=Promoter|DETRACTOR");
  ASSERT_TRUE(category.ok()) << category.status().message();
  EXPECT_EQ(category->values, (Ids{"promoter", "detractor"}));
  AccountQuery query;
  query.filters = {*category};
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"A3", "A1"}));
  const QueryResult<AccountFilter> flag = AccountFilterFromParameter("flag", "Silent");
  ASSERT_TRUE(flag.ok()) << flag.status().message();
  EXPECT_EQ(flag->values, (Ids{"silent"}));
  const QueryResult<AccountFilter> no_health = ParseAccountFilter("colour=");
  ASSERT_TRUE(no_health.ok()) << no_health.status().message();
  EXPECT_EQ(no_health->values, (Ids{""}));
}

TEST_F(AccountQueryTest, ApiParametersParseToTheSameFilters) {
  const QueryResult<AccountFilter> negated = AccountFilterFromParameter("category", "!promoter");
  ASSERT_TRUE(negated.ok()) << negated.status().message();
  EXPECT_TRUE(negated->negate);
  EXPECT_EQ(negated->values, (Ids{"promoter"}));

  const QueryResult<AccountFilter> bad = AccountFilterFromParameter("flag", "angry");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "flag");
  EXPECT_EQ(
      bad.status().message().rfind("query parameter \"flag=angry\": unknown flag \"angry\" (", 0),
      0u);

  const QueryResult<AccountQuery> query = ParseApiAccountQuery({{"category", "detractor|passive"},
                                                                {"q", "a"},
                                                                {"sort", "-ttm"},
                                                                {"limit", "1"},
                                                                {"offset", "1"}});
  ASSERT_TRUE(query.ok()) << query.status().message();
  EXPECT_EQ(query->filters.size(), 1u);
  EXPECT_EQ(query->search, "a");
  EXPECT_TRUE(query->sort.descending);
  EXPECT_EQ(query->limit, 1u);
  EXPECT_EQ(query->offset, 1u);
  const AccountPage page = Run(*query);
  EXPECT_EQ(page.matching, 2u);  // A3 (detractor), A2 (passive), both contain "a"
  EXPECT_EQ(IdsOf(page.rows), (Ids{"A2"}));
}

TEST_F(AccountQueryTest, ApiParameterErrorsNameTheParameter) {
  const QueryResult<AccountQuery> unknown = ParseApiAccountQuery({{"size", "big"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "size");
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);

  for (const char* bad : {"-1", "ten", "", "3x"}) {
    const QueryResult<AccountQuery> limit = ParseApiAccountQuery({{"limit", bad}});
    ASSERT_FALSE(limit.ok()) << bad;
    EXPECT_EQ(limit.error().field, "limit") << bad;
  }
  const QueryResult<AccountQuery> offset = ParseApiAccountQuery({{"offset", "x"}});
  ASSERT_FALSE(offset.ok());
  EXPECT_EQ(offset.error().field, "offset");

  const QueryResult<AccountQuery> sort = ParseApiAccountQuery({{"sort", "-size"}});
  ASSERT_FALSE(sort.ok());
  EXPECT_EQ(sort.error().field, "sort");
  EXPECT_NE(sort.status().message().find("unknown field"), std::string::npos);
}

TEST_F(AccountQueryTest, SearchIsACaseInsensitiveSubstringOfIdOrName) {
  AccountQuery query;
  query.search = "MUELLER";
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"B7"}));
  query.search = "müller";  // ASCII case folding only; the umlaut matches itself
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"A1"}));
  query.search = "b";  // B7 by id, Beta GmbH by name
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"B7", "A2"}));
  query.search = "nobody";
  const AccountPage none = Run(query);
  EXPECT_EQ(none.matching, 0u);
  EXPECT_EQ(none.total_active, 4u);
  EXPECT_TRUE(none.rows.empty());
}

TEST_F(AccountQueryTest, CliAndApiSortSyntaxes) {
  const QueryResult<AccountSort> name = ParseCliSort("name");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->field, "name");
  EXPECT_FALSE(name->descending);  // alphabetical by default
  const QueryResult<AccountSort> score = ParseCliSort("score");
  ASSERT_TRUE(score.ok());
  EXPECT_TRUE(score->descending);
  const QueryResult<AccountSort> asc = ParseCliSort("ttm:asc");
  ASSERT_TRUE(asc.ok());
  EXPECT_FALSE(asc->descending);

  const QueryResult<AccountSort> bad_order = ParseCliSort("ttm:up");
  ASSERT_FALSE(bad_order.ok());
  EXPECT_EQ(bad_order.error().field, "sort");
  EXPECT_EQ(bad_order.status().message(), "--sort \"ttm:up\": order must be asc or desc");
  EXPECT_FALSE(ParseCliSort("size").ok());

  const QueryResult<AccountSort> api_default = ParseApiSort("");
  ASSERT_TRUE(api_default.ok());
  EXPECT_EQ(api_default->field, "ttm");
  EXPECT_TRUE(api_default->descending);
  const QueryResult<AccountSort> api_name = ParseApiSort("name");
  ASSERT_TRUE(api_name.ok());
  EXPECT_FALSE(api_name->descending);
  const QueryResult<AccountSort> api_desc = ParseApiSort("-name");
  ASSERT_TRUE(api_desc.ok());
  EXPECT_EQ(api_desc->field, "name");
  EXPECT_TRUE(api_desc->descending);

  AccountQuery query;
  query.sort = *api_desc;
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"A1", "A3", "A2", "B7"}));  // Müller, Gamma, Beta, Alpha
  query.sort = *ParseApiSort("ttm");
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"A2", "B7", "A1", "A3"}));
  // Score descending; B7 has no score and sorts last either way.
  query.sort = *ParseCliSort("score:asc");
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"A3", "A2", "A1", "B7"}));
  query.sort = *ParseApiSort("-score");
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"A1", "A2", "A3", "B7"}));
}

TEST_F(AccountQueryTest, PagingBounds) {
  AccountQuery query;
  query.limit = 2;
  AccountPage page = Run(query);
  EXPECT_EQ(page.matching, 4u);
  EXPECT_EQ(IdsOf(page.rows), (Ids{"A3", "A1"}));
  query.offset = 3;
  page = Run(query);
  EXPECT_EQ(IdsOf(page.rows), (Ids{"A2"}));  // fewer than limit at the end
  query.offset = 4;
  EXPECT_TRUE(Run(query).rows.empty());
  query.offset = 1000;
  page = Run(query);
  EXPECT_TRUE(page.rows.empty());
  EXPECT_EQ(page.matching, 4u);
  query.limit = 0;  // no limit
  query.offset = 1;
  EXPECT_EQ(IdsOf(Run(query).rows), (Ids{"A1", "B7", "A2"}));
}

}  // namespace
}  // namespace bw::service
