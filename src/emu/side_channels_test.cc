#include "emu/side_channels.h"

#include <gtest/gtest.h>

#include "amt/redirection.h"
#include "amt/rmcp.h"
#include "emu/fleet_config.h"

namespace amtscope::emu {
namespace {

std::string Ping(uint8_t tag) {
  auto p = BuildRmcpPing(tag);
  return std::string(p.begin(), p.end());
}

HostProfile Profile(const std::string& fleet_json) {
  auto fleet = ParseFleetJson(fleet_json);
  EXPECT_TRUE(fleet.ok()) << fleet.status().ToString();
  auto p = MakeHostProfile(fleet->hosts.at(0), 1);
  EXPECT_TRUE(p.ok());
  return *p;
}

TEST(RmcpAnswer, AmtHostAnswersWithItsVersionAndState) {
  HostProfile p = Profile(
      R"([{"address":"127.0.0.2","firmware":"8.1.40","ports":[16992,"16993"]}])");
  auto pong = RmcpAnswer(p, Ping(9));
  ASSERT_TRUE(pong.has_value());
  RmcpPong parsed = ParseRmcpPong(*pong);
  ASSERT_EQ(parsed.kind, RmcpKind::kAmt) << parsed.reason;
  EXPECT_EQ(parsed.tag, 9);
  EXPECT_EQ(parsed.major, 8);
  EXPECT_EQ(parsed.minor, 1);
  EXPECT_EQ(*parsed.provisioning, AmtProvisioning::kPost);
  EXPECT_TRUE(parsed.both_web_ports);
  // Not a ping: silence.
  EXPECT_FALSE(RmcpAnswer(p, "hello").has_value());
}

TEST(RmcpAnswer, UnprovisionedHostHasNoWebServerButAnswers) {
  HostProfile p = Profile(
      R"([{"address":"127.0.0.2","firmware":"11.8.50","provisioning":"pre"}])");
  EXPECT_FALSE(p.web);
  EXPECT_TRUE(p.redirection_ports.empty());
  RmcpPong parsed = ParseRmcpPong(*RmcpAnswer(p, Ping(1)));
  EXPECT_EQ(*parsed.provisioning, AmtProvisioning::kPre);
  EXPECT_EQ(parsed.major, 11);
  EXPECT_EQ(parsed.minor, 8);
}

TEST(RmcpAnswer, SilentAndLookAlikes) {
  EXPECT_FALSE(
      RmcpAnswer(Profile(R"([{"address":"127.0.0.2","firmware":"9.1.41",
      "RmcpPingResponseEnabled":false}])"),
                 Ping(1))
          .has_value());
  struct Case {
    const char* mode;
    RmcpKind kind;
  } cases[] = {{"bmc", RmcpKind::kOtherVendor},
               {"truncated", RmcpKind::kTruncated},
               {"wrong-enterprise", RmcpKind::kOtherVendor},
               {"echo", RmcpKind::kNotPong}};
  for (const Case& c : cases) {
    HostProfile p = Profile(std::string(R"([{"address":"127.0.0.2",
        "firmware":"1.0.0","product":"web","ports":["80/http"],"rmcp":")") +
                            c.mode + "\"}]");
    auto answer = RmcpAnswer(p, Ping(3));
    ASSERT_TRUE(answer.has_value()) << c.mode;
    EXPECT_EQ(ParseRmcpPong(*answer).kind, c.kind) << c.mode;
  }
  // A plain web host is silent unless told otherwise.
  EXPECT_FALSE(RmcpAnswer(Profile(R"([{"address":"127.0.0.2","firmware":"1.0.0",
      "product":"web","ports":["80/http"]}])"),
                          Ping(1))
                   .has_value());
}

TEST(RedirectionPorts, FollowTheWebPorts) {
  HostProfile tls_only = Profile(
      R"([{"address":"127.0.0.2","firmware":"12.0.22","ports":["16993"]}])");
  ASSERT_EQ(tls_only.redirection_ports.size(), 1u);
  EXPECT_EQ(tls_only.redirection_ports[0].port, 16995);
  EXPECT_TRUE(tls_only.redirection_ports[0].tls);
  EXPECT_EQ(tls_only.pong_web_port, 16993);
  HostProfile off = Profile(
      R"([{"address":"127.0.0.2","firmware":"8.1.40","redirection":false}])");
  EXPECT_TRUE(off.redirection_ports.empty());
  EXPECT_FALSE(ParseFleetJson(R"([{"address":"127.0.0.2","firmware":"8.1.40",
      "rmcp":"loud"}])")
                   .ok());
  EXPECT_FALSE(ParseFleetJson(R"([{"address":"127.0.0.2","firmware":"8.1.40",
      "provisioning":"half"}])")
                   .ok());
}

}  // namespace
}  // namespace amtscope::emu
