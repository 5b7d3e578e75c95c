// SOAP endpoints: WS-Management (/wsman, SOAP 1.2, docs/protocol.md §2.7)
// and the pre-9.0 "EOI" SOAP 1.1 services amttool uses (§1.3, §4).
#ifndef AMTSCOPE_EMU_SOAP_H_
#define AMTSCOPE_EMU_SOAP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "emu/host_config.h"

namespace amtscope::emu {

struct SoapReply {
  int status = 200;
  std::string content_type;
  std::string body;
};

/// Answers a WS-Man request: Get of AMT_GeneralSettings (DigestRealm = the
/// challenge realm) and CIM_SoftwareIdentity (by InstanceID selector), and
/// Identify; anything else gets a wsa:DestinationUnreachable fault (400).
/// `message_id` numbers the response MessageID.
SoapReply HandleWsman(const HostProfile& host, std::string_view request,
                      uint64_t message_id);

/// True for the EOI service paths amttool posts to.
bool IsEoiPath(std::string_view path);

/// Answers an EOI SOAP 1.1 call (GetCoreVersion, GetHostName, GetDomainName,
/// GetSystemPowerState, GetRemoteControlCapabilities); others get a fault.
SoapReply HandleEoi(const HostProfile& host, std::string_view path,
                    std::string_view soap_action, std::string_view request);

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_SOAP_H_
