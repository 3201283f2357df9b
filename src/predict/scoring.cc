#include "predict/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "analytics/account_facts.h"

namespace bw::predict {
namespace {

std::string Num(double v, int decimals = 0) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}
std::string Signed(double v, int decimals = 0) { return (v > 0 ? "+" : "") + Num(v, decimals); }
std::string Percent(double share) { return Num(100.0 * share) + " %"; }
std::string SignedPercent(double change) { return Signed(100.0 * change) + " %"; }

// "signal.NAME.PART" -> NAME and PART.
bool SplitSignal(const std::string& feature, std::string& name, std::string& part) {
  constexpr std::string_view kSignal = "signal.";
  if (feature.compare(0, kSignal.size(), kSignal) != 0) return false;
  const size_t dot = feature.rfind('.');
  if (dot <= kSignal.size()) return false;
  name = feature.substr(kSignal.size(), dot - kSignal.size());
  part = feature.substr(dot + 1);
  return true;
}

}  // namespace

// One sentence per feature, a flat table of cases (readability-function-size counts each).
// NOLINTNEXTLINE(readability-function-size)
std::string FactorText(const FeatureInfo& feature, std::optional<double> value) {
  const std::string& f = feature.name;
  const bool has = value.has_value();
  const double v = value.value_or(0);
  std::string name, part;
  if (SplitSignal(f, name, part)) {
    if (part == "count_180d") return name + " observed " + Num(v) + " times in 180 days";
    if (part == "trend") {
      return has ? name + " trend " + SignedPercent(v) + " a month over the last year"
                 : name + " has too few observations for a trend";
    }
    if (part == "per_month")
      return name + " observed " + Num(v, v == std::floor(v) ? 0 : 1) + " times a month";
    if (!has) {
      return name + " never observed" +
             (part == "mean_180d"   ? " in 180 days"
              : part == "mean_365d" ? " in a year"
                                    : "");
    }
    if (part == "mean_180d")
      return name + " averaged " + Num(v, std::abs(v) < 10 ? 2 : 0) + " over 180 days";
    if (part == "mean_365d")
      return name + " averaged " + Num(v, std::abs(v) < 10 ? 2 : 0) + " over a year";
    if (part == "last")
      return name + " is " + Num(v, std::abs(v) < 10 && v != std::floor(v) ? 2 : 0);
    if (part == "change")
      return name + " changed by " + Signed(v, std::abs(v) < 10 && v != std::floor(v) ? 2 : 0);
    return name + " not observed for " + Num(v) + " days";
  }
  if (f == "account_score") return has ? "account score " + Num(v, 1) : "no survey answers";
  if (f == "account_score_change_90d") {
    return has ? "account score " + Signed(v, 1) + " in 90 days" : "no account score to compare";
  }
  if (f == "account_score_change_180d") {
    return has ? "account score " + Signed(v, 1) + " in 180 days" : "no account score to compare";
  }
  if (f == "decision_maker_score") {
    return has ? "decision maker scored " + Num(v, v == std::floor(v) ? 0 : 1)
               : "no decision maker answered";
  }
  if (f == "user_score") {
    return has ? "users scored " + Num(v, v == std::floor(v) ? 0 : 1) : "no user answered";
  }
  if (f == "detractor_share") {
    return has ? Percent(v) + " of the answering contacts are detractors" : "no survey answers";
  }
  if (f == "answers")
    return v == 0 ? "no contact answered a survey in the window" : Num(v) + " contacts answered";
  if (f == "invitations_unanswered") return Num(v) + " survey invitations unanswered";
  if (f == "response_rate") return has ? "response rate " + Percent(v) : "no survey invitations";
  if (f == "contacts_current") return Num(v) + " current contacts";
  if (f == "contacts_decision_maker")
    return v == 0 ? "no decision maker among the contacts" : Num(v) + " decision makers";
  if (f == "contacts_influencer")
    return v == 0 ? "no influencer among the contacts" : Num(v) + " influencers";
  if (f == "contacts_user") return v == 0 ? "no user among the contacts" : Num(v) + " users";
  if (f == "single_threaded")
    return v > 0 ? "single-threaded: one contact holds the relationship" : "several contacts";
  if (f == "contacts_left_180d") return Num(v) + " contacts left in 180 days";
  if (f == "champion_left") return v > 0 ? "the champion left" : "the champion stayed";
  if (f == "ttm") return "TTM revenue " + Num(v);
  if (f == "revenue_trend_12m") {
    return has ? "revenue " + SignedPercent(v) + " against the prior 12 months"
               : "no revenue in the prior 12 months";
  }
  if (f == "revenue_trend_3m") {
    return has ? "revenue " + SignedPercent(v) + " in the last 3 months against the 3 before"
               : "no revenue in the 3 months before the last 3";
  }
  if (f == "months_without_revenue") return Num(v) + " of the last 12 months without revenue";
  if (f == "revenue_volatility")
    return has ? "monthly revenue varies by " + Percent(v) : "no revenue in 12 months";
  if (f == "days_since_touchpoint")
    return has ? "no touchpoint for " + Num(v) + " days" : "no touchpoint on record";
  if (f == "days_since_proactive") {
    return has ? "no business review, meeting, call or training for " + Num(v) + " days"
               : "never a business review, meeting, call or training";
  }
  if (f == "support_tickets_90d") return Num(v) + " support tickets in 90 days";
  if (f == "support_tickets_change_90d")
    return "support tickets " + Signed(v) + " against the 90 days before";
  if (f == "marketing_emails_30d") return Num(v) + " marketing e-mails in 30 days";
  if (f == "tenure_days") return has ? "customer for " + Num(v) + " days" : "start date unknown";
  if (f == "acquisition_earned") return v > 0 ? "won by referral" : "not won by referral";
  if (f == "acquisition_bought")
    return v > 0 ? "bought with discounts" : "not bought with discounts";
  if (f == "mean_score_365d")
    return has ? "answers averaged " + Num(v, 1) + " over 365 days" : "no answers in 365 days";
  if (f == "mean_score_730d")
    return has ? "answers averaged " + Num(v, 1) + " over two years" : "no answers in two years";
  if (f == "revenue_slope_6m")
    return has ? "revenue trend " + SignedPercent(v) + " a month over 6 months"
               : "too little revenue for a trend";
  if (f == "revenue_slope_12m")
    return has ? "revenue trend " + SignedPercent(v) + " a month over 12 months"
               : "too little revenue for a trend";
  if (f == "mean_score_all")
    return has ? "answers averaged " + Num(v, 1) + " over the whole history" : "never an answer";
  if (f == "response_rate_730d")
    return has ? "response rate " + Percent(v) + " over two years"
               : "no survey invitations in two years";
  if (f == "revenue_slope_24m")
    return has ? "revenue trend " + SignedPercent(v) + " a month over 24 months"
               : "too little revenue for a trend";
  if (f == "support_tickets_180d") return Num(v) + " support tickets in 180 days";
  if (f == "support_tickets_per_month")
    return Num(v, v == std::floor(v) ? 0 : 1) + " support tickets a month over the last year";
  if (f == "revenue_slope_all")
    return has ? "revenue trend " + SignedPercent(v) + " a month over the whole history"
               : "too little revenue for a long-run trend";
  if (f == "mean_score_recent")
    return has ? "recent answers average " + Num(v, 1) + " of 10" : "no survey answers";
  if (f == "answers_recent") {
    return v < 0.5 ? "hardly any survey answers lately"
                   : "about " + Num(v, 1) + " survey answers lately (recent ones count more)";
  }
  if (f == "response_rate_recent")
    return has ? "recent response rate " + Percent(v) : "no survey invitations";
  if (f == "health_score")
    return has ? "health score " + Num(v) + " of 100" : "no health score component measured";
  if (f == "stakeholder_coverage")
    return "stakeholder coverage " + Percent(v) + " (contacts and roles against the need)";
  if (f == "tier") {
    static constexpr const char* kTiers[] = {"A", "B", "C", "D"};
    return std::string("revenue tier ") + kTiers[std::clamp(static_cast<int>(v), 0, 3)];
  }
  return f + (has ? " = " + Num(v, 2) : " missing");
}

