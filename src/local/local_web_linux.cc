// HttpWebProbe on Linux: a non-blocking socket and poll() under one deadline.
#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "local/local_web.h"

namespace amtscope {

namespace {

using Clock = std::chrono::steady_clock;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

int Remaining(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                  deadline - Clock::now())
                  .count();
  return left > 0 ? static_cast<int>(left) : 0;
}

}  // namespace

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
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) !=
          0 &&
      errno != EINPROGRESS) {
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
  std::string request = WebProbeRequest(host_, port_);
  if (::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
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
  FinishWebProbe(data, &out);
  return out;
}

}  // namespace amtscope
