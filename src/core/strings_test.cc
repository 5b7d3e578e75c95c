#include "core/strings.h"

#include <gtest/gtest.h>

namespace amtscope {
namespace {

TEST(Strings, TrimCutsAsciiWhitespaceBothEnds) {
  EXPECT_EQ(Trim(" \t8.1.40\r\n"), "8.1.40");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim("a b"), "a b");
}

TEST(Strings, CaseInsensitiveComparisonsAreAsciiOnly) {
  EXPECT_TRUE(IEquals("WWW-Authenticate", "www-authenticate"));
  EXPECT_FALSE(IEquals("Server", "Serve"));
  EXPECT_TRUE(IStartsWith("intel(r) Active", "Intel(R)"));
  EXPECT_FALSE(IStartsWith("Int", "Intel"));
  EXPECT_TRUE(IContains("<title>Intel AMT</TITLE>", "</title>"));
  EXPECT_FALSE(IContains("abc", "abd"));
  // Bytes above 0x7f are compared as they are, never folded.
  EXPECT_FALSE(IEquals("\xC3\x89", "\xC3\xA9"));
}

TEST(Strings, LowerAndUpperFoldOnlyLetters) {
  EXPECT_EQ(Lower("Digest:ABC-09"), "digest:abc-09");
  EXPECT_EQ(Upper("digest:abc-09"), "DIGEST:ABC-09");
}

TEST(OneLineTest, FoldsWhitespaceRuns) {
  EXPECT_EQ(OneLine("  server closed\n\tthe connection \n"),
            "server closed the connection");
  EXPECT_EQ(OneLine(" \n "), "");
}

}  // namespace
}  // namespace amtscope
