#include "local/linux_mei.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/mei.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace amtscope {

MeiStatus MeiStatusFromErrno(int err, bool during_open) {
  switch (err) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
      return during_open ? MeiStatus::kNoDevice : MeiStatus::kNoSuchClient;
    case EACCES:
    case EPERM:
      return MeiStatus::kNeedsRoot;
    case ENOTTY:
      return MeiStatus::kNoSuchClient;
    case EBUSY:
      return MeiStatus::kBusy;
    default:
      return MeiStatus::kIoError;
  }
}

MeiConnectResult LinuxMei::Connect(const MeiUuid& client) {
  Disconnect();
  MeiConnectResult r;
  std::string used;
  int err = ENOENT;
  for (const std::string& dev :
       device_.empty() ? std::vector<std::string>{"/dev/mei0", "/dev/mei"}
                       : std::vector<std::string>{device_}) {
    fd_ = ::open(dev.c_str(), O_RDWR | O_CLOEXEC);
    used = dev;
    if (fd_ >= 0) break;
    err = errno;
    if (err != ENOENT) break;
  }
  if (fd_ < 0) {
    r.status = MeiStatusFromErrno(err, /*during_open=*/true);
    r.detail = fmt::format("{}: {}", used, std::strerror(err));
    return r;
  }
  // 16-byte union: uuid_le in, {u32 max_msg_length; u8 protocol_version} out.
  struct mei_connect_client_data data;
  std::memset(&data, 0, sizeof data);
  auto le = client.LeBytes();
  std::memcpy(&data.in_client_uuid, le.data(), le.size());
  if (::ioctl(fd_, IOCTL_MEI_CONNECT_CLIENT, &data) != 0) {
    err = errno;
    Disconnect();
    r.status = MeiStatusFromErrno(err, /*during_open=*/false);
    r.detail =
        fmt::format("connect {}: {}", client.ToString(), std::strerror(err));
    return r;
  }
  r.status = MeiStatus::kOk;
  r.max_msg_length = data.out_client_properties.max_msg_length;
  r.protocol_version = data.out_client_properties.protocol_version;
  return r;
}

Status LinuxMei::Write(std::span<const std::uint8_t> message) {
  if (fd_ < 0) return Status::IoError("MEI handle is not connected");
  ssize_t n = ::write(fd_, message.data(), message.size());
  if (n != static_cast<ssize_t>(message.size())) {
    return Status::IoError(fmt::format(
        "MEI write failed: {}", n < 0 ? std::strerror(errno) : "short write"));
  }
  return Status::Ok();
}

Result<std::vector<std::uint8_t>> LinuxMei::Read(
    std::size_t max_len, std::chrono::milliseconds timeout) {
  if (fd_ < 0) return Status::IoError("MEI handle is not connected");
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready == 0)
    return Status::DeadlineExceeded("MEI read timed out",
                                    "the ME did not answer");
  if (ready < 0)
    return Status::IoError(
        fmt::format("MEI poll failed: {}", std::strerror(errno)));
  std::vector<std::uint8_t> buf(max_len);
  ssize_t n = ::read(fd_, buf.data(), buf.size());
  if (n < 0)
    return Status::IoError(
        fmt::format("MEI read failed: {}", std::strerror(errno)));
  buf.resize(static_cast<std::size_t>(n));
  return buf;
}

void LinuxMei::Disconnect() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace amtscope
