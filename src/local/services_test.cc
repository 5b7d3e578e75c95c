// The Windows service logic against the fake SCM (testing/), the capture
// format of the service states, and the Win32 error mapping of the MEI
// transport — all plain code, so these run on Linux and under wine.
#include "local/services.h"

#include <gtest/gtest.h>

#include "local/lms.h"
#include "local/windows_mei.h"
#include "testing/fake_service_manager.h"

namespace amtscope {
namespace {

TEST(Services, QueryReportsInstalledAndAbsentServices) {
  FakeServiceManager scm;
  scm.Install("LMS", "running", "auto");
  std::vector<ServiceFacts> s = QueryAmtServices(scm);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].name, "LMS");
  EXPECT_TRUE(s[0].installed);
  EXPECT_EQ(s[0].state, "running");
  EXPECT_EQ(s[0].start_type, "auto");
  EXPECT_EQ(s[1].name, "UNS");
  EXPECT_FALSE(s[1].installed);
  EXPECT_TRUE(s[1].error.empty());
}

TEST(Services, QueryErrorIsKeptPerService) {
  FakeServiceManager scm;
  scm.FailWith(Status::PermissionDenied("cannot open the SCM"));
  std::vector<ServiceFacts> s = QueryAmtServices(scm);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].error, "cannot open the SCM");
  LmsFacts lms;
  ApplyServices(s, &lms);
  EXPECT_FALSE(lms.running.has_value());  // unknown, not "not running"
  EXPECT_TRUE(lms.unit_path.empty());
}

TEST(Services, DisableLmsSetsDisabledThenStops) {
  FakeServiceManager scm;
  scm.Install("LMS", "running", "auto");
  ASSERT_TRUE(DisableLmsService(scm).ok());
  EXPECT_EQ(scm.calls(),
            (std::vector<std::string>{"query LMS", "disable LMS", "stop LMS"}));
  auto after = scm.Query("LMS");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->start_type, "disabled");
  EXPECT_EQ(after->state, "stopped");
}

TEST(Services, DisableLmsDoesNotStopAStoppedService) {
  FakeServiceManager scm;
  scm.Install("LMS", "stopped", "demand");
  ASSERT_TRUE(DisableLmsService(scm).ok());
  EXPECT_EQ(scm.calls(),
            (std::vector<std::string>{"query LMS", "disable LMS"}));
}

TEST(Services, DisableLmsWithoutLmsIsNotFound) {
  FakeServiceManager scm;
  Status s = DisableLmsService(scm);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(scm.calls(), (std::vector<std::string>{"query LMS"}));
}

TEST(Services, DisableLmsPassesAccessDeniedOn) {
  FakeServiceManager scm;
  scm.Install("LMS", "running", "auto");
  scm.FailWith(Status::PermissionDenied("access denied", "run elevated"));
  EXPECT_EQ(DisableLmsService(scm).code(), StatusCode::kPermissionDenied);
}

TEST(Services, CaptureFormatRoundTrips) {
  std::vector<ServiceFacts> in = {
      {.name = "LMS",
       .installed = true,
       .state = "running",
       .start_type = "auto"},
      {.name = "UNS"},
  };
  std::string text = FormatServicesCapture(in);
  EXPECT_NE(text.find("LMS running auto\n"), std::string::npos) << text;
  EXPECT_NE(text.find("UNS absent absent\n"), std::string::npos) << text;
  EXPECT_EQ(ParseServicesCapture(text), in);
}

TEST(Services, ParseSkipsMalformedLines) {
  auto s = ParseServicesCapture(
      "# comment\nLMS running\nLMS running auto extra\nL\x1bMS a b\n"
      "UNS stopped disabled\r\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].name, "UNS");
  EXPECT_EQ(s[0].start_type, "disabled");
}

TEST(Services, ApplyFillsLmsFactsLikeSystemd) {
  LmsFacts lms;
  ApplyServices(ParseServicesCapture("LMS stopped disabled\n"), &lms);
  EXPECT_EQ(lms.unit_path, "Windows service LMS");
  EXPECT_FALSE(lms.unit_enabled);
  EXPECT_EQ(lms.running, false);
  LmsFacts running;
  ApplyServices(ParseServicesCapture("LMS running auto\n"), &running);
  EXPECT_TRUE(running.unit_enabled);
  EXPECT_EQ(running.running, true);
}

TEST(WindowsMei, Win32ErrorsMapLikeMetee) {
  EXPECT_EQ(MeiStatusFromWin32(2, true), MeiStatus::kNoDevice);
  EXPECT_EQ(MeiStatusFromWin32(5, true), MeiStatus::kNeedsRoot);
  EXPECT_EQ(MeiStatusFromWin32(6, false), MeiStatus::kNoSuchClient);
  EXPECT_EQ(MeiStatusFromWin32(1168, false), MeiStatus::kNoSuchClient);
  EXPECT_EQ(MeiStatusFromWin32(6, true), MeiStatus::kIoError);
  EXPECT_EQ(MeiStatusFromWin32(170, false), MeiStatus::kBusy);
  EXPECT_EQ(MeiStatusFromWin32(31, false), MeiStatus::kIoError);
}

TEST(WindowsMei, ConnectIoctlIsCtlCodeOfTheHeciDevice) {
  // CTL_CODE(DeviceType, Function, Method, Access) =
  // DeviceType << 16 | Access << 14 | Function << 2 | Method.
  constexpr std::uint32_t kCode = 0x8000u << 16 | 3u << 14 | 0x801u << 2 | 0u;
  EXPECT_EQ(kIoctlHeciConnectClient, kCode);
}

}  // namespace
}  // namespace amtscope
