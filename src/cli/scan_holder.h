// Who holds a campaign shard (docs/campaigns.md, "Leases"): the name a
// process writes into campaign_shards.holder, and whether the holder named
// there is a process of this machine that is gone, so a restart on the same
// machine need not wait for the lease to run out.
#ifndef AMTSCOPE_CLI_SCAN_HOLDER_H_
#define AMTSCOPE_CLI_SCAN_HOLDER_H_

#include <functional>
#include <string>
#include <string_view>

namespace amtscope::cli {

/// "HOST:PIDNS:PID" for this process: host name, pid namespace inode (0 when
/// unknown) and pid.
std::string ThisHolder();

/// True when `holder` is a process of this host and pid namespace that no
/// longer exists; false when it may still run or cannot be judged here.
bool HolderGone(const std::string& holder);

/// HolderGone's rule: `local` is this process's "HOST:PIDNS" and `gone`
/// says whether a pid of that namespace has exited.
bool HolderGoneAt(std::string_view holder, std::string_view local,
                  const std::function<bool(long)>& gone);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_SCAN_HOLDER_H_
