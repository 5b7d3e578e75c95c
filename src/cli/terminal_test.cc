#include "cli/terminal.h"

#include <gtest/gtest.h>

namespace amtscope::cli {
namespace {

TEST(TableStyleTest, PlainWhenNotATerminal) {
  WriterOptions o =
      TableStyle({.is_tty = false, .columns = "80", .window_columns = 120});
  EXPECT_FALSE(o.color);
  EXPECT_EQ(o.width, 0);
}

TEST(TableStyleTest, ColourOnATerminalUnlessNoColorOrDumb) {
  EXPECT_TRUE(TableStyle({.is_tty = true, .term = "xterm"}).color);
  EXPECT_TRUE(TableStyle({.is_tty = true}).color);
  EXPECT_FALSE(TableStyle({.is_tty = true, .no_color = "1"}).color);
  EXPECT_FALSE(TableStyle({.is_tty = true, .no_color = "0"}).color);
  EXPECT_FALSE(TableStyle({.is_tty = true, .term = "dumb"}).color);
}

TEST(TableStyleTest, WidthFromColumnsThenTheWindow) {
  EXPECT_EQ(TableStyle({.is_tty = true, .columns = "100", .window_columns = 80})
                .width,
            100);
  EXPECT_EQ(TableStyle({.is_tty = true, .window_columns = 80}).width, 80);
  EXPECT_EQ(
      TableStyle({.is_tty = true, .columns = "wide", .window_columns = 90})
          .width,
      90);
  EXPECT_EQ(TableStyle({.is_tty = true, .columns = "0"}).width, 0);
  EXPECT_EQ(TableStyle({.is_tty = true}).width, 0);
}

}  // namespace
}  // namespace amtscope::cli
