// HttpWebProbe on Windows: a non-blocking Winsock socket and select() under
// one deadline, the same exchange and error words as local_web_linux.cc.
#include <winsock2.h>
#include <ws2tcpip.h>
// winsock2.h before anything that pulls in windows.h.
#include <fmt/format.h>

#include <chrono>

#include "local/local_web.h"

namespace amtscope {

namespace {

using Clock = std::chrono::steady_clock;

class Socket {
 public:
  Socket() {
    WSADATA data{};
    started_ = WSAStartup(MAKEWORD(2, 2), &data) == 0;
    if (started_) s_ = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  }
  ~Socket() {
    if (s_ != INVALID_SOCKET) closesocket(s_);
    if (started_) WSACleanup();
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  SOCKET get() const { return s_; }

 private:
  bool started_ = false;
  SOCKET s_ = INVALID_SOCKET;
};

timeval Remaining(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::microseconds>(
                  deadline - Clock::now())
                  .count();
  if (left < 0) left = 0;
  return {static_cast<long>(left / 1000000), static_cast<long>(left % 1000000)};
}

// Linux's strerror words for the errors a loopback probe meets, so a report
// reads the same on both systems.
std::string ErrorWords(int err) {
  switch (err) {
    case WSAECONNREFUSED:
      return "Connection refused";
    case WSAECONNRESET:
      return "Connection reset by peer";
    case WSAENETUNREACH:
      return "Network is unreachable";
    case WSAETIMEDOUT:
      return "timeout";
    default:
      return fmt::format("Winsock error {}", err);
  }
}

// Waits until `s` is writable (connected) or failed; "" on success.
std::string WaitConnected(SOCKET s, Clock::time_point deadline) {
  fd_set writable, failed;
  FD_ZERO(&writable);
  FD_ZERO(&failed);
  FD_SET(s, &writable);
  FD_SET(s, &failed);
  timeval tv = Remaining(deadline);
  if (::select(0, nullptr, &writable, &failed, &tv) <= 0) return "timeout";
  if (FD_ISSET(s, &failed)) {
    int err = 0;
    int len = sizeof err;
    ::getsockopt(s, SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&err), &len);
    return ErrorWords(err != 0 ? err : WSAECONNREFUSED);
  }
  return {};
}

}  // namespace

WebProbeResult HttpWebProbe::Probe() {
  WebProbeResult out;
  out.source = fmt::format("http://{}:{}/", host_, port_);
  const auto deadline = Clock::now() + timeout_;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<u_short>(port_));
  if (::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr) != 1) {
    out.error = "bad address";
    return out;
  }
  Socket sock;
  if (sock.get() == INVALID_SOCKET) {
    out.error = ErrorWords(WSAGetLastError());
    return out;
  }
  u_long nonblocking = 1;
  ioctlsocket(sock.get(), FIONBIO, &nonblocking);
  if (::connect(sock.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) !=
          0 &&
      WSAGetLastError() != WSAEWOULDBLOCK) {
    out.error = ErrorWords(WSAGetLastError());
    return out;
  }
  if (std::string err = WaitConnected(sock.get(), deadline); !err.empty()) {
    out.error = err;
    return out;
  }
  std::string request = WebProbeRequest(host_, port_);
  if (::send(sock.get(), request.data(), static_cast<int>(request.size()), 0) !=
      static_cast<int>(request.size())) {
    out.error = "send failed";
    return out;
  }
  std::string data;
  char buf[2048];
  while (data.size() < 16384 && data.find("\r\n\r\n") == std::string::npos) {
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(sock.get(), &readable);
    timeval tv = Remaining(deadline);
    if (::select(0, &readable, nullptr, nullptr, &tv) <= 0) break;
    int n = ::recv(sock.get(), buf, sizeof buf, 0);
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
  }
  FinishWebProbe(data, &out);
  return out;
}

}  // namespace amtscope
