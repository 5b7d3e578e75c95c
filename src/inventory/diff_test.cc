#include "inventory/diff.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

namespace amtscope {
namespace {

VerdictRow O(int64_t device, std::string ip, ScanVerdict verdict,
             std::string version = "8.1.40", uint16_t port = 16992) {
  VerdictRow o;
  o.device_id = device;
  o.ip = std::move(ip);
  o.port = port;
  o.amt = verdict != ScanVerdict::kNotAmt;
  o.verdict = verdict;
  auto v = FirmwareVersion::Parse(version);
  if (v.ok()) o.version = *v;
  return o;
}

constexpr auto kVuln = ScanVerdict::kVulnerable;
constexpr auto kOk = ScanVerdict::kNotVulnerable;

TEST(DiffTest, EveryCategoryFromAHandMadeHistory) {
  std::vector<VerdictRow> before = {
      O(1, "198.18.0.1", kVuln),  // patched
      O(2, "198.18.0.2", kVuln),  // still vulnerable, moves to .20
      O(3, "198.18.0.3", kOk),    // regresses (downgraded)
      O(4, "198.18.0.4", kVuln),  // gone: in scope, silent
      O(5, "198.18.0.5", kVuln),  // unprovisioned: port closed, 80 answers
      O(6, "198.19.0.6", kVuln),  // outside the later scan's targets
  };
  std::vector<VerdictRow> after = {
      O(1, "198.18.0.1", kOk, "8.1.71.3608"),
      O(2, "198.18.0.20", kVuln),
      O(3, "198.18.0.3", kVuln, "8.1.30"),
      O(7, "198.18.0.5", ScanVerdict::kNotAmt, "", 80),
      O(8, "198.18.0.8", kVuln),
  };
  ScanDiff d = Diff(before, after, [](const std::string& ip) {
    return ip.starts_with("198.18.");
  });
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].device, 8);
  EXPECT_FALSE(d.added[0].verdict_before);
  ASSERT_EQ(d.fixed.size(), 2u);
  EXPECT_EQ(d.fixed[0].device, 1);
  EXPECT_EQ(d.fixed[0].version_after, "8.1.71.3608");
  EXPECT_EQ(d.fixed[1].device, 5);
  ASSERT_EQ(d.regressed.size(), 1u);
  EXPECT_EQ(d.regressed[0].device, 3);
  ASSERT_EQ(d.still_vulnerable.size(), 1u);
  EXPECT_EQ(d.still_vulnerable[0].ip, "198.18.0.20");
  ASSERT_EQ(d.gone.size(), 1u);
  EXPECT_EQ(d.gone[0].device, 4);
  ASSERT_EQ(d.moved.size(), 1u);
  EXPECT_EQ(d.moved[0].previous_ip, "198.18.0.2");
}

TEST(DiffTest, SeveralPortsOfOneDeviceCountOnce) {
  std::vector<VerdictRow> before = {O(1, "198.18.0.1", kVuln),
                                    O(1, "198.18.0.1", kVuln, "8.1.40", 16993)};
  std::vector<VerdictRow> after = {
      O(1, "198.18.0.1", ScanVerdict::kUnknown, "8.1.40", 16993),
      O(1, "198.18.0.1", kVuln)};
  ScanDiff d = Diff(before, after);
  EXPECT_EQ(d.still_vulnerable.size(), 1u);
  EXPECT_TRUE(d.fixed.empty());
}

TEST(DiffTest, JsonHasTheIssuesFields) {
  std::vector<VerdictRow> before = {O(2, "198.18.0.2", kVuln)};
  std::vector<VerdictRow> after = {O(2, "198.18.0.20", kOk, "")};
  nlohmann::json j = nlohmann::json::parse(DiffToJson(Diff(before, after)));
  for (const char* key :
       {"new", "fixed", "regressed", "still_vulnerable", "gone", "moved"}) {
    EXPECT_TRUE(j[key].is_array()) << key;
  }
  const auto& moved = j["moved"][0];
  EXPECT_EQ(moved["previous_ip"], "198.18.0.2");
  EXPECT_EQ(moved["verdict_before"], "vulnerable");
  EXPECT_EQ(moved["verdict_after"], "not-vulnerable");
  EXPECT_TRUE(moved["version_after"].is_null());
  EXPECT_TRUE(j["fixed"][0]["previous_ip"].is_null());
}

TEST(DiffTest, JsonIsWhatNlohmannPrintsWithEveryCategoryAndHostileText) {
  // The text is written by hand for speed; it must stay the bytes that
  // `nlohmann::json::dump(2)` printed before, for every category, a null
  // and non-null of each field, and an address no parser should trust.
  std::vector<VerdictRow> before = {
      O(1, "198.18.0.1", kVuln), O(2, "198.18.0.2", kVuln),
      O(3, "198.18.0.3", kOk), O(4, "a\"b\\c\n\x01\xc3\xa9", kVuln),
      O(6, "198.18.0.6", kVuln)};
  std::vector<VerdictRow> after = {
      O(1, "198.18.0.1", kOk, ""), O(2, "198.18.0.20", kVuln),
      O(3, "198.18.0.3", kVuln), O(5, "198.18.0.5", kVuln, "11.8.50")};
  ScanDiff d = Diff(before, after);
  d.from_scan = 7;
  d.to_scan = 12;
  for (const auto* items : {&d.added, &d.fixed, &d.regressed,
                            &d.still_vulnerable, &d.gone, &d.moved}) {
    EXPECT_FALSE(items->empty());
  }
  std::string text = DiffToJson(d);
  EXPECT_EQ(text, nlohmann::json::parse(text).dump(2));
  ScanDiff none;
  EXPECT_EQ(DiffToJson(none), nlohmann::json::parse(DiffToJson(none)).dump(2));
  // Invalid UTF-8 is replaced, not thrown on.
  d.gone[0].ip = "\xff";
  EXPECT_NE(DiffToJson(d).find("\ufffd"), std::string::npos);
}

}  // namespace
}  // namespace amtscope
