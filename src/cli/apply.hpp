#pragma once
/// \file apply.hpp
/// --apply FILE: make the kernel's table equal to a rule set, changing only
/// what differs, all or nothing (ipvs::plan, Client::apply); --dry-run prints
/// the plan instead; --drain drains removed real servers.

#include <istream>

#include "cli/request.hpp"
#include "cli/runner.hpp"

namespace ipvs::cli {

/// Exit statuses of --apply (besides 0, done or nothing to do; and 1, the
/// table could not be read).
inline constexpr int kApplyInvalidInput = 2;   ///< the input is invalid: nothing was sent
inline constexpr int kApplyRolledBack = 255;   ///< the kernel refused a step; the table is as it was
inline constexpr int kApplyRollbackFailed = 3; ///< ... and putting it back failed too

/// Runs --apply `req.apply_file` ("-": `in`).
RunResult run_apply(const Request& req, std::istream& in, Context& ctx);

}  // namespace ipvs::cli
