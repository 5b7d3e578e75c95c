// Writing a report file (issue 13), shared by `amtscope report` and `amtscope
// demo`: a temporary inventory for results that were never stored, and the
// atomic write of the rendered report.
#ifndef AMTSCOPE_CLI_REPORT_FILE_H_
#define AMTSCOPE_CLI_REPORT_FILE_H_

#include <memory>
#include <string>

#include "core/result.h"
#include "core/status.h"
#include "fleetreport/formats.h"
#include "inventory/inventory.h"

namespace amtscope::cli {

/// A SQLite inventory in a fresh directory under $TMPDIR (or /tmp), deleted
/// with the object.
class TempInventory {
 public:
  /// Creates the directory and the database.
  static Result<std::unique_ptr<TempInventory>> Create();
  ~TempInventory();
  TempInventory(const TempInventory&) = delete;
  TempInventory& operator=(const TempInventory&) = delete;

  Inventory& inventory() { return *inventory_; }

 private:
  TempInventory() = default;
  std::string dir_;
  std::unique_ptr<Inventory> inventory_;
};

/// A new empty directory under $TMPDIR (or /tmp) named `prefix`XXXXXX.
Result<std::string> MakeTempDir(const std::string& prefix);

/// Renders `fleet` as `format` into `path` ("-" = stdout) through PATH.tmp
/// and a rename, so a reader never sees half a report.
Status WriteReportFile(const std::string& path, ReportFormat format,
                       const Fleet& fleet, const ReportContext& context);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_REPORT_FILE_H_
