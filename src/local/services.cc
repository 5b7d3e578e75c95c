#include "local/services.h"

#include <fmt/format.h>

#include <algorithm>

namespace amtscope {

namespace {

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> out;
  while (!line.empty()) {
    std::size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string_view::npos) break;
    line.remove_prefix(start);
    std::size_t end = line.find_first_of(" \t\r");
    out.push_back(line.substr(0, end));
    line =
        end == std::string_view::npos ? std::string_view() : line.substr(end);
  }
  return out;
}

bool IsToken(std::string_view w) {
  return !w.empty() && w.size() <= 64 &&
         std::all_of(w.begin(), w.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
         });
}

}  // namespace

std::vector<ServiceFacts> QueryAmtServices(ServiceManager& scm) {
  std::vector<ServiceFacts> out;
  for (std::string_view name : {kLmsServiceName, kUnsServiceName}) {
    auto q = scm.Query(name);
    if (q.ok()) {
      out.push_back(std::move(*q));
    } else {
      out.push_back({.name = std::string(name), .error = q.status().message()});
    }
  }
  return out;
}

std::string DisableLmsServicePlan() {
  return fmt::format(
      "set the {} service's start type to disabled and stop it (Service "
      "Control Manager; like sc config LMS start= disabled && sc stop LMS)",
      kLmsServiceName);
}

Status DisableLmsService(ServiceManager& scm) {
  AMTSCOPE_ASSIGN_OR_RETURN(ServiceFacts lms, scm.Query(kLmsServiceName));
  if (!lms.installed) {
    return Status::NotFound("the LMS service is not installed",
                            "nothing to disable");
  }
  AMTSCOPE_RETURN_IF_ERROR(scm.Disable(kLmsServiceName));
  if (lms.state != "stopped") {
    AMTSCOPE_RETURN_IF_ERROR(scm.Stop(kLmsServiceName));
  }
  return Status::Ok();
}

std::string FormatServicesCapture(const std::vector<ServiceFacts>& services) {
  std::string out =
      "# amtscope Windows service states v1: name state start-type\n";
  for (const ServiceFacts& s : services) {
    if (!s.error.empty()) {
      out += fmt::format("{} unknown unknown\n", s.name);
    } else if (!s.installed) {
      out += fmt::format("{} absent absent\n", s.name);
    } else {
      out += fmt::format("{} {} {}\n", s.name,
                         s.state.empty() ? "unknown" : s.state,
                         s.start_type.empty() ? "unknown" : s.start_type);
    }
  }
  return out;
}

std::vector<ServiceFacts> ParseServicesCapture(std::string_view text) {
  std::vector<ServiceFacts> out;
  while (!text.empty() && out.size() < 16) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.starts_with('#')) continue;
    std::vector<std::string_view> w = Words(line);
    if (w.size() != 3 || !IsToken(w[0]) || !IsToken(w[1]) || !IsToken(w[2]))
      continue;
    ServiceFacts s{.name = std::string(w[0])};
    if (w[1] == "unknown" && w[2] == "unknown") {
      s.error = "not queried when captured";
    } else if (w[1] != "absent") {
      s.installed = true;
      s.state = std::string(w[1]);
      s.start_type = std::string(w[2]);
    }
    out.push_back(std::move(s));
  }
  return out;
}

void ApplyServices(std::vector<ServiceFacts> services, LmsFacts* lms) {
  for (const ServiceFacts& s : services) {
    if (s.name != kLmsServiceName || !s.error.empty()) continue;
    if (s.installed) {
      lms->unit_path = fmt::format("Windows service {}", s.name);
      lms->unit_enabled = s.start_type != "disabled";
    }
    lms->running = s.installed && s.state == "running";
  }
  lms->services = std::move(services);
}

}  // namespace amtscope
