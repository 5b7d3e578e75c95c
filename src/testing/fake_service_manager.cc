#include "testing/fake_service_manager.h"

#include <fmt/format.h>

namespace amtscope {

void FakeServiceManager::Install(const std::string& name, std::string state,
                                 std::string start_type) {
  services_[name] = {.name = name,
                     .installed = true,
                     .state = std::move(state),
                     .start_type = std::move(start_type)};
}

Result<ServiceFacts> FakeServiceManager::Query(std::string_view name) {
  calls_.push_back(fmt::format("query {}", name));
  if (!error_.ok()) return error_;
  auto it = services_.find(name);
  if (it == services_.end()) return ServiceFacts{.name = std::string(name)};
  return it->second;
}

Status FakeServiceManager::Disable(std::string_view name) {
  calls_.push_back(fmt::format("disable {}", name));
  if (!error_.ok()) return error_;
  auto it = services_.find(name);
  if (it == services_.end()) return Status::NotFound("no such service");
  it->second.start_type = "disabled";
  return Status::Ok();
}

Status FakeServiceManager::Stop(std::string_view name) {
  calls_.push_back(fmt::format("stop {}", name));
  if (!error_.ok()) return error_;
  auto it = services_.find(name);
  if (it == services_.end()) return Status::NotFound("no such service");
  it->second.state = "stopped";
  return Status::Ok();
}

}  // namespace amtscope
