#include "cli/manpage.h"

#include <gtest/gtest.h>

#include "cli/completion.h"
#include "cli/config.h"
#include "cli/option_binding.h"

namespace amtscope::cli {
namespace {

enum class Color { kRed, kGreen };
constexpr EnumName<Color> kColors[] = {{Color::kRed, "red"},
                                       {Color::kGreen, "green"}};

struct Opts {
  Color color = Color::kRed;
  uint32_t rate = 7;
  std::vector<std::string> targets;
};

const std::vector<OptionRow<Opts>>& Rows() {
  static const auto* rows = new std::vector<OptionRow<Opts>>{
      {.name = "target", .help = "Targets", .field = ListField(&Opts::targets)},
      {.name = "color",
       .flags = "--color",
       .help = "Paint it",
       .field = EnumField(&Opts::color, kColors, "bad", "use red or green")},
      {.name = "rate",
       .flags = "-r,--rate",
       .help = ".Dots and \\backslashes",
       .field = UintField(&Opts::rate, 1, 100, "1..100"),
       .config = true},
  };
  return *rows;
}

TEST(ManPageTest, PagesComeFromTheBoundRows) {
  CLI::App app{"amtscope: test tool", "amtscope"};
  Opts opts;
  CLI::App* sub = app.add_subcommand("paint", "Paint things");
  BindOptions(sub, Rows(), &opts);
  app.add_subcommand("check", "Check this machine");
  auto pages = ManPages(app, {"9.9", "2026-01-02"});
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[0].name, "amtscope");
  EXPECT_EQ(pages[1].name, "amtscope-paint");
  EXPECT_EQ(pages[1].section, 1);
  EXPECT_EQ(pages[2].section, 8);  // check
  const std::string& t = pages[1].text;
  EXPECT_NE(
      t.find(".TH \"AMTSCOPE\\-PAINT\" \"1\" \"2026-01-02\" \"amtscope 9.9\""),
      std::string::npos);
  EXPECT_NE(t.find("\\fB\\-\\-color\\fR \\fIVALUE\\fR"), std::string::npos)
      << t;
  EXPECT_NE(t.find("One of: \\fBred\\fR, \\fBgreen\\fR."), std::string::npos);
  EXPECT_NE(t.find("Default: \\fB7\\fR."), std::string::npos);
  EXPECT_NE(t.find("\\fBAMTSCOPE_RATE\\fR in the environment"),
            std::string::npos);
  EXPECT_NE(t.find("\\fItargets\\fR ..."), std::string::npos);
  // A help line starting with '.' and a backslash are escaped.
  EXPECT_NE(t.find("\\&.Dots and \\ebackslashes"), std::string::npos);
  EXPECT_NE(pages[0].text.find("\\fBamtscope\\-check\\fR(8)"),
            std::string::npos);
}

TEST(ManPageTest, RoffEscape) {
  EXPECT_EQ(RoffEscape(".x\n'y\\z"), "\\&.x\n\\&'y\\ez");
  EXPECT_EQ(RoffEscape("a.b"), "a.b");
}

TEST(CompletionTest, BashAndZshListCommandsFlagsAndChoices) {
  CLI::App app{"amtscope: test tool", "amtscope"};
  Opts opts;
  BindOptions(app.add_subcommand("paint", "Paint things"), Rows(), &opts);
  std::string bash = BashCompletion(app);
  EXPECT_NE(bash.find("_amtscope_subs[\"amtscope\"]=\"paint\""),
            std::string::npos)
      << bash;
  EXPECT_NE(
      bash.find("_amtscope_choices[\"amtscope paint --color\"]=\"red green\""),
      std::string::npos);
  EXPECT_NE(bash.find("-r --rate"), std::string::npos);
  EXPECT_NE(bash.find("complete -F _amtscope amtscope"), std::string::npos);
  std::string zsh = ZshCompletion(app);
  EXPECT_EQ(zsh.rfind("#compdef amtscope\n", 0), 0u);
  EXPECT_NE(zsh.find("'--color[Paint it]:value:(red green)'"),
            std::string::npos)
      << zsh;
}

TEST(ConfigTest, EnvNamesAndExampleComeFromConfigRows) {
  EXPECT_EQ(ConfigEnvName("exclude-file"), "AMTSCOPE_EXCLUDE_FILE");
  CLI::App app{"amtscope: test tool", "amtscope"};
  Opts opts;
  BindOptions(app.add_subcommand("paint", "Paint things"), Rows(), &opts);
  std::string example = ExampleConfig(app);
  EXPECT_NE(example.find("[paint]\n\n# .Dots and \\backslashes\n#rate = 7\n"),
            std::string::npos)
      << example;
  EXPECT_EQ(example.find("#color"), std::string::npos);  // not a config row
  EXPECT_EQ(example.find("#target"), std::string::npos);
}

TEST(ConfigTest, ValidateRefusesTargetsUnknownKeysAndSections) {
  CLI::App app{"amtscope: test tool", "amtscope"};
  Opts opts;
  BindOptions(app.add_subcommand("paint", "Paint things"), Rows(), &opts);
  auto check = [&](std::string_view text) {
    auto entries = ParseConfigText(text, "f.conf");
    EXPECT_TRUE(entries.ok());
    return ValidateConfig(app, {{"f.conf", *entries}});
  };
  EXPECT_TRUE(check("rate = 5\n[paint]\nrate = 6\n").ok());
  Status target = check("[paint]\ntarget = 198.18.0.1\n");
  EXPECT_EQ(target.message(),
            "f.conf:2: 'target' cannot be set in a config file");
  EXPECT_EQ(check("color = red\n").message(), "f.conf:1: unknown key 'color'");
  EXPECT_EQ(check("[nope]\nrate = 1\n").message(),
            "f.conf:2: unknown section [nope]");
}

}  // namespace
}  // namespace amtscope::cli
