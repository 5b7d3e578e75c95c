// The RMCP ping and the redirection probe against the in-process emulator
// (ephemeral ports on loopback), and the records made from them.
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "emu/emulator.h"
#include "emu/fleet_config.h"
#include "scan/redirection_probe.h"
#include "scan/rmcp_ping.h"
#include "scan/side_findings.h"

namespace amtscope {
namespace {

class ListSource : public TargetSource {
 public:
  explicit ListSource(std::vector<ProbeTarget> t) : targets_(std::move(t)) {}
  bool Next(ProbeTarget* out) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (next_ >= targets_.size()) return false;
    *out = targets_[next_++];
    return true;
  }

 private:
  std::mutex mu_;
  std::vector<ProbeTarget> targets_;
  size_t next_ = 0;
};

const AdvisoryDb& Db() {
  static const AdvisoryDb db = *AdvisoryDb::Embedded();
  return db;
}

// One host per RMCP behaviour, each on its own loopback address.
constexpr const char* kFleet = R"([
  {"address":"127.61.0.2","firmware":"8.1.40","rmcp_port":0,"ports":["0/http"]},
  {"address":"127.61.0.3","firmware":"11.8.50","provisioning":"pre","rmcp_port":0},
  {"address":"127.61.0.4","firmware":"9.1.41","rmcp":"off","rmcp_port":0,"ports":["0/http"]},
  {"address":"127.61.0.5","firmware":"1.0.0","product":"web","ports":["0/http"],"rmcp":"bmc","rmcp_port":0},
  {"address":"127.61.0.6","firmware":"1.0.0","product":"web","ports":["0/http"],"rmcp":"echo","rmcp_port":0},
  {"address":"127.61.0.7","firmware":"1.0.0","product":"web","ports":["0/http"],"rmcp":"truncated","rmcp_port":0},
  {"address":"127.61.0.8","firmware":"1.0.0","product":"web","ports":["0/http"],"rmcp":"wrong-enterprise","rmcp_port":0}
])";

TEST(RmcpPing, FindsAmtAndRefusesEveryLookAlike) {
  auto fleet = emu::ParseFleetJson(kFleet);
  ASSERT_TRUE(fleet.ok()) << fleet.status().ToString();
  auto e = emu::Emulator::Start(*fleet);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  std::vector<ProbeTarget> targets;
  for (const auto& ep : (*e)->side_endpoints()) {
    if (ep.service != "rmcp") continue;
    targets.push_back({boost::asio::ip::make_address(ep.address), ep.port});
  }
  // The silent host is pinged too, at a port where nothing listens.
  targets.push_back({boost::asio::ip::make_address("127.61.0.4"), 9});
  ListSource source(targets);
  RmcpPingSettings s;
  s.timeout = std::chrono::milliseconds(200);
  s.retries = 1;
  RmcpPinger pinger(s);
  std::map<std::string, Finding> by_ip;
  ASSERT_TRUE(pinger
                  .Run(
                      source,
                      [&](const RmcpReply& r) {
                        Finding f = RmcpFinding(r, Db());
                        EXPECT_FALSE(by_ip.count(f.ip))
                            << "one reply per target";
                        by_ip[f.ip] = f;
                      },
                      [] { return false; })
                  .ok());
  ASSERT_TRUE(by_ip.count("127.61.0.2"));
  const Finding& amt = by_ip["127.61.0.2"];
  EXPECT_TRUE(amt.amt);
  EXPECT_EQ(amt.proto, "udp");
  EXPECT_EQ(amt.version.ToString(), "8.1");
  EXPECT_EQ(amt.provisioning, "post");
  const Finding& pre = by_ip["127.61.0.3"];
  EXPECT_TRUE(pre.amt);
  EXPECT_EQ(pre.provisioning, "pre");
  EXPECT_EQ(pre.verdict, ScanVerdict::kNotVulnerable);
  EXPECT_EQ(pre.reason.rfind(kUnprovisionedReason, 0), 0u) << pre.reason;
  EXPECT_FALSE(by_ip.count("127.61.0.4"));  // RmcpPingResponseEnabled=false
  for (const char* trap :
       {"127.61.0.5", "127.61.0.6", "127.61.0.7", "127.61.0.8"}) {
    ASSERT_TRUE(by_ip.count(trap)) << trap;
    EXPECT_FALSE(by_ip[trap].amt) << trap << ": " << by_ip[trap].reason;
    EXPECT_EQ(by_ip[trap].verdict, ScanVerdict::kNotAmt) << trap;
  }
  EXPECT_NE(by_ip["127.61.0.5"].reason.find("enterprise 4542"),
            std::string::npos);
  EXPECT_NE(by_ip["127.61.0.6"].reason.find("echo"), std::string::npos);
  EXPECT_NE(by_ip["127.61.0.7"].reason.find("truncated"), std::string::npos);
  // Every target pinged once; the one silent target was retried once.
  EXPECT_EQ(pinger.sent(), targets.size() + 1);
}

TEST(RedirectionProbe, ReadsTheLeakedVersionOverPlainAndTls) {
  auto fleet = emu::ParseFleetJson(R"([
    {"address":"127.61.1.2","firmware":"11.8.50","ports":["0/http"],
     "redirection_ports":["0/http","0/tls"]}])");
  ASSERT_TRUE(fleet.ok()) << fleet.status().ToString();
  auto e = emu::Emulator::Start(*fleet);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  RedirectionProbeSettings s;
  s.timeout = std::chrono::milliseconds(2000);
  for (const auto& ep : (*e)->side_endpoints()) {
    if (ep.service != "redirection") continue;
    (ep.tls ? s.tls_port : s.plain_port) = ep.port;
  }
  auto tls = TlsClientContexts::Create();
  ASSERT_TRUE(tls.ok());
  auto addr = boost::asio::ip::make_address("127.61.1.2");
  auto closed = boost::asio::ip::make_address("127.61.1.3");
  auto results = ProbeRedirection({addr, closed}, s, **tls);
  ASSERT_EQ(results.size(), 4u);
  for (int i = 0; i < 2; ++i) {
    const RedirectionResult& r = results[i];
    EXPECT_EQ(r.state, RedirectionState::kAnswered) << r.error;
    EXPECT_TRUE(r.reply.amt) << r.reply.reason;
    auto f = RedirectionFinding(r, Db());
    ASSERT_TRUE(f.has_value());
    EXPECT_TRUE(f->amt);
    EXPECT_EQ(f->version.ToString(), "11.8");
    EXPECT_EQ(f->tls, r.tls);
  }
  EXPECT_TRUE(RedirectionReachable(results, addr));
  EXPECT_EQ(results[2].state, RedirectionState::kClosed);
  EXPECT_FALSE(RedirectionFinding(results[2], Db()).has_value());
  EXPECT_FALSE(RedirectionReachable(results, closed));
  EXPECT_EQ((*e)->counters().redirection_start, 2u);  // one message each
}

}  // namespace
}  // namespace amtscope
