// What the AMT web server looks like on the wire: its ports, paths, the
// Digest realm, the user that always exists, the markers of its pages, and
// the flawed response comparison behind CVE-2017-5689 (docs/protocol.md §1,
// §2). Scanner, checker and emulator all use these; none keeps its own copy.
#ifndef AMTSCOPE_AMT_WEB_H_
#define AMTSCOPE_AMT_WEB_H_

#include <cstdint>
#include <string_view>

namespace amtscope {

/// The web server's plain and TLS ports (§2.10).
inline constexpr uint16_t kAmtHttpPort = 16992;
inline constexpr uint16_t kAmtHttpsPort = 16993;
/// The alternative web ports some firmware also serves (§2.10).
inline constexpr uint16_t kAmtAltHttpPort = 623;
inline constexpr uint16_t kAmtAltHttpsPort = 664;
/// The redirection (SOL/IDE-R) ports (§2.10).
inline constexpr uint16_t kAmtRedirPort = 16994;
inline constexpr uint16_t kAmtRedirTlsPort = 16995;

/// True for the AMT web-server ports: 16992, 16993, 623, 664 (§2.10).
bool IsAmtPort(uint16_t port);
/// True for the AMT ports that speak TLS when provisioned: 16993, 664 (§2.9).
bool IsAmtTlsPort(uint16_t port);
/// The nmap-services name of an open port: "amt-soap-http(s)" for AMT web
/// ports, "amt-redir-tcp"/"amt-redir-tls", else "http"/"https" by `tls`.
std::string_view ServiceName(uint16_t port, bool tls);

/// The status page of the web UI (§2.6).
inline constexpr std::string_view kIndexPath = "/index.htm";
/// The WS-Management endpoint, answering when the web UI is off (§2.7).
inline constexpr std::string_view kWsmanPath = "/wsman";
/// The login page (§2.6).
inline constexpr std::string_view kLogonPath = "/logon.htm";
/// The administrator account every provisioned AMT has (§1.1).
inline constexpr std::string_view kAdminUser = "admin";
/// Every AMT Digest realm starts so, followed by hex digits (§2.2).
inline constexpr std::string_view kRealmPrefix = "Digest:";

/// True for an AMT Digest realm: "Digest:" followed by hex (§2.2).
bool IsAmtRealm(std::string_view realm);

/// Lower-case text only an authenticated AMT page or WS-Man answer carries
/// (§2.6, §2.7): product names in page titles, the status page's headings,
/// the SOAP 1.2 namespace, the firmware footer and the WS-Man version field.
inline constexpr std::string_view kMarkerAmt = "active management technology";
inline constexpr std::string_view kMarkerIsm = "standard manageability";
inline constexpr std::string_view kMarkerSbt = "small business technology";
inline constexpr std::string_view kMarkerSystemStatus = "system status";
inline constexpr std::string_view kMarkerComputerModel = "computer model";
inline constexpr std::string_view kMarkerHardwareInfo = ">hardware information";
inline constexpr std::string_view kMarkerSoapEnvelope = "/soap-envelope";
inline constexpr std::string_view kMarkerFooter = "firmware version:";
inline constexpr std::string_view kMarkerVersionString = "versionstring>";

/// How the firmware compares a Digest `response` with the one it computed
/// (§1.2): unpatched firmware compares only as many characters as the client
/// sent (strncmp(expected, given, strlen(given))), so an empty response
/// passes; fixed firmware compares the whole string.
bool FirmwareAcceptsResponse(std::string_view expected, std::string_view given,
                             bool flawed);

}  // namespace amtscope

#endif  // AMTSCOPE_AMT_WEB_H_
