// Windows services that matter for INTEL-SA-00075 (docs/windows.md §4): the
// Local Manageability Service (service name "LMS") and the User Notification
// Service ("UNS"), read and changed through the Service Control Manager
// behind a small interface (windows_services.cc; a fake in src/testing/), and
// their states as a captured tree keeps them (amtscope-services.txt).
#ifndef AMTSCOPE_LOCAL_SERVICES_H_
#define AMTSCOPE_LOCAL_SERVICES_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/status.h"
#include "local/lms.h"

namespace amtscope {

/// The service names asked about, LMS first.
inline constexpr std::string_view kLmsServiceName = "LMS";
inline constexpr std::string_view kUnsServiceName = "UNS";

/// The file a captured tree keeps the service states in.
inline constexpr std::string_view kServicesCaptureFile =
    "amtscope-services.txt";

/// The Service Control Manager as check uses it.
class ServiceManager {
 public:
  virtual ~ServiceManager() = default;
  /// The state and start type of `name`; installed=false when the SCM does
  /// not know it; an error when the SCM cannot be asked at all.
  virtual Result<ServiceFacts> Query(std::string_view name) = 0;
  /// Sets the start type to disabled (ChangeServiceConfig).
  virtual Status Disable(std::string_view name) = 0;
  /// Sends SERVICE_CONTROL_STOP and waits until it stopped (bounded).
  virtual Status Stop(std::string_view name) = 0;
};

/// Queries LMS and UNS; a failed query is a service with `error` set.
std::vector<ServiceFacts> QueryAmtServices(ServiceManager& scm);

/// --disable-lms on Windows: sets LMS to disabled, then stops it when it
/// runs. NotFound when LMS is not installed; the SCM's error otherwise (with
/// the hint to run elevated on access denied).
Status DisableLmsService(ServiceManager& scm);

/// What --disable-lms will do, for the confirmation prompt.
std::string DisableLmsServicePlan();

/// "LMS running auto\n" lines: name, state, start type ('#' comments).
std::string FormatServicesCapture(const std::vector<ServiceFacts>& services);
/// The inverse; malformed lines are skipped.
std::vector<ServiceFacts> ParseServicesCapture(std::string_view text);

/// Fills the LMS facts from the services: installed, enabled (start type not
/// disabled) and running, as Linux fills them from systemd and /proc.
void ApplyServices(std::vector<ServiceFacts> services, LmsFacts* lms);

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_SERVICES_H_