Result<ChurnScores> ScoreAccounts(const ChurnModel& model, const Snapshot& snap, Day as_of,
                                  const analytics::MetricParams& params,
                                  const std::string& model_source) {
  BW_RETURN_IF_ERROR(CheckFeatures(model, FeatureList(snap), model_source));
  ChurnScores scores;
  scores.as_of = as_of;
  FeatureRows rows = ComputeFeatures(snap, {as_of}, params);
  BW_ASSIGN_OR_RETURN(const std::vector<float> risk, model.Predict(rows));
  const analytics::AccountFacts facts = analytics::ComputeAccountFacts(snap, as_of, params);
  const std::vector<analytics::Tier> tiers = analytics::ComputeTiers(facts, params);
  std::vector<AccountRisk> accounts(rows.rows());
  for (size_t i = 0; i < rows.rows(); ++i) {
    AccountRisk& r = accounts[i];
    r.account = rows.account[i];
    r.risk = risk[i];
    r.ttm = CentsToDouble(facts.accounts[r.account].ttm);
    r.revenue_at_risk = r.risk * r.ttm;
    r.tier = tiers[r.account];
  }
  // By revenue at risk, then risk, then account id.
  std::vector<size_t> order(accounts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const AccountRisk& a = accounts[x];
    const AccountRisk& b = accounts[y];
    if (a.revenue_at_risk != b.revenue_at_risk) return a.revenue_at_risk > b.revenue_at_risk;
    if (a.risk != b.risk) return a.risk > b.risk;
    return snap.account_id_rank[a.account] < snap.account_id_rank[b.account];
  });
  scores.rows.feature_count = rows.feature_count;
  scores.rows.values.resize(rows.values.size());
  for (size_t k = 0; k < order.size(); ++k) {
    scores.accounts.push_back(std::move(accounts[order[k]]));
    std::copy_n(rows.row(order[k]), rows.feature_count,
                scores.rows.values.data() + k * rows.feature_count);
    scores.rows.account.push_back(rows.account[order[k]]);
    scores.rows.day.push_back(as_of);
  }
  return scores;
}

