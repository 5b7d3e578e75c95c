#include "cli/scan_holder.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace amtscope::cli {
namespace {

bool AllGone(long) { return true; }

TEST(ScanHolderTest, ThisHolderIsHostNamespaceAndPid) {
  std::string me = ThisHolder();
  EXPECT_TRUE(me.ends_with(":" + std::to_string(getpid()))) << me;
  EXPECT_FALSE(HolderGone(me));  // this process runs
}

TEST(ScanHolderTest, AnExitedChildOfThisNamespaceIsGone) {
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  std::string me = ThisHolder();
  std::string dead = me.substr(0, me.rfind(':') + 1) + std::to_string(child);
  EXPECT_TRUE(HolderGone(dead)) << dead;
}

TEST(ScanHolderTest, OnlyTheSameHostAndPidNamespaceAreJudged) {
  EXPECT_TRUE(HolderGoneAt("node7:4026531836:42", "node7:4026531836", AllGone));
  // Another pod on the same node (hostNetwork) has its own pid namespace:
  // its pid 42 says nothing about ours.
  EXPECT_FALSE(
      HolderGoneAt("node7:4026532999:42", "node7:4026531836", AllGone));
  EXPECT_FALSE(
      HolderGoneAt("node8:4026531836:42", "node7:4026531836", AllGone));
  EXPECT_FALSE(HolderGoneAt("node7:0:42", "node7:0", AllGone));  // unknown ns
  // Holders written by amtscope before the namespace was part of the name.
  EXPECT_FALSE(HolderGoneAt("node7:42", "node7:4026531836", AllGone));
}

TEST(ScanHolderTest, MalformedHoldersAreNeverGone) {
  for (const char* h : {"", ":", "node7:4026531836:", "node7:4026531836:-3",
                        "node7:4026531836:12x", "node7:4026531836:0"}) {
    EXPECT_FALSE(HolderGoneAt(h, "node7:4026531836", AllGone)) << h;
  }
  EXPECT_FALSE(HolderGoneAt("node7:4026531836:42", "node7:4026531836",
                            [](long) { return false; }));
}

}  // namespace
}  // namespace amtscope::cli
