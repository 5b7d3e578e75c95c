#include "scan/amt_requests.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include "amt/web.h"

namespace amtscope {
namespace {

constexpr std::string_view kUserAgent = "amtscope/" AMTSCOPE_VERSION;

// SOAP 1.2 WS-Man Get (docs/protocol.md §1.5 nixawk: CIM_SoftwareIdentity,
// selector InstanceID="AMT FW Core Version"; §2.7 for the answer).
constexpr std::string_view kWsmanGet =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
    "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
    "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"
    "<a:Action s:mustUnderstand=\"true\">"
    "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</a:Action>"
    "<a:To s:mustUnderstand=\"true\">/wsman</a:To>"
    "<w:ResourceURI s:mustUnderstand=\"true\">"
    "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_SoftwareIdentity"
    "</w:ResourceURI><a:MessageID>uuid:00000000-8086-8086-8086-000000000001"
    "</a:MessageID><a:ReplyTo><a:Address>"
    "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
    "</a:Address></a:ReplyTo><w:OperationTimeout>PT60S</w:OperationTimeout>"
    "<w:SelectorSet><w:Selector Name=\"InstanceID\">AMT FW Core Version"
    "</w:Selector></w:SelectorSet></s:Header><s:Body/></s:Envelope>";

// Realm and nonce come from the peer: never let them break the header.
std::string Sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '"' && c != '\r' && c != '\n' && c != '\\') out.push_back(c);
  }
  return out;
}

}  // namespace

std::string_view PathOf(AmtResource resource) {
  return resource == AmtResource::kWsman ? kWsmanPath : kIndexPath;
}

std::string HostHeader(const boost::asio::ip::address& address, uint16_t port) {
  if (address.is_v6()) return fmt::format("[{}]:{}", address.to_string(), port);
  return fmt::format("{}:{}", address.to_string(), port);
}

std::string DigestAuthorization(std::string_view uri, const DigestAttempt& a) {
  std::string out = fmt::format(
      "Digest username=\"admin\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", "
      "response=\"{}\"",
      Sanitize(a.realm), Sanitize(a.nonce), uri, a.response);
  if (!a.qop.empty()) {
    out += fmt::format(", qop=auth, nc={:08x}, cnonce=\"{}\"", a.nc, a.cnonce);
  }
  return out;
}

std::string BuildRequest(AmtResource resource, std::string_view host,
                         std::string_view authorization) {
  std::string out;
  out.reserve(resource == AmtResource::kWsman ? 1400 : 300);
  bool post = resource == AmtResource::kWsman;
  out += fmt::format("{} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\n",
                     post ? "POST" : "GET", PathOf(resource), host, kUserAgent);
  if (!authorization.empty()) {
    out += fmt::format("Authorization: {}\r\n", authorization);
  }
  if (post) {
    out += fmt::format(
        "Content-Type: application/soap+xml; charset=UTF-8\r\n"
        "Content-Length: {}\r\n\r\n{}",
        kWsmanGet.size(), kWsmanGet);
  } else {
    out += "Accept: */*\r\n\r\n";
  }
  return out;
}

std::string RandomHex(size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string bytes((n + 1) / 2, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
             static_cast<int>(bytes.size()));
  std::string out;
  out.reserve(n);
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  out.resize(n);
  return out;
}

}  // namespace amtscope
