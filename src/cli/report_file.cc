#include "cli/report_file.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/text_escape.h"

namespace amtscope::cli {

Result<std::string> MakeTempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/" + prefix + "XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return Status::IoError("cannot create a temporary directory " +
                               PrintableLine(pattern) + ": " +
                               std::strerror(errno),
                           "set TMPDIR to a writable directory");
  }
  return pattern;
}

Result<std::unique_ptr<TempInventory>> TempInventory::Create() {
  std::unique_ptr<TempInventory> t(new TempInventory());
  AMTSCOPE_ASSIGN_OR_RETURN(t->dir_, MakeTempDir("amtscope-report-"));
  AMTSCOPE_ASSIGN_OR_RETURN(t->inventory_,
                            OpenInventory(t->dir_ + "/inventory.sqlite"));
  return t;
}

TempInventory::~TempInventory() {
  inventory_.reset();  // close before deleting its files
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

Status WriteReportFile(const std::string& path, ReportFormat format,
                       const Fleet& fleet, const ReportContext& context) {
  std::string text = RenderReport(format, fleet, context);
  if (path == "-") {
    std::cout << text << std::flush;
    return std::cout ? Status::Ok()
                     : Status::IoError("cannot write the report to stdout");
  }
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      int err = errno;
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return Status::IoError(
          "cannot write " + PrintableLine(path) + ": " + std::strerror(err),
          "check the directory exists and is writable, or give another -o");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::IoError("cannot write " + PrintableLine(path),
                           "check the directory is writable");
  }
  return Status::Ok();
}

}  // namespace amtscope::cli
