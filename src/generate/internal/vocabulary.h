// Word lists the generator draws from: company and person names of a German-speaking
// B2B market (with umlauts and the odd messy spelling), segments, account managers, and
// survey comments in German and English by category.
//
// A name comes with an ASCII spelling for e-mail addresses and domains, since umlauts in
// a local part are legal but not what CRM exports of this market contain.
#pragma once

#include <string_view>

namespace bw::generate::internal {

struct Name {
  std::string_view display;
  std::string_view ascii;
};

inline constexpr std::string_view kIndustries[] = {"Manufacturing",
                                                   "Automotive",
                                                   "Chemicals",
                                                   "Logistics",
                                                   "Retail",
                                                   "Financial Services",
                                                   "Insurance",
                                                   "Healthcare",
                                                   "Software",
                                                   "Energy",
                                                   "Public Sector",
                                                   "Professional Services",
                                                   "Telecommunications",
                                                   "Construction",
                                                   "Food & Beverage",
                                                   "Pharma"};

struct Region {
  std::string_view name;
  std::string_view tld;  // of the customers' e-mail domains
};
inline constexpr Region kRegions[] = {{"DACH", "de"},    {"DACH", "ch"},  {"DACH", "at"},
                                      {"Nordics", "se"}, {"UK", "co.uk"}, {"Benelux", "nl"},
                                      {"France", "fr"},  {"Italy", "it"}, {"CEE", "pl"}};
inline constexpr double kRegionWeights[] = {52, 6, 5, 8, 9, 8, 6, 3, 3};

// A dozen account managers of the vendor.
inline constexpr std::string_view kOwners[] = {
    "jonas.mueller@bellwether-vendor.example", "anna.schmidt@bellwether-vendor.example",
    "lukas.weber@bellwether-vendor.example",   "lea.fischer@bellwether-vendor.example",
    "felix.wagner@bellwether-vendor.example",  "sophie.becker@bellwether-vendor.example",
    "max.hoffmann@bellwether-vendor.example",  "marie.schaefer@bellwether-vendor.example",
    "paul.koch@bellwether-vendor.example",     "laura.richter@bellwether-vendor.example",
    "elias.klein@bellwether-vendor.example",   "mia.wolf@bellwether-vendor.example"};

inline constexpr Name kSurnames[] = {{"Müller", "mueller"},      {"Schröder", "schroeder"},
                                     {"Köhler", "koehler"},      {"Weiß", "weiss"},
                                     {"Groß", "gross"},          {"Bäumer", "baeumer"},
                                     {"Krüger", "krueger"},      {"Schäfer", "schaefer"},
                                     {"Hoffmann", "hoffmann"},   {"Wagner", "wagner"},
                                     {"Becker", "becker"},       {"Fischer", "fischer"},
                                     {"Jäger", "jaeger"},        {"Möller", "moeller"},
                                     {"Vogt", "vogt"},           {"Brandt", "brandt"},
                                     {"Haußmann", "haussmann"},  {"Lüders", "lueders"},
                                     {"Öztürk", "oeztuerk"},     {"Zimmermann", "zimmermann"},
                                     {"Andersson", "andersson"}, {"Jansen", "jansen"},
                                     {"Dubois", "dubois"},       {"Thompson", "thompson"}};

inline constexpr Name kCompanyWords[] = {
    {"Stahl", "stahl"},     {"Präzision", "praezision"}, {"Logistik", "logistik"},
    {"Technik", "technik"}, {"Energie", "energie"},      {"Bau", "bau"},
    {"Chemie", "chemie"},   {"Daten", "daten"},          {"Holz", "holz"},
    {"Glas", "glas"},       {"Werkzeug", "werkzeug"},    {"Nord", "nord"},
    {"Süd", "sued"},        {"Alpen", "alpen"},          {"Rhein", "rhein"},
    {"Donau", "donau"},     {"Förder", "foerder"},       {"Kälte", "kaelte"}};

inline constexpr Name kBrandWords[] = {{"Northwind", "northwind"}, {"Bluebell", "bluebell"},
                                       {"Harbour", "harbour"},     {"Crown", "crown"},
                                       {"Summit", "summit"},       {"Oakridge", "oakridge"},
                                       {"Kestrel", "kestrel"},     {"Fjord", "fjord"},
                                       {"Polaris", "polaris"},     {"Lumen", "lumen"}};

inline constexpr Name kCities[] = {{"Zürich", "zuerich"},     {"München", "muenchen"},
                                   {"Köln", "koeln"},         {"Düsseldorf", "duesseldorf"},
                                   {"Graz", "graz"},          {"Wien", "wien"},
                                   {"Malmö", "malmoe"},       {"Göteborg", "goeteborg"},
                                   {"Århus", "aarhus"},       {"Liège", "liege"},
                                   {"Genève", "geneve"},      {"Lübeck", "luebeck"},
                                   {"Nürnberg", "nuernberg"}, {"Bern", "bern"},
                                   {"Salzburg", "salzburg"},  {"Linz", "linz"}};

inline constexpr std::string_view kBusinessNouns[] = {"Systems",   "Logistics", "Holdings",
                                                      "Solutions", "Analytics", "Foods"};

inline constexpr Name kFirstNames[] = {
    {"Jürgen", "juergen"},   {"Björn", "bjoern"},  {"Sören", "soeren"},      {"Zoë", "zoe"},
    {"Günther", "guenther"}, {"Anaïs", "anais"},   {"François", "francois"}, {"Søren", "soren"},
    {"Jörg", "joerg"},       {"Ömer", "oemer"},    {"Käthe", "kaethe"},      {"Anna", "anna"},
    {"Lukas", "lukas"},      {"Marie", "marie"},   {"Thomas", "thomas"},     {"Sarah", "sarah"},
    {"Emma", "emma"},        {"Oliver", "oliver"}, {"Lars", "lars"},         {"Ingrid", "ingrid"},
    {"Pieter", "pieter"},    {"Chloé", "chloe"},   {"James", "james"},       {"Fiona", "fiona"},
    {"Stefan", "stefan"},    {"Katrin", "katrin"}, {"Michael", "michael"},   {"Julia", "julia"}};

inline constexpr Name kLastNames[] = {{"Müller", "mueller"},
                                      {"Schmidt", "schmidt"},
                                      {"Schneider", "schneider"},
                                      {"Größer", "groesser"},
                                      {"Weiß", "weiss"},
                                      {"Meier", "meier"},
                                      {"Schütz", "schuetz"},
                                      {"Bäcker", "baecker"},
                                      {"O'Brien", "obrien"},
                                      {"van der Berg", "vanderberg"},
                                      {"Müller-Lüdenscheidt", "mueller-luedenscheidt"},
                                      {"Nyström", "nystroem"},
                                      {"Lefèvre", "lefevre"},
                                      {"Wright", "wright"},
                                      {"Kowalski", "kowalski"},
                                      {"Huber", "huber"},
                                      {"Gruber", "gruber"},
                                      {"Pöschl", "poeschl"},
                                      {"Åberg", "aberg"},
                                      {"Kaya", "kaya"}};

// Survey comments, by the category of the score they come with. Quotes, commas, line
// breaks and umlauts are deliberate: they are what a CSV reader has to survive.
inline constexpr std::string_view kPromoterComments[] = {
    "Sehr zufrieden mit dem Support – schnelle Antworten, kompetente Ansprechpartner.",
    "Great product, our team uses it every day.",
    "Die Einführung lief reibungslos, großes Lob an das Onboarding-Team!",
    "Excellent account management, always responsive.",
    "Top Preis-Leistungs-Verhältnis, würden wir jederzeit weiterempfehlen.",
    "Our \"go-to\" tool for reporting, honestly.",
    "Läuft stabil, keine Ausfälle seit Monaten. Weiter so!",
    "Frau Müller ist eine großartige Ansprechpartnerin.\nDanke für die Unterstützung beim "
    "Rollout!",
    "Reliable, fast, and the new dashboards are \"exactly what we needed\".",
};
inline constexpr std::string_view kPassiveComments[] = {
    "Grundsätzlich gut, aber die Rechnungen sind schwer nachvollziehbar.",
    "Works fine, though pricing is on the high side.",
    "Ok. Manche Funktionen fehlen noch, z.B. Export nach Excel.",
    "Solid, but onboarding of new users takes too long.",
    "Support ist freundlich, braucht aber oft mehrere Tage.",
    "Gutes Produkt.\nVerbesserungswunsch: Single Sign-on, Mandantenfähigkeit, API-Zugriff.",
    "Does the job; nothing more, nothing less.",
};
inline constexpr std::string_view kDetractorComments[] = {
    "Zu teuer für das, was geboten wird.",
    "Support reagiert nicht, Tickets bleiben wochenlang offen!!",
    "Mehrere Ausfälle im letzten Quartal, das ist für uns geschäftskritisch.",
    "Billing errors, again. We were charged twice in March.",
    "Unser Ansprechpartner hat gewechselt, seitdem hört man nichts mehr.\nBitte melden Sie "
    "sich.",
    "Product is \"feature complete\" according to sales; it isn't.",
    "Größtes Problem: die Performance. Berichte laden >30 Sekunden.",
    "Kündigung wird geprüft. Gründe: Preis, Stabilität, Support.",
    "Nobody answers the phone.\r\nWe will look at alternatives at renewal.",
};

// metrics.md, Drivers: names as respondents pick them.
inline constexpr std::string_view kDrivers[] = {
    "support", "price", "product", "onboarding", "billing", "account_management", "reliability"};
// How often each driver of kDrivers is picked, by category: detractors complain about
// support, price and reliability; promoters praise product and account management.
inline constexpr double kDetractorDriverWeights[] = {3.0, 3.0, 1.5, 1.0, 2.0, 1.0, 2.5};
inline constexpr double kPassiveDriverWeights[] = {2.0, 2.5, 2.0, 1.5, 1.0, 1.5, 1.5};
inline constexpr double kPromoterDriverWeights[] = {2.0, 0.7, 3.0, 2.0, 0.3, 2.5, 1.5};

}  // namespace bw::generate::internal
