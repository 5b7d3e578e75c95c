// The Win32 error mapping of windows_mei.h: plain numbers (winerror.h
// values), so it is built and tested on both platforms.
#include "local/windows_mei.h"

namespace amtscope {

MeiStatus MeiStatusFromWin32(std::uint32_t error, bool during_open) {
  constexpr std::uint32_t kFileNotFound = 2, kPathNotFound = 3,
                          kAccessDenied = 5, kInvalidHandle = 6, kBusy = 170,
                          kNotFound = 1168, kDeviceNotConnected = 1167;
  switch (error) {
    case kFileNotFound:
    case kPathNotFound:
    case kDeviceNotConnected:
      return MeiStatus::kNoDevice;
    case kAccessDenied:
      return MeiStatus::kNeedsRoot;
    case kBusy:
      return MeiStatus::kBusy;
    case kInvalidHandle:
    case kNotFound:
      // metee: "Connect IOCTL returns invalid handle if client is not found".
      return during_open ? MeiStatus::kIoError : MeiStatus::kNoSuchClient;
    default:
      return MeiStatus::kIoError;
  }
}

}  // namespace amtscope
