// RealFileSystem on a captured tree with files that exist but cannot be read
// (issue 10 item 6): they are remembered with their path and reason.
#include "local/file_system.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/text_escape.h"

namespace amtscope {
namespace {

using ::testing::HasSubstr;

TEST(RealFileSystemTest, UnreadableFilesAreReportedAbsentOnesAreNot) {
  std::string root =
      ::testing::TempDir() + "/fs_test_tree_" + std::to_string(getpid());
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root + "/sys/fw_ver");  // dir for a file
  ::mkfifo((root + "/fifo").c_str(), 0600);
  std::ofstream(root + "/ok") << "fine";
  RealFileSystem fs(root);
  EXPECT_TRUE(fs.ReadFile("ok").ok());
  EXPECT_FALSE(fs.ReadFile("missing").ok());
  EXPECT_FALSE(fs.ReadFile("sys/fw_ver").ok());
  EXPECT_FALSE(fs.ReadFile("fifo").ok());
  EXPECT_FALSE(fs.ListDir("ok").ok());  // a file where a directory belongs
  EXPECT_FALSE(fs.ListDir("gone").ok());
  ASSERT_EQ(fs.unreadable().size(), 3u);
  EXPECT_THAT(fs.unreadable()[0], HasSubstr(root + "/sys/fw_ver"));
  EXPECT_THAT(fs.unreadable()[1], HasSubstr(root + "/fifo"));
  EXPECT_THAT(fs.unreadable()[2], HasSubstr("cannot list " + root + "/ok"));
}

TEST(LinkIndexTest, ParsesSafeLinesOnly) {
  auto links = ParseLinkIndex(
      "# comment\nproc/7/fd/3 socket:[99]\n/abs/path x\nproc/../etc y\n"
      "nospace\nproc/7/fd/4 two words\nproc//fd z\n");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links["proc/7/fd/3"], "socket:[99]");
}

// A tree whose links did not survive (wine, a Windows copy) still has them
// through amtscope-links.txt: listed, readable and existing.
TEST(LinkIndexTest, RealFileSystemAnswersIndexedLinks) {
  std::string root =
      ::testing::TempDir() + "/fs_links_tree_" + std::to_string(getpid());
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root + "/proc/7/fd");
  std::ofstream(root + "/proc/7/fd/0") << "";
  std::ofstream(root + "/amtscope-links.txt")
      << "proc/7/fd/5 socket:[4242]\nproc/8/fd/1 socket:[1]\n";
  RealFileSystem fs(root);
  EXPECT_EQ(fs.ListDir("proc/7/fd").value(),
            (std::vector<std::string>{"0", "5"}));
  EXPECT_EQ(fs.ListDir("proc/8/fd").value(), (std::vector<std::string>{"1"}));
  EXPECT_EQ(fs.ReadLink("proc/7/fd/5").value(), "socket:[4242]");
  EXPECT_TRUE(fs.Exists("proc/7/fd/5"));
  EXPECT_FALSE(fs.Exists("proc/7/fd/6"));
}

TEST(TerminalTextTest, EscapesControlBytesButKeepsLines) {
  EXPECT_EQ(TerminalText("a\tb\nfw \x1b]0;PWNED\x07\x1b[2J\n"),
            "a\tb\nfw \\x1b]0;PWNED\\x07\\x1b[2J\n");
}

}  // namespace
}  // namespace amtscope
