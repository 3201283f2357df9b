// Secrets of the server and the CLI's user commands: password hashes (argon2id), random
// tokens, and the one-way hashes under which session ids and API tokens are stored
// (docs/security.md). libsodium does the cryptography.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace bw::service {

// argon2id cost: OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1), about 30 ms per
// hash on one core here: slow enough to make guessing costly, fast enough for logins.
inline constexpr size_t kPasswordMemoryBytes = 19u * 1024 * 1024;
inline constexpr unsigned long long kPasswordPasses = 2;
// Passwords shorter than this are refused when set.
inline constexpr size_t kMinPasswordLength = 10;
// Longer input is refused before hashing (bounds the work an attacker can cause).
inline constexpr size_t kMaxPasswordLength = 1024;

// The argon2id hash string (salt and parameters included) of `password`.
// Errors: kInvalidArgument for a password that is too short or too long; kInternal
// when libsodium cannot allocate the memory.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash`. Takes the time of one hash whatever the inputs.
bool VerifyPassword(std::string_view hash, std::string_view password);

// Spends the time of one verification without a user: for an unknown email at login, so
// the answer's timing does not tell whether the email exists.
void VerifyPasswordOfNobody(std::string_view password);

// `bytes` random bytes from the operating system's CSPRNG, as lower-case hex
// (2 x bytes characters).
std::string RandomHex(size_t bytes);

// Lower-case hex SHA-256 of `text`: how session ids and API tokens are stored.
std::string Sha256Hex(std::string_view text);

// Compares in time independent of where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace bw::service
