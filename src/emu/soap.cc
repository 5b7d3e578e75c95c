#include "emu/soap.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace amtscope::emu {
namespace {

constexpr char kSoapXml[] = "application/soap+xml; charset=UTF-8";
constexpr char kAmtSchema[] = "http://intel.com/wbem/wscim/1/amt-schema/1/";
constexpr char kCimSchema[] =
    "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";

// Text of the first element whose local name is `local` (any prefix).
std::string ElementText(std::string_view xml, std::string_view local) {
  size_t pos = 0;
  while ((pos = xml.find(local, pos)) != std::string_view::npos) {
    size_t lt = xml.rfind('<', pos);
    bool name_ok = lt != std::string_view::npos && xml[lt + 1] != '/' &&
                   xml.substr(lt + 1, pos - lt - 1).find_first_of(" >\"") ==
                       std::string_view::npos;
    size_t end = pos + local.size();
    if (name_ok && end < xml.size() && (xml[end] == '>' || xml[end] == ' ')) {
      size_t gt = xml.find('>', end);
      if (gt == std::string_view::npos) return "";
      size_t close = xml.find('<', gt + 1);
      if (close == std::string_view::npos) return "";
      return std::string(xml.substr(gt + 1, close - gt - 1));
    }
    pos = end;
  }
  return "";
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// §2.7: prefixes a:…g:, b:To anonymous, MessageID with a hex counter.
std::string Envelope(std::string_view ns_g, std::string_view relates_to,
                     std::string_view action, std::string_view resource,
                     uint64_t message_id, std::string_view body) {
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a:Envelope "
      "xmlns:a=\"http://www.w3.org/2003/05/soap-envelope\" "
      "xmlns:b=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
      "xmlns:c=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" "
      "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/02/trust\" "
      "xmlns:e=\"http://docs.oasis-open.org/wss/2004/01/"
      "oasis-200401-wss-wssecurity-secext-1.0.xsd\" "
      "xmlns:f=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd\" "
      "xmlns:g=\"{}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
      "<a:Header><b:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/"
      "anonymous</b:To>"
      "<b:RelatesTo>{}</b:RelatesTo><b:Action "
      "a:mustUnderstand=\"true\">{}</b:Action>"
      "<b:MessageID>uuid:00000000-8086-8086-8086-{:012X}</b:MessageID>"
      "<c:ResourceURI>{}</c:ResourceURI></a:Header><a:Body>{}</a:Body></"
      "a:Envelope>",
      ns_g, Escape(relates_to), action, message_id, resource, body);
}

std::string GeneralSettings(const HostProfile& h) {
  return fmt::format(
      "<g:AMT_GeneralSettings><g:AMTNetworkEnabled>1</g:AMTNetworkEnabled>"
      "<g:DDNSPeriodicUpdateInterval>1440</"
      "g:DDNSPeriodicUpdateInterval><g:DDNSTTL>900</g:DDNSTTL>"
      "<g:DDNSUpdateByDHCPServerEnabled>true</g:DDNSUpdateByDHCPServerEnabled>"
      "<g:DDNSUpdateEnabled>false</g:DDNSUpdateEnabled>"
      "<g:DHCPv6ConfigurationTimeout>0</g:DHCPv6ConfigurationTimeout>"
      "<g:DigestRealm>{}</g:DigestRealm><g:DomainName></g:DomainName>"
      "<g:ElementName>Intel(r) AMT: General Settings</g:ElementName>"
      "<g:HostName>{}</g:HostName><g:HostOSFQDN></g:HostOSFQDN>"
      "<g:IdleWakeTimeout>65535</g:IdleWakeTimeout>"
      "<g:InstanceID>Intel(r) AMT: General Settings</g:InstanceID>"
      "<g:NetworkInterfaceEnabled>true</g:NetworkInterfaceEnabled>"
      "<g:PingResponseEnabled>true</g:PingResponseEnabled><g:PowerSource>0</"
      "g:PowerSource>"
      "<g:PreferredAddressFamily>0</g:PreferredAddressFamily>"
      "<g:PresenceNotificationInterval>0</g:PresenceNotificationInterval>"
      "<g:PrivacyLevel>0</g:PrivacyLevel><g:RmcpPingResponseEnabled>true</"
      "g:RmcpPingResponseEnabled>"
      "<g:SharedFQDN>true</g:SharedFQDN><g:WsmanOnlyMode>{}</g:WsmanOnlyMode>"
      "</g:AMT_GeneralSettings>",
      h.realm, h.computer_name, h.config.web_ui ? "false" : "true");
}

// §2.7: CIM_SoftwareIdentity instances; 4-part version = AMT + Build Number.
std::vector<std::pair<std::string, std::string>> SoftwareIdentities(
    const HostProfile& h) {
  const FirmwareVersion& v = h.version;
  std::string three = fmt::format("{}.{}.{}", v.major(), v.minor(), v.hotfix());
  return {{"Flash", three},
          {"Netstack", three},
          {"AMTApps", three},
          {"AMT", three},
          {"Sku", h.config.product == Product::kAmt ? "16392" : "8"},
          {"VendorID", "8086"},
          {"Build Number", std::to_string(v.build())},
          {"Recovery Version", three},
          {"Recovery Build Num", std::to_string(v.build())},
          {"Legacy Mode", "False"},
          {"AMT FW Core Version", three}};
}

std::string SoftwareIdentity(const HostProfile& h, std::string_view id) {
  for (const auto& [instance, value] : SoftwareIdentities(h)) {
    if (instance == id) {
      return fmt::format(
          "<g:CIM_SoftwareIdentity><g:InstanceID>{}</g:InstanceID>"
          "<g:IsEntity>true</g:IsEntity><g:VersionString>{}</g:VersionString>"
          "</g:CIM_SoftwareIdentity>",
          instance, value);
    }
  }
  return "";
}

SoapReply Fault(std::string_view relates_to, uint64_t message_id,
                std::string_view reason) {
  std::string body = fmt::format(
      "<a:Fault><a:Code><a:Value>a:Sender</"
      "a:Value><a:Subcode><a:Value>b:DestinationUnreachable"
      "</a:Value></a:Subcode></a:Code><a:Reason><a:Text "
      "xml:lang=\"en-US\">{}</a:Text></a:Reason>"
      "</a:Fault>",
      Escape(reason));
  return {400, kSoapXml,
          Envelope("http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", relates_to,
                   "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault", "",
                   message_id, body)};
}

// Selector value of `name` (e.g. InstanceID) inside a SelectorSet.
std::string Selector(std::string_view xml, std::string_view name) {
  std::string needle = fmt::format("Name=\"{}\"", name);
  size_t pos = xml.find(needle);
  if (pos == std::string_view::npos) return "";
  size_t gt = xml.find('>', pos);
  size_t lt = gt == std::string_view::npos ? gt : xml.find('<', gt);
  if (lt == std::string_view::npos) return "";
  return std::string(xml.substr(gt + 1, lt - gt - 1));
}

}  // namespace

