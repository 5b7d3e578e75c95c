// FakeServiceManager: a Service Control Manager in memory (test-only), with
// the calls it received, so --disable-lms on Windows is tested anywhere.
#ifndef AMTSCOPE_TESTING_FAKE_SERVICE_MANAGER_H_
#define AMTSCOPE_TESTING_FAKE_SERVICE_MANAGER_H_

#include <map>
#include <string>
#include <vector>

#include "local/services.h"

namespace amtscope {

class FakeServiceManager : public ServiceManager {
 public:
  /// Installs `name` in `state` with `start_type`.
  void Install(const std::string& name, std::string state,
               std::string start_type);
  /// Every call fails with `error` (e.g. PermissionDenied) from now on.
  void FailWith(Status error) { error_ = std::move(error); }
  Result<ServiceFacts> Query(std::string_view name) override;
  Status Disable(std::string_view name) override;
  Status Stop(std::string_view name) override;
  /// "query LMS", "disable LMS", "stop LMS" in call order.
  const std::vector<std::string>& calls() const { return calls_; }

 private:
  std::map<std::string, ServiceFacts, std::less<>> services_;
  std::vector<std::string> calls_;
  Status error_ = Status::Ok();
};

}  // namespace amtscope

#endif  // AMTSCOPE_TESTING_FAKE_SERVICE_MANAGER_H_
