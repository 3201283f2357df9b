#include "generate/generator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "core/domain.h"
#include "core/money.h"
#include "generate/internal/random.h"
#include "generate/internal/vocabulary.h"
#include "io/csv_writer.h"

namespace bw::generate {
namespace {

using internal::Random;

// Model parameters; docs/generator.md explains where each number comes from.
constexpr double kPreHistoryShare = 0.55;      // accounts created before the history starts
constexpr double kUnknownCreatedShare = 0.03;  // of those, created_on left empty
constexpr double kPreHistoryMeanAgeDays = 1400;
constexpr double kRevenueScale = 350.0;  // EUR per month, Pareto x_min
constexpr double kRevenueShape = 1.16;   // Pareto alpha: top 20 % hold about 80 %
constexpr double kRevenueCap = 1.5e6;    // EUR per month
constexpr double kSecondProductLineShare = 0.25;
constexpr double kInviteProbability = 0.35;
constexpr double kContactLeaves = 0.14;
constexpr int kTouchpointMonths = 12;  // the support desk and CRM activity log are younger
constexpr int kSignalMonths = 12;

constexpr int kIdBufferSize = 32;

struct Writers {
  io::CsvWriter accounts;
  io::CsvWriter contacts;
  io::CsvWriter revenue;
  io::CsvWriter invitations;
  io::CsvWriter responses;
  io::CsvWriter touchpoints;
  io::CsvWriter signals;
};

// `PREFIX-000123`, zero-padded to `width` digits, into `buf`.
std::string_view FormatId(char (&buf)[kIdBufferSize], std::string_view prefix, int64_t number,
                          int width) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, number);
  (void)ec;  // 24 chars always hold an int64_t
  const int length = static_cast<int>(end - digits);
  char* out = buf;
  out = std::copy(prefix.begin(), prefix.end(), out);
  *out++ = '-';
  for (int i = length; i < width; ++i) *out++ = '0';
  out = std::copy(digits, end, out);
  return std::string_view(buf, static_cast<size_t>(out - buf));
}

// `YYYY-MM-DD` without snprintf: there are millions of dates to write.
std::string_view FormatDay(char (&buf)[16], Day day) {
  const CivilDate c = CivilFromDay(day);
  int year = c.year;
  for (int i = 3; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + year % 10);
    year /= 10;
  }
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + c.month / 10);
  buf[6] = static_cast<char>('0' + c.month % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + c.day / 10);
  buf[9] = static_cast<char>('0' + c.day % 10);
  return std::string_view(buf, 10);
}

std::string_view FormatInt(char (&buf)[kIdBufferSize], int64_t value) {
  const auto [end, ec] = std::to_chars(buf, buf + kIdBufferSize, value);
  (void)ec;
  return std::string_view(buf, static_cast<size_t>(end - buf));
}

std::string_view FormatFixed3(char (&buf)[kIdBufferSize], double value) {
  const int n = std::snprintf(buf, kIdBufferSize, "%.3f", value);
  return std::string_view(buf, static_cast<size_t>(std::clamp(n, 0, kIdBufferSize - 1)));
}

double Clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

Day LastDayOf(MonthIndex month) { return FirstDayOf(month + 1) - 1; }

struct Wave {
  std::string survey_id;  // `2026-Q3`
  Day sent_on;            // the day the wave goes out
};

// One contact of the account being generated.
struct ContactState {
  int64_t number;  // contact_id is CON-<number>
  Role role;
  Day start;    // when the person became a stakeholder (not exported)
  Day left_on;  // kNoDay while still there
};

class AccountGenerator {
 public:
  AccountGenerator(const GenerateOptions& options, Writers& writers, GenerateStats& stats)
      : options_(options), writers_(writers), stats_(stats) {
    last_month_ = MonthOf(options.as_of);
    first_month_ = last_month_ - options.history_months + 1;
    history_start_ = FirstDayOf(first_month_);
    // Quarterly waves, sent on the 10th of the quarter's middle month.
    const int first_quarter = first_month_ / 3;
    const int last_quarter = last_month_ / 3;
    for (int q = first_quarter; q <= last_quarter; ++q) {
      const Day day = FirstDayOf(q * 3 + 1) + 9;
      if (day < history_start_ || day > options.as_of) continue;
      char id[24];
      std::snprintf(id, sizeof id, "%04d-Q%d", q / 4, q % 4 + 1);
      waves_.push_back(Wave{id, day});
    }
  }

