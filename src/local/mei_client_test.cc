// MeiClient against the fake ME in every shape §1.1/§1.4 describe, and the
// record/replay transports used by --capture / --root.
#include "local/mei_client.h"

#include <gtest/gtest.h>

#include <cerrno>

#include "local/linux_mei.h"
#include "local/mei_capture.h"
#include "testing/fake_mei.h"

namespace amtscope {
namespace {

TEST(MeiClient, ProvisionedClientControlMode) {
  FakeMei mei(FakeMeiConfig{});
  MeiFacts f = QueryMei(mei);
  EXPECT_EQ(f.mkhi_connect, MeiStatus::kOk);
  ASSERT_TRUE(f.mkhi_version.has_value());
  EXPECT_EQ(f.mkhi_version->code.ToString(), "11.0.18.1000");
  EXPECT_EQ(*f.fw_caps & kFwCapsAmtBit, kFwCapsAmtBit);
  EXPECT_EQ(f.platform_type->brand, 1);
  ASSERT_TRUE(f.code_versions.has_value());
  EXPECT_EQ(f.code_versions->AmtVersion()->ToString(), "11.0.18.1000");
  EXPECT_EQ(*f.code_versions->SkuBits() & kSkuCorporate, kSkuCorporate);
  EXPECT_EQ(f.provisioning_state, std::optional<std::uint32_t>(2));
  EXPECT_EQ(f.control_mode, std::optional<std::uint32_t>(1));
  EXPECT_TRUE(f.notes.empty());
  // First AMTHI request on the wire is GetCodeVersions, byte for byte.
  EXPECT_EQ(ToHex(mei.requests()[4]), "010100001a00000400000000");
}

TEST(MeiClient, UnprovisionedSkipsControlMode) {
  FakeMeiConfig c;
  c.provisioning_state = 0;
  FakeMei mei(c);
  MeiFacts f = QueryMei(mei);
  EXPECT_EQ(f.provisioning_state, std::optional<std::uint32_t>(0));
  EXPECT_FALSE(f.control_mode.has_value());
}

TEST(MeiClient, AmtDisabledIsAnEmptyReply) {
  FakeMeiConfig c;
  c.amt_disabled = true;
  FakeMei mei(c);
  MeiFacts f = QueryMei(mei);
  EXPECT_TRUE(f.amt_disabled);
  EXPECT_FALSE(f.code_versions.has_value());
  EXPECT_FALSE(f.provisioning_state.has_value());
}

TEST(MeiClient, NoAmthiClientAndBusyAndNoDevice) {
  FakeMeiConfig c;
  c.amthi_connect = MeiStatus::kNoSuchClient;
  FakeMei no_amt(c);
  MeiFacts f = QueryMei(no_amt);
  EXPECT_EQ(f.amthi_connect, MeiStatus::kNoSuchClient);
  EXPECT_TRUE(f.mkhi_version.has_value());

  c.amthi_connect = MeiStatus::kBusy;
  FakeMei busy(c);
  EXPECT_EQ(QueryMei(busy).amthi_connect, MeiStatus::kBusy);

  FakeMeiConfig absent;
  absent.open = MeiStatus::kNeedsRoot;
  FakeMei needs_root(absent);
  MeiFacts n = QueryMei(needs_root);
  EXPECT_EQ(n.mkhi_connect, MeiStatus::kNeedsRoot);
  EXPECT_EQ(n.amthi_connect, MeiStatus::kNeedsRoot);
  EXPECT_FALSE(n.any());
}

TEST(MeiClient, TruncatedAndGarbageRepliesBecomeNotes) {
  for (auto damage :
       {FakeMeiConfig::Damage::kTruncated, FakeMeiConfig::Damage::kGarbage}) {
    FakeMeiConfig c;
    c.damage = damage;
    FakeMei mei(c);
    MeiFacts f = QueryMei(mei);
    EXPECT_FALSE(f.code_versions.has_value());
    EXPECT_FALSE(f.provisioning_state.has_value());
    EXPECT_GE(f.notes.size(), 2u);
    EXPECT_TRUE(f.mkhi_version.has_value());  // MKHI was undamaged
  }
}

TEST(Unprovision, ClientControlModeSucceeds) {
  FakeMei mei(FakeMeiConfig{});
  ASSERT_TRUE(UnprovisionAmt(mei).ok());
  EXPECT_TRUE(mei.unprovisioned());
  EXPECT_EQ(ToHex(mei.requests().back()), "01010000100000040400000000000000");
}

TEST(Unprovision, AdminControlModeIsRefusedWithMebxHint) {
  FakeMeiConfig c;
  c.control_mode = 2;
  FakeMei mei(c);
  Status s = UnprovisionAmt(mei);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.hint().find("Ctrl+P"), std::string::npos);
  EXPECT_FALSE(mei.unprovisioned());
  for (const auto& r : mei.requests())
    EXPECT_NE(ToHex(r).substr(8, 8), "10000004");
}

TEST(Unprovision, BusyClientSaysStopLms) {
  FakeMeiConfig c;
  c.amthi_connect = MeiStatus::kBusy;
  FakeMei mei(c);
  Status s = UnprovisionAmt(mei);
  EXPECT_NE(s.hint().find("LMS"), std::string::npos);
}

TEST(Capture, RecordThenReplayGivesTheSameFacts) {
  FakeMeiConfig c;
  c.version = FirmwareVersion(8, 1, 70, 3600);
  c.provisioning_state = 2;
  c.control_mode = 2;
  FakeMei fake(c);
  RecordingMei rec(fake);
  MeiFacts live = QueryMei(rec);
  ReplayMei replay = ReplayMei::Parse(rec.log());
  EXPECT_EQ(replay.malformed_lines(), 0);
  MeiFacts again = QueryMei(replay);
  EXPECT_EQ(again.code_versions->AmtVersion()->ToString(), "8.1.70.3600");
  EXPECT_EQ(again.control_mode, live.control_mode);
  EXPECT_EQ(again.provisioning_state, live.provisioning_state);
}

TEST(Capture, ReplayOfJunkNeverCrashes) {
  ReplayMei r =
      ReplayMei::Parse("connect nonsense\nxfer a b c\n\x01\x02garbage\n");
  EXPECT_EQ(r.malformed_lines(), 3);
  MeiFacts f = QueryMei(r);
  EXPECT_FALSE(f.any());
}

TEST(LinuxMei, ErrnoMapping) {
  EXPECT_EQ(MeiStatusFromErrno(ENOENT, true), MeiStatus::kNoDevice);
  EXPECT_EQ(MeiStatusFromErrno(EACCES, true), MeiStatus::kNeedsRoot);
  EXPECT_EQ(MeiStatusFromErrno(ENOTTY, false), MeiStatus::kNoSuchClient);
  EXPECT_EQ(MeiStatusFromErrno(EBUSY, false), MeiStatus::kBusy);
  EXPECT_EQ(MeiStatusFromErrno(EIO, false), MeiStatus::kIoError);
}

TEST(LinuxMei, MissingDeviceIsNoDevice) {
  LinuxMei mei("/nonexistent/mei0");
  EXPECT_EQ(mei.Connect(AmthiUuid()).status, MeiStatus::kNoDevice);
}

}  // namespace
}  // namespace amtscope
