#include "amt/web.h"

#include <gtest/gtest.h>

#include "amt/product.h"

namespace amtscope {
namespace {

TEST(AmtWeb, PortKnowledge) {
  EXPECT_TRUE(IsAmtPort(623));
  EXPECT_TRUE(IsAmtPort(16993));
  EXPECT_FALSE(IsAmtPort(80));
  EXPECT_TRUE(IsAmtTlsPort(664));
  EXPECT_TRUE(IsAmtTlsPort(16993));
  EXPECT_FALSE(IsAmtTlsPort(16992));
  EXPECT_FALSE(IsAmtTlsPort(623));
  EXPECT_EQ(ServiceName(16992, false), "amt-soap-http");
  EXPECT_EQ(ServiceName(664, true), "amt-soap-https");
  EXPECT_EQ(ServiceName(16994, false), "amt-redir-tcp");
  EXPECT_EQ(ServiceName(8080, false), "http");
}

TEST(AmtWeb, RealmIsDigestPrefixAndHex) {
  EXPECT_TRUE(IsAmtRealm("Digest:7BA70000000000000000000000000000"));
  EXPECT_TRUE(IsAmtRealm("Digest:727734D63A1FC0423736E48DA554E462"));
  EXPECT_TRUE(IsAmtRealm("digest:abcdef"));
  EXPECT_FALSE(IsAmtRealm("Digest:"));
  EXPECT_FALSE(IsAmtRealm("Digest:not hex"));
  EXPECT_FALSE(IsAmtRealm("Restricted area"));
  EXPECT_FALSE(IsAmtRealm(""));
}

TEST(AmtWeb, FlawedComparisonAcceptsAnyPrefixOfTheExpectedResponse) {
  const std::string_view expected = "0123456789abcdef0123456789abcdef";
  EXPECT_TRUE(FirmwareAcceptsResponse(expected, "", true));  // CVE-2017-5689
  EXPECT_TRUE(FirmwareAcceptsResponse(expected, "0123", true));
  EXPECT_FALSE(FirmwareAcceptsResponse(expected, "1", true));
  EXPECT_FALSE(
      FirmwareAcceptsResponse(expected, std::string(expected) + "0", true));
  EXPECT_TRUE(FirmwareAcceptsResponse(expected, expected, false));
  EXPECT_FALSE(FirmwareAcceptsResponse(expected, "", false));
  EXPECT_FALSE(FirmwareAcceptsResponse(expected, "0123", false));
}

TEST(AmtProduct, TableNamesEachProductOnce) {
  ASSERT_NE(FindAmtProduct("ism"), nullptr);
  EXPECT_EQ(FindAmtProduct("ism")->server_name, "Standard Manageability");
  EXPECT_EQ(FindAmtProduct("nope"), nullptr);
  EXPECT_EQ(AmtServerHeader(*FindAmtProduct("amt"), "8.1.40"),
            "Intel(R) Active Management Technology 8.1.40");
  EXPECT_EQ(AmtServerHeader(*FindAmtProduct("sbt"), ""),
            "Intel(R) Small Business Technology");
}

}  // namespace
}  // namespace amtscope