Status Explain(const ChurnModel& model, const ChurnSettings& settings,
               const std::vector<size_t>& which, ChurnScores& scores) {
  if (which.empty()) return Status::Ok();
  const size_t p = scores.rows.feature_count;
  std::vector<float> values(which.size() * p);
  for (size_t k = 0; k < which.size(); ++k) {
    std::copy_n(scores.rows.row(which[k]), p, values.data() + k * p);
  }
  BW_ASSIGN_OR_RETURN(std::vector<float> contribs,
                      model.booster.Contributions(Matrix{values.data(), which.size(), p, nullptr}));
  // The blended log-odds are additive in the features too: tree_share x each SHAP value
  // plus (1 - tree_share) x the logistic regression's term of that feature.
  std::vector<double> linear(p);
  for (size_t k = 0; k < which.size() && model.tree_share < 1.0; ++k) {
    float* c = contribs.data() + k * (p + 1);
    model.logistic.Contributions(values.data() + k * p, linear.data());
    for (size_t j = 0; j < p; ++j) {
      c[j] = static_cast<float>(model.tree_share * c[j] + (1 - model.tree_share) * linear[j]);
    }
    c[p] = static_cast<float>(model.tree_share * c[p] +
                              (1 - model.tree_share) * model.logistic.intercept());
  }
  for (size_t k = 0; k < which.size(); ++k) {
    AccountRisk& r = scores.accounts[which[k]];
    r.factors.clear();
    r.actions.clear();
    const float* c = contribs.data() + k * (p + 1);
    std::vector<size_t> order;
    for (size_t j = 0; j < p; ++j) {
      if (c[j] > 0) order.push_back(j);
    }
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      if (c[x] != c[y]) return c[x] > c[y];
      return x < y;
    });
    if (order.size() > static_cast<size_t>(std::max(0, settings.factors))) {
      order.resize(static_cast<size_t>(std::max(0, settings.factors)));
    }
    for (size_t j : order) {
      const float x = values[k * p + j];
      Factor f;
      f.feature = model.features[j].name;
      if (!std::isnan(x)) f.value = x;
      f.contribution = c[j];
      f.text = FactorText(model.features[j], f.value);
      if (const std::string* action = ActionFor(settings, f.feature)) {
        if (std::find(r.actions.begin(), r.actions.end(), *action) == r.actions.end()) {
          r.actions.push_back(*action);
        }
      }
      r.factors.push_back(std::move(f));
    }
  }
  return Status::Ok();
}

bool IsThreat(const AccountRisk& r, const ChurnSettings& settings) {
  return (r.tier == analytics::Tier::kA || r.tier == analytics::Tier::kB) &&
         r.risk >= settings.threat_risk;
}

std::vector<size_t> Threats(const ChurnScores& scores, const ChurnSettings& settings) {
  std::vector<size_t> threats;
  for (size_t i = 0; i < scores.accounts.size(); ++i) {
    if (IsThreat(scores.accounts[i], settings)) threats.push_back(i);
  }
  return threats;  // scores.accounts are by revenue at risk already
}

ChurnScores Subset(const ChurnScores& scores, const std::vector<size_t>& which) {
  ChurnScores page;
  page.as_of = scores.as_of;
  page.rows.feature_count = scores.rows.feature_count;
  for (size_t i : which) {
    page.accounts.push_back(scores.accounts[i]);
    page.rows.values.insert(page.rows.values.end(), scores.rows.row(i),
                            scores.rows.row(i) + scores.rows.feature_count);
    page.rows.account.push_back(scores.rows.account[i]);
    page.rows.day.push_back(scores.rows.day[i]);
  }
  return page;
}

int64_t FindScore(const ChurnScores& scores, AccountIndex account) {
  for (size_t i = 0; i < scores.accounts.size(); ++i) {
    if (scores.accounts[i].account == account) return static_cast<int64_t>(i);
  }
  return -1;
}

}  // namespace bw::predict
