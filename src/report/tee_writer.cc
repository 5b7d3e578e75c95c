// Several outputs of one scan (-oA, or -o plus -oX): every writer sees the
// same Begin, Records and End.
#include <fmt/format.h>

#include "report/output_writer.h"

namespace amtscope {

namespace {

class TeeWriter : public OutputWriter {
 public:
  explicit TeeWriter(std::vector<NamedWriter> writers)
      : writers_(std::move(writers)) {}

  Status Begin(const ScanInfo& info) override {
    return ForEach([&info](OutputWriter& w) { return w.Begin(info); });
  }
  Status Record(const Finding& finding) override {
    return ForEach([&finding](OutputWriter& w) { return w.Record(finding); });
  }
  Status End(const RunStats& stats) override {
    return ForEach([&stats](OutputWriter& w) { return w.End(stats); });
  }

 private:
  template <typename Call>
  Status ForEach(const Call& call) {
    Status first;
    for (NamedWriter& named : writers_) {
      Status st = call(*named.writer);
      if (st.ok() || !first.ok()) continue;
      first = Status::IoError(
          fmt::format("cannot write {}", named.name),
          "check that the disk is not full and the file is writable");
    }
    return first;
  }

  std::vector<NamedWriter> writers_;
};

}  // namespace

std::unique_ptr<OutputWriter> MakeTeeWriter(std::vector<NamedWriter> writers) {
  return std::make_unique<TeeWriter>(std::move(writers));
}

}  // namespace amtscope
