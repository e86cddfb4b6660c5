#pragma once
/// \file genl_transport.hpp
/// The real Transport: one libnl-genl-3 socket in the caller's network namespace.

#include <memory>

#include "ipvs/error.hpp"
#include "ipvs/transport.hpp"

namespace ipvs {

/// Opens a NETLINK_GENERIC socket and resolves the "IPVS" family once.
/// Errors (op Init): when the kernel has no IPVS family (module not loaded or
/// not built), ENOPROTOOPT, or EPERM when the caller may not open a raw IP
/// socket either (not root), as ipvsadm 1.31 reports it; else the socket's errno.
Result<std::unique_ptr<Transport>> open_genl_transport();

}  // namespace ipvs
