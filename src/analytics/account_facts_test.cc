// AccountFacts: the named helpers of the flags and categories, the defaulted comparison,
// and the facts memoised per date (FactsByDate). Expected values are worked out by hand in
// the comments.
#include "analytics/account_facts.h"

#include <gtest/gtest.h>

#include "snapshot/testing.h"

namespace bw::analytics {
namespace {

using snapshot::TestData;

Day D(const char* text) { return *ParseDate(text); }

// One account with a promoter decision maker and a detractor user, an answered invitation
// and three touchpoints in June 2026.
std::shared_ptr<const Snapshot> OneAccount() {
  TestData d;
  d.Account("A1")
      .Revenue("A1", "2026-01", 1000)
      .Contact("C1", "A1", Role::kDecisionMaker)
      .Contact("C2", "A1", Role::kUser)
      .Invitation("I1", "C1", "S1", "2026-04-01")
      .Response("R1", "C1", "2026-05-01", 9, "S1")
      .Response("R2", "C2", "2026-06-01", 3)
      .Touchpoint("T1", "A1", TouchpointType::kMeeting, "2026-06-20")
      .Touchpoint("T2", "A1", TouchpointType::kSupportTicket, "2026-06-25")
      .Touchpoint("T3", "A1", TouchpointType::kMarketingEmail, "2026-06-28");
  d.Account("A2").Revenue("A2", "2026-02", 500).Contact("C3", "A2", Role::kInfluencer);
  return d.Build();
}

TEST(AccountFactsTest, ContactCategoryIndexFollowsTheScoreBands) {
  // 0-6 detractor, 7-8 passive, 9-10 promoter: the order of Category.
  for (int s : {0, 6}) EXPECT_EQ(ContactCategoryIndex(s), 0u) << s;
  for (int s : {7, 8}) EXPECT_EQ(ContactCategoryIndex(s), 1u) << s;
  for (int s : {9, 10}) EXPECT_EQ(ContactCategoryIndex(s), 2u) << s;
  EXPECT_EQ(ContactCategoryIndex(9), static_cast<size_t>(Category::kPromoter));
}

TEST(AccountFactsTest, FlagsAreASetOfAccountFlags) {
  uint32_t flags = 0;
  flags = WithFlag(flags, AccountFlag::kSilent, true);
  flags = WithFlag(flags, AccountFlag::kOverloaded, false);
  flags = WithFlag(flags, AccountFlag::kChampionLeft, true);
  EXPECT_TRUE(HasFlag(flags, AccountFlag::kSilent));
  EXPECT_TRUE(HasFlag(flags, AccountFlag::kChampionLeft));
  EXPECT_FALSE(HasFlag(flags, AccountFlag::kOverloaded));
  EXPECT_FALSE(HasFlag(flags, AccountFlag::kUnresponsive));
  // Bit i for AccountFlag i: champion_left is 0, silent 3.
  EXPECT_EQ(flags, 0b1001u);
}

TEST(AccountFactsTest, FactsOfOneAccount) {
  const auto snap = OneAccount();
  const AccountFacts facts = ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{});
  const AccountFact& f = facts.accounts[0];
  // C1 promoter (9), C2 detractor (3).
  EXPECT_EQ(f.contact_categories, (std::array<int32_t, 3>{1, 0, 1}));
  EXPECT_EQ(f.answers, 2);
  // The last non-marketing touchpoint is the ticket of 06-25, the last proactive one the
  // meeting of 06-20.
  EXPECT_EQ(f.days_since_last, 5);
  EXPECT_EQ(f.days_since_proactive, 10);
  EXPECT_EQ(f.marketing_emails_30d, 1);
  EXPECT_EQ(f.support_tickets_90d, 1);
  EXPECT_EQ(f.invitations(), (InvitationCounts{1, 1}));
  // Decision makers' mean 9, users' 3: a split opinion, and nothing else.
  EXPECT_EQ(f.flags, FlagBit(AccountFlag::kSplitOpinion));
  EXPECT_TRUE(f.Has(AccountFlag::kSplitOpinion));

  // On 05-15: C2 has not answered, no touchpoint yet (silent), the invitation answered.
  const AccountFact g = ComputeAccountFacts(*snap, D("2026-05-15"), MetricParams{}).accounts[0];
  EXPECT_EQ(g.contact_categories, (std::array<int32_t, 3>{0, 0, 1}));
  EXPECT_EQ(g.days_since_last, -1);
  EXPECT_EQ(g.flags, FlagBit(AccountFlag::kSilent));
  EXPECT_EQ(g.touchpoints(), TouchpointCounts{});
}

TEST(AccountFactsTest, EqualityComparesEveryFact) {
  const auto snap = OneAccount();
  const AccountFacts facts = ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{});
  AccountFacts changed = facts;
  EXPECT_EQ(changed, facts);
  changed.accounts[1].support_tickets_90d += 1;
  EXPECT_NE(changed, facts);
  changed = facts;
  changed.accounts[0].contacts_by_role[2] += 1;
  EXPECT_NE(changed.accounts[0], facts.accounts[0]);
  EXPECT_EQ(changed.accounts[1], facts.accounts[1]);
}

TEST(AccountFactsTest, FactsByDateComputesEachDateOnce) {
  const auto snap = OneAccount();
  const MetricParams params;
  FactsByDate memo(*snap, params);
  memo.Prepare({D("2026-06-30"), D("2026-05-15"), D("2026-06-30")});
  const AccountFacts& june = memo.At(D("2026-06-30"));
  EXPECT_EQ(&memo.At(D("2026-06-30")), &june);  // memoised, not computed again
  EXPECT_EQ(june, ComputeAccountFacts(*snap, D("2026-06-30"), params));
  EXPECT_EQ(memo.At(D("2026-05-15")), ComputeAccountFacts(*snap, D("2026-05-15"), params));
  // A date Prepare did not ask for is computed on first use.
  const AccountFacts& april = memo.At(D("2026-04-30"));
  EXPECT_EQ(april.as_of, D("2026-04-30"));
  EXPECT_EQ(april, ComputeAccountFacts(*snap, D("2026-04-30"), params));
  memo.Prepare({D("2026-04-30")});
  EXPECT_EQ(&memo.At(D("2026-04-30")), &april);
}

TEST(AccountFactsTest, FactsByDateCategoriesMatchAccountCategoriesAsOf) {
  const auto snap = OneAccount();
  const MetricParams params;
  FactsByDate memo(*snap, params);
  memo.Prepare({D("2026-06-30")});
  // From the facts of that date, and by the pass over contact scores alone.
  for (const Day day : {D("2026-06-30"), D("2026-05-15")}) {
    const std::vector<Category>& categories = memo.CategoriesAt(day);
    EXPECT_EQ(categories, AccountCategoriesAsOf(*snap, day, params));
    EXPECT_EQ(&memo.CategoriesAt(day), &categories);
  }
  // 06-30: A1 the mean of 9 and 3 (every role weighs 1 by default) = 6, a detractor; on
  // 05-15 only the 9, a promoter. A2 has no answers.
  EXPECT_EQ(memo.CategoriesAt(D("2026-06-30")),
            (std::vector<Category>{Category::kDetractor, Category::kNonResponder}));
  EXPECT_EQ(memo.CategoriesAt(D("2026-05-15")),
            (std::vector<Category>{Category::kPromoter, Category::kNonResponder}));
}

}  // namespace
}  // namespace bw::analytics
