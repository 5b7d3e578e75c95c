// Reading input files with limits (issue 10 item 4): an input named by the
// user may be /dev/zero, a FIFO, a directory or a 20 GB log. Small inputs
// (JSON databases, fleets, resume files) are read whole up to a size limit;
// target lists are streamed line by line with a line-length limit.
#ifndef AMTSCOPE_CORE_BOUNDED_FILE_H_
#define AMTSCOPE_CORE_BOUNDED_FILE_H_

#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace amtscope {

/// Size limits of the inputs (README "Input limits").
inline constexpr size_t kMaxJsonInputBytes = size_t{64} << 20;    // 64 MiB
inline constexpr size_t kMaxResumeFileBytes = size_t{256} << 20;  // 256 MiB
inline constexpr size_t kMaxTargetLineBytes = 4096;
inline constexpr size_t kMaxTargetFileEntries = size_t{1} << 22;  // 4,194,304

/// At most `max_chars` of `text` as one printable line (control bytes as
/// \xNN), with "... (N bytes)" when cut: what error messages quote.
std::string Excerpt(std::string_view text, size_t max_chars = 60);

/// The whole of `path` when it is a readable regular file of at most
/// `max_bytes` (or a FIFO / device that ends within it). `what` names the
/// input in messages ("advisory database"). InvalidArgument for a directory
/// or a file over the limit, NotFound when it cannot be opened.
Result<std::string> ReadBoundedFile(const std::string& path, size_t max_bytes,
                                    std::string_view what);

/// Calls `line` for each line of `in` (without the newline; a UTF-8 BOM at
/// the start is skipped) while it returns OK. InvalidArgument naming
/// `name` and the line number when a line exceeds `max_line` bytes; the
/// reader never holds more than one line.
Status ForEachLine(
    std::FILE* in, std::string_view name, size_t max_line,
    const std::function<Status(std::string_view line, size_t line_no)>& line);

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_BOUNDED_FILE_H_
