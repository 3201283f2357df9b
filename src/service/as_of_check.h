// Honest dates (metrics.md, first paragraph): an as-of date in the middle of a month, or
// after the newest data, gives figures that look right and are not. These checks say so in
// one line each, for the CLI to print as warnings and the API to return beside figures.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "snapshot/snapshot.h"

namespace bw::service {

// The newest date of anything in the snapshot: the last day of the newest revenue month,
// and the newest response, invitation, touchpoint and signal. kNoDay for an empty book.
Day NewestDataDay(const snapshot::Snapshot& snap);

// One sentence per problem with `as_of`, empty when there is none:
//  - mid-month: T's month counts in TTM with only part of its revenue;
//  - after the newest revenue month: the months after it count as zero revenue, so TTM
//    falls and churn and retention look worse than they are;
//  - after the newest data of any kind: answers age out of the 365-day window and
//    nothing new replaces them.
std::vector<std::string> AsOfWarnings(const snapshot::Snapshot& snap, Day as_of);

}  // namespace bw::service
