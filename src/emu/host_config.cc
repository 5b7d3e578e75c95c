#include "emu/host_config.h"

#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>
#include <cctype>

#include "amt/product.h"
#include "amt/web.h"
#include "core/strings.h"
#include "net/digest.h"

namespace amtscope::emu {
namespace {

bool HasControlOrQuote(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\' ||
        c == 0x7f)
      return true;
  }
  return false;
}

// Stable pseudo-random hex from the address and fleet seed.
std::string StableHex(std::string_view what, const HostConfig& c,
                      uint64_t seed) {
  return Md5Hex(fmt::format("{}|{}|{}", what, c.address, seed));
}

// Default build when none is given: below 3000 (unfixed) when vulnerable,
// 3xxx when patched (Intel: fixed builds start with 3, §1.4).
int DefaultBuild(const FirmwareVersion& v, Mode mode) {
  int base = mode == Mode::kPatched ? 3000 : 1000;
  return base + (v.hotfix() * 10) % 1000;
}

// The Server-header product name ("Active Management Technology").
std::string ProductName(Product p) {
  const AmtProduct* product = FindAmtProduct(ToString(p));
  return product == nullptr ? "" : std::string(product->server_name);
}

// RMCP, provisioning and redirection (docs/protocol.md §2.10, §2.12).
void ResolveSideChannels(const HostConfig& c, HostProfile& p) {
  bool amt = c.product != Product::kPlainWeb;
  p.rmcp_explicit = c.rmcp.has_value();
  p.rmcp = c.rmcp.value_or(amt ? RmcpMode::kAmt : RmcpMode::kOff);
  p.web = c.provisioning != AmtProvisioning::kPre;
  bool plain = false, tls = false;
  for (const ListenPort& lp : c.ports) {
    if (lp.port == 16992 || lp.port == 623) plain = true;
    if (lp.port == 16993 || lp.port == 664) tls = true;
  }
  // AMT names 16993 when TLS is on, and says when both are open (§2.12).
  p.pong_web_port = tls && !plain ? 16993 : 16992;
  // Unprovisioned: no web server, so the pong does not say both are open.
  p.pong_both_ports = tls && plain && c.provisioning != AmtProvisioning::kPre;
  p.redirection_explicit = c.redirection.has_value();
  if (!c.redirection.value_or(amt) || !p.web) return;
  p.redirection_ports = c.redirection_ports;
  if (!p.redirection_ports.empty()) return;
  if (plain) p.redirection_ports.push_back({16994, false});
  if (tls) p.redirection_ports.push_back({16995, true});
}

}  // namespace

Result<ListenPort> ListenPort::Parse(std::string_view text) {
  std::string_view num = text, kind;
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    num = text.substr(0, slash);
    kind = text.substr(slash + 1);
  }
  int port = 0;
  if (num.empty() || num.size() > 5) {
    return Status::InvalidArgument(
        fmt::format("bad port \"{}\"", text),
        "use 16992, 16993, 623, 664 or N/tls, N/http");
  }
  for (char c : num) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return Status::InvalidArgument(
          fmt::format("bad port \"{}\"", text),
          "use 16992, 16993, 623, 664 or N/tls, N/http");
    }
    port = port * 10 + (c - '0');
  }
  if (port > 65535)
    return Status::InvalidArgument(fmt::format("port {} out of range", port));
  if (kind == "tls" || kind == "https")
    return ListenPort{static_cast<uint16_t>(port), true};
  if (kind == "http") return ListenPort{static_cast<uint16_t>(port), false};
  if (!kind.empty()) {
    return Status::InvalidArgument(fmt::format("bad port kind \"{}\"", kind),
                                   "use /tls or /http");
  }
  if (port < 1 || port > 65535 || !IsAmtPort(static_cast<uint16_t>(port))) {
    return Status::InvalidArgument(
        fmt::format("port {} is not an AMT web port", port),
        fmt::format("use 16992, 16993, 623, 664, or say {}/http or {}/tls",
                    port, port));
  }
  return ListenPort::Standard(static_cast<uint16_t>(port));
}

std::string_view ToString(Mode mode) {
  switch (mode) {
    case Mode::kVulnerable:
      return "vulnerable";
    case Mode::kPatched:
      return "patched";
    case Mode::kAnyPassword:
      return "any-password";
  }
  return "";
}

std::string_view ToString(Product product) {
  switch (product) {
    case Product::kAmt:
      return "amt";
    case Product::kIsm:
      return "ism";
    case Product::kSbt:
      return "sbt";
    case Product::kPlainWeb:
      return "web";
  }
  return "";
}

std::string_view ToString(RmcpMode mode) {
  switch (mode) {
    case RmcpMode::kAmt:
      return "amt";
    case RmcpMode::kOff:
      return "off";
    case RmcpMode::kBmc:
      return "bmc";
    case RmcpMode::kTruncated:
      return "truncated";
    case RmcpMode::kWrongEnterprise:
      return "wrong-enterprise";
    case RmcpMode::kEcho:
      return "echo";
  }
  return "";
}

