#include "service/credentials.h"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <mutex>

namespace bw::service {
namespace {

void InitSodium() {
  static const int kInit = sodium_init();
  if (kInit < 0) std::abort();  // no source of randomness: nothing here can be safe
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  InitSodium();
  if (password.size() < kMinPasswordLength) {
    return InvalidField("password", "the password must have at least " +
                                        std::to_string(kMinPasswordLength) + " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return InvalidField("password", "the password may have at most " +
                                        std::to_string(kMaxPasswordLength) + " characters");
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kPasswordPasses,
                            kPasswordMemoryBytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("argon2id: out of memory while hashing a password");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  InitSodium();
  if (password.size() > kMaxPasswordLength) return false;
  const std::string terminated(hash);  // libsodium reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void VerifyPasswordOfNobody(std::string_view password) {
  // A real hash with the same parameters, made once, so the dummy check costs the same.
  static const std::string kNobody = [] {
    Result<std::string> hash = HashPassword(RandomHex(16));
    return hash.ok() ? *hash : std::string();
  }();
  (void)VerifyPassword(kNobody, password);
}

std::string RandomHex(size_t bytes) {
  InitSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

std::string Sha256Hex(std::string_view text) {
  InitSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace bw::service
