#include "cli/language.h"

#include <fmt/core.h>

#include <cstdlib>

#include "cli/format.h"

namespace bw::cli {
namespace {

OutputStyle& Style() {
  static OutputStyle style;
  return style;
}

// The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty (POSIX precedence).
std::string_view LocaleFromEnvironment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return value;
  }
  return "";
}

// English, German: one row per value of an enum, in the enum's order.
struct Label {
  std::string_view en, de;
};

template <typename Enum, size_t N>
std::string_view Pick(const Label (&labels)[N], Enum value) {
  const auto i = static_cast<size_t>(value);
  if (i >= N) return "";
  return InGerman() ? labels[i].de : labels[i].en;
}

}  // namespace

void SetOutputStyle(OutputStyle style) { Style() = std::move(style); }

const OutputStyle& CurrentOutputStyle() { return Style(); }

Result<Language> ResolveLanguage(std::string_view flag, std::string_view workspace) {
  if (!flag.empty()) {
    if (flag == "de") return Language::kGerman;
    if (flag == "en") return Language::kEnglish;
    return InvalidArgument("--lang: \"" + std::string(flag) + "\" is not a language (de or en)");
  }
  if (workspace == "de") return Language::kGerman;
  if (workspace == "en") return Language::kEnglish;
  const std::string_view locale = LocaleFromEnvironment();
  return locale.substr(0, 2) == "de" ? Language::kGerman : Language::kEnglish;
}

std::string_view Tr(std::string_view english, std::string_view german) {
  return InGerman() ? german : english;
}

std::string CountOf(int64_t n, std::string_view singular_en, std::string_view plural_en,
                    std::string_view singular_de, std::string_view plural_de) {
  const bool one = n == 1;
  const std::string_view word =
      InGerman() ? (one ? singular_de : plural_de) : (one ? singular_en : plural_en);
  return GroupThousands(n) + " " + std::string(word);
}

std::string DateText(Day day) { return InGerman() ? FormatGermanDate(day) : FormatDate(day); }

std::string MoneyWithCurrency(Cents cents) {
  const std::string& code = CurrentOutputStyle().currency;
  std::string_view symbol = code;
  if (code == "EUR") symbol = "€";
  if (code == "USD") symbol = "$";
  if (code == "GBP") symbol = "£";
  if (InGerman()) return MoneyText(cents) + " " + std::string(symbol);
  // English: a symbol goes before the amount without a space, a code with one.
  const bool is_code = symbol == code;
  const std::string amount = MoneyText(cents < 0 ? -cents : cents);
  return (cents < 0 ? "-" : "") + std::string(symbol) + (is_code ? " " : "") + amount;
}

std::string_view CategoryLabel(Category category) {
  static constexpr Label kLabels[] = {{"detractor", "Kritiker"},
                                      {"passive", "Passiver"},
                                      {"promoter", "Promotor"},
                                      {"non_responder", "ohne Antwort"}};
  return Pick(kLabels, category);
}

std::string_view QuadrantLabel(analytics::Quadrant quadrant) {
  static constexpr Label kLabels[] = {
      {"firefighting", "Brandherd"}, {"blind_spot", "blinder Fleck"},
      {"advocate", "Fürsprecher"},   {"develop", "entwickeln"},
      {"grow", "ausbauen"},          {"fix_efficiently", "effizient beheben"},
      {"monitor", "beobachten"}};
  return Pick(kLabels, quadrant);
}

std::string_view QuadrantActionText(analytics::Quadrant quadrant) {
  if (!InGerman()) return analytics::QuadrantAction(quadrant);
  static constexpr Label kLabels[] = {
      {"", "Schlüsselkunde in Gefahr: sofort an die Geschäftsleitung eskalieren"},
      {"", "Schlüsselkunde ohne Antworten: alle Ansprechpartner befragen"},
      {"", "um Referenzen und Fallstudien bitten; Zusatzgeschäft anbieten"},
      {"", "herausfinden, was zum Promotor fehlt; ein Business Review planen"},
      {"", "den Kunden ausbauen: Cross-Selling und Erweiterung"},
      {"", "die Ursachen mit skalierbaren Maßnahmen mit wenig Aufwand beheben"},
      {"", "beobachten"}};
  return Pick(kLabels, quadrant);
}

std::string_view RoleLabel(Role role) {
  static constexpr Label kLabels[] = {
      {"decision_maker", "Entscheider"}, {"influencer", "Beeinflusser"}, {"user", "Anwender"}};
  return Pick(kLabels, role);
}

std::string_view TouchpointLabel(TouchpointType type) {
  static constexpr Label kLabels[] = {{"support_ticket", "Support-Ticket"},
                                      {"business_review", "Business Review"},
                                      {"meeting", "Termin"},
                                      {"call", "Anruf"},
                                      {"email", "E-Mail"},
                                      {"marketing_email", "Marketing-E-Mail"},
                                      {"training", "Schulung"},
                                      {"other", "Sonstiges"}};
  return Pick(kLabels, type);
}

std::string_view HealthColourLabel(analytics::HealthColour colour) {
  static constexpr Label kLabels[] = {{"green", "grün"}, {"yellow", "gelb"}, {"red", "rot"}};
  return Pick(kLabels, colour);
}

std::string_view ScoreTrendLabel(analytics::ScoreTrend trend) {
  static constexpr Label kLabels[] = {
      {"new", "neu"}, {"up", "besser"}, {"down", "schlechter"}, {"steady", "gleich"}};
  return Pick(kLabels, trend);
}

std::string_view HealthComponentLabel(std::string_view name) {
  if (!InGerman()) return name;
  static constexpr Label kLabels[] = {
      {"loyalty", "Loyalität"},         {"stakeholder_coverage", "Abdeckung Ansprechpartner"},
      {"revenue_trend", "Umsatztrend"}, {"engagement", "Engagement"},
      {"support_load", "Support-Last"}, {"response_rate", "Antwortquote"}};
  for (const Label& label : kLabels) {
    if (label.en == name) return label.de;
  }
  return name;
}

std::string_view FlagExplanation(analytics::AccountFlag flag) {
  static constexpr Label kLabels[] = {
      {"a promoter left in the last 180 days",
       "ein Promotor hat in den letzten 180 Tagen das Unternehmen verlassen"},
      {"a decision maker scored 6 or less", "ein Entscheider hat 6 oder weniger gegeben"},
      {"more than 8 marketing emails in 30 days", "mehr als 8 Marketing-E-Mails in 30 Tagen"},
      {"no touchpoint but marketing email for more than 90 days",
       "seit über 90 Tagen kein Kontakt außer Marketing-E-Mails"},
      {"fewer than 2 current contacts", "weniger als 2 aktuelle Ansprechpartner"},
      {"one role's mean is 9 or more, another's 6 or less",
       "eine Rolle gibt im Mittel 9 oder mehr, eine andere 6 oder weniger"},
      {"invited in the last 365 days, never answered",
       "in den letzten 365 Tagen eingeladen, nie geantwortet"}};
  return Pick(kLabels, flag);
}

}  // namespace bw::cli
