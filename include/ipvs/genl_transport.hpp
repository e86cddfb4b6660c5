#pragma once
/// \file genl_transport.hpp
/// The real Transport: one libnl-genl-3 socket in the caller's network namespace.

#include <cstddef>
#include <memory>

#include "ipvs/error.hpp"
#include "ipvs/transport.hpp"

namespace ipvs {

/// How open_genl_transport sets up its socket.
struct GenlOptions {
  /// Send and receive buffer asked for (SO_SNDBUFFORCE/SO_RCVBUFFORCE, which
  /// need CAP_NET_ADMIN; else SO_SNDBUF/SO_RCVBUF, capped by the net.core
  /// sysctls). The kernel doubles the value and applies its minimum. The
  /// receive buffer bounds how many replies can be queued at once: batches
  /// size their windows to what the socket reports (TransportLimits).
  std::size_t socket_buffer_bytes = std::size_t{4} << 20;
};

/// Opens a NETLINK_GENERIC socket and resolves the "IPVS" family once.
/// Errors (op Init): when the kernel has no IPVS family (module not loaded or
/// not built), ENOPROTOOPT, or EPERM when the caller may not open a raw IP
/// socket either (not root), as ipvsadm 1.31 reports it; else the socket's errno.
Result<std::unique_ptr<Transport>> open_genl_transport(const GenlOptions& options = {});

}  // namespace ipvs
