#include "analytics/drivers.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analytics/internal/parallel.h"
#include "analytics/nps.h"

namespace bw::analytics {

DriversReport ComputeDrivers(const Snapshot& snap, const AccountFacts& facts) {
  const size_t n = snap.driver_names.size();
  struct Tally {
    std::vector<NpsCounts> counts;
    // Detractor revenue weight in cents as a double: a share of TTM is not whole cents.
    std::vector<double> detractor_cents;
  };
  const std::vector<Tally> tallies = internal::ParallelPartials(
      facts.accounts.size(), Tally{std::vector<NpsCounts>(n), std::vector<double>(n, 0.0)},
      [&](size_t begin, size_t end, Tally& tally) {
        for (size_t a = begin; a < end; ++a) {
          const AccountFact& account = facts.accounts[a];
          if (!account.active || account.answers == 0) continue;
          // metrics.md: a response's revenue weight is its account's TTM divided by the
          // number of contact scores of that account (all of them, naming drivers or not).
          const double weight = static_cast<double>(account.ttm) / account.answers;
          const snapshot::IndexRange contacts = snap.ContactsOf(static_cast<AccountIndex>(a));
          for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
            const int32_t r = facts.contact_score_response[c];
            if (r == snapshot::kNone) continue;
            const Category category = CategoryOfScore(snap.response_score[r]);
            for (int32_t d : snap.DriversOf(static_cast<uint32_t>(r))) {
              tally.counts[d].Add(category);
              if (category == Category::kDetractor) tally.detractor_cents[d] += weight;
            }
          }
        }
      });
  std::vector<NpsCounts> counts(n);
  std::vector<double> detractor_cents(n, 0.0);
  for (const Tally& tally : tallies) {
    for (size_t d = 0; d < n; ++d) {
      counts[d].promoters += tally.counts[d].promoters;
      counts[d].passives += tally.counts[d].passives;
      counts[d].detractors += tally.counts[d].detractors;
      detractor_cents[d] += tally.detractor_cents[d];
    }
  }
  DriversReport report;
  for (size_t d = 0; d < n; ++d) {
    if (counts[d].total() == 0) continue;  // not named by any contact score
    DriverFigures f;
    f.driver = snap.driver_names[d];
    f.mentions = counts[d].total();
    f.promoter = counts[d].promoters;
    f.passive = counts[d].passives;
    f.detractor = counts[d].detractors;
    f.nps = counts[d].Nps();
    f.detractor_revenue = detractor_cents[d] / 100.0;
    report.drivers.push_back(std::move(f));
  }
  std::sort(report.drivers.begin(), report.drivers.end(),
            [](const DriverFigures& x, const DriverFigures& y) { return x.driver < y.driver; });
  std::vector<size_t> by_nps(report.drivers.size());
  std::iota(by_nps.begin(), by_nps.end(), 0);
  std::vector<size_t> by_revenue = by_nps;
  // Ties keep name order, since the drivers are sorted by name and the sort is stable.
  // Revenue weights are sums of fractions of a cent: rank by the value rounded to a
  // millionth of a cent, so sums that are equal but for rounding tie (and go by name).
  std::vector<int64_t> revenue_rank(report.drivers.size());
  for (size_t i = 0; i < report.drivers.size(); ++i) {
    revenue_rank[i] = std::llround(report.drivers[i].detractor_revenue * 1e8);
  }
  std::stable_sort(by_nps.begin(), by_nps.end(), [&](size_t x, size_t y) {
    return report.drivers[x].detractor > report.drivers[y].detractor;
  });
  std::stable_sort(by_revenue.begin(), by_revenue.end(),
                   [&](size_t x, size_t y) { return revenue_rank[x] > revenue_rank[y]; });
  for (size_t i : by_nps) report.priority_by_nps.push_back(report.drivers[i].driver);
  for (size_t i : by_revenue) report.priority_by_revenue.push_back(report.drivers[i].driver);
  return report;
}

}  // namespace bw::analytics
