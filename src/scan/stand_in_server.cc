#include "scan/stand_in_server.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <string_view>

#include "net/digest.h"

namespace amtscope {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view kRealm = "Digest:7BA70000000000000000000000000000";
constexpr std::string_view kNonce = "/tsfAAYGAADdx+TCLSlXsW7FN7GY/hf7";
constexpr std::string_view kPassword = "P@ssw0rd";

struct Request {
  std::string method;
  std::string path;
  std::string authorization;
  bool close = false;
};

// Reads one request (headers + Content-Length body), bounded; false on EOF.
asio::awaitable<bool> ReadRequest(tcp::socket& s, std::string& buf,
                                  Request* out) {
  size_t end;
  while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
    if (buf.size() > 16384) co_return false;
    char tmp[2048];
    auto [ec, n] = co_await s.async_read_some(asio::buffer(tmp), kUse);
    if (ec) co_return false;
    buf.append(tmp, n);
  }
  std::string_view head(buf.data(), end);
  size_t sp1 = head.find(' ');
  size_t sp2 = head.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos)
    co_return false;
  out->method = std::string(head.substr(0, sp1));
  out->path = std::string(head.substr(sp1 + 1, sp2 - sp1 - 1));
  size_t length = 0;
  size_t pos = head.find("\r\n");
  while (pos != std::string_view::npos && pos < head.size()) {
    size_t next = head.find("\r\n", pos + 2);
    std::string_view line = head.substr(pos + 2, next == std::string_view::npos
                                                     ? std::string_view::npos
                                                     : next - pos - 2);
    if (line.rfind("Authorization:", 0) == 0)
      out->authorization = std::string(line.substr(15));
    if (line.rfind("Content-Length:", 0) == 0)
      length = std::stoul(std::string(line.substr(15)));
    if (line.rfind("Connection: close", 0) == 0) out->close = true;
    pos = next;
  }
  size_t total = end + 4 + std::min<size_t>(length, 65536);
  while (buf.size() < total) {
    char tmp[2048];
    auto [ec, n] = co_await s.async_read_some(asio::buffer(tmp), kUse);
    if (ec) co_return false;
    buf.append(tmp, n);
  }
  buf.erase(0, total);
  co_return true;
}

std::string Chunked(std::string_view body) {
  std::string out;
  for (size_t i = 0; i < body.size(); i += 0x200) {
    std::string_view piece = body.substr(i, 0x200);
    out += fmt::format("{:04X}\r\n{}\r\n", piece.size(), piece);  // §2.7 style
  }
  return out + "0\r\n\r\n";
}

std::string Unauthorized(std::string_view server) {
  std::string body =
      "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" >\n"
      "<html><head><title>Intel&reg; Active Management "
      "Technology</title></head>\n"
      "<body><h2 class=warn>Log on failed. Incorrect user name or password, or "
      "user "
      "account temporarily locked.</h2></body></html>\n";
  std::string out = fmt::format(
      "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"{}\", "
      "nonce=\"{}\",stale=\"false\",qop=\"auth\"\r\nContent-Type: "
      "text/html\r\n",
      kRealm, kNonce);
  if (!server.empty()) out += fmt::format("Server: {}\r\n", server);
  return out + fmt::format("Content-Length: {}\r\nConnection: close\r\n\r\n{}",
                           body.size(), body);
}

std::string Ok(std::string_view server, bool wsman, std::string_view version) {
  std::string body =
      wsman
          ? fmt::format(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a:Envelope "
                "xmlns:a=\"http://www.w3.org/2003/05/soap-envelope\"><a:Body>"
                "<g:CIM_SoftwareIdentity><g:InstanceID>AMT FW Core "
                "Version</g:InstanceID>"
                "<g:VersionString>{}</g:VersionString></g:CIM_SoftwareIdentity>"
                "</a:Body></a:Envelope>",
                version.substr(0, version.find('-')))
          : fmt::format(
                "<html><head><title>Intel&reg; Active Management "
                "Technology</title>"
                "</head><body><h1>System Status</h1><table><tr><td "
                "class=r1>Power"
                "<td class=r1>On</table><p>Intel&reg; Active Management "
                "Technology "
                "firmware version: {}</p></body></html>\n",
                version);
  std::string out = "HTTP/1.1 200 OK\r\n";
  if (!server.empty()) out += fmt::format("Server: {}\r\n", server);
  out += wsman ? "Content-Type: application/soap+xml; charset=UTF-8\r\n"
               : "Content-Type: text/html\r\n";
  return out + "Transfer-Encoding: chunked\r\nCache-Control: no cache\r\n\r\n" +
         Chunked(body);
}

