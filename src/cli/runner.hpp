#pragma once
/// \file runner.hpp
/// Executes parsed requests against a Client, printing as 1.31 does.

#include <istream>
#include <span>
#include <string>
#include <string_view>

#include "cli/parser.hpp"
#include "cli/request.hpp"
#include "format/resolver.hpp"
#include "ipvs/batch.hpp"
#include "ipvs/client.hpp"

namespace ipvs::cli {

/// Where a command's output goes. stdout may be buffered; stderr text is
/// expected to appear at once, after whatever stdout text came before it.
class Output {
 public:
  virtual ~Output() = default;
  virtual void out(std::string_view text) = 0;
  virtual void err(std::string_view text) = 0;
};

/// Everything a command needs besides its request.
struct Context {
  Client& client;
  Info info;                    ///< GET_INFO taken at start-up (the version line)
  NameLookup& names;            ///< forward lookups for parsing -R lines
  format::Resolver& resolver;   ///< reverse lookups for listings without -n
  Output& io;
  std::string argv0;
  std::string conn_path = "/proc/net/ip_vs_conn";
  /// --netns as given (empty: the caller's namespace). The Client's socket is
  /// already in it; -c opens conn_path inside it (/proc/net is /proc/self/net,
  /// the namespace of the thread group leader, which is ipvsadm's only thread).
  std::string netns{};
};

/// A command's result as 1.31 has it: `status` 0 or -1 (a kernel rejection;
/// the process exits 255), or, when `exit_now`, a process exit code (listing
/// failures exit 1 at once, even in the middle of -R).
struct RunResult {
  int status = 0;
  bool exit_now = false;
};

/// Appends the operation of a table-changing request (-A, -E, -D, -C, -a,
/// -e, -d, -Z, --set, --start-daemon, --stop-daemon) to `batch`; false for
/// requests that read the table (-L, -S).
bool queue_request(Batch& batch, const Request& req);

/// Prints a table-changing command's result as 1.31 does (its message on
/// stderr when the kernel refused it) and returns the command's status.
RunResult report_result(Context& ctx, const Result<void>& r);

/// Runs one request (anything but -R).
RunResult run_request(const Request& req, Context& ctx);

/// Runs -R: reads rules from `in`, each line a command line of its own.
RunResult run_restore(std::istream& in, Context& ctx);

/// Acts on a parse outcome: prints Print/Exit/Soft texts, runs Run requests
/// (-R included). Returns the process exit status.
int run_outcome(const ParseOutcome& outcome, std::istream& in, Context& ctx);

}  // namespace ipvs::cli
