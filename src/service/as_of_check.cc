#include "service/as_of_check.h"

#include <algorithm>

namespace bw::service {
namespace {

Day LastDayOf(MonthIndex month) { return FirstDayOf(month + 1) - 1; }

Day MaxOf(const std::vector<Day>& days, Day newest) {
  for (const Day day : days) {
    if (day != kNoDay) newest = std::max(newest, day);
  }
  return newest;
}

std::string MonthName(MonthIndex month) {
  static constexpr const char* kNames[] = {"January",   "February", "March",    "April",
                                           "May",       "June",     "July",     "August",
                                           "September", "October",  "November", "December"};
  return std::string(kNames[month % 12]) + " " + std::to_string(month / 12);
}

}  // namespace

Day NewestDataDay(const snapshot::Snapshot& snap) {
  Day newest = kNoDay;
  for (const MonthIndex month : snap.revenue_month) newest = std::max(newest, LastDayOf(month));
  newest = MaxOf(snap.response_day, newest);
  newest = MaxOf(snap.invitation_sent_on, newest);
  newest = MaxOf(snap.touchpoint_day, newest);
  return MaxOf(snap.signal_day, newest);
}

std::vector<std::string> AsOfWarnings(const snapshot::Snapshot& snap, Day as_of) {
  std::vector<std::string> warnings;
  const MonthIndex month = MonthOf(as_of);
  if (as_of != LastDayOf(month)) {
    warnings.push_back("as of " + FormatDate(as_of) + " is mid-month: TTM counts " +
                       MonthName(month) +
                       " with the revenue booked so far, so TTM and revenue retention may be "
                       "understated; the last complete month ended " +
                       FormatDate(FirstDayOf(month) - 1));
  }
  if (!snap.revenue_month.empty()) {
    const MonthIndex newest_revenue =
        *std::max_element(snap.revenue_month.begin(), snap.revenue_month.end());
    if (month > newest_revenue) {
      warnings.push_back("as of " + FormatDate(as_of) + " is after the newest revenue month (" +
                         FormatMonth(newest_revenue) +
                         "): the months after it count as no revenue, so TTM falls and churn "
                         "and retention look worse than they are");
    }
  }
  const Day newest = NewestDataDay(snap);
  if (newest != kNoDay && as_of > newest) {
    warnings.push_back("as of " + FormatDate(as_of) + " is after the newest data (" +
                       FormatDate(newest) +
                       "): answers age out of the 365-day window with nothing newer to "
                       "replace them");
  }
  return warnings;
}

}  // namespace bw::service