  void Generate(int64_t index) {
    rng_ = Random(internal::MixSeed(options_.seed, static_cast<uint64_t>(index)));
    index_ = index;
    account_id_ = FormatId(account_id_buf_, "ACC", index + 1, 6);
    DrawLifecycle();
    if (options_.on_hidden_health && options_.hidden_health_day != kNoDay &&
        ActiveAt(options_.hidden_health_day)) {
      options_.on_hidden_health(account_id_, HealthAt(options_.hidden_health_day));
    }
    WriteAccount();
    WriteRevenue();
    WriteContacts();
    WriteSurveys();
    WriteTouchpoints();
    WriteSignals();
  }

 private:
  // Creation, hidden health per month, and churn.
  void DrawLifecycle() {
    const double acquisition_roll = rng_.Uniform();
    acquisition_ = acquisition_roll < 0.45  ? Acquisition::kEarned
                   : acquisition_roll < 0.8 ? Acquisition::kBought
                                            : Acquisition::kUnknown;
    created_unknown_ = false;
    if (rng_.Bernoulli(kPreHistoryShare)) {
      created_ = history_start_ - 1 - static_cast<Day>(rng_.Exponential(kPreHistoryMeanAgeDays));
      created_ = std::max(created_, DayFromCivil(1995, 1, 1));
      created_unknown_ = rng_.Bernoulli(kUnknownCreatedShare);
    } else {
      created_ =
          history_start_ + static_cast<Day>(rng_.UniformInt(0, options_.as_of - history_start_));
    }
    sim_first_month_ = std::max(MonthOf(created_), first_month_);

    // Customers won by referral stay healthier than those bought with discounts.
    double mean_health = rng_.Normal(0.62, 0.15);
    if (acquisition_ == Acquisition::kEarned) mean_health += 0.03;
    if (acquisition_ == Acquisition::kBought) mean_health -= 0.05;
    mean_health = std::clamp(mean_health, 0.05, 0.95);
    double health = Clamp01(mean_health + rng_.Normal(0, 0.12));
    health_.clear();
    churned_ = kNoDay;
    for (MonthIndex m = sim_first_month_; m <= last_month_; ++m) {
      if (m > sim_first_month_) {
        health += 0.15 * (mean_health - health) + rng_.Normal(0, options_.health_drift_sd);
        // An outage, a lost champion, a botched renewal.
        if (rng_.Bernoulli(0.01)) health -= rng_.Uniform(0.15, 0.35);
        health = Clamp01(health);
      }
      health_.push_back(health);
      if (m - MonthOf(created_) < 3) continue;
      const double unhealth = 1.0 - health;
      const double hazard = 0.001 + options_.churn_hazard_scale * unhealth * unhealth * unhealth;
      if (rng_.Bernoulli(hazard)) {
        const Day first = std::max(FirstDayOf(m), created_ + 1);
        const Day last = std::min(LastDayOf(m), options_.as_of);
        churned_ = static_cast<Day>(rng_.UniformInt(first, last));
        break;
      }
    }
  }

  double HealthAt(Day day) const {
    const int k =
        std::clamp(MonthOf(day) - sim_first_month_, 0, static_cast<int>(health_.size()) - 1);
    return health_[static_cast<size_t>(k)];
  }

  bool ActiveAt(Day day) const { return day >= created_ && (churned_ == kNoDay || day < churned_); }

  // The last day with activity: the day before churn, or as_of.
  Day LastActiveDay() const {
    return churned_ == kNoDay ? options_.as_of : std::min(options_.as_of, churned_ - 1);
  }

