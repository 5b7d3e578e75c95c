#include "core/firmware_version.h"

#include <gtest/gtest.h>

namespace amtscope {
namespace {

FirmwareVersion P(std::string_view s) {
  auto r = FirmwareVersion::Parse(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.status().ToString();
  return r.ok() ? *r : FirmwareVersion();
}

TEST(FirmwareVersionTest, ParsesThreeParts) {
  FirmwareVersion v = P("8.1.40");
  EXPECT_TRUE(v.known());
  EXPECT_EQ(v.parts(), 3);
  EXPECT_FALSE(v.has_build());
  EXPECT_EQ(v.major(), 8);
  EXPECT_EQ(v.minor(), 1);
  EXPECT_EQ(v.hotfix(), 40);
  EXPECT_EQ(v.ToString(), "8.1.40");
}

TEST(FirmwareVersionTest, ParsesFourParts) {
  FirmwareVersion v = P("11.0.25.3001");
  EXPECT_TRUE(v.has_build());
  EXPECT_EQ(v.build(), 3001);
  EXPECT_EQ(v.ToString(), "11.0.25.3001");
}

TEST(FirmwareVersionTest, ParsesWebUiFooterForm) {
  EXPECT_EQ(P("9.5.35-build 1862"), FirmwareVersion(9, 5, 35, 1862));
  EXPECT_EQ(P("9.0.2-build 1345"), FirmwareVersion(9, 0, 2, 1345));
}

TEST(FirmwareVersionTest, ParsesSysfsForm) {
  EXPECT_EQ(P("0:11.8.50.3425"), FirmwareVersion(11, 8, 50, 3425));
  EXPECT_EQ(P("0:11.8.50.3425\n"), FirmwareVersion(11, 8, 50, 3425));
}

TEST(FirmwareVersionTest, BareAmtIsKnownToBeUnknown) {
  FirmwareVersion v = P("AMT");
  EXPECT_FALSE(v.known());
  EXPECT_EQ(v.parts(), 0);
  EXPECT_EQ(v.ToString(), "");
}

TEST(FirmwareVersionTest, ParsesMajorMinorOnly) {
  FirmwareVersion v = P("9.1");
  EXPECT_EQ(v.parts(), 2);
  EXPECT_EQ(v.ToString(), "9.1");
}

TEST(FirmwareVersionTest, RejectsMalformed) {
  for (std::string_view bad :
       {"8.x", "8", "8.1.40.3000.1", "8..1", "8.1.", "-1.2.3", "8.1.40 junk",
        "99999999999.1.1", "8.1.40-build", "8.1.70000"}) {
    auto r = FirmwareVersion::Parse(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(r.status().hint(), "");
    }
  }
}

TEST(FirmwareVersionTest, ComparesWithinALine) {
  EXPECT_EQ(P("8.1.70.3600").Compare(P("8.1.71.3608")), VersionOrder::kLess);
  EXPECT_EQ(P("8.1.71.3608").Compare(P("8.1.71.3608")), VersionOrder::kEqual);
  EXPECT_EQ(P("8.1.71.3700").Compare(P("8.1.71.3608")), VersionOrder::kGreater);
  EXPECT_EQ(P("8.1.72").Compare(P("8.1.71.3608")), VersionOrder::kGreater);
  EXPECT_EQ(P("8.1.40").Compare(P("8.1.71.3608")), VersionOrder::kLess);
}

TEST(FirmwareVersionTest, MissingBuildMakesEqualPrefixAmbiguous) {
  EXPECT_EQ(P("8.1.71").Compare(P("8.1.71.3608")), VersionOrder::kAmbiguous);
  EXPECT_EQ(P("8.1.71.3608").Compare(P("8.1.71")), VersionOrder::kAmbiguous);
  EXPECT_EQ(P("8.1.71").Compare(P("8.1.71")), VersionOrder::kEqual);
  EXPECT_EQ(P("8.1").Compare(P("8.1.71.3608")), VersionOrder::kAmbiguous);
}

TEST(FirmwareVersionTest, UnknownComparesUnknown) {
  EXPECT_EQ(P("AMT").Compare(P("8.1.71")), VersionOrder::kUnknown);
  EXPECT_EQ(P("8.1.71").Compare(FirmwareVersion()), VersionOrder::kUnknown);
}

TEST(FirmwareVersionTest, SameLine) {
  EXPECT_TRUE(P("11.8.50").SameLine(P("11.8.60.1000")));
  EXPECT_FALSE(P("11.8.50").SameLine(P("11.6.27.3264")));
  EXPECT_FALSE(FirmwareVersion().SameLine(P("11.6.27.3264")));
}

}  // namespace
}  // namespace amtscope
