#include "inventory/identity.h"

#include <gtest/gtest.h>

#include <vector>

#include "inventory/device_linker.h"

namespace amtscope {
namespace {

Observation Obs(std::string ip, uint16_t port, std::string realm,
                std::string version, std::string cert = "") {
  Observation o;
  o.finding.ip = std::move(ip);
  o.finding.port = port;
  o.finding.amt = true;
  o.finding.product = "amt";
  o.finding.realm = std::move(realm);
  auto v = FirmwareVersion::Parse(version);
  if (v.ok()) o.finding.version = *v;
  o.finding.cert_sha256 = std::move(cert);
  return o;
}

TEST(IsGenericRealmTest, PerDeviceDigitsAreNotGeneric) {
  EXPECT_FALSE(IsGenericRealm("Digest:A3B1C2D4"));
  EXPECT_TRUE(IsGenericRealm(""));
  EXPECT_TRUE(IsGenericRealm("Digest:"));
  EXPECT_TRUE(IsGenericRealm("Digest:00000000"));
  EXPECT_TRUE(IsGenericRealm("Intel(R) AMT"));
  EXPECT_TRUE(IsGenericRealm("Digest:12 34"));
}

TEST(MatchDeviceTest, CertificateWinsOverAddress) {
  std::vector<DeviceKey> c = {
      {1, "aa", "Digest:1111", "amt", "8.1.40", "198.18.0.5", 16993},
      {2, "bb", "Digest:2222", "amt", "8.1.40", "198.18.0.9", 16993}};
  DeviceMatch m =
      MatchDevice(Obs("198.18.0.5", 16993, "Digest:2222", "8.1.40", "bb"), c);
  EXPECT_EQ(m.device_id, 2);
  EXPECT_EQ(m.kind, MatchKind::kCertificate);
}

TEST(MatchDeviceTest, SharedCertificateWithOtherRealmIsAnotherDevice) {
  // A fleet-wide certificate: same fingerprint, per-device realms differ.
  std::vector<DeviceKey> c = {
      {1, "cc", "Digest:1111", "amt", "8.1.40", "198.18.0.5", 16993}};
  EXPECT_EQ(
      MatchDevice(Obs("198.18.0.9", 16993, "Digest:2222", "8.1.40", "cc"), c)
          .kind,
      MatchKind::kNew);
}

TEST(MatchDeviceTest, CertificateSeenElsewhereInThisScanIdentifiesNothing) {
  // Generic realms cannot tell the two apart; the device already answered
  // at .5 in this scan, so the same certificate at .9 is another device.
  DeviceKey k{1, "cc", "", "amt", "8.1.40", "198.18.0.5", 16993};
  k.seen_elsewhere = true;
  std::vector<DeviceKey> c = {k};
  EXPECT_EQ(MatchDevice(Obs("198.18.0.9", 16993, "", "8.1.40", "cc"), c).kind,
            MatchKind::kNew);
  c[0].seen_elsewhere = false;  // a later scan: the device moved
  EXPECT_EQ(MatchDevice(Obs("198.18.0.9", 16993, "", "8.1.40", "cc"), c).kind,
            MatchKind::kCertificate);
}

TEST(MatchDeviceTest, RealmWithProductAndVersionLineFollowsAMove) {
  std::vector<DeviceKey> c = {
      {1, "", "Digest:1111", "amt", "8.1.40", "198.18.0.5", 16992}};
  DeviceMatch m =
      MatchDevice(Obs("198.18.0.77", 16992, "Digest:1111", "8.1.71.3608"), c);
  EXPECT_EQ(m.device_id, 1);  // patched within the 8.1 line, moved: same device
  EXPECT_EQ(m.kind, MatchKind::kRealm);
}

TEST(MatchDeviceTest, RealmOnOtherVersionLineIsAnotherDevice) {
  std::vector<DeviceKey> c = {
      {1, "", "Digest:1111", "amt", "8.1.40", "198.18.0.5", 16992}};
  EXPECT_EQ(
      MatchDevice(Obs("198.18.0.77", 16992, "Digest:1111", "11.0.25"), c).kind,
      MatchKind::kNew);
}

TEST(MatchDeviceTest, AmbiguousRealmFallsBackToAddress) {
  std::vector<DeviceKey> c = {
      {1, "", "Digest:1111", "amt", "8.1.40", "198.18.0.5", 16992},
      {2, "", "Digest:1111", "amt", "8.1.40", "198.18.0.6", 16992}};
  DeviceMatch m =
      MatchDevice(Obs("198.18.0.6", 16992, "Digest:1111", "8.1.40"), c);
  EXPECT_EQ(m.device_id, 2);
  EXPECT_EQ(m.kind, MatchKind::kAddress);
  EXPECT_EQ(
      MatchDevice(Obs("198.18.0.7", 16992, "Digest:1111", "8.1.40"), c).kind,
      MatchKind::kNew);
}

TEST(MatchDeviceTest, GenericRealmLinksByAddressOnly) {
  std::vector<DeviceKey> c = {{1, "", "", "", "", "198.18.0.5", 16992}};
  EXPECT_EQ(MatchDevice(Obs("198.18.0.5", 16992, "", ""), c).device_id, 1);
  EXPECT_EQ(MatchDevice(Obs("198.18.0.6", 16992, "", ""), c).kind,
            MatchKind::kNew);
}

TEST(MatchDeviceTest, AddressTakenByAnotherDeviceIsNew) {
  std::vector<DeviceKey> c = {
      {1, "aa", "Digest:1111", "amt", "8.1.40", "198.18.0.5", 16993}};
  EXPECT_EQ(
      MatchDevice(Obs("198.18.0.5", 16993, "Digest:9999", "8.1.40", "cc"), c)
          .kind,
      MatchKind::kNew);
  EXPECT_EQ(
      MatchDevice(Obs("198.18.0.5", 16993, "Digest:9999", "8.1.40"), c).kind,
      MatchKind::kNew);
}

TEST(ApplyObservationTest, FirstVulnerableThenFirstFixed) {
  using std::chrono::hours;
  Observation o = Obs("198.18.0.5", 16992, "Digest:1111", "8.1.40");
  o.finding.verdict = ScanVerdict::kVulnerable;
  o.finding.time = TimePoint(hours(1));
  Device d = ApplyObservation({}, o, 1, "hq");
  EXPECT_EQ(d.first_vulnerable, TimePoint(hours(1)));
  EXPECT_FALSE(d.first_fixed);
  o.finding.verdict = ScanVerdict::kNotVulnerable;
  o.finding.time = TimePoint(hours(2));
  d = ApplyObservation(d, o, 2, "hq");
  EXPECT_EQ(d.verdict, ScanVerdict::kNotVulnerable);
  EXPECT_EQ(d.first_fixed, TimePoint(hours(2)));
  EXPECT_EQ(d.first_seen, TimePoint(hours(1)));
  EXPECT_EQ(d.last_seen, TimePoint(hours(2)));
}

TEST(ApplyObservationTest, WithinOneScanTheWorstPortWins) {
  Observation a = Obs("198.18.0.5", 16992, "Digest:1111", "8.1.40");
  a.finding.verdict = ScanVerdict::kVulnerable;
  Observation b = Obs("198.18.0.5", 16993, "Digest:1111", "8.1.40", "aa");
  b.finding.verdict = ScanVerdict::kUnknown;
  Device d = ApplyObservation(ApplyObservation({}, a, 1, ""), b, 1, "");
  EXPECT_EQ(d.verdict, ScanVerdict::kVulnerable);
  EXPECT_EQ(d.cert_sha256, "aa");
}

}  // namespace
}  // namespace amtscope