  void BuildName() {
    name_.clear();
    domain_.clear();
    const auto& surname = rng_.Pick(internal::kSurnames);
    const auto& word = rng_.Pick(internal::kCompanyWords);
    const auto& city = rng_.Pick(internal::kCities);
    const auto& brand = rng_.Pick(internal::kBrandWords);
    switch (rng_.UniformInt(0, 7)) {
      case 0:
        name_.append(surname.display).append(" & Söhne GmbH");
        domain_.append(surname.ascii).append("-soehne");
        break;
      case 1:
        name_.append(surname.display).append(" ").append(word.display).append(" AG");
        domain_.append(surname.ascii).append("-").append(word.ascii);
        break;
      case 2:
        name_.append(word.display).append("werk ").append(city.display).append(" GmbH");
        domain_.append(word.ascii).append("werk-").append(city.ascii);
        break;
      case 3:
        name_.append("\"").append(brand.display).append("\" Ltd., ").append(city.display);
        domain_.append(brand.ascii).append("-").append(city.ascii);
        break;
      case 4: {
        const auto& partner = rng_.Pick(internal::kSurnames);
        name_.append(surname.display).append(", ").append(partner.display).append(" & Partner mbB");
        domain_.append(surname.ascii).append("-").append(partner.ascii);
        break;
      }
      case 5:
        name_.append(brand.display).append(" ").append(rng_.Pick(internal::kBusinessNouns));
        name_.append(" Ltd.");
        domain_.append(brand.ascii);
        break;
      case 6:
        name_.append(surname.display).append(" GmbH & Co. KG");
        domain_.append(surname.ascii).append("-kg");
        break;
      default:
        name_.append(city.display).append(" ").append(word.display).append(" AB");
        domain_.append(city.ascii).append(word.ascii);
        break;
    }
    // Make the domain unique per account, as real ones are.
    char number[kIdBufferSize];
    domain_.append(FormatInt(number, index_ + 1)).append(".").append(region_->tld);
  }

  void WriteAccount() {
    region_ = &internal::kRegions[rng_.Weighted(internal::kRegionWeights)];
    const std::string_view industry = rng_.Pick(internal::kIndustries);
    BuildName();
    const std::string_view owner =
        rng_.Bernoulli(0.03) ? std::string_view() : rng_.Pick(internal::kOwners);
    const std::string_view region = rng_.Bernoulli(0.01) ? std::string_view() : region_->name;
    char created[16], churned[16];
    io::CsvWriter& w = writers_.accounts;
    w.Field(account_id_);
    w.Field(name_);
    w.Field(industry);
    w.Field(region);
    w.Field(owner);
    w.Field(AcquisitionName(acquisition_));
    w.Field(created_unknown_ ? std::string_view() : FormatDay(created, created_));
    w.Field(churned_ == kNoDay ? std::string_view() : FormatDay(churned, churned_));
    w.EndRow();
    ++stats_.accounts;
  }

  void WriteRevenueRow(Cents cents) {
    io::CsvWriter& w = writers_.revenue;
    w.Field(account_id_);
    w.Field(month_text_);
    w.Field(FormatMoney(cents));
    w.EndRow();
    ++stats_.revenue;
  }

  // Monthly revenue from creation (or the start of the history) until churn; healthy
  // accounts expand, unhealthy ones contract (metrics.md, Revenue retention).
  void WriteRevenue() {
    base_revenue_ = std::min(rng_.Pareto(kRevenueScale, kRevenueShape), kRevenueCap);
    size_ = std::log(base_revenue_ / kRevenueScale);
    const bool two_lines = rng_.Bernoulli(kSecondProductLineShare);
    const double second_share = rng_.Uniform(0.15, 0.4);
    const MonthIndex second_start = sim_first_month_ + static_cast<int>(rng_.UniformInt(0, 12));
    const MonthIndex created_month = MonthOf(created_);
    double trend = 1.0;
    for (MonthIndex m = sim_first_month_; m <= last_month_; ++m) {
      if (churned_ != kNoDay && FirstDayOf(m) >= churned_) break;
      const double health = health_[static_cast<size_t>(m - sim_first_month_)];
      trend *= std::exp((health - 0.45) * 0.035 + rng_.Normal(0, 0.02));
      trend = std::clamp(trend, 0.05, 20.0);
      // New customers ramp up over their first half year.
      const double ramp = std::min(1.0, 0.45 + 0.1 * (m - created_month));
      const double amount = base_revenue_ * trend * ramp * (1.0 + rng_.Normal(0, 0.04));
      const Cents cents = std::max<Cents>(0, std::llround(amount * 100.0));
      const double roll = rng_.Uniform();
      if (roll < 0.015) continue;  // nothing invoiced this month: no row
      month_text_ = FormatMonth(m);
      if (roll < 0.02) {
        WriteRevenueRow(0);
      } else if (two_lines && m >= second_start) {
        const Cents second = std::llround(static_cast<double>(cents) * second_share);
        WriteRevenueRow(cents - second);
        WriteRevenueRow(second);
      } else {
        WriteRevenueRow(cents);
      }
    }
  }

