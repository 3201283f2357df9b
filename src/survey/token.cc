#include "survey/token.h"

#include <sodium.h>

#include <array>
#include <cstdlib>

namespace bw::survey {
namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

void InitSodium() {
  // sodium_init is idempotent and thread-safe; it fails only without a random source.
  if (sodium_init() < 0) std::abort();
}

}  // namespace

std::string NewToken() {
  InitSodium();
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return Hex(bytes.data(), bytes.size());
}

std::string TokenHash(std::string_view token) {
  InitSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return Hex(digest.data(), digest.size());
}

bool LooksLikeToken(std::string_view text) {
  if (text.size() != 32) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace bw::survey
