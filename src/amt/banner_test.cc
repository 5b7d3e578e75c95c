#include "amt/banner.h"

#include <gtest/gtest.h>

namespace amtscope {
namespace {

struct BannerCase {
  const char* server;
  bool amt;
  const char* product;
  const char* version;  // FirmwareVersion::ToString(), "" = unknown
};

// Every Server variant of docs/protocol.md §2.1 (and §2.11), plus
// look-alikes that must not match.
const BannerCase kCases[] = {
    {"Intel(R) Active Management Technology 7.1.91", true, "amt", "7.1.91"},
    {"Intel(R) Active Management Technology 8.1.40", true, "amt", "8.1.40"},
    {"Intel(R) Active Management Technology 11.8.50.3425", true, "amt",
     "11.8.50.3425"},
    {"Intel(R) Active Management Technology 15.0.23.1706", true, "amt",
     "15.0.23.1706"},
    {"AMT", true, "amt", ""},
    {"  AMT  ", true, "amt", ""},
    {"amt", true, "amt", ""},
    {"Intel(R) Standard Manageability 5.0.50", true, "ism", "5.0.50"},
    {"Intel(R) Standard Manageability 9.0.3", true, "ism", "9.0.3"},
    {"Intel(R) Small Business Technology 6.0.30", true, "sbt", "6.0.30"},
    {"Intel(R) Con. Management Engine 5.0.1", true, "cme", "5.0.1"},
    {"INTEL(R) ACTIVE MANAGEMENT TECHNOLOGY 9.5.30", true, "amt", "9.5.30"},
    {"Intel\xC2\xAE Active Management Technology 10.0.47", true, "amt",
     "10.0.47"},
    {"Intel(R) Active Management Technology", true, "amt", ""},
    {"Intel(R) Active Management Technology garbage!", true, "amt", ""},
    {"Intel(R) Management & Security Application 8.0.0", false, "", ""},
    {"AMTHTTPD", false, "", ""},
    {"nginx/1.22.1", false, "", ""},
    {"", false, "", ""},
    {"Intel(R) Active Management Technology2000 1.2.3", false, "", ""},
    {"Microsoft-IIS/10.0 AMT", false, "", ""},
};

TEST(ParseServerBanner, EveryVariant) {
  for (const BannerCase& c : kCases) {
    Banner b = ParseServerBanner(c.server);
    EXPECT_EQ(b.amt, c.amt) << c.server;
    EXPECT_EQ(b.product, c.product) << c.server;
    EXPECT_EQ(b.version.ToString(), c.version) << c.server;
  }
}

TEST(ParseServerBanner, KeepsTheRawVersionToken) {
  Banner b =
      ParseServerBanner("Intel(R) Active Management Technology 9.5.35-build");
  EXPECT_EQ(b.version_text, "9.5.35-build");
}

}  // namespace
}  // namespace amtscope