  // Mostly canonical, sometimes an alias as CRMs export them (data-format.md, role).
  std::string_view RoleWithAlias(Role role) {
    if (!rng_.Bernoulli(0.1)) return RoleName(role);
    static constexpr std::string_view kDecisionMaker[] = {"A", "executive", "Decision_Maker"};
    static constexpr std::string_view kInfluencer[] = {"B", "Management", "middle_management"};
    static constexpr std::string_view kUser[] = {"C", " front_line ", "frontline"};
    switch (role) {
      case Role::kDecisionMaker:
        return rng_.Pick(kDecisionMaker);
      case Role::kInfluencer:
        return rng_.Pick(kInfluencer);
      case Role::kUser:
        return rng_.Pick(kUser);
    }
    return RoleName(role);
  }

  // 1 to 40 contacts, more for bigger accounts; some join later, some leave.
  void WriteContacts() {
    contacts_.clear();
    const int count =
        std::clamp(1 + static_cast<int>(std::floor(7.2 * size_ + rng_.Uniform(0, 6))), 1, 40);
    const Day origin = std::max(created_, history_start_ - 365);
    const Day end = LastActiveDay();
    for (int i = 0; i < count; ++i) {
      ContactState c;
      c.number = ++stats_.contacts;
      static constexpr double kRoleWeights[] = {0.2, 0.35, 0.45};
      c.role = i == 0   ? Role::kDecisionMaker
               : i == 1 ? Role::kInfluencer
               : i == 2 ? Role::kUser
                        : static_cast<Role>(rng_.Weighted(kRoleWeights));
      c.start = i < 3 || end <= origin
                    ? origin
                    : origin + static_cast<Day>(rng_.Uniform(0, 0.7) * (end - origin));
      c.left_on = kNoDay;
      if (rng_.Bernoulli(kContactLeaves) && options_.as_of - c.start > 60) {
        c.left_on =
            c.start + 30 + static_cast<Day>(rng_.Uniform() * (options_.as_of - c.start - 30));
      }
      contacts_.push_back(c);

      const auto& first = rng_.Pick(internal::kFirstNames);
      const auto& last = rng_.Pick(internal::kLastNames);
      text_.clear();
      const double name_roll = rng_.Uniform();
      if (name_roll < 0.04) {
        text_.append("Dr. ").append(first.display).append(" ").append(last.display);
      } else if (name_roll < 0.07) {
        text_.append(last.display).append(", ").append(first.display);
      } else {
        text_.append(first.display).append(" ").append(last.display);
      }
      email_.clear();
      const double email_roll = rng_.Uniform();
      if (email_roll >= 0.04) {
        if (email_roll < 0.24) {
          email_.push_back(first.ascii[0]);
        } else {
          email_.append(first.ascii);
        }
        email_.append(".").append(last.ascii).append("@").append(domain_);
        if (email_roll > 0.97) {
          for (char& ch : email_) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
        }
      }
      char id[kIdBufferSize], left[16];
      io::CsvWriter& w = writers_.contacts;
      w.Field(FormatId(id, "CON", c.number, 7));
      w.Field(account_id_);
      w.Field(text_);
      w.Field(email_);
      w.Field(RoleWithAlias(c.role));
      w.Field(c.left_on == kNoDay ? std::string_view() : FormatDay(left, c.left_on));
      w.EndRow();
    }
  }

  bool ContactCurrentAt(const ContactState& c, Day day) const {
    return c.start <= day && (c.left_on == kNoDay || c.left_on > day);
  }

