#include "local/capture.h"

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "local/dmi.h"
#include "local/lms.h"
#include "local/mei_capture.h"
#include "local/mei_client.h"
#include "local/services.h"

namespace amtscope {

namespace {

namespace stdfs = std::filesystem;

class TreeWriter {
 public:
  TreeWriter(const FileSystem& live, std::string out)
      : live_(live), out_(std::move(out)) {}

  Status Write(const std::string& rel, std::string_view contents) {
    stdfs::path p = stdfs::path(out_) / rel;
    std::error_code ec;
    stdfs::create_directories(p.parent_path(), ec);
    std::ofstream f(p, std::ios::binary);
    if (ec || !(f << contents) || !f.flush()) {
      return Status::IoError(fmt::format("cannot write {}", p.string()),
                             "check the directory is writable");
    }
    written_.push_back(rel);
    return Status::Ok();
  }
  /// Copies one file if it can be read; a missing file is not an error.
  Status Copy(const std::string& rel) {
    auto text = live_.ReadFile(rel, size_t{64} * 1024);
    return text.ok() ? Write(rel, *text) : Status::Ok();
  }
  /// Makes `rel` a symbolic link to `target` (the text, not a file copy).
  Status Link(const std::string& rel, const std::string& target) {
    stdfs::path p = stdfs::path(out_) / rel;
    std::error_code ec;
    stdfs::create_directories(p.parent_path(), ec);
    if (!ec) stdfs::create_symlink(target, p, ec);
    if (ec) {
      return Status::IoError(
          fmt::format("cannot write {}: {}", p.string(), ec.message()),
          "check the directory is writable");
    }
    written_.push_back(rel);
    link_index_ += fmt::format("{} {}\n", rel, target);
    return Status::Ok();
  }
  std::vector<std::string>& written() { return written_; }
  /// The links written, in kLinkIndexFile's format ("" when none).
  const std::string& link_index() const { return link_index_; }

 private:
  const FileSystem& live_;
  std::string out_;
  std::string link_index_;
  std::vector<std::string> written_;
};

Status CaptureSysfs(const FileSystem& live, TreeWriter& w) {
  if (auto meis = live.ListDir("sys/class/mei"); meis.ok()) {
    for (const std::string& dev : *meis) {
      for (const char* attr : {"fw_ver", "fw_status", "dev_state", "kind",
                               "hbm_ver", "hbm_ver_drv"}) {
        AMTSCOPE_RETURN_IF_ERROR(
            w.Copy(fmt::format("sys/class/mei/{}/{}", dev, attr)));
      }
    }
  }
  if (auto attrs = live.ListDir("sys/class/dmi/id"); attrs.ok()) {
    for (const std::string& a : *attrs) {
      if (IsPrivateDmiAttribute(a) || a == "uevent") continue;
      AMTSCOPE_RETURN_IF_ERROR(w.Copy("sys/class/dmi/id/" + a));
    }
  }
  for (const char* fn : {"0000:00:16.0", "0000:00:16.3"}) {
    for (const char* attr : {"vendor", "device", "class"}) {
      AMTSCOPE_RETURN_IF_ERROR(
          w.Copy(fmt::format("sys/bus/pci/devices/{}/{}", fn, attr)));
    }
  }
  return Status::Ok();
}

// Bounds what a capture copies of /proc/PID/fd: links, then processes. The
// per-process share keeps one process with thousands of AMT-port sockets (an
// emulated fleet) from crowding every other listener's owner out.
constexpr std::size_t kMaxCapturedLinks = 256;
constexpr std::size_t kMaxCapturedLinksPerProcess = 16;

// The processes behind AMT-port listeners: their comm and only their fd
// links to those sockets (symlinks with the kernel's text, "socket:[31337]"),
// so that --root names the process as the live check does.
Status CaptureListenerOwners(const FileSystem& live, const LmsFacts& lms,
                             TreeWriter& w) {
  std::vector<std::uint64_t> inodes;
  for (const TcpListener& l : lms.listeners) {
    if (l.inode != 0) inodes.push_back(l.inode);
  }
  std::vector<SocketLink> links;
  std::map<int, std::size_t> per_pid;
  ForEachSocketLink(live, inodes, [&](const SocketLink& link) {
    if (per_pid[link.pid]++ < kMaxCapturedLinksPerProcess)
      links.push_back(link);
    return links.size() < kMaxCapturedLinks;
  });
  std::set<int> comms(lms.pids.begin(), lms.pids.end());  // copied already
  comms.insert(1);
  for (const SocketLink& link : links) {
    AMTSCOPE_RETURN_IF_ERROR(
        w.Link(fmt::format("proc/{}/fd/{}", link.pid, link.fd), link.target));
    if (comms.insert(link.pid).second)
      AMTSCOPE_RETURN_IF_ERROR(w.Copy(fmt::format("proc/{}/comm", link.pid)));
  }
  return Status::Ok();
}

Status CaptureLms(const FileSystem& live, TreeWriter& w) {
  for (const char* dir : {"etc/systemd/system", "run/systemd/system",
                          "usr/local/lib/systemd/system",
                          "usr/lib/systemd/system", "lib/systemd/system"}) {
    AMTSCOPE_RETURN_IF_ERROR(w.Copy(fmt::format("{}/lms.service", dir)));
  }
  if (auto dirs = live.ListDir("etc/systemd/system"); dirs.ok()) {
    for (const std::string& d : *dirs) {
      if (d.ends_with(".wants"))
        AMTSCOPE_RETURN_IF_ERROR(
            w.Copy(fmt::format("etc/systemd/system/{}/lms.service", d)));
    }
  }
  // Only init, LMS and AMT-port listeners: other process names are none of a
  // bug report's business.
  AMTSCOPE_RETURN_IF_ERROR(w.Copy("proc/1/comm"));
  LmsFacts lms = ReadLms(live);
  for (int pid : lms.pids)
    AMTSCOPE_RETURN_IF_ERROR(w.Copy(fmt::format("proc/{}/comm", pid)));
  AMTSCOPE_RETURN_IF_ERROR(CaptureListenerOwners(live, lms, w));
  for (bool v6 : {false, true}) {
    std::string rel = v6 ? "proc/net/tcp6" : "proc/net/tcp";
    if (auto text = live.ReadFile(rel, 4 << 20); text.ok()) {
      AMTSCOPE_RETURN_IF_ERROR(w.Write(rel, FilterProcNetTcp(*text, v6)));
    }
  }
  return Status::Ok();
}

}  // namespace

bool IsPrivateDmiAttribute(std::string_view name) {
  return name.find("serial") != std::string_view::npos ||
         name.find("uuid") != std::string_view::npos ||
         name.find("asset_tag") != std::string_view::npos;
}

std::string FilterProcNetTcp(std::string_view text, bool ipv6) {
  std::string out;
  bool first = true;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (first || !ParseProcNetTcp(line, ipv6).empty()) {
      out += line;
      out += '\n';
    }
    first = false;
  }
  return out;
}

