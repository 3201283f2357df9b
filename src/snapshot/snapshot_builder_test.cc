#include "snapshot/snapshot_builder.h"

#include <gtest/gtest.h>

#include "snapshot/testing.h"

namespace bw::snapshot {
namespace {

TEST(SnapshotBuilderTest, DictionaryEncodesIndustryRegionAndOwner) {
  TestData d;
  d.Account("A1", {.industry = "Retail", .region = "DACH", .owner = "Eva"})
      .Account("A2", {.industry = "Banking", .region = "DACH"})
      .Account("A3", {.industry = "Retail", .owner = "Eva"});
  const auto snap = d.Build();
  const AccountIndex a1 = snap->FindAccount("A1"), a2 = snap->FindAccount("A2"),
                     a3 = snap->FindAccount("A3");
  EXPECT_EQ(snap->industry[a1], "Retail");
  EXPECT_EQ(snap->industry[a2], "Banking");
  EXPECT_EQ(snap->industry.code(a1), snap->industry.code(a3));
  EXPECT_NE(snap->industry.code(a1), snap->industry.code(a2));
  EXPECT_EQ(snap->industry.values().size(), 2u);
  EXPECT_EQ(snap->region[a3], "");  // not known
  EXPECT_EQ(snap->region.values().size(), 2u);
  EXPECT_EQ(snap->owner[a2], "");
  EXPECT_EQ(snap->owner.size(), 3u);
  // Ranks order the accounts by id.
  EXPECT_LT(snap->account_id_rank[a1], snap->account_id_rank[a2]);
  EXPECT_LT(snap->account_id_rank[a2], snap->account_id_rank[a3]);
}

TEST(SnapshotBuilderTest, KnowsTheContactOfEachResponse) {
  TestData d;
  d.Account("A1").Contact("C1", "A1", Role::kUser).Contact("C2", "A1", Role::kUser);
  d.Response("R2", "C2", "2026-02-01", 9).Response("R1", "C1", "2026-03-01", 4)
      .Response("R3", "C2", "2026-01-01", 7);
  const auto snap = d.Build();
  ASSERT_EQ(snap->response_contact.size(), 3u);
  for (ContactIndex c = 0; c < snap->contact_count(); ++c) {
    const IndexRange responses = snap->ResponsesOf(c);
    for (uint32_t r = responses.begin; r < responses.end; ++r) {
      EXPECT_EQ(snap->response_contact[r], c);
    }
  }
}

TEST(SnapshotBuilderTest, GroupsContactsAndSumsRevenueByMonth) {
  TestData d;
  d.Account("A2").Account("A1");
  d.Contact("C1", "A1", Role::kUser).Contact("C2", "A2", Role::kDecisionMaker)
      .Contact("C3", "A1", Role::kInfluencer, "2026-01-01");
  d.Revenue("A1", "2026-02", 5).Revenue("A1", "2026-01", 1).Revenue("A1", "2026-02", 2.5)
      .Revenue("A2", "2026-01", 7);
  const auto snap = d.Build();
  ASSERT_EQ(snap->account_count(), 2);
  const AccountIndex a1 = snap->FindAccount("A1");
  const AccountIndex a2 = snap->FindAccount("A2");
  EXPECT_EQ(a2, 0);  // order of first appearance
  EXPECT_EQ(a1, 1);
  EXPECT_EQ(snap->FindAccount("A3"), kNone);

  const IndexRange a1_contacts = snap->ContactsOf(a1);
  ASSERT_EQ(a1_contacts.size(), 2u);
  EXPECT_EQ(snap->contact_id[a1_contacts.begin], "C1");
  EXPECT_EQ(snap->contact_id[a1_contacts.begin + 1], "C3");
  EXPECT_EQ(snap->contact_left_on[a1_contacts.begin + 1], *ParseDate("2026-01-01"));
  EXPECT_EQ(snap->contact_role[snap->ContactsOf(a2).begin], Role::kDecisionMaker);

  const IndexRange revenue = snap->RevenueOf(a1);
  ASSERT_EQ(revenue.size(), 2u);
  EXPECT_EQ(snap->revenue_month[revenue.begin], MakeMonthIndex(2026, 1));
  EXPECT_EQ(snap->revenue_cents[revenue.begin], 100);
  EXPECT_EQ(snap->revenue_month[revenue.begin + 1], MakeMonthIndex(2026, 2));
  EXPECT_EQ(snap->revenue_cents[revenue.begin + 1], 750);
  EXPECT_EQ(snap->RevenueOf(a2).size(), 1u);
}

TEST(SnapshotBuilderTest, OrdersResponsesByDayThenResponseIdBytes) {
  TestData d;
  d.Account("A1").Contact("C1", "A1", Role::kUser);
  d.Response("R9", "C1", "2026-03-01", 2).Response("R10", "C1", "2026-03-01", 9)
      .Response("R1", "C1", "2026-01-01", 5);
  const auto snap = d.Build();
  const IndexRange r = snap->ResponsesOf(0);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(snap->response_id[r.begin], "R1");
  EXPECT_EQ(snap->response_id[r.begin + 1], "R10");
  EXPECT_EQ(snap->response_id[r.begin + 2], "R9");
}

TEST(SnapshotBuilderTest, SplitsTrimsAndDeduplicatesDrivers) {
  TestData d;
  d.Account("A1").Contact("C1", "A1", Role::kUser);
  d.Response("R1", "C1", "2026-03-01", 2, "", " support ;price;;support; Price");
  const auto snap = d.Build();
  std::vector<std::string> names;
  for (int32_t id : snap->DriversOf(0)) names.push_back(snap->driver_names[id]);
  EXPECT_EQ(names, (std::vector<std::string>{"support", "price", "Price"}));
}

TEST(SnapshotBuilderTest, InternsManyNamesPastTheLinearListConsistently) {
  std::string many;
  for (int i = 0; i < 40; ++i) many += "d" + std::to_string(i) + ";";
  TestData d;
  d.Account("A1").Contact("C1", "A1", Role::kUser).Contact("C2", "A1", Role::kUser);
  d.Response("R1", "C1", "2026-03-01", 2, "", many).Response("R2", "C2", "2026-03-01", 2, "", "d39;d0;x");
  const auto snap = d.Build();
  ASSERT_EQ(snap->driver_names.size(), 41u);
  const auto first = snap->DriversOf(0);
  ASSERT_EQ(first.size(), 40u);
  const auto second = snap->DriversOf(1);
  ASSERT_EQ(second.size(), 3u);
  EXPECT_EQ(second[0], first[39]);
  EXPECT_EQ(second[1], first[0]);
  EXPECT_EQ(snap->driver_names[second[2]], "x");
}

TEST(SnapshotBuilderTest, UnknownReferenceIsAnError) {
  SnapshotBuilder builder;
  const Status status = builder.OnContact({.contact_id = "C1", .account_id = "nope", .name = "",
                                           .email = "", .role = Role::kUser, .left_on = kNoDay});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "snapshot: unknown account \"nope\"");
}

}  // namespace
}  // namespace bw::snapshot