  // metrics.md, Basics: the score behind every NPS. Health sets the level; decision
  // makers see the business value, users live with the daily friction.
  int DrawScore(double health, Role role) {
    const double role_shift = role == Role::kDecisionMaker ? 0.3 : role == Role::kUser ? -0.4 : 0;
    const double latent = 3.8 + 6.0 * health + role_shift + rng_.Normal(0, options_.score_noise_sd);
    return static_cast<int>(std::clamp(std::lround(latent), 0L, 10L));
  }

  void BuildDrivers(Category category) {
    drivers_.clear();
    const double* weights = category == Category::kPromoter  ? internal::kPromoterDriverWeights
                            : category == Category::kPassive ? internal::kPassiveDriverWeights
                                                             : internal::kDetractorDriverWeights;
    double local[7];
    std::copy(weights, weights + 7, local);
    const int count = static_cast<int>(rng_.UniformInt(1, 3));
    const double style = rng_.Uniform();
    int first_pick = -1;
    if (style < 0.03) drivers_.push_back(' ');
    for (int i = 0; i < count; ++i) {
      const int pick = rng_.Weighted(local);
      local[pick] = 0;  // each driver once, unless the messy style repeats one below
      if (first_pick < 0) first_pick = pick;
      if (i > 0) drivers_.append(style < 0.06 ? " ; " : ";");
      drivers_.append(internal::kDrivers[pick]);
    }
    if (style >= 0.06 && style < 0.1) drivers_.append(";").append(internal::kDrivers[first_pick]);
    if (style >= 0.1 && style < 0.13) drivers_.append(";");
  }

  void WriteResponse(const ContactState& contact, std::string_view survey_id, Day responded_on) {
    const int score = DrawScore(HealthAt(responded_on), contact.role);
    const Category category = CategoryOfScore(score);
    std::string_view comment;
    if (rng_.Bernoulli(0.45)) {
      comment = category == Category::kPromoter  ? rng_.Pick(internal::kPromoterComments)
                : category == Category::kPassive ? rng_.Pick(internal::kPassiveComments)
                                                 : rng_.Pick(internal::kDetractorComments);
    }
    drivers_.clear();
    if (rng_.Bernoulli(0.7)) BuildDrivers(category);
    char id[kIdBufferSize], contact_id[kIdBufferSize], day[16], score_text[kIdBufferSize];
    io::CsvWriter& w = writers_.responses;
    w.Field(FormatId(id, "RSP", ++stats_.responses, 8));
    w.Field(FormatId(contact_id, "CON", contact.number, 7));
    w.Field(survey_id);
    w.Field(FormatDay(day, responded_on));
    w.Field(FormatInt(score_text, score));
    w.Field(comment);
    w.Field(drivers_);
    w.EndRow();
  }

  void WriteSurveys() {
    for (const Wave& wave : waves_) {
      if (!ActiveAt(wave.sent_on)) continue;
      for (const ContactState& contact : contacts_) {
        if (!ContactCurrentAt(contact, wave.sent_on)) continue;
        if (!rng_.Bernoulli(kInviteProbability)) continue;
        const Day sent_on =
            std::min<Day>(options_.as_of, wave.sent_on + static_cast<Day>(rng_.UniformInt(0, 2)));
        char id[kIdBufferSize], contact_id[kIdBufferSize], day[16];
        io::CsvWriter& w = writers_.invitations;
        w.Field(FormatId(id, "INV", ++stats_.invitations, 8));
        w.Field(FormatId(contact_id, "CON", contact.number, 7));
        w.Field(wave.survey_id);
        w.Field(FormatDay(day, sent_on));
        w.EndRow();

        // Unhappy customers go quiet; decision makers are busy.
        const double role_shift = contact.role == Role::kDecisionMaker ? -0.06
                                  : contact.role == Role::kUser        ? 0.03
                                                                       : 0;
        if (!rng_.Bernoulli(0.17 + 0.32 * HealthAt(sent_on) + role_shift)) continue;
        const Day responded_on =
            sent_on + 1 + static_cast<Day>(std::min(28.0, rng_.Exponential(3.5)));
        if (responded_on > options_.as_of) continue;  // not answered yet
        WriteResponse(contact, wave.survey_id, responded_on);
      }
    }
    // Feedback outside the waves (in-app widget, e-mail to support): no survey_id.
    const Day first = std::max(created_, history_start_);
    const Day last = LastActiveDay();
    if (contacts_.empty() || last < first) return;
    const int adhoc = rng_.Poisson(0.006 * (last - first) / 30.4);
    for (int i = 0; i < adhoc; ++i) {
      const Day day = static_cast<Day>(rng_.UniformInt(first, last));
      const ContactState& contact = contacts_[static_cast<size_t>(
          rng_.UniformInt(0, static_cast<int64_t>(contacts_.size()) - 1))];
      if (!ContactCurrentAt(contact, day)) continue;
      WriteResponse(contact, std::string_view(), day);
    }
  }