SoapReply HandleWsman(const HostProfile& h, std::string_view req,
                      uint64_t message_id) {
  std::string action = ElementText(req, "Action");
  std::string resource = ElementText(req, "ResourceURI");
  std::string relates = ElementText(req, "MessageID");
  if (req.find("Identify") != std::string_view::npos && action.empty()) {
    std::string body = fmt::format(
        "<c:IdentifyResponse><c:ProtocolVersion>http://schemas.dmtf.org/wbem/"
        "wsman/1/wsman.xsd"
        "</c:ProtocolVersion><c:ProductVendor>Intel "
        "Corporation</c:ProductVendor>"
        "<c:ProductVersion>AMT {}.{}</c:ProductVersion></c:IdentifyResponse>",
        h.version.major(), h.version.minor());
    return {200, kSoapXml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a:Envelope "
            "xmlns:a=\"http://www.w3.org/2003/05/soap-envelope\" "
            "xmlns:c=\"http://schemas.dmtf.org/wbem/wsman/identity/1/"
            "wsmanidentity.xsd\"><a:Header></a:Header><a:Body>" +
                body + "</a:Body></a:Envelope>"};
  }
  const std::string get = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";
  if (action != get)
    return Fault(relates, message_id,
                 "The action is not supported by this emulator.");
  const std::string gs = std::string(kAmtSchema) + "AMT_GeneralSettings";
  const std::string si = std::string(kCimSchema) + "CIM_SoftwareIdentity";
  if (resource == gs) {
    return {200, kSoapXml,
            Envelope(gs, relates, get + "Response", gs, message_id,
                     GeneralSettings(h))};
  }
  if (resource == si) {
    std::string body = SoftwareIdentity(h, Selector(req, "InstanceID"));
    if (body.empty()) return Fault(relates, message_id, "No such InstanceID.");
    return {200, kSoapXml,
            Envelope(si, relates, get + "Response", si, message_id, body)};
  }
  return Fault(relates, message_id,
               "The resource is not supported by this emulator.");
}

bool IsEoiPath(std::string_view path) {
  return path == "/SecurityAdministrationService" ||
         path == "/NetworkAdministrationService" ||
         path == "/RemoteControlService";
}

SoapReply HandleEoi(const HostProfile& h, std::string_view path,
                    std::string_view soap_action, std::string_view req) {
  std::string service(
      path.substr(1, path.size() - 1 - std::string_view("Service").size()));
  std::string ns = fmt::format(
      "http://schemas.intel.com/platform/client/{}/2004/01", service);
  std::string method;
  if (size_t hash = soap_action.rfind('#'); hash != std::string_view::npos) {
    method = std::string(soap_action.substr(hash + 1));
    while (!method.empty() && (method.back() == '"' || method.back() == ' '))
      method.pop_back();
  }
  std::string out;
  auto field = [&out](std::string_view name, const std::string& value) {
    out += fmt::format("<{0}>{1}</{0}>", name, Escape(value));
  };
  const FirmwareVersion& v = h.version;
  if (method == "GetCoreVersion") {
    field("Version", fmt::format("{}.{}.{}", v.major(), v.minor(), v.hotfix()));
  } else if (method == "GetHostName") {
    field("HostName", h.computer_name);
  } else if (method == "GetDomainName") {
    field("DomainName", "example.test");
  } else if (method == "GetSystemPowerState") {
    field("SystemPowerState", "0");
  } else if (method == "GetRemoteControlCapabilities") {
    field("IanaOemNumber", "343");
    field("OemDefinedCapabilities", "3");
    field("SpecialCommandsSupported", "7936");
    field("SystemCapabilitiesSupported", "15");
    field("SystemFirmwareCapabilities", "63486");
  } else {
    (void)req;
    return {500, "text/xml; charset=utf-8",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><SOAP-ENV:Envelope "
            "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/"
            "\"><SOAP-ENV:Body>"
            "<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</"
            "faultcode><faultstring>Method not "
            "supported</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></"
            "SOAP-ENV:Envelope>"};
  }
  std::string body = fmt::format(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><SOAP-ENV:Envelope "
      "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><SOAP-ENV:Body>"
      "<{0}Response xmlns=\"{1}\"><StatusCode>0</StatusCode>{2}</{0}Response>"
      "</SOAP-ENV:Body></SOAP-ENV:Envelope>",
      method, ns, out);
  return {200, "text/xml; charset=utf-8", body};
}

}  // namespace amtscope::emu
