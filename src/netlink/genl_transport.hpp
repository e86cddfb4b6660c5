#pragma once
/// \file genl_transport.hpp (internal)
/// The libnl-genl-3 Transport for any generic-netlink family. The public
/// ipvs::open_genl_transport() is open_genl_family("IPVS"); tests use the
/// always-present "nlctrl" family to exercise the real socket path on kernels
/// without IPVS.

#include <memory>

#include "ipvs/error.hpp"
#include "ipvs/genl_transport.hpp"
#include "ipvs/transport.hpp"

namespace ipvs::nl {

/// Opens a NETLINK_GENERIC socket, resolves `family_name` once, raises the
/// socket buffers (SO_RCVBUFFORCE/SO_SNDBUFFORCE to options.socket_buffer_bytes,
/// else SO_RCVBUF/SO_SNDBUF capped by the sysctls) and enables NETLINK_EXT_ACK and
/// NETLINK_CAP_ACK where available, all in the namespace options.netns names
/// (the thread returns to its own before this returns). Errors have op Init:
/// ENOPROTOOPT when the family does not exist, else the socket's errno (EIO
/// when libnl hides it); or NetnsScope::enter's OpenNetns / EnterNetns, or
/// EnterNetns when the thread could not return to its own namespace.
Result<std::unique_ptr<Transport>> open_genl_family(const char* family_name,
                                                   const GenlOptions& options = {});

}  // namespace ipvs::nl
