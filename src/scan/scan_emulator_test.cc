// Integration: the scan engine against an in-process `amtscope emulate`
// fleet on 127.45.0.x (loopback only), in both discovery modes. Covers the
// kinds issue 4 names: vulnerable, patched, bare `Server: AMT`, ISM,
// TLS-1.0-only and web UI disabled.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <cstdio>
#include <map>
#include <mutex>

#include "emu/emulator.h"
#include "emu/fleet_config.h"
#include "scan/engine.h"
#include "scan/packet_trace.h"
#include "scan/syn_socket.h"

namespace amtscope {
namespace {

constexpr const char* kFleet = R"([
 {"address": "127.45.0.1", "firmware": "8.1.40", "mode": "vulnerable"},
 {"address": "127.45.0.2", "firmware": "8.1.71", "build": 3608, "mode": "patched"},
 {"address": "127.45.0.3", "ports": ["16992"], "firmware": "11.0.22", "mode": "vulnerable", "bare_banner": true},
 {"address": "127.45.0.4", "ports": ["16992"], "firmware": "9.0.30", "mode": "vulnerable", "product": "ism"},
 {"address": "127.45.0.5", "ports": ["16993"], "firmware": "6.2.10", "mode": "vulnerable"},
 {"address": "127.45.0.6", "ports": ["16992"], "firmware": "9.1.30", "mode": "vulnerable", "web_ui": false},
 {"address": "127.45.0.7", "ports": ["16992"], "firmware": "11.8.50.3425", "mode": "patched"}
])";

struct Key {
  std::string ip;
  uint16_t port;
  auto operator<=>(const Key&) const = default;
};

class Collect : public ResultSink {
 public:
  void OnDone(const ProbeTarget& t, const Finding* f) override {
    std::lock_guard<std::mutex> lock(mu);
    ++done;
    if (f != nullptr) found[{t.address.to_string(), t.port}] = *f;
  }
  std::mutex mu;
  int done = 0;
  std::map<Key, Finding> found;
};

class Targets : public TargetSource {
 public:
  Targets() {
    for (int host = 1; host <= 8; ++host) {  // .8 is absent: closed
      for (uint16_t port : {16992, 16993}) {
        auto ip = "127.45.0." + std::to_string(host);
        list_.push_back(
            {boost::asio::ip::make_address(ip), port, list_.size()});
      }
    }
  }
  bool Next(ProbeTarget* out) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (next_ >= list_.size()) return false;
    *out = list_[next_++];
    return true;
  }
  size_t size() const { return list_.size(); }

 private:
  std::mutex mu_;
  std::vector<ProbeTarget> list_;
  size_t next_ = 0;
};

class FleetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto fleet = emu::ParseFleetJson(kFleet);
    ASSERT_TRUE(fleet.ok()) << fleet.status().ToString();
    auto emulator = emu::Emulator::Start(*fleet);
    ASSERT_TRUE(emulator.ok()) << emulator.status().ToString();
    emulator_ = std::move(*emulator);
    auto db = AdvisoryDb::Embedded();
    ASSERT_TRUE(db.ok());
    db_ = std::make_unique<AdvisoryDb>(std::move(*db));
  }

  Collect sink_;
  std::unique_ptr<emu::Emulator> emulator_;
  std::unique_ptr<AdvisoryDb> db_;
};

class ScanEmulatorTest : public FleetTest,
                         public ::testing::WithParamInterface<Discovery> {
 protected:
  void SetUp() override {
    if (GetParam() == Discovery::kSyn && !SynSocket::Open(1).ok()) {
      GTEST_SKIP() << "SYN discovery needs CAP_NET_RAW";
    }
    FleetTest::SetUp();
  }
};

// AMT closes the connection after each 401 (§2.3), so a full check on a TLS
// port connects twice (the control rides on the bypass's kept-alive
// connection); the second handshake resumes the first session instead of
// costing the device an RSA operation.
TEST_F(FleetTest, TlsProbeResumesItsSessionOnReconnects) {
  auto tls = TlsClientContexts::Create();
  ASSERT_TRUE(tls.ok());
  ProbeSettings settings;
  settings.tls = true;
  ProbeTarget target{boost::asio::ip::make_address("127.45.0.1"), 16993, 0};
  boost::asio::io_context ctx;
  ProbeEvidence ev;
  boost::asio::co_spawn(
      ctx,
      [&]() -> boost::asio::awaitable<void> {
        ev = co_await RunAmtProbe(target, settings, tls->get(), nullptr);
      },
      boost::asio::detached);
  ctx.run();
  EXPECT_EQ(ev.reach, Reach::kOpen);
  EXPECT_EQ(ev.bypass_status, 200);
  EXPECT_EQ(ev.control_status, 401);
  // The 401 closes (§2.3): the bypass connects again; the control reuses the
  // kept-alive connection. A third handshake meant a wasted connection.
  EXPECT_EQ(ev.tls_handshakes, 2);
  EXPECT_EQ(ev.tls_resumed, 1);
}