Result<std::vector<std::string>> CaptureTree(const FileSystem& live,
                                             const std::string& out_dir,
                                             MeiTransport* mei, WebProbe* web,
                                             const CaptureExtras& extras) {
  std::error_code ec;
  if (stdfs::exists(out_dir, ec) && !stdfs::is_empty(out_dir, ec)) {
    return Status::InvalidArgument(
        fmt::format("capture directory {} is not empty", out_dir),
        "give a new or empty directory");
  }
  // Like scan -o: the directory itself is made, its parent must exist (a
  // typo must not create a tree of directories somewhere).
  stdfs::path parent = stdfs::absolute(out_dir, ec).parent_path();
  if (!stdfs::is_directory(parent, ec)) {
    return Status::InvalidArgument(
        fmt::format("cannot capture into {}: no directory {}", out_dir,
                    parent.string()),
        "create the parent directory first, or give another --capture path");
  }
  TreeWriter w(live, out_dir);
  AMTSCOPE_RETURN_IF_ERROR(CaptureSysfs(live, w));
  AMTSCOPE_RETURN_IF_ERROR(CaptureLms(live, w));
  if (!extras.smbios.empty()) {
    AMTSCOPE_RETURN_IF_ERROR(w.Write(
        std::string(kDmiTablePath),
        std::string_view(reinterpret_cast<const char*>(extras.smbios.data()),
                         extras.smbios.size())));
  }
  if (!extras.services.empty()) {
    AMTSCOPE_RETURN_IF_ERROR(
        w.Write(std::string(kServicesCaptureFile), extras.services));
  }
  if (mei != nullptr) {
    RecordingMei rec(*mei);
    MeiFacts facts = QueryMei(rec);
    if (facts.any())
      AMTSCOPE_RETURN_IF_ERROR(
          w.Write(std::string(kMeiCaptureFile), rec.log()));
  }
  if (web != nullptr) {
    WebProbeResult r = web->Probe();
    std::string head = r.answered ? r.raw_head + "\r\n" : "! " + r.error + "\n";
    AMTSCOPE_RETURN_IF_ERROR(w.Write(std::string(kWebCaptureFile), head));
  }
  // The links again as text: a tree read on Windows (or under wine, which
  // hides dangling links) still finds the listener owners.
  if (!w.link_index().empty()) {
    std::string index =
        "# amtscope captured symbolic links v1: path target\n" + w.link_index();
    AMTSCOPE_RETURN_IF_ERROR(w.Write(std::string(kLinkIndexFile), index));
  }
  if (w.written().empty()) {
    AMTSCOPE_RETURN_IF_ERROR(
        w.Write("README", "amtscope capture: no readable files were found\n"));
  }
  return std::move(w.written());
}

}  // namespace amtscope
