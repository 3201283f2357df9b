#include "analytics/account_facts.h"

namespace bw::analytics {

Cents RevenueInMonths(const Snapshot& snap, AccountIndex a, MonthIndex first, MonthIndex last) {
  const snapshot::IndexRange range = snap.RevenueOf(a);
  Cents sum = 0;
  // Months are sorted; revenue series are short (tens of months), so a linear scan from
  // the end (recent months are what is asked for) beats a binary search.
  for (uint32_t i = range.end; i > range.begin; --i) {
    const MonthIndex m = snap.revenue_month[i - 1];
    if (m < first) break;
    if (m <= last) sum += snap.revenue_cents[i - 1];
  }
  return sum;
}

int32_t ContactScoreResponse(const Snapshot& snap, ContactIndex c, Day as_of, int window_days) {
  const snapshot::IndexRange range = snap.ResponsesOf(c);
  // Responses are sorted by (day, response_id): the last one on or before as_of is latest.
  for (uint32_t i = range.end; i > range.begin; --i) {
    const Day day = snap.response_day[i - 1];
    if (day > as_of) continue;
    if (day > as_of - window_days) return static_cast<int32_t>(i - 1);
    return snapshot::kNone;
  }
  return snapshot::kNone;
}

namespace {

// Fills the account score, answer count and category of every account from the contact
// score responses. metrics.md, Loyalty: weighted mean by role.
void ScoreAccounts(const Snapshot& snap, const std::vector<int32_t>& contact_score_response,
                   const MetricParams& params, std::vector<double>& score,
                   std::vector<int32_t>& answers, std::vector<Category>& category) {
  const int32_t accounts = snap.account_count();
  score.assign(accounts, 0.0);
  answers.assign(accounts, 0);
  category.assign(accounts, Category::kNonResponder);
  for (AccountIndex a = 0; a < accounts; ++a) {
    const snapshot::IndexRange contacts = snap.ContactsOf(a);
    double weighted = 0, weights = 0;
    int32_t n = 0;
    for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
      const int32_t r = contact_score_response[c];
      if (r == snapshot::kNone) continue;
      const double w = params.role_weights[static_cast<size_t>(snap.contact_role[c])];
      weighted += w * snap.response_score[r];
      weights += w;
      ++n;
    }
    answers[a] = n;
    if (n > 0 && weights > 0) {
      score[a] = weighted / weights;
      category[a] = CategoryOfAccountScore(score[a]);
    }
  }
}

std::vector<int32_t> ContactScores(const Snapshot& snap, Day as_of, int window_days) {
  std::vector<int32_t> out(static_cast<size_t>(snap.contact_count()));
  for (ContactIndex c = 0; c < snap.contact_count(); ++c) {
    out[c] = ContactScoreResponse(snap, c, as_of, window_days);
  }
  return out;
}

}  // namespace

AccountFacts ComputeAccountFacts(const Snapshot& snap, Day as_of, const MetricParams& params) {
  AccountFacts facts;
  facts.as_of = as_of;
  const int32_t accounts = snap.account_count();
  facts.active.resize(accounts);
  facts.ttm.resize(accounts);
  for (AccountIndex a = 0; a < accounts; ++a) {
    facts.active[a] = IsActive(snap, a, as_of) ? 1 : 0;
    facts.ttm[a] = TtmRevenue(snap, a, as_of);
  }
  facts.contact_score_response = ContactScores(snap, as_of, params.window_days);
  ScoreAccounts(snap, facts.contact_score_response, params, facts.account_score,
                facts.account_answers, facts.account_category);
  return facts;
}

std::vector<Category> AccountCategoriesAsOf(const Snapshot& snap, Day as_of,
                                            const MetricParams& params) {
  std::vector<double> score;
  std::vector<int32_t> answers;
  std::vector<Category> category;
  ScoreAccounts(snap, ContactScores(snap, as_of, params.window_days), params, score, answers,
                category);
  return category;
}

}  // namespace bw::analytics
