#include "core/toml_guard.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

std::string Defect(std::string_view text) {
  const Status s = GuardTomlParser(text, "p.toml");
  return s.ok() ? "" : s.message();
}

TEST(TomlGuardTest, ValidTomlPasses) {
  EXPECT_EQ(Defect("# Kündigung\nname = \"Loyalität\"\nx = 'ä'  # ö\n[a.\"b c\".'d']\n"
                   "v = [\"a\", 'b', {k = \"c\"}]\n[[t]]\ns = \"\"\"\nzwei\nZeilen ü\"\"\"\n"
                   "l = '''\nroh ä'''\n"),
            "");
  // A line-ending backslash before ASCII, and up to two quotes before a closing delimiter.
  EXPECT_EQ(Defect("d = 1979-05-27 07:32:00Z\nt = [[1, 2], [\"a\", {k = 'v', \"q\" = [3]}]]\n"
                   "[[a.\"b\".c]]\nx = {a.\"b\" = 1}\n"),
            "");
  EXPECT_EQ(Defect("s = \"\"\"eins \\\n   zwei\"\"\"\nq = \"\"\"\"x\"\"\"\"\"\nr = '''a'''''\n"),
            "");
}

// workspace_config_fuzz (coverage-guided) found toml++ 3.3 reaching its unreachable point
// while it reads a bare value through a quote: `9090a...'c...\u0190...'` and, inside an
// array, `[0`.0==...%"""..."""` (kept in tests/fuzz/config_corpus/crash-quote-*).
TEST(TomlGuardTest, FuzzQuoteInsideABareValueIsAnError) {
  EXPECT_EQ(Defect("[server]\nport = 9090a'x\u0190'\n"),
            "p.toml:2: a quote inside a value (a number or a \"string\"?)");
  EXPECT_EQ(Defect("t=[[0`.0==%\"\"\"\u0190\"\"\"]]\n"),
            "p.toml:1: a quote inside a value (a number or a \"string\"?)");
  EXPECT_EQ(Defect("x =+\"high\u0190\"\n"),
            "p.toml:1: a quote inside a value (a number or a \"string\"?)");
  // toml++ reads a bare value up to whitespace, `]`, `}`, `,` or `#`: an `=` in it
  // starts no value of its own (`uc=[8*8!-=\"\"\"...`, kept as crash-quote-after-equals).
  EXPECT_EQ(Defect("uc=[88*88.8!-=\"\"\"[88[[8:8\u0224[\n"),
            "p.toml:1: a quote inside a value (a number or a \"string\"?)");
  EXPECT_EQ(Defect("x = \"a\"\"b\"\n"),
            "p.toml:1: a quote inside a value (a number or a \"string\"?)");
}

// marzer/tomlplusplus #190: a line-ending backslash in a multi-line basic string followed by
// a non-ASCII character.
TEST(TomlGuardTest, LineEndingBackslashBeforeNonAsciiIsAnError) {
  EXPECT_EQ(Defect("a = 1\ns = \"\"\"\\\n\u00a7\"\"\"\n"),
            "p.toml:2: a line-ending backslash before a character that is not ASCII (toml++ "
            "cannot read it: join the lines or start the next one with an ASCII character)");
  EXPECT_EQ(Defect("s = \"\"\"x \\  \r\n\n   \u00e4\"\"\"\n").substr(0, 9), "p.toml:1:");
  // Blanks after the backslash, then a non-ASCII character before any line break
  // (workspace_config_fuzz and import_profile_fuzz, kept as crash-backslash-blank-non-ascii).
  EXPECT_EQ(Defect("\"\"\"\\\t\ufebf\nJ").substr(0, 9), "p.toml:1:");
  // An escaped backslash at a line end is content, not a line-ending backslash.
  EXPECT_EQ(Defect("s = \"\"\"x \\\\\n\u00e4\"\"\"\n"), "");
}

// workspace_config_fuzz: `"""\\\\\\\u037e...` (a backslash escaping the first byte of a
// non-ASCII character in a multi-line string, kept as crash-backslash-before-non-ascii).
TEST(TomlGuardTest, FuzzBackslashBeforeNonAsciiIsAnError) {
  EXPECT_EQ(Defect("\"\"\"\\\\\\\u037e\"\"\"\n"),
            "p.toml:1: a backslash before a character that is not ASCII (no TOML escape)");
  EXPECT_EQ(Defect("x = \"a\\\u00e4\"\n"),
            "p.toml:1: a backslash before a character that is not ASCII (no TOML escape)");
  EXPECT_EQ(Defect("x = \"a\\\\\u00e4\"\n"), "");  // an escaped backslash, then ä
}

// workspace_config_fuzz: `--ir=0v=[-----= 4#` made toml++ 3.3 assert (undefined behaviour
// in a release build); so does a plain typo in a date and time (crash-date-space-digit).
TEST(TomlGuardTest, FuzzDateSpaceOneDigitIsAnError) {
  const std::string message =
      "p.toml:2: a value, a space and one digit (a date with a time? write it as 2024-01-01 "
      "07:30:00)";
  EXPECT_EQ(Defect("a = 1\nd = 2024-01-01 1\n"), message);
  EXPECT_EQ(Defect("a = 1\n--ir=0v=[-----= 4#"), message);
  EXPECT_EQ(Defect("a = 1\nd = [2024-01-01 1]"), message);
  EXPECT_EQ(Defect("d = 2024-01-01 07:30:00\ne = 2024-01-01 12\n"), "");
}

TEST(TomlGuardTest, OtherParserDefectsAreErrors) {
  EXPECT_EQ(Defect("c\u0190"),
            "p.toml:1: a character that is not ASCII outside a \"string\" or # comment");
  EXPECT_EQ(Defect("x = [1, 2}\n"), "p.toml:1: a ] or } that closes no [ or { of its own");
  EXPECT_EQ(Defect("a = 1\n[~server]\n"),
            "p.toml:2: a table header must start with a key, e.g. [metrics]");
}

}  // namespace
}  // namespace bw
