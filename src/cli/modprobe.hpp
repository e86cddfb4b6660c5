#pragma once
/// \file modprobe.hpp
/// Loading the ip_vs module the way 1.31 does when IPVS is missing.

namespace ipvs::cli {

/// Runs "/sbin/modprobe -- ip_vs" (fork + execv, no shell) and waits for it.
/// Its own output goes to our stdout/stderr. Returns its exit status, or -1
/// when it could not be run.
int modprobe_ip_vs();

}  // namespace ipvs::cli
