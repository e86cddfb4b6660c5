#pragma once
/// \file connections.hpp
/// -L -c: the connection table from /proc/net/ip_vs_conn.

#include "cli/runner.hpp"

namespace ipvs::cli {

/// Prints the connection table as 1.31 does; a missing or empty file is a
/// listing failure (exit 1).
RunResult list_connections(const Request& req, Context& ctx);

}  // namespace ipvs::cli
