#include "scan/page_scanner.h"

#include <gtest/gtest.h>

#include <string>

namespace amtscope {
namespace {

TEST(PageScanner, FindsFooterAcrossChunkBoundaries) {
  // docs/protocol.md §2.6 footer, fed in 3-byte pieces.
  std::string page =
      "<html><title>Intel&reg; Active Management Technology</title><h1>System "
      "Status</h1>"
      "<p>Intel&reg; Active Management Technology firmware version: "
      "9.5.35-build 1862</p>";
  PageScanner s;
  for (size_t i = 0; i < page.size(); i += 3)
    s.OnBody(std::string_view(page).substr(i, 3));
  EXPECT_TRUE(s.amt_page());
  EXPECT_FALSE(s.soap());
  EXPECT_EQ(s.footer_version(), "9.5.35-build 1862");
}

TEST(PageScanner, KmpHandlesOverlappingPrefixes) {
  PageScanner s;
  s.OnBody("System System Status");
  EXPECT_TRUE(s.amt_page());
}

TEST(PageScanner, WsmanVersionString) {
  PageScanner s;
  s.OnBody(
      "<a:Envelope "
      "xmlns:a=\"http://www.w3.org/2003/05/soap-envelope\"><g:Version");
  s.OnBody("String>8.1.40</g:VersionString></a:Envelope>");
  EXPECT_TRUE(s.soap());
  EXPECT_FALSE(s.amt_page());
  EXPECT_EQ(s.wsman_version(), "8.1.40");
}

TEST(PageScanner, NothingInAnUnrelatedPage) {
  PageScanner s;
  s.OnBody("<html><body>It works!</body></html>");
  EXPECT_FALSE(s.amt_page());
  EXPECT_FALSE(s.soap());
  EXPECT_EQ(s.footer_version(), "");
}

TEST(PageScanner, CaptureIsBounded) {
  PageScanner s;
  s.OnBody("firmware version: " + std::string(10000, '9'));
  EXPECT_LE(s.footer_version().size(), 40u);
}

}  // namespace
}  // namespace amtscope
