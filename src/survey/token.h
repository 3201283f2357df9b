// The tokens in survey links: 128 random bits from the operating system's CSPRNG, written
// as 32 lower-case hex digits; only their SHA-256 is stored (store/outreach.h), so a copy
// of the database opens no answer page.
#pragma once

#include <string>
#include <string_view>

namespace bw::survey {

// A new token (32 hex digits, 128 random bits).
std::string NewToken();

// Lower-case hex SHA-256 of `token`: the key it is stored under.
std::string TokenHash(std::string_view token);

// True when `text` has a token's form (32 lower-case hex digits): anything else is refused
// before it reaches the store.
bool LooksLikeToken(std::string_view text);

}  // namespace bw::survey
