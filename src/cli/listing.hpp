#pragma once
/// \file listing.hpp
/// The commands that read the table: -L (every view, --timeout, --daemon, -c)
/// and -S, in 1.31's text, --json or --metrics.

#include "cli/request.hpp"
#include "cli/runner.hpp"

namespace ipvs::cli {

/// -L: the listing `req.list` asks for.
RunResult cmd_list(const Request& req, Context& ctx);
/// -S: the rule set (text or --json).
RunResult cmd_save(const Request& req, Context& ctx);

}  // namespace ipvs::cli
