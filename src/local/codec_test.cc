// Byte-for-byte tests of the MKHI/AMTHI codecs against the layouts in
// docs/local-detection.md §1.2.
#include <gtest/gtest.h>

#include "local/amthi.h"
#include "local/mei_transport.h"
#include "local/mkhi.h"

namespace amtscope {
namespace {

std::vector<std::uint8_t> Hex(std::string_view hex) {
  return FromHex(hex).value();
}

TEST(MeiUuid, LeBytesMatchTheIoctlOrderFromTheReference) {
  // data/mei_client_guids.csv: "28 00 f8 12 b7 b4 2d 4b ac a8 46 e0 ff 65 81
  // 4c"
  EXPECT_EQ(ToHex(AmthiUuid().LeBytes()), "2800f812b7b42d4baca846e0ff65814c");
  EXPECT_EQ(ToHex(MkhiUuid().LeBytes()), "15676a8ebc9a434088ef9e39c6f63e0f");
  EXPECT_EQ(AmthiUuid().ToString(), "12f80028-b4b7-4b2d-aca8-46e0ff65814c");
  EXPECT_FALSE(MeiUuid::Parse("12f80028-b4b7-4b2d-aca8-46e0ff65814").ok());
  EXPECT_FALSE(MeiUuid::Parse("12f80028xb4b7-4b2d-aca8-46e0ff65814c").ok());
}

TEST(Mkhi, GetFwVersionRequestIsFF020000) {
  EXPECT_EQ(ToHex(EncodeMkhiGetFwVersion()), "ff020000");
}

TEST(Mkhi, DecodesFwVersionBlocks) {
  // header FF 82 00 00; block {minor=8, major=11, platform=0, build=3425,
  // hotfix=50}
  auto reply =
      Hex("ff820000"
          "0800"
          "0b"
          "00"
          "610d"
          "3200"
          "0800"
          "0b"
          "00"
          "610d"
          "3200");
  auto v = DecodeMkhiGetFwVersion(reply);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->code.ToString(), "11.8.50.3425");
  ASSERT_TRUE(v->recovery.has_value());
  EXPECT_FALSE(v->fitc.has_value());
  EXPECT_EQ(EncodeMkhiGetFwVersionReply(FirmwareVersion(11, 8, 50, 3425)),
            reply);
}

TEST(Mkhi, RejectsBadFwVersionReplies) {
  EXPECT_FALSE(DecodeMkhiGetFwVersion(Hex("ff82")).ok());  // short header
  EXPECT_FALSE(
      DecodeMkhiGetFwVersion(Hex("ff820000080b")).ok());  // short block
  EXPECT_FALSE(DecodeMkhiGetFwVersion(Hex("ff020000"
                                          "08000b00610d3200"))
                   .ok());  // not a response
  EXPECT_FALSE(DecodeMkhiGetFwVersion(Hex("ff820001"
                                          "08000b00610d3200"))
                   .ok());  // result != 0
}

TEST(Mkhi, GetRuleRoundTrip) {
  EXPECT_EQ(ToHex(EncodeMkhiGetRule(kRulePlatformType)), "030200001d000000");
  auto reply =
      Hex("03820000"
          "1d000000"
          "04"
          "01140000");
  auto v = DecodeMkhiGetRule(reply, kRulePlatformType);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 0x1401u);
  PlatformType p = DecodePlatformType(*v);
  EXPECT_EQ(p.brand, 1);
  EXPECT_EQ(p.image_type, 4);
  EXPECT_TRUE(p.mobile);
  EXPECT_EQ(BrandName(p.brand), "AMT");
  EXPECT_EQ(EncodeMkhiGetRuleReply(kRulePlatformType, 0x1401), reply);
  EXPECT_FALSE(DecodeMkhiGetRule(reply, kRuleFwSku).ok());  // other rule
  EXPECT_FALSE(DecodeMkhiGetRule(Hex("03820000"
                                     "1d000000"
                                     "02"
                                     "0114"),
                                 kRulePlatformType)
                   .ok());
  EXPECT_FALSE(DecodeMkhiGetRule(Hex("03820000"
                                     "1d000000"
                                     "04"
                                     "0114"),
                                 kRulePlatformType)
                   .ok());
}

