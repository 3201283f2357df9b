// The language of what the command line prints for people: tables, headings, labels,
// actions and legends, numbers, money and dates (German: `1.234.567,89 €`, `36,8 %`,
// `30.06.2026`). JSON, CSV for programs, and the identifiers a filter takes (`detractor`,
// `firefighting`, `silent`) stay as the spec writes them.
//
// One command prints in one language, so the style is set once per process
// (SetOutputStyle, from --lang, the workspace's `language`, or the environment) before
// anything is rendered; the format and render functions read it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "analytics/account_360.h"
#include "analytics/account_rows.h"
#include "analytics/health.h"
#include "core/date.h"
#include "core/domain.h"
#include "core/money.h"
#include "core/status.h"

namespace bw::cli {

enum class Language : uint8_t { kEnglish, kGerman };

struct OutputStyle {
  Language language = Language::kEnglish;
  std::string currency = "EUR";  // ISO 4217, shown with money
};

// Sets the style of everything printed afterwards. Call before rendering, from one thread.
void SetOutputStyle(OutputStyle style);
const OutputStyle& CurrentOutputStyle();
inline bool InGerman() { return CurrentOutputStyle().language == Language::kGerman; }

// The language to print in: `flag` (--lang: "de" or "en") when given, else `workspace`
// (bellwether.toml `language`) when set, else the environment: the first of LC_ALL,
// LC_MESSAGES and LANG that is set and not empty decides ("de", "de_DE.UTF-8", "de_AT"
// give German; anything else English). Errors: kInvalidArgument for a flag other than de
// or en.
Result<Language> ResolveLanguage(std::string_view flag, std::string_view workspace);

// `english` or `german`, by the output language.
std::string_view Tr(std::string_view english, std::string_view german);

// "1 account" / "2,000 accounts" ("1 Account" / "2.000 Accounts"): the count grouped by
// thousands with the word in singular or plural.
std::string CountOf(int64_t n, std::string_view singular_en, std::string_view plural_en,
                    std::string_view singular_de, std::string_view plural_de);

// "2026-06-30" in English, "30.06.2026" in German.
std::string DateText(Day day);

// Money with the workspace currency: "€1,234.56" / "1.234,56 €" (CHF, USD ... by code:
// "CHF 1,234.56" / "1.234,56 CHF").
std::string MoneyWithCurrency(Cents cents);

// Names of the spec's values for people, in the output language (English: the spec's
// identifier itself, so English tables stay as they were).
std::string_view CategoryLabel(Category category);
std::string_view QuadrantLabel(analytics::Quadrant quadrant);
std::string_view QuadrantActionText(analytics::Quadrant quadrant);
std::string_view RoleLabel(Role role);
std::string_view TouchpointLabel(TouchpointType type);
std::string_view HealthColourLabel(analytics::HealthColour colour);
std::string_view ScoreTrendLabel(analytics::ScoreTrend trend);
// A health component's name for people: the built-in ones translated, an imported
// signal's name as it is.
std::string_view HealthComponentLabel(std::string_view name);
// What a flag means, in a few words ("a decision maker scored 6 or less").
std::string_view FlagExplanation(analytics::AccountFlag flag);

}  // namespace bw::cli
