#include "emu/fleet_config.h"

#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/bounded_file.h"

namespace amtscope::emu {
namespace {

using nlohmann::json;

const std::set<std::string>& KnownKeys() {
  static const std::set<std::string> keys = {
      "address",        "ports",
      "firmware",       "build",
      "mode",           "product",
      "admin_password", "realm",
      "bare_banner",    "web_ui",
      "cert",           "key",
      "computer_name",  "count",
      "rmcp",           "RmcpPingResponseEnabled",
      "rmcp_port",      "provisioning",
      "redirection",    "redirection_ports"};
  return keys;
}

Status TypeError(size_t index, const std::string& key, const char* want) {
  return Status::InvalidArgument(
      fmt::format("host #{}: \"{}\" must be {}", index + 1, key, want));
}

Result<std::vector<ListenPort>> ParsePorts(const json& j, size_t index) {
  if (!j.is_array() || j.empty())
    return TypeError(index, "ports", "a non-empty list");
  std::vector<ListenPort> ports;
  for (const json& p : j) {
    std::string text;
    if (p.is_number_unsigned()) {
      text = std::to_string(p.get<uint64_t>());
    } else if (p.is_string()) {
      text = p.get<std::string>();
    } else {
      return TypeError(index, "ports", "numbers or strings like \"0/tls\"");
    }
    auto port = ListenPort::Parse(text);
    if (!port.ok())
      return port.status().WithContext(fmt::format("host #{}", index + 1));
    ports.push_back(*port);
  }
  return ports;
}

Status GetString(const json& h, const char* key, size_t index,
                 std::string& out) {
  if (!h.contains(key)) return Status::Ok();
  if (!h[key].is_string()) return TypeError(index, key, "a string");
  out = h[key].get<std::string>();
  return Status::Ok();
}

Status GetBool(const json& h, const char* key, size_t index, bool& out) {
  if (!h.contains(key)) return Status::Ok();
  if (!h[key].is_boolean()) return TypeError(index, key, "true or false");
  out = h[key].get<bool>();
  return Status::Ok();
}

// "16994" (plain), "16995" (TLS), or any "N/tls", "N/http".
Result<std::vector<ListenPort>> ParseRedirectionPorts(const json& j,
                                                      size_t index) {
  if (!j.is_array()) return TypeError(index, "redirection_ports", "a list");
  std::vector<ListenPort> out;
  for (const json& p : j) {
    std::string text = p.is_number_unsigned()
                           ? std::to_string(p.get<uint64_t>())
                       : p.is_string() ? p.get<std::string>()
                                       : "";
    if (text == "16994" || text == "16995") {
      out.push_back({static_cast<uint16_t>(std::stoi(text)), text == "16995"});
      continue;
    }
    if (text.find('/') == std::string::npos) {
      return TypeError(index, "redirection_ports",
                       "16994, 16995 or strings like \"0/tls\"");
    }
    auto port = ListenPort::Parse(text);
    if (!port.ok())
      return port.status().WithContext(fmt::format("host #{}", index + 1));
    out.push_back(*port);
  }
  return out;
}

// rmcp (amt/off/bmc/... or true/false), RmcpPingResponseEnabled, rmcp_port,
// provisioning, redirection, redirection_ports (docs/emulate.md).
Status ParseSideChannels(const json& h, size_t index, HostConfig& c) {
  if (h.contains("rmcp")) {
    const json& r = h["rmcp"];
    if (r.is_boolean()) {
      c.rmcp = r.get<bool>() ? RmcpMode::kAmt : RmcpMode::kOff;
    } else if (r.is_string()) {
      auto m = ParseRmcpMode(r.get<std::string>());
      if (!m.ok())
        return m.status().WithContext(fmt::format("host #{}", index + 1));
      c.rmcp = *m;
    } else {
      return TypeError(index, "rmcp", "true, false or a string");
    }
  }
  if (h.contains("RmcpPingResponseEnabled")) {
    bool on = true;
    AMTSCOPE_RETURN_IF_ERROR(GetBool(h, "RmcpPingResponseEnabled", index, on));
    if (!on) c.rmcp = RmcpMode::kOff;
    if (on && !c.rmcp) c.rmcp = RmcpMode::kAmt;
  }
  if (h.contains("rmcp_port")) {
    if (!h["rmcp_port"].is_number_unsigned() ||
        h["rmcp_port"].get<uint64_t>() > 65535)
      return TypeError(index, "rmcp_port", "a port 0..65535");
    c.rmcp_port = static_cast<uint16_t>(h["rmcp_port"].get<uint64_t>());
  }
  if (h.contains("provisioning")) {
    std::string text;
    AMTSCOPE_RETURN_IF_ERROR(GetString(h, "provisioning", index, text));
    if (text == "pre")
      c.provisioning = AmtProvisioning::kPre;
    else if (text == "in")
      c.provisioning = AmtProvisioning::kIn;
    else if (text == "post")
      c.provisioning = AmtProvisioning::kPost;
    else
      return TypeError(index, "provisioning", "pre, in or post");
  }
  if (h.contains("redirection")) {
    bool on = true;
    AMTSCOPE_RETURN_IF_ERROR(GetBool(h, "redirection", index, on));
    c.redirection = on;
  }
  if (h.contains("redirection_ports")) {
    AMTSCOPE_ASSIGN_OR_RETURN(
        c.redirection_ports,
        ParseRedirectionPorts(h["redirection_ports"], index));
    if (!c.redirection) c.redirection = true;
  }
  return Status::Ok();
}

Result<HostConfig> ParseHost(const json& h, size_t index) {
  if (!h.is_object())
    return Status::InvalidArgument(
        fmt::format("host #{} is not an object", index + 1));
  for (const auto& [key, value] : h.items()) {
    if (!KnownKeys().count(key)) {
      return Status::InvalidArgument(
          fmt::format("host #{}: unknown key \"{}\"", index + 1, key),
          "see `amtscope emulate --help` for the fleet format");
    }
  }
  HostConfig c;
  if (!h.contains("address"))
    return Status::InvalidArgument(
        fmt::format("host #{}: missing \"address\"", index + 1));
  if (!h.contains("firmware"))
    return Status::InvalidArgument(
        fmt::format("host #{}: missing \"firmware\"", index + 1));
  AMTSCOPE_RETURN_IF_ERROR(GetString(h, "address", index, c.address));
  AMTSCOPE_RETURN_IF_ERROR(GetString(h, "firmware", index, c.firmware));
  AMTSCOPE_RETURN_IF_ERROR(
      GetString(h, "admin_password", index, c.admin_password));
  AMTSCOPE_RETURN_IF_ERROR(GetString(h, "realm", index, c.realm));
  AMTSCOPE_RETURN_IF_ERROR(GetString(h, "cert", index, c.cert_file));
  AMTSCOPE_RETURN_IF_ERROR(GetString(h, "key", index, c.key_file));
  AMTSCOPE_RETURN_IF_ERROR(
      GetString(h, "computer_name", index, c.computer_name));
  AMTSCOPE_RETURN_IF_ERROR(GetBool(h, "bare_banner", index, c.bare_banner));
  AMTSCOPE_RETURN_IF_ERROR(GetBool(h, "web_ui", index, c.web_ui));
  std::string text;
  if (h.contains("mode")) {
    AMTSCOPE_RETURN_IF_ERROR(GetString(h, "mode", index, text));
    auto m = ParseMode(text);
    if (!m.ok())
      return m.status().WithContext(fmt::format("host #{}", index + 1));
    c.mode = *m;
  }
  if (h.contains("product")) {
    AMTSCOPE_RETURN_IF_ERROR(GetString(h, "product", index, text));
    auto p = ParseProduct(text);
    if (!p.ok())
      return p.status().WithContext(fmt::format("host #{}", index + 1));
    c.product = *p;
  }
  if (h.contains("build")) {
    if (!h["build"].is_number_integer())
      return TypeError(index, "build", "an integer");
    c.build = h["build"].get<int>();
  }
  if (h.contains("ports")) {
    AMTSCOPE_ASSIGN_OR_RETURN(c.ports, ParsePorts(h["ports"], index));
  }
  AMTSCOPE_RETURN_IF_ERROR(ParseSideChannels(h, index, c));
  Status st = ValidateHostConfig(c);
  if (!st.ok()) return st.WithContext(fmt::format("host #{}", index + 1));
  return c;
}

// "count": N → N consecutive IPv4 addresses starting at `address`.
Status Expand(const json& h, size_t index, HostConfig base,
              std::vector<HostConfig>& out) {
  if (!h.contains("count")) {
    out.push_back(std::move(base));
    return Status::Ok();
  }
  if (!h["count"].is_number_unsigned() || h["count"].get<uint64_t>() == 0 ||
      h["count"].get<uint64_t>() > 65536) {
    return TypeError(index, "count", "an integer 1..65536");
  }
  uint64_t count = h["count"].get<uint64_t>();
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address_v4(base.address, ec);
  if (ec)
    return TypeError(index, "address",
                     "an IPv4 address when \"count\" is given");
  if (uint64_t{a.to_uint()} + count - 1 > 0xFFFFFFFFull)
    return TypeError(index, "count", "within the IPv4 space");
  for (uint64_t i = 0; i < count; ++i) {
    HostConfig c = base;
    c.address =
        boost::asio::ip::address_v4(static_cast<uint32_t>(a.to_uint() + i))
            .to_string();
    out.push_back(std::move(c));
  }
  return Status::Ok();
}

}  // namespace

Result<FleetConfig> ParseFleetJson(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr,
                       /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Status::InvalidArgument("fleet is not valid JSON",
                                   "check brackets, commas and quotes");
  }
  FleetConfig fleet;
  const json* hosts = &j;
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      if (key != "hosts" && key != "seed") {
        return Status::InvalidArgument(
            fmt::format("unknown top-level key \"{}\"", key),
            "use {\"seed\": N, \"hosts\": [...]} or a list of hosts");
      }
    }
    if (j.contains("seed")) {
      if (!j["seed"].is_number_unsigned())
        return Status::InvalidArgument(
            "\"seed\" must be a non-negative integer");
      fleet.seed = j["seed"].get<uint64_t>();
    }
    if (!j.contains("hosts"))
      return Status::InvalidArgument("fleet has no \"hosts\" list");
    hosts = &j["hosts"];
  }
  if (!hosts->is_array()) {
    return Status::InvalidArgument(
        "fleet must be a list of hosts",
        "e.g. [{\"address\": \"127.0.0.2\", \"firmware\": \"8.1.40\"}]");
  }
  for (size_t i = 0; i < hosts->size(); ++i) {
    AMTSCOPE_ASSIGN_OR_RETURN(HostConfig c, ParseHost((*hosts)[i], i));
    AMTSCOPE_RETURN_IF_ERROR(Expand((*hosts)[i], i, std::move(c), fleet.hosts));
  }
  AMTSCOPE_RETURN_IF_ERROR(ValidateFleet(fleet));
  return fleet;
}

Result<FleetConfig> LoadFleetFile(const std::string& path) {
  auto text = ReadBoundedFile(path, kMaxJsonInputBytes, "fleet file");
  if (!text.ok()) {
    return Status::InvalidArgument(text.status().message(),
                                   text.status().hint());
  }
  auto fleet = ParseFleetJson(*text);
  if (!fleet.ok()) return fleet.status().WithContext(Excerpt(path, 200));
  return fleet;
}

Status ValidateFleet(const FleetConfig& fleet) {
  if (fleet.hosts.empty()) return Status::InvalidArgument("fleet has no hosts");
  std::set<std::pair<std::string, uint16_t>> seen;
  for (const HostConfig& h : fleet.hosts) {
    AMTSCOPE_RETURN_IF_ERROR(ValidateHostConfig(h));
    for (const ListenPort& p : h.ports) {
      if (p.port != 0 && !seen.insert({h.address, p.port}).second) {
        return Status::InvalidArgument(
            fmt::format("{} port {} is configured twice", h.address, p.port),
            "give each address:port to one host");
      }
    }
  }
  return Status::Ok();
}

}  // namespace amtscope::emu
