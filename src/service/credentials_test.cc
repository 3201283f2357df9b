#include "service/credentials.h"

#include <gtest/gtest.h>

#include <set>

namespace bw::service {
namespace {

TEST(CredentialsTest, PasswordHashIsArgon2idWithTheDocumentedCost) {
  Result<std::string> hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.ok()) << hash.status().message();
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_NE(hash->find("m=19456,t=2"), std::string::npos) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery"));
  // Salted: the same password hashes differently each time.
  EXPECT_NE(*HashPassword("correct horse battery"), *hash);
}

TEST(CredentialsTest, PasswordLengthIsBounded) {
  EXPECT_EQ(HashPassword("short").status().field(), "password");
  EXPECT_EQ(HashPassword(std::string(kMaxPasswordLength + 1, 'x')).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(CredentialsTest, RandomTokensAreLongAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = RandomHex(16);
    EXPECT_EQ(token.size(), 32u);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(CredentialsTest, Sha256MatchesTheStandardVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace bw::service