// --packet-trace: each of the four exchanges, request and response, every
// line prefixed by IP:PORT; the evidence is the same as without the trace.
TEST_F(FleetTest, PacketTraceShowsEachExchange) {
  auto tls = TlsClientContexts::Create();
  ASSERT_TRUE(tls.ok());
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  PacketTrace trace(out);
  ProbeSettings settings;
  settings.trace = &trace;
  ProbeTarget target{boost::asio::ip::make_address("127.45.0.1"), 16992, 0};
  boost::asio::io_context ctx;
  ProbeEvidence ev;
  boost::asio::co_spawn(
      ctx,
      [&]() -> boost::asio::awaitable<void> {
        ev = co_await RunAmtProbe(target, settings, tls->get(), nullptr);
      },
      boost::asio::detached);
  ctx.run();
  EXPECT_EQ(ev.bypass_status, 200);
  EXPECT_EQ(ev.control_status, 401);
  std::string text(1 << 16, '\0');
  std::rewind(out);
  text.resize(std::fread(text.data(), 1, text.size(), out));
  std::fclose(out);
  auto count = [&text](const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + 1)) {
      ++n;
    }
    return n;
  };
  const std::string p = "127.45.0.1:16992 ";
  EXPECT_EQ(count(p + "> GET /index.htm HTTP/1.1\n"), 3u) << text;
  EXPECT_EQ(count(p + "> Authorization: Digest username=\"admin\""), 2u);
  EXPECT_EQ(count(p + "< HTTP/1.1 401 "), 2u) << text;
  EXPECT_EQ(count(p + "< HTTP/1.1 200 "), 1u) << text;
  EXPECT_EQ(count(p + "< Server: Intel(R) Active Management Technology"), 3u);
  EXPECT_EQ(count(p + "< (body "), 3u) << text;
  EXPECT_EQ(count(p + "* connected\n"), 2u) << text;  // 401 closes (§2.3)
  for (size_t at = 0; at < text.size();) {            // every line is prefixed
    EXPECT_EQ(text.compare(at, p.size(), p), 0) << text.substr(at, 80);
    at = text.find('\n', at) + 1;
    if (at == 0) break;
  }
}

TEST_P(ScanEmulatorTest, EveryKindGetsTheRightVerdict) {
  EngineOptions opt;
  opt.discovery = GetParam();
  opt.probe.timeout = std::chrono::milliseconds(2000);
  opt.tls_ports = {16993};
  auto tls = TlsClientContexts::Create();
  ASSERT_TRUE(tls.ok());
  ScanEngine engine(opt, *db_, *tls);
  Targets targets;
  ASSERT_TRUE(engine.Run(targets, sink_).ok());
  EXPECT_EQ(sink_.done, static_cast<int>(targets.size()));
  auto at = [&](const char* ip, uint16_t port) -> const Finding& {
    static const Finding none;
    auto it = sink_.found.find({ip, port});
    return it == sink_.found.end() ? none : it->second;
  };
  struct Want {
    const char* ip;
    uint16_t port;
    ScanVerdict verdict;
    const char* version;
  };
  for (const Want& w : std::initializer_list<Want>{
           {"127.45.0.1", 16992, ScanVerdict::kVulnerable, "8.1.40"},
           {"127.45.0.1", 16993, ScanVerdict::kVulnerable, "8.1.40"},
           {"127.45.0.2", 16992, ScanVerdict::kNotVulnerable, "8.1.71"},
           {"127.45.0.2", 16993, ScanVerdict::kNotVulnerable, "8.1.71"},
           {"127.45.0.3", 16992, ScanVerdict::kVulnerable, "11.0.22"},
           {"127.45.0.4", 16992, ScanVerdict::kVulnerable, "9.0.30"},
           {"127.45.0.5", 16993, ScanVerdict::kVulnerable, "6.2.10"},
           {"127.45.0.6", 16992, ScanVerdict::kVulnerable, "9.1.30"},
           {"127.45.0.7", 16992, ScanVerdict::kNotVulnerable, "11.8.50"}}) {
    const Finding& f = at(w.ip, w.port);
    SCOPED_TRACE(std::string(w.ip) + ":" + std::to_string(w.port));
    EXPECT_TRUE(f.amt) << f.reason;
    EXPECT_EQ(f.verdict, w.verdict) << f.reason;
    EXPECT_EQ(f.version.ToString().rfind(w.version, 0), 0u)
        << f.version.ToString();
    EXPECT_EQ(f.error, "");
  }
  EXPECT_EQ(at("127.45.0.4", 16992).product, "ism");
  EXPECT_TRUE(at("127.45.0.5", 16993).tls);
  // AMT 6 speaks TLS 1.0/1.1 only (§2.9): the legacy context must get in.
  std::string v = at("127.45.0.5", 16993).tls_version;
  EXPECT_TRUE(v == "TLSv1" || v == "TLSv1.1") << v;
  // Only the listed ports are open: nothing else was reported as found.
  EXPECT_EQ(sink_.found.size(), 9u);
}

INSTANTIATE_TEST_SUITE_P(Discovery, ScanEmulatorTest,
                         ::testing::Values(Discovery::kConnect,
                                           Discovery::kSyn),
                         [](const auto& info) {
                           return info.param == Discovery::kSyn
                                      ? std::string("Syn")
                                      : std::string("Connect");
                         });

}  // namespace
}  // namespace amtscope
