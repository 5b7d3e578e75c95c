#include "local/lms.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

#include "local/services.h"

namespace amtscope {

namespace {

// AMT ports a listener may serve (§1.5): web/WS-Man, redirection, ASF/RMCP.
constexpr std::array<int, 6> kAmtPorts = {16992, 16993, 16994, 16995, 623, 664};

// systemd unit directories, admin overrides first.
constexpr std::array<std::string_view, 5> kUnitDirs = {
    "etc/systemd/system", "run/systemd/system", "usr/local/lib/systemd/system",
    "usr/lib/systemd/system", "lib/systemd/system"};

bool ParseHex(std::string_view s, std::uint32_t* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out, 16);
  return ec == std::errc() && end == s.data() + s.size();
}

// /proc/net/tcp prints addresses as host-order 32-bit words in hex.
std::string FormatAddress(std::string_view hex, bool ipv6) {
  std::array<std::uint8_t, 16> bytes{};
  const std::size_t words = ipv6 ? 4 : 1;
  if (hex.size() != words * 8) return {};
  for (std::size_t w = 0; w < words; ++w) {
    std::uint32_t v = 0;
    if (!ParseHex(hex.substr(w * 8, 8), &v)) return {};
    for (int b = 0; b < 4; ++b) bytes[w * 4 + b] = (v >> (8 * b)) & 0xFF;  // LE
  }
  if (!ipv6)
    return fmt::format("{}.{}.{}.{}", bytes[0], bytes[1], bytes[2], bytes[3]);
  if (std::all_of(bytes.begin(), bytes.end() - 1,
                  [](auto b) { return b == 0; })) {
    return bytes[15] == 1 ? "::1" : (bytes[15] == 0 ? "::" : "");
  }
  std::string out;
  for (int i = 0; i < 16; i += 2) {
    out += fmt::format("{}{:x}", i ? ":" : "", (bytes[i] << 8) | bytes[i + 1]);
  }
  return out;
}

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  while (!line.empty()) {
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos) break;
    line.remove_prefix(start);
    std::size_t end = line.find_first_of(" \t");
    out.push_back(line.substr(0, end));
    line =
        end == std::string_view::npos ? std::string_view() : line.substr(end);
  }
  return out;
}

bool IsNumber(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

void ReadProcesses(const FileSystem& fs, LmsFacts* out) {
  auto entries = fs.ListDir("proc");
  if (!entries.ok()) return;
  bool visible = false;
  for (const std::string& pid : *entries) {
    if (!IsNumber(pid) || pid.size() > 9) continue;
    visible = true;
    auto comm = fs.ReadFile(fmt::format("proc/{}/comm", pid), 64);
    if (comm.ok() && TrimValue(*comm) == "lms")
      out->pids.push_back(std::stoi(pid));
  }
  if (visible) out->running = !out->pids.empty();
}

// The inode in "socket:[31337]"; 0 for anything else.
std::uint64_t SocketInode(std::string_view link) {
  constexpr std::string_view kPrefix = "socket:[";
  if (!link.starts_with(kPrefix) || !link.ends_with(']')) return 0;
  link.remove_prefix(kPrefix.size());
  link.remove_suffix(1);
  std::uint64_t inode = 0;
  auto [end, ec] =
      std::from_chars(link.data(), link.data() + link.size(), inode);
  return ec == std::errc() && end == link.data() + link.size() ? inode : 0;
}

constexpr std::size_t kMaxProcesses = 32768;
constexpr std::size_t kMaxFdsPerProcess = 4096;
constexpr std::size_t kMaxLinks = 262144;

}  // namespace

bool LmsFacts::LmsListens() const {
  return std::any_of(listeners.begin(), listeners.end(),
                     [](const TcpListener& l) { return l.IsLms(); });
}

