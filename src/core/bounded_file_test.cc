#include "core/bounded_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

namespace amtscope {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/bounded_file_test_" +
         std::to_string(getpid()) + "_" + name;
}

TEST(ExcerptTest, CutsAndEscapesControlBytes) {
  EXPECT_EQ(Excerpt("abc"), "abc");
  EXPECT_EQ(Excerpt("a\x1b]0;x\x07"), "a\\x1b]0;x\\x07");
  std::string huge(20 << 20, '1');
  std::string e = Excerpt(huge);
  EXPECT_LT(e.size(), 100u);
  EXPECT_THAT(e, HasSubstr("(20971520 bytes)"));
}

TEST(ReadBoundedFileTest, ReadsSmallFilesAndRefusesLargeOnesAndDirectories) {
  std::string path = TempPath("small");
  std::ofstream(path) << "0123456789";
  auto ok = ReadBoundedFile(path, 10, "test file");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, "0123456789");
  auto big = ReadBoundedFile(path, 9, "test file");
  ASSERT_FALSE(big.ok());
  EXPECT_THAT(big.status().message(), HasSubstr("larger than"));
  auto dir = ReadBoundedFile(::testing::TempDir(), 100, "test file");
  ASSERT_FALSE(dir.ok());
  EXPECT_THAT(dir.status().message(), HasSubstr("is a directory"));
  auto missing = ReadBoundedFile(path + ".none", 100, "test file");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(ReadBoundedFileTest, AnEndlessDeviceStopsAtTheLimit) {
  auto zero = ReadBoundedFile("/dev/zero", 1 << 20, "test file");
  ASSERT_FALSE(zero.ok());
  EXPECT_THAT(zero.status().message(), HasSubstr("larger than 1 MiB"));
}

Status Collect(const std::string& text, size_t max_line,
               std::vector<std::string>* lines) {
  std::string path = TempPath("lines");
  std::ofstream(path, std::ios::binary) << text;
  std::FILE* in = std::fopen(path.c_str(), "rb");
  Status st =
      ForEachLine(in, "list", max_line, [lines](std::string_view line, size_t) {
        lines->emplace_back(line);
        return Status::Ok();
      });
  std::fclose(in);
  return st;
}

TEST(ForEachLineTest, SkipsABomAndKeepsALastLineWithoutNewline) {
  std::vector<std::string> lines;
  ASSERT_TRUE(Collect("\xEF\xBB\xBFone\ntwo\n\nthree", 100, &lines).ok());
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "", "three"}));
}

TEST(ForEachLineTest, ALongLineIsAnErrorQuotingAShortEscapedExcerpt) {
  std::vector<std::string> lines;
  std::string text = "ok\n" + std::string(5000, '\x07') + "\n";
  Status st = Collect(text, 4096, &lines);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("list line 2 is longer than 4096"));
  EXPECT_LT(st.message().size(), 400u);
  EXPECT_THAT(st.message(), Not(HasSubstr("\x07")));
}

}  // namespace
}  // namespace amtscope