TEST(Amthi, RequestHeadersMatchTheReference) {
  EXPECT_EQ(ToHex(EncodeAmthiRequest(kAmthiGetCodeVersions)),
            "010100001a00000400000000");
  EXPECT_EQ(ToHex(EncodeAmthiRequest(kAmthiGetProvisioningState)),
            "010100001100000400000000");
  EXPECT_EQ(ToHex(EncodeAmthiRequest(kAmthiGetControlMode)),
            "010100006b00000400000000");
  EXPECT_EQ(ToHex(EncodeAmthiUnprovision()),
            "01010000100000040400000000000000");
}

TEST(Amthi, DecodesProvisioningStateReply) {
  // length field 8 = status + state (fwupd checks this)
  auto reply =
      Hex("01010000"
          "11008004"
          "08000000"
          "00000000"
          "02000000");
  auto r = DecodeAmthiReply(reply, kAmthiGetProvisioningState);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 0u);
  EXPECT_EQ(DecodeU32Body(r->body, "x").value(), 2u);
  EXPECT_EQ(ProvisioningStateName(2), "post-provisioning");
  std::uint8_t two[4] = {2, 0, 0, 0};
  EXPECT_EQ(EncodeAmthiReply(kAmthiGetProvisioningState, 0, two), reply);
}

TEST(Amthi, RejectsMalformedReplies) {
  auto good =
      Hex("01010000"
          "6b008004"
          "08000000"
          "00000000"
          "01000000");
  ASSERT_TRUE(DecodeAmthiReply(good, kAmthiGetControlMode).ok());
  EXPECT_FALSE(DecodeAmthiReply(good, kAmthiGetProvisioningState)
                   .ok());  // wrong command
  auto bad_len = good;
  bad_len[8] = 9;
  EXPECT_FALSE(DecodeAmthiReply(bad_len, kAmthiGetControlMode).ok());
  auto bad_ver = good;
  bad_ver[0] = 2;
  EXPECT_FALSE(DecodeAmthiReply(bad_ver, kAmthiGetControlMode).ok());
  auto truncated = std::vector<std::uint8_t>(good.begin(), good.begin() + 14);
  EXPECT_FALSE(DecodeAmthiReply(truncated, kAmthiGetControlMode).ok());
  auto no_body =
      Hex("01010000"
          "6b008004"
          "04000000"
          "00000000");
  auto r = DecodeAmthiReply(no_body, kAmthiGetControlMode);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(DecodeU32Body(r->body, "GetControlMode").ok());
}

TEST(Amthi, CodeVersionsOffsetsAndFields) {
  CodeVersions cv;
  cv.bios = "N1CET52W";
  cv.entries = {{"AMT", "9.5.40"}, {"Sku", "8200"}, {"Build Number", "1892"}};
  std::vector<std::uint8_t> body = EncodeCodeVersionsBody(cv);
  ASSERT_EQ(body.size(), 65u + 4 + 3 * 44);
  // Relative to the whole reply: bios @16, count @81, first entry @85 (§1.2).
  EXPECT_EQ(body[65], 3);
  EXPECT_EQ(body[69], 3);  // u16 len of "AMT"
  EXPECT_EQ(body[71], 'A');
  EXPECT_EQ(body[69 + 22], 6);  // len of "9.5.40"
  auto reply = EncodeAmthiReply(kAmthiGetCodeVersions, 0, body);
  EXPECT_EQ(reply[81], 3);
  EXPECT_EQ(reply[87], 'A');
  auto decoded =
      DecodeCodeVersions(DecodeAmthiReply(reply, kAmthiGetCodeVersions)->body);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->bios, "N1CET52W");
  EXPECT_EQ(decoded->AmtVersion()->ToString(), "9.5.40.1892");
  EXPECT_EQ(*decoded->SkuBits(), 8200u);  // strtoul(…, 0): decimal
  cv.entries[1].second = "0x4008";
  EXPECT_EQ(*cv.SkuBits(), 0x4008u);
}

TEST(Amthi, CodeVersionsRejectsLiesAboutCount) {
  CodeVersions cv;
  cv.entries = {{"AMT", "11.0.18"}};
  auto body = EncodeCodeVersionsBody(cv);
  body[65] = 2;  // claims two entries, carries one
  EXPECT_FALSE(DecodeCodeVersions(body).ok());
  body[65] = 51;
  EXPECT_FALSE(DecodeCodeVersions(body).ok());
  EXPECT_FALSE(DecodeCodeVersions(std::vector<std::uint8_t>(60, 0)).ok());
}

}  // namespace
}  // namespace amtscope
