// LinuxMei: MeiTransport over /dev/mei0 (falls back to /dev/mei) with
// IOCTL_MEI_CONNECT_CLIENT (docs/local-detection.md §1.1).
#ifndef AMTSCOPE_LOCAL_LINUX_MEI_H_
#define AMTSCOPE_LOCAL_LINUX_MEI_H_

#include <string>

#include "local/mei_transport.h"

namespace amtscope {

class LinuxMei : public MeiTransport {
 public:
  /// `device` "" tries /dev/mei0 then /dev/mei.
  explicit LinuxMei(std::string device = {}) : device_(std::move(device)) {}
  ~LinuxMei() override { Disconnect(); }
  LinuxMei(const LinuxMei&) = delete;
  LinuxMei& operator=(const LinuxMei&) = delete;

  MeiConnectResult Connect(const MeiUuid& client) override;
  Status Write(std::span<const std::uint8_t> message) override;
  Result<std::vector<std::uint8_t>> Read(
      std::size_t max_len, std::chrono::milliseconds timeout) override;
  void Disconnect() override;

 private:
  std::string device_;
  int fd_ = -1;
};

/// Maps an errno from open() or the connect ioctl to a MeiStatus (§1.1):
/// ENOENT/ENODEV/ENXIO → no device, EACCES/EPERM → needs root, ENOTTY → no
/// such client, EBUSY → busy (LMS holds it), else I/O error.
MeiStatus MeiStatusFromErrno(int err, bool during_open);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_LINUX_MEI_H_