Result<RmcpMode> ParseRmcpMode(std::string_view text) {
  for (RmcpMode m :
       {RmcpMode::kAmt, RmcpMode::kOff, RmcpMode::kBmc, RmcpMode::kTruncated,
        RmcpMode::kWrongEnterprise, RmcpMode::kEcho}) {
    if (text == ToString(m)) return m;
  }
  return Status::InvalidArgument(
      fmt::format("unknown rmcp answer \"{}\"", text),
      "use amt, off, bmc, truncated, wrong-enterprise or echo (or true/false)");
}

Result<Mode> ParseMode(std::string_view text) {
  if (text == "vulnerable") return Mode::kVulnerable;
  if (text == "patched") return Mode::kPatched;
  if (text == "any-password") return Mode::kAnyPassword;
  return Status::InvalidArgument(fmt::format("unknown mode \"{}\"", text),
                                 "use vulnerable, patched or any-password");
}

Result<Product> ParseProduct(std::string_view text) {
  if (text == "amt") return Product::kAmt;
  if (text == "ism") return Product::kIsm;
  if (text == "sbt") return Product::kSbt;
  if (text == "web") return Product::kPlainWeb;
  return Status::InvalidArgument(fmt::format("unknown product \"{}\"", text),
                                 "use amt, ism, sbt or web");
}

Status ValidateHostConfig(const HostConfig& h) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(h.address, ec);
  if (ec) {
    return Status::InvalidArgument(
        fmt::format("bad address \"{}\"", h.address),
        "give an IPv4 or IPv6 literal such as 127.0.0.2");
  }
  if (h.ports.empty())
    return Status::InvalidArgument("no ports for " + h.address);
  auto v = FirmwareVersion::Parse(h.firmware);
  if (!v.ok()) return v.status().WithContext("firmware");
  if (v->parts() < 3) {
    return Status::InvalidArgument(
        fmt::format("firmware \"{}\" needs 3 or 4 parts", h.firmware),
        "e.g. 8.1.40 or 11.8.50.3425");
  }
  if (h.build && (*h.build < 0 || *h.build > 9999)) {
    return Status::InvalidArgument(
        fmt::format("build {} out of range", *h.build), "0..9999");
  }
  if (h.admin_password.empty() || HasControlOrQuote(h.admin_password)) {
    return Status::InvalidArgument(
        "admin password must be non-empty printable text");
  }
  if (HasControlOrQuote(h.realm) || h.realm.size() > 128) {
    return Status::InvalidArgument(
        "realm must be printable, without quotes, at most 128 chars");
  }
  if (HasControlOrQuote(h.computer_name) || h.computer_name.size() > 64) {
    return Status::InvalidArgument(
        "computer name must be printable, at most 64 chars");
  }
  if (h.cert_file.empty() != h.key_file.empty()) {
    return Status::InvalidArgument(
        "give both a certificate and a key file, or neither");
  }
  return Status::Ok();
}

Result<HostProfile> MakeHostProfile(const HostConfig& config, uint64_t seed) {
  AMTSCOPE_RETURN_IF_ERROR(ValidateHostConfig(config));
  AMTSCOPE_ASSIGN_OR_RETURN(FirmwareVersion v,
                            FirmwareVersion::Parse(config.firmware));
  int build = config.build    ? *config.build
              : v.has_build() ? v.build()
                              : DefaultBuild(v, config.mode);
  HostProfile p;
  p.config = config;
  p.version = FirmwareVersion(v.major(), v.minor(), v.hotfix(), build);
  bool newer = v.major() > 11 || (v.major() == 11 && v.minor() >= 8);
  // §2.1: 3 parts on 6.x–8.x recordings, 4 parts on 11.8+ recordings.
  std::string shown =
      newer ? p.version.ToString()
            : fmt::format("{}.{}.{}", v.major(), v.minor(), v.hotfix());
  p.product_name = ProductName(config.product);
  p.server_header =
      config.product == Product::kPlainWeb ? "nginx/1.22.1"
      : config.bare_banner
          ? std::string(kBareServerHeader)
          : AmtServerHeader(*FindAmtProduct(ToString(config.product)), shown);
  if (!config.realm.empty()) {
    p.realm = config.realm;
  } else {
    // §2.2: 4 significant hex digits + 28 zeros before AMT 15, fully random
    // on 15.
    std::string hex = Upper(StableHex("realm", config, seed));
    p.realm = std::string(kRealmPrefix) +
              (v.major() >= 15 ? hex : hex.substr(0, 4) + std::string(28, '0'));
  }
  std::string id = StableHex("id", config, seed);
  p.system_id =
      fmt::format("{}-{}-{}-{}-{}", id.substr(0, 8), id.substr(8, 4),
                  id.substr(12, 4), id.substr(16, 4), id.substr(20, 12));
  p.computer_name = config.computer_name.empty()
                        ? "AMT-" + Upper(id.substr(0, 6))
                        : config.computer_name;
  p.legacy_tls = v.major() <= 11;  // TLS 1.2 arrived with AMT 12 (§2.9)
  p.redirect_303 =
      v.major() < 9;  // §2.4: 303 recorded on 7.1.91; 302 elsewhere
  p.failed_page_variant = v.major() >= 15 ? 693 : v.major() >= 11 ? 690 : 689;
  p.eoi_soap = v.major() < 9;  // amttool(1): EOI SOAP removed in AMT 9.0
  ResolveSideChannels(config, p);
  return p;
}

}  // namespace amtscope::emu