std::string Simple(int status, std::string_view reason, std::string_view server,
                   std::string_view body) {
  return fmt::format(
      "HTTP/1.1 {} {}\r\nServer: {}\r\nContent-Type: text/html\r\n"
      "Content-Length: {}\r\n\r\n{}",
      status, reason, server, body.size(), body);
}

// Digest check as the firmware does it: vulnerable compares only as many
// characters as the client sent (docs/protocol.md §1.1).
bool Authorized(ServerKind kind, const Request& req) {
  if (req.authorization.empty()) return false;
  if (kind == ServerKind::kHoneypot || kind == ServerKind::kAnyAuthOk)
    return true;
  auto cred = ParseDigestAuthorization(req.authorization);
  if (!cred.ok() || cred->username != "admin") return false;
  std::string want =
      DigestResponse("admin", kRealm, kPassword, req.method, cred->uri,
                     cred->nonce, cred->nc, cred->cnonce, cred->qop);
  if (kind == ServerKind::kAmtPatched) return cred->response == want;
  return want.compare(0, cred->response.size(), cred->response) == 0;
}

const char* Version(ServerKind kind) {
  return kind == ServerKind::kAmtPatched ? "8.1.71-build 3608"
                                         : "8.1.40-build 1234";
}

// Returns the response and whether the connection closes after it.
std::pair<std::string, bool> Respond(ServerKind kind, const Request& req) {
  std::string_view server = StandInServer::ServerHeader(kind);
  if (kind == ServerKind::kNonAmt) {
    return {Simple(200, "OK", server, "<html><body>It works!</body></html>\n"),
            req.close};
  }
  bool wsman = req.path == "/wsman";
  bool index = req.path == "/index.htm" || req.path == "index.htm";
  if ((kind == ServerKind::kAmtWsmanOnly && !wsman) || (!wsman && !index)) {
    return {Simple(404, "Not Found", server, "<html>Not Found</html>\n"),
            req.close};
  }
  if (!Authorized(kind, req)) return {Unauthorized(server), true};
  return {Ok(server, wsman, Version(kind)), req.close};
}

asio::awaitable<void> Serve(tcp::socket s, ServerKind kind,
                            std::atomic<int>* requests) {
  std::string buf;
  Request req;
  while (co_await ReadRequest(s, buf, &req)) {
    requests->fetch_add(1);
    auto [response, close] = Respond(kind, req);
    auto [ec, n] = co_await asio::async_write(s, asio::buffer(response), kUse);
    if (ec || close) break;
    req = Request();
  }
  boost::system::error_code ignored;
  s.shutdown(tcp::socket::shutdown_send, ignored);
  s.close(ignored);
}

asio::awaitable<void> Drip(tcp::socket s) {
  std::string buf;
  Request req;
  if (!co_await ReadRequest(s, buf, &req)) co_return;
  std::string response =
      Unauthorized("Intel(R) Active Management Technology 8.1.40");
  asio::steady_timer t(s.get_executor());
  for (char c : response) {
    auto [ec, n] = co_await asio::async_write(s, asio::buffer(&c, 1), kUse);
    if (ec) co_return;
    t.expires_after(std::chrono::seconds(1));
    co_await t.async_wait(kUse);
  }
}

asio::awaitable<void> EndlessHeaders(tcp::socket s) {
  std::string buf;
  Request req;
  if (!co_await ReadRequest(s, buf, &req)) co_return;
  std::string chunk = "HTTP/1.1 200 OK\r\n";
  for (uint64_t i = 0;; ++i) {
    chunk += fmt::format("X-Filler-{}: {}\r\n", i, std::string(100, 'a'));
    auto [ec, n] = co_await asio::async_write(s, asio::buffer(chunk), kUse);
    if (ec) co_return;
    chunk.clear();
  }
}

