#include "local/local_web.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace amtscope {

namespace {

using Clock = std::chrono::steady_clock;

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// §2.1 Server header forms: "Intel(R) Active Management Technology 8.1.40",
// "Intel(R) Standard Manageability 9.0.3", "... Small Business Technology",
// or a bare "AMT" (ME 11.x).
void ClassifyServer(WebProbeResult* out) {
  struct Form { std::string_view prefix, product; };
  static constexpr Form kForms[] = {
      {"Intel(R) Active Management Technology", "amt"},
      {"Intel(R) Standard Manageability", "ism"},
      {"Intel(R) Small Business Technology", "sbt"},
  };
  std::string_view server = out->server;
  if (server == "AMT") {
    out->amt = true;
    out->product = "amt";
    return;
  }
  for (const Form& f : kForms) {
    if (!server.starts_with(f.prefix)) continue;
    out->amt = true;
    out->product = std::string(f.product);
    auto v = FirmwareVersion::Parse(Trim(server.substr(f.prefix.size())));
    if (v.ok() && v->known()) out->version = *v;
    return;
  }
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { if (fd_ >= 0) ::close(fd_); }
  int get() const { return fd_; }
 private:
  int fd_;
};

int Remaining(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

}  // namespace

bool ParseHttpHead(std::string_view head, WebProbeResult* out) {
  std::size_t eol = head.find('\n');
  std::string_view status_line = Trim(head.substr(0, eol));
  if (!status_line.starts_with("HTTP/1.") || status_line.size() < 12) return false;
  int code = 0;
  for (char c : status_line.substr(9, 3)) {
    if (c < '0' || c > '9') return false;
    code = code * 10 + (c - '0');
  }
  out->answered = true;
  out->status = code;
  while (eol != std::string_view::npos) {
    head.remove_prefix(eol + 1);
    eol = head.find('\n');
    std::string_view line = Trim(head.substr(0, eol));
    if (line.empty()) break;
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && IEquals(Trim(line.substr(0, colon)), "Server")) {
      out->server = std::string(Trim(line.substr(colon + 1)));
    }
  }
  ClassifyServer(out);
  return true;
}

WebProbeResult HttpWebProbe::Probe() {
  WebProbeResult out;
  out.source = fmt::format("http://{}:{}/", host_, port_);
  const auto deadline = Clock::now() + timeout_;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port_));
  if (::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr) != 1) {
    out.error = "bad address";
    return out;
  }
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) {
    out.error = std::strerror(errno);
    return out;
  }
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    out.error = std::strerror(errno);
    return out;
  }
  pollfd p{fd.get(), POLLOUT, 0};
  if (::poll(&p, 1, Remaining(deadline)) <= 0) {
    out.error = "timeout";
    return out;
  }
  int err = 0;
  socklen_t len = sizeof err;
  ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
  if (err != 0) {
    out.error = std::strerror(err);  // "Connection refused": nothing listens
    return out;
  }
  std::string request = fmt::format(
      "GET / HTTP/1.1\r\nHost: {}:{}\r\nUser-Agent: amtscope-check\r\nConnection: close\r\n\r\n", host_, port_);
  if (::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    out.error = "send failed";
    return out;
  }
  std::string data;
  char buf[2048];
  while (data.size() < 16384 && data.find("\r\n\r\n") == std::string::npos) {
    p = {fd.get(), POLLIN, 0};
    if (::poll(&p, 1, Remaining(deadline)) <= 0) break;
    ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  out.raw_head = data.substr(0, data.find("\r\n\r\n"));
  if (!ParseHttpHead(out.raw_head, &out)) out.error = data.empty() ? "timeout" : "not HTTP";
  return out;
}

}  // namespace amtscope
