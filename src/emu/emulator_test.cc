// Real sockets on 127.0.0.1 with ephemeral ports: the emulator end to end,
// and its behaviour under abuse (garbage, slowloris, huge headers, floods).
#include "emu/emulator.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>
#include <vector>

#include "emu/emu_testutil.h"
#include "net/digest.h"

namespace amtscope::emu {
namespace {

using testing::Exchange;
using testing::Header;

std::unique_ptr<Emulator> StartOrDie(const FleetConfig& fleet,
                                     EmulatorOptions opt = {}) {
  auto e = Emulator::Start(fleet, opt);
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return e.ok() ? std::move(*e) : nullptr;
}

uint16_t PortOf(const Emulator& e, bool tls) {
  for (const auto& ep : e.endpoints()) {
    if (ep.tls == tls) return ep.port;
  }
  return 0;
}

std::string Get(const std::string& path, const std::string& extra = "") {
  return fmt::format(
      "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\n{}Connection: close\r\n\r\n", path,
      extra);
}

std::string NonceOf(const std::string& response) {
  std::string h = Header(response, "WWW-Authenticate");
  size_t a = h.find("nonce=\"");
  if (a == std::string::npos) return "";
  a += 7;
  return h.substr(a, h.find('"', a) - a);
}

TEST(EmulatorTest, BypassRoundOverRealSockets) {
  auto emu = StartOrDie(testing::OneHost("8.1.40", Mode::kVulnerable));
  ASSERT_TRUE(emu);
  uint16_t port = PortOf(*emu, false);
  ASSERT_NE(port, 0);
  std::string first = Exchange("127.0.0.1", port, Get("/index.htm"));
  ASSERT_EQ(first.substr(0, 12), "HTTP/1.1 401");
  EXPECT_EQ(Header(first, "Content-Length"), "689");
  std::string realm = emu->profile(0).realm;
  std::string auth = fmt::format(
      "Authorization: Digest username=\"admin\", realm=\"{}\", nonce=\"{}\", "
      "uri=\"index.htm\","
      "cnonce=\"abcdefghij\", nc=1, qop=\"auth\", response=\"\"\r\n",
      realm, NonceOf(first));
  std::string second = Exchange("127.0.0.1", port, Get("/index.htm", auth));
  EXPECT_EQ(second.substr(0, 15), "HTTP/1.1 200 OK");
  EXPECT_NE(second.find("System Status"), std::string::npos);
  EventCounters c = emu->counters();
  EXPECT_EQ(c.requests, 2u);
  EXPECT_EQ(c.scan, 1u);
  EXPECT_EQ(c.bypass_attempt, 1u);
  EXPECT_EQ(c.auth_bypass, 1u);
}

TEST(EmulatorTest, KeepAliveOn200AndCloseOn401) {
  auto emu = StartOrDie(testing::OneHost("8.1.40", Mode::kPatched));
  ASSERT_TRUE(emu);
  int fd = testing::Connect("127.0.0.1", PortOf(*emu, false));
  ASSERT_GE(fd, 0);
  std::string req = "GET /logon.htm HTTP/1.1\r\nHost: x\r\n\r\n";
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(send(fd, req.data(), req.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(req.size()));
    std::string r = testing::ReadOneResponse(fd);
    EXPECT_EQ(r.substr(0, 15), "HTTP/1.1 200 OK") << i;
  }
  std::string protected_req = "GET /index.htm HTTP/1.1\r\nHost: x\r\n\r\n";
  send(fd, protected_req.data(), protected_req.size(), MSG_NOSIGNAL);
  EXPECT_EQ(testing::ReadOneResponse(fd).substr(0, 12), "HTTP/1.1 401");
  char c;
  EXPECT_EQ(recv(fd, &c, 1, 0), 0);  // closed after the 401
  close(fd);
}

TEST(EmulatorTest, RightPasswordWorksInPatchedMode) {
  auto emu = StartOrDie(testing::OneHost("11.0.25", Mode::kPatched));
  ASSERT_TRUE(emu);
  uint16_t port = PortOf(*emu, false);
  std::string nonce = NonceOf(Exchange("127.0.0.1", port, Get("/hw-sys.htm")));
  std::string realm = emu->profile(0).realm;
  auto try_pw = [&](const std::string& pw) {
    std::string resp = DigestResponse("admin", realm, pw, "GET", "/hw-sys.htm",
                                      nonce, "00000001", "c0ffee", "auth");
    return Exchange(
        "127.0.0.1", port,
        Get("/hw-sys.htm",
            fmt::format(
                "Authorization: Digest username=\"admin\", realm=\"{}\", "
                "nonce=\"{}\", uri=\"/hw-sys.htm\", cnonce=\"c0ffee\", "
                "nc=00000001, qop=auth, response=\"{}\"\r\n",
                realm, nonce, resp)));
  };
  EXPECT_NE(try_pw("P@ssw0rd").find("Computer model"), std::string::npos);
  EXPECT_EQ(try_pw("wrong").substr(0, 12), "HTTP/1.1 401");
}

TEST(EmulatorTest, GarbageIsLoggedAsMalformedAndServerSurvives) {
  std::string log = ::testing::TempDir() + "/emu_garbage.ndjson";
  std::remove(log.c_str());
  EmulatorOptions opt;
  opt.log_path = log;
  auto emu = StartOrDie(testing::OneHost("8.1.40", Mode::kVulnerable), opt);
  ASSERT_TRUE(emu);
  uint16_t port = PortOf(*emu, false);
  std::string garbage("\x16\x03\x01\x00\xff\x01\x00\x00\r\n\r\n\x00\x1b[31m",
                      16);
  Exchange("127.0.0.1", port, garbage, 1000);
  Exchange("127.0.0.1", port, "GET / HTTP/1.1\r\nBad Header\r\n\r\n", 1000);
  Exchange("127.0.0.1", port, "GET /\x01\x02 HTTP/9.9\r\n\r\n", 1000);
  EXPECT_EQ(Exchange("127.0.0.1", port, Get("/logon.htm")).substr(0, 15),
            "HTTP/1.1 200 OK");
  emu->Stop();
  EXPECT_GE(emu->counters().malformed, 3u);
  std::ifstream in(log);
  std::string line;
  int lines = 0, malformed = 0;
  while (std::getline(in, line)) {
    ++lines;
    EXPECT_EQ(line.front(), '{');
    EXPECT_EQ(line.back(), '}');
    for (char ch : line)
      EXPECT_GE(static_cast<unsigned char>(ch), 0x20) << line;
    if (line.find("\"classification\":\"malformed\"") != std::string::npos)
      ++malformed;
  }
  EXPECT_GE(lines, 8);
  EXPECT_GE(malformed, 3);
}

// Connects to 127.0.0.1:port and ends the connection the way port scanners
// do: a reset (SO_LINGER 0) or a plain close, optionally after `request`
// and its response; returns the client's port (what the log must name).
uint16_t ConnectAndDrop(uint16_t port, bool reset, const std::string& request,
                        int wait_ms) {
  int fd = testing::Connect("127.0.0.1", port);
  if (fd < 0) return 0;
  sockaddr_in self{};
  socklen_t len = sizeof self;
  getsockname(fd, reinterpret_cast<sockaddr*>(&self), &len);
  if (!request.empty()) {
    send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    testing::ReadOneResponse(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
  if (reset) {
    linger hard{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  }
  close(fd);
  return ntohs(self.sin_port);
}

std::vector<std::string> LinesWith(const std::string& path,
                                   const std::string& needle) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) out.push_back(line);
  }
  return out;
}

TEST(EmulatorTest, ResetAfterAcceptIsAPortProbeFromAKnownPeer) {
  std::string log = ::testing::TempDir() + "/emu_probe.ndjson";
  std::remove(log.c_str());
  EmulatorOptions opt;
  opt.log_path = log;
  auto emu =
      StartOrDie(testing::OneHost("8.1.40", Mode::kVulnerable, true), opt);
  ASSERT_TRUE(emu);
  uint16_t http = PortOf(*emu, false), tls = PortOf(*emu, true);
  // nmap -sT: connect, then reset, before and after the server accepted.
  std::vector<uint16_t> probes = {
      ConnectAndDrop(http, true, "", 0), ConnectAndDrop(http, true, "", 100),
      ConnectAndDrop(tls, true, "", 100), ConnectAndDrop(http, false, "", 0)};
  // A scanner's normal end: reset or close after a complete exchange.
  Exchange("127.0.0.1", http, Get("/index.htm"));
  std::string keep_alive = "GET /logon.htm HTTP/1.1\r\nHost: x\r\n\r\n";
  ConnectAndDrop(http, true, keep_alive, 0);
  ConnectAndDrop(http, false, keep_alive, 0);
  for (int i = 0; i < 100 && emu->counters().port_probes < 4; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  emu->Stop();
  EventCounters c = emu->counters();
  EXPECT_EQ(c.port_probes, 4u);
  EXPECT_EQ(c.malformed, 0u) << emu->Summary();
  EXPECT_EQ(c.tls_errors, 0u);
  EXPECT_EQ(c.requests, c.scan + c.login_attempt + c.bypass_attempt);
  EXPECT_NE(emu->Summary().find("port probes 4"), std::string::npos)
      << emu->Summary();
  for (uint16_t port : probes) {
    auto lines = LinesWith(log, fmt::format("\"remote_port\":{},", port));
    ASSERT_EQ(lines.size(), 2u) << port;  // connect, probe
    for (const auto& line : lines) {
      EXPECT_NE(line.find("\"remote_addr\":\"127.0.0.1\""), std::string::npos)
          << line;
      EXPECT_NE(line.find("\"classification\":\"scan\""), std::string::npos)
          << line;
    }
    EXPECT_NE(lines[1].find("\"event\":\"probe\""), std::string::npos);
  }
  EXPECT_TRUE(LinesWith(log, "\"remote_addr\":\"\"").empty());
}

TEST(EmulatorTest, SlowlorisIsCutAtTheReadDeadline) {
  EmulatorOptions opt;
  opt.read_timeout = std::chrono::milliseconds(300);
  auto emu = StartOrDie(testing::OneHost("8.1.40", Mode::kVulnerable), opt);
  ASSERT_TRUE(emu);
  int fd = testing::Connect("127.0.0.1", PortOf(*emu, false), 3000);
  ASSERT_GE(fd, 0);
  auto start = std::chrono::steady_clock::now();
  std::string drip = "GET /index.htm HTTP/1.1\r\nX-a: ";
  bool closed = false;
  for (int i = 0; i < 40 && !closed; ++i) {  // one byte every 100 ms
    if (send(fd, &drip[i % drip.size()], 1, MSG_NOSIGNAL) < 0) closed = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    char c;
    if (recv(fd, &c, 1, MSG_DONTWAIT) == 0) closed = true;
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  close(fd);
  EXPECT_TRUE(closed);
  EXPECT_LT(elapsed, std::chrono::seconds(3));
}

TEST(EmulatorTest, HugeHeadersAndBodiesAreRefused) {
  auto emu = StartOrDie(testing::OneHost("8.1.40", Mode::kVulnerable));
  ASSERT_TRUE(emu);
  uint16_t port = PortOf(*emu, false);
  std::string huge = "GET /index.htm HTTP/1.1\r\nHost: x\r\nX-Big: " +
                     std::string(100000, 'a') + "\r\n\r\n";
  EXPECT_EQ(Exchange("127.0.0.1", port, huge, 2000).find("HTTP/1.1"),
            std::string::npos);
  std::string many = "GET /index.htm HTTP/1.1\r\n";
  for (int i = 0; i < 100; ++i) many += fmt::format("X-{}: 1\r\n", i);
  EXPECT_EQ(Exchange("127.0.0.1", port, many + "\r\n", 2000).find("HTTP/1.1"),
            std::string::npos);
  std::string body =
      "POST /wsman HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n" +
      std::string(70000, 'b');
  EXPECT_EQ(Exchange("127.0.0.1", port, body, 2000).find("HTTP/1.1"),
            std::string::npos);
  std::string long_line =
      "GET /" + std::string(20000, 'p') + " HTTP/1.1\r\n\r\n";
  EXPECT_EQ(Exchange("127.0.0.1", port, long_line, 2000).find("HTTP/1.1"),
            std::string::npos);
  EXPECT_EQ(Exchange("127.0.0.1", port, Get("/logon.htm")).substr(0, 15),
            "HTTP/1.1 200 OK");
  EXPECT_GE(emu->counters().malformed, 4u);
}

TEST(EmulatorTest, ConnectionCapClosesExtraConnections) {
  EmulatorOptions opt;
  opt.max_connections = 8;
  opt.read_timeout = std::chrono::milliseconds(2000);
  auto emu = StartOrDie(testing::OneHost("8.1.40", Mode::kVulnerable), opt);
  ASSERT_TRUE(emu);
  uint16_t port = PortOf(*emu, false);
  std::vector<int> fds;
  for (int i = 0; i < 30; ++i)
    fds.push_back(testing::Connect("127.0.0.1", port));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_GE(emu->counters().rejected_connections, 20u);
  for (int fd : fds) close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  // Once the idle ones are gone, service resumes.
  bool served = false;
  for (int i = 0; i < 30 && !served; ++i) {
    served = Exchange("127.0.0.1", port, Get("/logon.htm"))
                 .rfind("HTTP/1.1 200", 0) == 0;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(served);
}

TEST(EmulatorTest, FloodDoesNotGrowMemoryWithoutBound) {
#if defined(__SANITIZE_ADDRESS__)
  // ASan's quarantine keeps freed memory resident, so RSS says nothing here.
  GTEST_SKIP() << "RSS bound not measurable under AddressSanitizer";
#endif
  EmulatorOptions opt;
  opt.read_timeout = std::chrono::milliseconds(500);
  auto emu = StartOrDie(testing::OneHost("8.1.40", Mode::kVulnerable), opt);
  ASSERT_TRUE(emu);
  uint16_t port = PortOf(*emu, false);
  std::string huge = "GET /index.htm HTTP/1.1\r\nX-Big: " +
                     std::string(7000, 'a');  // never finished
  auto flood = [&] {
    std::vector<int> fds;
    for (int i = 0; i < 400; ++i) {
      int fd = testing::Connect("127.0.0.1", port, 1000);
      if (fd < 0) continue;
      send(fd, huge.data(), huge.size(), MSG_NOSIGNAL);
      fds.push_back(fd);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    for (int fd : fds) close(fd);
  };
  flood();
  long after_first = testing::RssKiB();
  for (int round = 0; round < 3; ++round) flood();
  long after_more = testing::RssKiB();
  // Repeating the flood must not keep adding memory (allow allocator slack).
  EXPECT_LT(after_more - after_first, 8 * 1024)
      << after_first << " -> " << after_more;
  EXPECT_EQ(Exchange("127.0.0.1", port, Get("/logon.htm")).substr(0, 15),
            "HTTP/1.1 200 OK");
}

// TLS 1.0 only with RSA-AES-CBC for AMT 6–11, TLS 1.2 for 12+.
int TlsHandshake(uint16_t port, int min_version, int max_version,
                 std::string* cipher) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx, min_version);
  SSL_CTX_set_max_proto_version(ctx, max_version);
  SSL_CTX_set_security_level(ctx, 0);
  SSL_CTX_set_cipher_list(ctx, "ALL:@SECLEVEL=0");
  int fd = testing::Connect("127.0.0.1", port);
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  int version = SSL_connect(ssl) == 1 ? SSL_version(ssl) : -1;
  if (version > 0 && cipher) *cipher = SSL_get_cipher_name(ssl);
  if (version > 0) {
    std::string req =
        "GET /logon.htm HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    SSL_write(ssl, req.data(), static_cast<int>(req.size()));
    char buf[16] = {};
    if (SSL_read(ssl, buf, 15) != 15 || std::string(buf) != "HTTP/1.1 200 OK")
      version = -2;
  }
  SSL_free(ssl);
  close(fd);
  SSL_CTX_free(ctx);
  return version;
}

TEST(EmulatorTest, LegacyTlsForOldFirmware) {
  auto emu = StartOrDie(testing::OneHost("8.1.40", Mode::kVulnerable, true));
  ASSERT_TRUE(emu);
  uint16_t port = PortOf(*emu, true);
  std::string cipher;
  EXPECT_EQ(TlsHandshake(port, TLS1_VERSION, TLS1_VERSION, &cipher),
            TLS1_VERSION);
  EXPECT_TRUE(cipher == "AES128-SHA" || cipher == "AES256-SHA") << cipher;
  EXPECT_EQ(TlsHandshake(port, TLS1_2_VERSION, TLS1_3_VERSION, nullptr), -1);
}

TEST(EmulatorTest, ModernTlsForNewFirmware) {
  auto emu = StartOrDie(testing::OneHost("12.0.22.1310", Mode::kPatched, true));
  ASSERT_TRUE(emu);
  uint16_t port = PortOf(*emu, true);
  EXPECT_EQ(TlsHandshake(port, TLS1_2_VERSION, TLS1_2_VERSION, nullptr),
            TLS1_2_VERSION);
  EXPECT_EQ(TlsHandshake(port, TLS1_VERSION, TLS1_1_VERSION, nullptr), -1);
}

TEST(EmulatorTest, BindFailureHasHint) {
  FleetConfig fleet = testing::OneHost("8.1.40", Mode::kVulnerable);
  fleet.hosts[0].address = "198.18.0.77";  // not on this machine
  auto e = Emulator::Start(fleet, {});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kIoError);
  EXPECT_NE(e.status().hint().find("ip addr add"), std::string::npos);
}

TEST(EmulatorTest, ManyHostsOnDistinctLoopbackAddresses) {
  FleetConfig fleet;
  for (int i = 0; i < 64; ++i) {
    HostConfig h;
    h.address = fmt::format("127.77.{}.{}", i / 200, 1 + i % 200);
    h.ports = {{0, false}};
    h.firmware = i % 2 ? "8.1.40" : "11.8.50.3425";
    h.mode = i % 3 ? Mode::kVulnerable : Mode::kPatched;
    fleet.hosts.push_back(h);
  }
  auto emu = StartOrDie(fleet);
  ASSERT_TRUE(emu);
  ASSERT_EQ(emu->endpoints().size(), 64u);
  for (const auto& ep : emu->endpoints()) {
    std::string r = Exchange(ep.address, ep.port, Get("/index.htm"));
    ASSERT_EQ(r.substr(0, 12), "HTTP/1.1 401") << ep.address;
    EXPECT_EQ(Header(r, "Server"), emu->profile(ep.host_index).server_header);
  }
}

}  // namespace
}  // namespace amtscope::emu
