#include "core/option_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>

namespace amtscope {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

enum class Color { kRed, kGreen };
constexpr std::array<EnumName<Color>, 2> kColors = {{
    {Color::kRed, "red"},
    {Color::kGreen, "green"},
}};

struct Opts {
  uint32_t count = 5;
  std::optional<int> build;
  uint32_t bytes = 1024;
  bool on = false;
  bool twice = false;
  std::string text;
  std::string choice = "a";
  std::vector<std::string> list;
  milliseconds wait{3000};
  Color color = Color::kRed;
  std::optional<Color> maybe;
};

std::vector<std::string> Get(const OptionField<Opts>& f, const Opts& o = {}) {
  return f.get(o);
}

TEST(OptionTableTest, UintFieldChecksBoundsWithAHint) {
  auto f = UintField(&Opts::count, 1, 10, "use 1 to 10");
  EXPECT_EQ(f.kind, OptionKind::kValue);
  Opts o;
  ASSERT_TRUE(f.set(o, "7", "--count").ok());
  EXPECT_EQ(o.count, 7u);
  EXPECT_THAT(Get(f, o), ElementsAre("7"));
  Status low = f.set(o, "0", "--count");
  EXPECT_EQ(low.message(), "bad --count '0': must be 1 to 10");
  EXPECT_EQ(low.hint(), "use 1 to 10");
  EXPECT_THAT(f.set(o, "7x", "--count").message(), HasSubstr("not a whole"));
  EXPECT_EQ(o.count, 7u);  // unchanged by a bad value
}

TEST(OptionTableTest, OptionalUintFieldPrintsNothingWhenUnset) {
  auto f = OptionalUintField(&Opts::build, 0, 9999, "hint");
  EXPECT_TRUE(Get(f).empty());
  Opts o;
  ASSERT_TRUE(f.set(o, "3425", "--build").ok());
  EXPECT_EQ(o.build, 3425);
}

TEST(OptionTableTest, BytesFieldTakesUnits) {
  auto f = BytesField(&Opts::bytes, 1024, 16 << 20, "write e.g. 64k");
  Opts o;
  ASSERT_TRUE(f.set(o, "64k", "--max").ok());
  EXPECT_EQ(o.bytes, 65536u);
  ASSERT_TRUE(f.set(o, "1MiB", "--max").ok());
  EXPECT_EQ(o.bytes, 1u << 20);
  EXPECT_EQ(f.set(o, "512", "--max").message(),
            "bad --max '512': must be 1k to 16M");
}

TEST(OptionTableTest, BoolFieldIsAFlagAndMaySetASecondFieldTwice) {
  auto f = BoolField(&Opts::on, &Opts::twice);
  EXPECT_EQ(f.kind, OptionKind::kFlag);
  Opts o;
  ASSERT_TRUE(f.set(o, "yes", "--on").ok());
  EXPECT_TRUE(o.on);
  EXPECT_THAT(Get(f, o), ElementsAre("true"));
  ASSERT_TRUE(f.twice);
  f.twice(o);
  EXPECT_TRUE(o.twice);
  EXPECT_FALSE(f.set(o, "maybe", "--on").ok());
  EXPECT_FALSE(BoolField(&Opts::on).twice);
}

TEST(OptionTableTest, StringChoiceAndListFields) {
  Opts o;
  auto text = StringField(&Opts::text);
  EXPECT_TRUE(Get(text).empty());
  ASSERT_TRUE(text.set(o, "x y", "--text").ok());
  EXPECT_THAT(Get(text, o), ElementsAre("x y"));
  constexpr std::array<std::string_view, 2> kChoices = {"a", "b"};
  auto choice = ChoiceField(&Opts::choice, kChoices, "use a or b");
  EXPECT_TRUE(choice.set(o, "b", "--choice").ok());
  EXPECT_EQ(choice.set(o, "c", "--choice").hint(), "use a or b");
  EXPECT_EQ(o.choice, "b");
  auto list = ListField(&Opts::list);
  EXPECT_EQ(list.kind, OptionKind::kList);
  ASSERT_TRUE(list.set(o, "1", "--l").ok());
  ASSERT_TRUE(list.set(o, "2", "--l").ok());
  EXPECT_THAT(Get(list, o), ElementsAre("1", "2"));
}

TEST(OptionTableTest, DurationFieldUsesTheOneSyntax) {
  auto f = DurationField(&Opts::wait, milliseconds(50), std::chrono::hours(1),
                         "write e.g. 10s");
  EXPECT_EQ(f.syntax, kDurationSyntax);
  Opts o;
  for (auto [text, ms] :
       {std::pair{"500ms", 500}, {"3s", 3000}, {"2m", 120000}, {"1.5", 1500}}) {
    ASSERT_TRUE(f.set(o, text, "--wait").ok()) << text;
    EXPECT_EQ(o.wait, milliseconds(ms)) << text;
  }
  EXPECT_EQ(f.set(o, "10ms", "--wait").message(),
            "bad --wait '10ms': must be 50ms to 1h");
  EXPECT_EQ(f.set(o, "10x", "--wait").message(),
            "bad --wait '10x': not a duration");
  auto step = DurationField(&Opts::wait, milliseconds(1), std::chrono::hours(1),
                            "hint");
  EXPECT_EQ(step.set(o, "0", "--t").message(),
            "bad --t '0': must be above 0 and at most 1h");
}

TEST(OptionTableTest, FormatDurationWritesTheLargestExactUnit) {
  EXPECT_EQ(FormatDuration(milliseconds(500)), "500ms");
  EXPECT_EQ(FormatDuration(milliseconds(3000)), "3s");
  EXPECT_EQ(FormatDuration(milliseconds(90000)), "90s");
  EXPECT_EQ(FormatDuration(milliseconds(120000)), "2m");
  EXPECT_EQ(FormatDuration(std::chrono::hours(1)), "1h");
  EXPECT_EQ(FormatDuration(milliseconds(0)), "0ms");
  for (int ms : {1, 500, 2500, 3000, 60000, 3600000}) {
    EXPECT_EQ(*ParseDuration(FormatDuration(milliseconds(ms))),
              milliseconds(ms));
  }
}

TEST(OptionTableTest, EnumFieldsReadAndPrintThroughTheNamesTable) {
  std::span<const EnumName<Color>> names = kColors;
  auto f = EnumField(&Opts::color, names, "unknown color", "use red or green");
  Opts o;
  ASSERT_TRUE(f.set(o, "green", "--color").ok());
  EXPECT_EQ(o.color, Color::kGreen);
  EXPECT_THAT(Get(f, o), ElementsAre("green"));
  EXPECT_EQ(f.set(o, "blue", "--color").message(),
            "bad --color 'blue': unknown color");
  auto maybe = EnumField(&Opts::maybe, names, "auto", "unknown", "hint");
  EXPECT_THAT(Get(maybe), ElementsAre("auto"));
  ASSERT_TRUE(maybe.set(o, "red", "--m").ok());
  EXPECT_EQ(o.maybe, Color::kRed);
  ASSERT_TRUE(maybe.set(o, "auto", "--m").ok());
  EXPECT_FALSE(o.maybe.has_value());
}

TEST(OptionTableTest, EnumNamesHelpers) {
  std::span<const EnumName<Color>> names = kColors;
  EXPECT_EQ(ParseEnumName(names, "red"), Color::kRed);
  EXPECT_FALSE(ParseEnumName(names, "RED").has_value());
  EXPECT_EQ(EnumNameOf(names, Color::kGreen), "green");
  EXPECT_EQ(EnumNameList(names), "red or green");
}

TEST(OptionTableTest, FlagNameIsTheFirstLongFlag) {
  EXPECT_EQ(OptionFlagName("-q,--quiet", "quiet"), "--quiet");
  EXPECT_EQ(OptionFlagName("--rate,--max-rate", "rate"), "--rate");
  EXPECT_EQ(OptionFlagName("-p", "ports"), "-p");
  EXPECT_EQ(OptionFlagName("", "target"), "target");
}

}  // namespace
}  // namespace amtscope