void ForEachSocketLink(const FileSystem& fs,
                       const std::vector<std::uint64_t>& inodes,
                       const std::function<bool(const SocketLink&)>& visit) {
  if (inodes.empty()) return;
  auto entries = fs.ListDir("proc", kMaxProcesses * 2);
  if (!entries.ok()) return;
  std::size_t processes = 0;
  std::size_t links = 0;
  for (const std::string& pid : *entries) {
    if (!IsNumber(pid) || pid.size() > 9) continue;
    if (++processes > kMaxProcesses || links >= kMaxLinks) return;
    auto fds = fs.ListDir(fmt::format("proc/{}/fd", pid), kMaxFdsPerProcess);
    if (!fds.ok()) continue;  // another user's process, or gone
    for (const std::string& fd : *fds) {
      if (++links > kMaxLinks) return;
      auto target = fs.ReadLink(fmt::format("proc/{}/fd/{}", pid, fd));
      if (!target.ok()) continue;
      std::uint64_t inode = SocketInode(*target);
      if (inode == 0 ||
          std::find(inodes.begin(), inodes.end(), inode) == inodes.end()) {
        continue;
      }
      if (!visit({std::stoi(pid), fd, *target, inode})) return;
    }
  }
}

void FindListenerOwners(const FileSystem& fs,
                        std::vector<TcpListener>* listeners) {
  std::vector<std::uint64_t> inodes;
  for (const TcpListener& l : *listeners) {
    if (l.inode != 0) inodes.push_back(l.inode);
  }
  std::size_t wanted = inodes.size();
  ForEachSocketLink(fs, inodes, [&](const SocketLink& link) {
    for (TcpListener& l : *listeners) {
      if (l.inode != link.inode || l.pid != 0) continue;
      auto comm = fs.ReadFile(fmt::format("proc/{}/comm", link.pid), 64);
      l.pid = link.pid;
      l.comm = comm.ok() ? std::string(TrimValue(*comm)) : std::string();
      --wanted;
    }
    return wanted > 0;
  });
}

std::vector<TcpListener> ParseProcNetTcp(std::string_view text, bool ipv6) {
  std::vector<TcpListener> out;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::vector<std::string_view> f = Fields(text.substr(0, nl));
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    // "sl local_address rem_address st ...": local is ADDR:PORT, st 0A=LISTEN.
    if (f.size() < 4 || f[3] != "0A") continue;
    std::size_t colon = f[1].find(':');
    std::uint32_t port = 0;
    if (colon == std::string_view::npos ||
        !ParseHex(f[1].substr(colon + 1), &port))
      continue;
    if (std::find(kAmtPorts.begin(), kAmtPorts.end(), static_cast<int>(port)) ==
        kAmtPorts.end())
      continue;
    std::string addr = FormatAddress(f[1].substr(0, colon), ipv6);
    if (addr.empty()) continue;
    // "... tx:rx tr:when retrnsmt uid timeout inode": the inode is field 9.
    std::uint64_t inode = 0;
    if (f.size() > 9) {
      auto [end, ec] =
          std::from_chars(f[9].data(), f[9].data() + f[9].size(), inode);
      if (ec != std::errc() || end != f[9].data() + f[9].size()) inode = 0;
    }
    out.push_back({static_cast<int>(port), addr, inode});
  }
  return out;
}

LmsFacts ReadLms(const FileSystem& fs) {
  LmsFacts out;
  for (std::string_view dir : kUnitDirs) {
    std::string path = fmt::format("{}/lms.service", dir);
    if (out.unit_path.empty() && fs.Exists(path))
      out.unit_path = fs.Display(path);
  }
  if (auto wants = fs.ListDir("etc/systemd/system"); wants.ok()) {
    for (const std::string& d : *wants) {
      if (d.ends_with(".wants") &&
          fs.Exists(fmt::format("etc/systemd/system/{}/lms.service", d))) {
        out.unit_enabled = true;
      }
    }
  }
  ReadProcesses(fs, &out);
  for (bool v6 : {false, true}) {
    auto text = fs.ReadFile(v6 ? "proc/net/tcp6" : "proc/net/tcp", 4 << 20);
    if (!text.ok()) continue;
    for (TcpListener& l : ParseProcNetTcp(*text, v6))
      out.listeners.push_back(std::move(l));
  }
  FindListenerOwners(fs, &out.listeners);
  if (auto text = fs.ReadFile(kServicesCaptureFile, size_t{64} * 1024);
      text.ok())
    ApplyServices(ParseServicesCapture(*text), &out);
  return out;
}

}  // namespace amtscope