asio::awaitable<void> Hold(tcp::socket s) {
  char tmp[512];
  for (;;) {
    auto [ec, n] = co_await s.async_read_some(asio::buffer(tmp), kUse);
    if (ec) co_return;
  }
}

asio::awaitable<void> Garbage(tcp::socket s) {
  std::string junk(4096, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(junk.data()),
             static_cast<int>(junk.size()));
  junk[0] = '\x17';  // never accidentally "HTTP/"
  co_await asio::async_write(s, asio::buffer(junk), kUse);
}

asio::awaitable<void> Handle(tcp::socket s, ServerKind kind,
                             std::atomic<int>* requests) {
  boost::system::error_code ignored;
  switch (kind) {
    case ServerKind::kTarpit:
      co_await Hold(std::move(s));
      break;
    case ServerKind::kSlowDrip:
      co_await Drip(std::move(s));
      break;
    case ServerKind::kEndlessHeaders:
      co_await EndlessHeaders(std::move(s));
      break;
    case ServerKind::kGarbage:
      co_await Garbage(std::move(s));
      break;
    case ServerKind::kInstantClose:
      s.close(ignored);
      break;
    case ServerKind::kReset:
      s.set_option(asio::socket_base::linger(true, 0), ignored);
      s.close(ignored);
      break;
    default:
      co_await Serve(std::move(s), kind, requests);
  }
}

}  // namespace

const char* StandInServer::ServerHeader(ServerKind kind) {
  switch (kind) {
    case ServerKind::kNonAmt:
      return "nginx/1.22.1";
    case ServerKind::kAmtPatched:
      return "Intel(R) Active Management Technology 8.1.71";
    case ServerKind::kAmtWsmanOnly:
      return "Intel(R) Active Management Technology 9.1.30";
    case ServerKind::kAnyAuthOk:
      return "";
    default:
      return "Intel(R) Active Management Technology 8.1.40";
  }
}

Result<std::unique_ptr<StandInServer>> StandInServer::Start(
    ServerKind kind, const std::string& address, uint16_t port) {
  std::unique_ptr<StandInServer> srv(new StandInServer());
  srv->kind_ = kind;
  srv->ctx_ = std::make_unique<asio::io_context>(1);
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(address, ec);
  if (ec)
    return Status::InvalidArgument("bad address " + address, "use 127.x.y.z");
  srv->acceptor_ = std::make_unique<tcp::acceptor>(*srv->ctx_);
  tcp::endpoint ep(addr, port);
  srv->acceptor_->open(ep.protocol(), ec);
  if (!ec)
    srv->acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) srv->acceptor_->bind(ep, ec);
  if (!ec) srv->acceptor_->listen(4096, ec);
  if (ec) {
    return Status::IoError(
        fmt::format("cannot listen on {}:{}: {}", address, port, ec.message()),
        "pick another address or port");
  }
  srv->port_ = srv->acceptor_->local_endpoint().port();
  srv->Accept();
  srv->thread_ = std::thread([s = srv.get()] { s->ctx_->run(); });
  return srv;
}

void StandInServer::Accept() {
  acceptor_->async_accept([this](boost::system::error_code ec, tcp::socket s) {
    if (ec == asio::error::operation_aborted || !acceptor_->is_open()) return;
    if (!ec) {
      connections_.fetch_add(1);
      asio::co_spawn(*ctx_, Handle(std::move(s), kind_, &requests_),
                     [](const std::exception_ptr&) {});
    }
    Accept();
  });
}

StandInServer::~StandInServer() {
  try {  // posting or joining fails only on resource exhaustion
    asio::post(*ctx_, [this] {
      boost::system::error_code ignored;
      acceptor_->close(ignored);
    });
    ctx_->stop();
    if (thread_.joinable()) thread_.join();
  } catch (const std::exception&) {
    ctx_->stop();
  }
}

}  // namespace amtscope
