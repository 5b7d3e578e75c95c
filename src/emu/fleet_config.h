// FleetConfig: the hosts one emulator process serves, loaded from JSON.
#ifndef AMTSCOPE_EMU_FLEET_CONFIG_H_
#define AMTSCOPE_EMU_FLEET_CONFIG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "emu/host_config.h"

namespace amtscope::emu {

/// A set of emulated devices. `seed` keeps derived realms stable per fleet.
struct FleetConfig {
  std::vector<HostConfig> hosts;
  uint64_t seed = 0;
};

/// Parses fleet JSON: either a list of host objects or
/// {"seed": N, "hosts": [...]}. Host keys: address (required), ports
/// ([16992, "16993", "0/tls"]), firmware (required), build, mode, product,
/// admin_password, realm, bare_banner, web_ui, cert, key, computer_name, and
/// count (expand to N consecutive IPv4 addresses). Unknown keys are errors.
Result<FleetConfig> ParseFleetJson(std::string_view json);

/// Reads and parses a fleet file; errors name the file.
Result<FleetConfig> LoadFleetFile(const std::string& path);

/// Checks every host and that no address:port is used twice.
Status ValidateFleet(const FleetConfig& fleet);

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_FLEET_CONFIG_H_
