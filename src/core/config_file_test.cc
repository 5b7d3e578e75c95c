#include "core/config_file.h"

#include <gtest/gtest.h>

namespace amtscope {
namespace {

TEST(ConfigFileTest, ReadsKeysSectionsQuotesArraysAndComments) {
  auto entries = ParseConfigText(
      "# comment\n"
      "db = postgresql:///amtscope   # trailing comment\n"
      "; another comment\n"
      "[scan]\r\n"
      "rate=2000\n"
      "exclude_file = \"a b#c.txt\"\n"
      "exclude = [\"198.18.0.1\", \"198.18.0.2\"]  # two\n"
      "site = \"tab\\there \\\"q\\\"\"\n",
      "t.conf");
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 6u);
  const auto& e = *entries;
  EXPECT_EQ(e[0].section, "");
  EXPECT_EQ(e[0].key, "db");
  EXPECT_EQ(e[0].value, "postgresql:///amtscope");
  EXPECT_EQ(e[1].section, "scan");
  EXPECT_EQ(e[1].value, "2000");
  EXPECT_EQ(e[1].line, 5u);
  EXPECT_EQ(e[2].key, "exclude-file");  // '_' reads as '-'
  EXPECT_EQ(e[2].value, "a b#c.txt");
  EXPECT_EQ(e[3].value, "198.18.0.1");
  EXPECT_EQ(e[4].value, "198.18.0.2");
  EXPECT_EQ(e[4].line, 7u);
  EXPECT_EQ(e[5].value, "tab\there \"q\"");
}

TEST(ConfigFileTest, MalformedLinesNameFileAndLine) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"rate 2000\n", "t.conf:1: 'rate 2000' is not `key = value`"},
      {"\n[scan\n", "t.conf:2: a [section] has no ']'"},
      {"[]\n", "t.conf:1: an empty [section] name"},
      {"Rate = 1\n", "t.conf:1: bad key 'Rate'"},
      {"site = \"open\n", "t.conf:1: a quoted value has no closing"},
      {"site = \"a\" b\n", "t.conf:1: unexpected 'b' after the value"},
      {"exclude = [\"a\", b]\n", "t.conf:1: array elements must be quoted"},
      {"exclude = [\"a\"\n", "t.conf:1: an array has no closing"},
      {"site = \"\\q\"\n", "t.conf:1: unknown escape"},
      {"= 1\n", "t.conf:1: a value without a key"},
      {std::string_view("a = 1\0", 6).data(), "t.conf:1: a NUL byte"},
  };
  for (const Case& c : cases) {
    std::string_view text = c.text;
    if (text == "a = 1") text = std::string_view("a = 1\0", 6);
    auto entries = ParseConfigText(text, "t.conf");
    ASSERT_FALSE(entries.ok()) << c.text;
    EXPECT_EQ(entries.status().code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(entries.status().message().starts_with(c.message))
        << entries.status().message();
    EXPECT_FALSE(entries.status().hint().empty());
  }
}

TEST(ConfigFileTest, EmptyAndCommentOnlyFilesHaveNoEntries) {
  for (std::string_view text :
       {"", "\n\n", "# x\n; y\n", "\xEF\xBB\xBF# bom\n"}) {
    auto entries = ParseConfigText(text, "t.conf");
    ASSERT_TRUE(entries.ok()) << entries.status().ToString();
    EXPECT_TRUE(entries->empty());
  }
}

}  // namespace
}  // namespace amtscope
