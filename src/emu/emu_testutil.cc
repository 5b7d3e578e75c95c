#include "emu/emu_testutil.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

namespace amtscope::emu::testing {

int Connect(const std::string& addr, uint16_t port, int timeout_ms) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  inet_pton(AF_INET, addr.c_str(), &sa.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof(sa)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string Exchange(const std::string& addr, uint16_t port,
                     const std::string& request, int timeout_ms) {
  int fd = Connect(addr, port, timeout_ms);
  if (fd < 0) return "";
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n =
        send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[4096];
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

std::string Header(const std::string& response, const std::string& name) {
  std::string needle = "\r\n" + name + ": ";
  size_t head_end = response.find("\r\n\r\n");
  size_t pos = response.find(needle);
  if (pos == std::string::npos ||
      (head_end != std::string::npos && pos > head_end))
    return "";
  pos += needle.size();
  return response.substr(pos, response.find("\r\n", pos) - pos);
}

std::string Dechunk(const std::string& body) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t eol = body.find("\r\n", pos);
    if (eol == std::string::npos) return "";
    size_t n = std::stoul(body.substr(pos, eol - pos), nullptr, 16);
    if (n == 0) return out;
    if (eol + 2 + n > body.size()) return "";
    out += body.substr(eol + 2, n);
    pos = eol + 2 + n + 2;
  }
}

std::string ReadOneResponse(int fd, int timeout_ms) {
  std::string out;
  char buf[4096];
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    size_t head_end = out.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      std::string cl = Header(out, "Content-Length");
      if (!cl.empty() && out.size() >= head_end + 4 + std::stoul(cl))
        return out;
      if (cl.empty() && Header(out, "Transfer-Encoding") == "chunked" &&
          out.find("\r\n0\r\n\r\n", head_end) != std::string::npos) {
        return out;
      }
    }
    ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

FleetConfig OneHost(const std::string& firmware, Mode mode, bool tls) {
  FleetConfig fleet;
  HostConfig h;
  h.address = "127.0.0.1";
  h.ports = {{0, false}};
  if (tls) h.ports.push_back({0, true});
  h.firmware = firmware;
  h.mode = mode;
  fleet.hosts.push_back(h);
  return fleet;
}

long RssKiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace amtscope::emu::testing