  void WriteTouchpoint(TouchpointType type, Day day, bool with_contact) {
    char id[kIdBufferSize], contact_id[kIdBufferSize], date[16];
    std::string_view contact;
    if (with_contact && !contacts_.empty()) {
      const ContactState& c = contacts_[static_cast<size_t>(
          rng_.UniformInt(0, static_cast<int64_t>(contacts_.size()) - 1))];
      contact = FormatId(contact_id, "CON", c.number, 7);
    }
    io::CsvWriter& w = writers_.touchpoints;
    w.Field(FormatId(id, "TP", ++stats_.touchpoints, 8));
    w.Field(account_id_);
    w.Field(contact);
    w.Field(TouchpointTypeName(type));
    w.Field(FormatDay(date, day));
    w.EndRow();
  }

  // metrics.md, Touchpoints: support load follows ill health, business reviews follow
  // size; some accounts are neglected (silent), some flooded by marketing (overloaded).
  void WriteTouchpoints() {
    const Day window_start = std::max(created_, AddMonths(options_.as_of, -kTouchpointMonths));
    const Day last_active = LastActiveDay();
    if (last_active < window_start) return;
    const bool neglected = rng_.Bernoulli(0.08);
    const Day neglect_from = options_.as_of - static_cast<Day>(rng_.UniformInt(95, 200));
    for (MonthIndex m = MonthOf(window_start); m <= last_month_; ++m) {
      const Day first = std::max(FirstDayOf(m), window_start);
      const Day last = std::min(LastDayOf(m), last_active);
      if (last < first) break;
      const double health = HealthAt(first);
      const double unhealth = 1.0 - health;
      struct Rate {
        TouchpointType type;
        double per_month;
        double with_contact;
      };
      const Rate rates[] = {
          {TouchpointType::kSupportTicket, 0.05 + 0.5 * unhealth * unhealth * (1 + 0.15 * size_),
           0.7},
          {TouchpointType::kMeeting, 0.035 + 0.02 * size_, 0.8},
          {TouchpointType::kCall, 0.09, 0.6},
          {TouchpointType::kEmail, 0.1, 0.5},
          {TouchpointType::kTraining, m - MonthOf(created_) < 3 ? 0.3 : 0.008, 0.5},
          {TouchpointType::kOther, 0.005, 0.0},
          {TouchpointType::kMarketingEmail, 0.07, 0.6},
      };
      for (const Rate& rate : rates) {
        const int count = rng_.Poisson(rate.per_month);
        for (int i = 0; i < count; ++i) {
          const Day day = static_cast<Day>(rng_.UniformInt(first, last));
          if (neglected && day >= neglect_from && rate.type != TouchpointType::kMarketingEmail) {
            continue;
          }
          WriteTouchpoint(rate.type, day, rng_.Bernoulli(rate.with_contact));
        }
      }
      if (size_ > 2.3 && m % 3 == 0 && !(neglected && first >= neglect_from) &&
          rng_.Bernoulli(0.65)) {
        WriteTouchpoint(TouchpointType::kBusinessReview,
                        static_cast<Day>(rng_.UniformInt(first, last)), true);
      }
    }
    // A campaign burst: 9 to 14 marketing e-mails within about three weeks, half of them
    // recent enough to show as `overloaded` as of as_of.
    if (rng_.Bernoulli(0.08)) {
      const Day start = rng_.Bernoulli(0.5)
                            ? options_.as_of - static_cast<Day>(rng_.UniformInt(3, 20))
                            : static_cast<Day>(rng_.UniformInt(window_start, last_active));
      const int count = static_cast<int>(rng_.UniformInt(9, 14));
      for (int i = 0; i < count; ++i) {
        const Day day = start + static_cast<Day>(rng_.UniformInt(0, 20));
        if (day < window_start || day > last_active) continue;
        WriteTouchpoint(TouchpointType::kMarketingEmail, day, rng_.Bernoulli(0.6));
      }
    }
  }

