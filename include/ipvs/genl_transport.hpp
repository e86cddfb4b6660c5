#pragma once
/// \file genl_transport.hpp
/// The real Transport: one libnl-genl-3 socket, in the caller's network
/// namespace or in the one GenlOptions::netns names.

#include <cstddef>
#include <memory>
#include <string>

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
  /// The network namespace whose IPVS table the socket talks to: a NAME as
  /// `ip netns add` creates it (/run/netns/NAME), or a path (any value with a
  /// '/', e.g. /proc/PID/ns/net). Empty: the caller's own namespace. The
  /// calling thread enters it only while the socket is created and the family
  /// resolved (NetnsScope, ipvs/netns.hpp), and is back in its own namespace
  /// when open_genl_transport returns, whatever the result.
  std::string netns;
};

/// Opens a NETLINK_GENERIC socket and resolves the "IPVS" family once.
/// Errors (op Init): when the kernel has no IPVS family (module not loaded or
/// not built), ENOPROTOOPT, or EPERM when the caller may not open a raw IP
/// socket either (not root), as ipvsadm 1.31 reports it; else the socket's errno.
/// With options.netns: op OpenNetns (open's errno, ENOENT for a namespace that
/// does not exist) or EnterNetns (setns's errno, EPERM without CAP_SYS_ADMIN),
/// see NetnsScope::enter; nothing is sent to any kernel table then.
Result<std::unique_ptr<Transport>> open_genl_transport(const GenlOptions& options = {});

}  // namespace ipvs
