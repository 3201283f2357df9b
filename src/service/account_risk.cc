#include "service/account_risk.h"

#include "service/churn_json.h"

namespace bw::service {

RiskLookup::RiskLookup(const ScoredBook& book)
    : book_(book), position_(static_cast<size_t>(book.snapshot->account_count()), -1) {
  for (size_t i = 0; i < book.scores->accounts.size(); ++i) {
    position_[static_cast<size_t>(book.scores->accounts[i].account)] = static_cast<int32_t>(i);
  }
}

int64_t RiskLookup::Position(std::string_view account_id) const {
  const snapshot::AccountIndex a = book_.snapshot->FindAccount(account_id);
  if (a < 0 || static_cast<size_t>(a) >= position_.size()) return -1;
  return position_[static_cast<size_t>(a)];
}

const predict::AccountRisk* RiskLookup::Find(std::string_view account_id) const {
  const int64_t i = Position(account_id);
  return i < 0 ? nullptr : &book_.scores->accounts[static_cast<size_t>(i)];
}

void AddRowRisks(nlohmann::ordered_json& rows, const RiskLookup& lookup) {
  for (nlohmann::ordered_json& row : rows) {
    const predict::AccountRisk* r = lookup.Find(row.at("account_id").get<std::string>());
    row["risk"] = r != nullptr ? nlohmann::ordered_json(r->risk) : nlohmann::ordered_json(nullptr);
    row["revenue_at_risk"] =
        r != nullptr ? nlohmann::ordered_json(r->revenue_at_risk) : nlohmann::ordered_json(nullptr);
  }
}

Result<nlohmann::ordered_json> AccountChurnJson(const ScoredBook& book, std::string_view account_id,
                                                const predict::ChurnSettings& settings) {
  const int64_t position = RiskLookup(book).Position(account_id);
  if (position < 0) return nlohmann::ordered_json(nullptr);
  predict::ChurnScores one = predict::Subset(*book.scores, {static_cast<size_t>(position)});
  BW_RETURN_IF_ERROR(predict::Explain(*book.model, settings, {0}, one));
  const predict::AccountRisk& r = one.accounts[0];
  const nlohmann::ordered_json scored = AccountRiskToJson(*book.snapshot, r);
  nlohmann::ordered_json j;
  j["risk"] = r.risk;
  j["ttm"] = r.ttm;
  j["revenue_at_risk"] = r.revenue_at_risk;
  j["threat"] = predict::IsThreat(r, settings);
  j["threat_risk"] = settings.threat_risk;
  j["model"] = {{"trained_as_of", FormatDate(book.model->trained_as_of)},
                {"calibrated", !book.model->calibration.identity()}};
  j["factors"] = scored.at("factors");
  j["actions"] = scored.at("actions");
  return j;
}

}  // namespace bw::service