  void WriteSignal(std::string_view name, Day day, std::string_view value) {
    char date[16];
    io::CsvWriter& w = writers_.signals;
    w.Field(account_id_);
    w.Field(name);
    w.Field(FormatDay(date, day));
    w.Field(value);
    w.EndRow();
    ++stats_.signals;
  }

  // Product usage for accounts with telemetry, late invoices, marketing open rates: each
  // a noisy view of the hidden health.
  void WriteSignals() {
    pending_signals_.clear();
    CollectSignals();
    // (account, signal, observed_on) is a signal's key (data-format.md): two late invoices
    // of consecutive months can fall on one day. The later one is kept, as an upsert of
    // both would keep it; the rows keep their order.
    for (size_t i = 0; i < pending_signals_.size(); ++i) {
      const PendingSignal& signal = pending_signals_[i];
      bool repeated = false;
      for (size_t j = i + 1; j < pending_signals_.size() && !repeated; ++j) {
        repeated = pending_signals_[j].name == signal.name && pending_signals_[j].day == signal.day;
      }
      if (!repeated) WriteSignal(signal.name, signal.day, signal.value);
    }
  }

  struct PendingSignal {
    std::string_view name;  // a literal
    Day day;
    std::string value;
  };
  void AddSignal(std::string_view name, Day day, std::string_view value) {
    pending_signals_.push_back({name, day, std::string(value)});
  }

  void CollectSignals() {
    const Day window_start = std::max(created_, AddMonths(options_.as_of, -kSignalMonths));
    const Day last_active = LastActiveDay();
    if (last_active < window_start) return;
    const bool telemetry = rng_.Bernoulli(0.18);
    const bool newsletter = rng_.Bernoulli(0.15);
    const double seats = 3 + 4.0 * static_cast<double>(contacts_.size()) + base_revenue_ / 300.0;
    char value[kIdBufferSize];
    for (MonthIndex m = MonthOf(window_start); m <= last_month_; ++m) {
      const Day first = std::max(FirstDayOf(m), window_start);
      const Day last = std::min(LastDayOf(m), last_active);
      if (last < first) break;
      const double health = HealthAt(first);
      if (telemetry) {
        const double users = seats * (0.25 + 0.75 * health) * (1 + rng_.Normal(0, 0.08));
        AddSignal("usage_active_users", first,
                  FormatInt(value, std::max<int64_t>(0, std::llround(users))));
      }
      const double unhealth = 1.0 - health;
      if (rng_.Bernoulli(0.03 + 0.3 * unhealth * unhealth)) {
        const int days_late = 1 + static_cast<int>(rng_.Exponential(4 + 40 * unhealth * unhealth));
        const Day day = FirstDayOf(m) + 14 + days_late;
        if (day <= options_.as_of) AddSignal("invoice_days_late", day, FormatInt(value, days_late));
      }
      if (newsletter && m % 3 == 0) {
        const double rate = Clamp01(0.08 + 0.4 * health + rng_.Normal(0, 0.05));
        AddSignal("email_open_rate", static_cast<Day>(rng_.UniformInt(first, last)),
                  FormatFixed3(value, rate));
      }
    }
  }

  const GenerateOptions& options_;
  Writers& writers_;
  GenerateStats& stats_;
  MonthIndex first_month_ = 0;
  MonthIndex last_month_ = 0;
  Day history_start_ = 0;
  std::vector<Wave> waves_;

  // The account being generated. Buffers are members so they keep their capacity.
  Random rng_{0};
  int64_t index_ = 0;
  char account_id_buf_[kIdBufferSize] = {};
  std::string_view account_id_;
  const internal::Region* region_ = nullptr;
  Acquisition acquisition_ = Acquisition::kUnknown;
  Day created_ = 0;
  bool created_unknown_ = false;
  Day churned_ = kNoDay;
  MonthIndex sim_first_month_ = 0;
  std::vector<double> health_;  // per month from sim_first_month_ until churn
  double base_revenue_ = 0;
  double size_ = 0;  // ln(base revenue / Pareto scale): 0 for the smallest accounts
  std::vector<ContactState> contacts_;
  std::string name_;
  std::string domain_;
  std::string text_;
  std::string email_;
  std::string drivers_;
  std::vector<PendingSignal> pending_signals_;
  std::string month_text_;
};

Result<io::CsvWriter> OpenFile(const std::filesystem::path& dir, const char* name,
                               std::initializer_list<std::string_view> header, bool crlf) {
  BW_ASSIGN_OR_RETURN(io::CsvWriter writer, io::CsvWriter::Open((dir / name).string()));
  if (crlf) writer.set_line_end("\r\n");
  writer.Row(header);
  return writer;
}

}  // namespace

Result<GenerateStats> GenerateDataSet(const std::string& out_dir, const GenerateOptions& options) {
  if (options.as_of == kNoDay) return InvalidArgument("generate: as_of is required");
  if (options.as_of < DayFromCivil(2000, 1, 1) || options.as_of > DayFromCivil(9000, 12, 31)) {
    return InvalidArgument("generate: as_of " + FormatDate(options.as_of) +
                           " is outside 2000-01-01..9000-12-31");
  }
  if (options.accounts < 0 || options.accounts > 10'000'000) {
    return InvalidArgument("generate: accounts " + std::to_string(options.accounts) +
                           " is outside 0..10000000");
  }
  if (options.history_months < 1 || options.history_months > 600) {
    return InvalidArgument("generate: history_months " + std::to_string(options.history_months) +
                           " is outside 1..600");
  }
  const std::filesystem::path dir(out_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory " + out_dir + ": " + ec.message());

  BW_ASSIGN_OR_RETURN(io::CsvWriter accounts,
                      OpenFile(dir, "accounts.csv",
                               {"account_id", "name", "industry", "region", "owner", "acquisition",
                                "created_on", "churned_on"},
                               false));
  BW_ASSIGN_OR_RETURN(
      io::CsvWriter contacts,
      OpenFile(dir, "contacts.csv",
               {"contact_id", "account_id", "name", "email", "role", "left_on"}, true));
  BW_ASSIGN_OR_RETURN(io::CsvWriter revenue,
                      OpenFile(dir, "revenue.csv", {"account_id", "month", "amount"}, false));
  BW_ASSIGN_OR_RETURN(io::CsvWriter invitations,
                      OpenFile(dir, "invitations.csv",
                               {"invitation_id", "contact_id", "survey_id", "sent_on"}, false));
  BW_ASSIGN_OR_RETURN(io::CsvWriter responses,
                      OpenFile(dir, "responses.csv",
                               {"response_id", "contact_id", "survey_id", "responded_on", "score",
                                "comment", "drivers"},
                               true));
  BW_ASSIGN_OR_RETURN(
      io::CsvWriter touchpoints,
      OpenFile(dir, "touchpoints.csv",
               {"touchpoint_id", "account_id", "contact_id", "type", "occurred_on"}, false));
  BW_ASSIGN_OR_RETURN(
      io::CsvWriter signals,
      OpenFile(dir, "signals.csv", {"account_id", "signal", "observed_on", "value"}, false));
  Writers writers{std::move(accounts),    std::move(contacts),  std::move(revenue),
                  std::move(invitations), std::move(responses), std::move(touchpoints),
                  std::move(signals)};

  GenerateStats stats;
  AccountGenerator generator(options, writers, stats);
  for (int64_t i = 0; i < options.accounts; ++i) generator.Generate(i);

  for (io::CsvWriter* w :
       {&writers.accounts, &writers.contacts, &writers.revenue, &writers.invitations,
        &writers.responses, &writers.touchpoints, &writers.signals}) {
    BW_RETURN_IF_ERROR(w->Close());
  }
  return stats;
}

}  // namespace bw::generate
