#pragma once
/// \file transport.hpp
/// The I/O seam between the Client and the kernel: datagrams of complete
/// netlink messages go out, datagrams come back. The real implementation is a
/// generic-netlink socket (genl_transport.hpp); tests use a fake.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "ipvs/error.hpp"

namespace ipvs {

/// One generic-netlink conversation with the kernel's "IPVS" family.
class Transport {
 public:
  virtual ~Transport() = default;

  /// The generic-netlink family id of "IPVS", resolved once when opened.
  virtual std::uint16_t family_id() const noexcept = 0;

  /// Sends one datagram holding one or more complete netlink messages (their
  /// headers, lengths and sequence numbers already filled in). Errors carry the
  /// errno of sendmsg (EMSGSIZE when the datagram exceeds the send buffer).
  virtual Result<void> send(std::span<const std::uint8_t> datagram) = 0;

  /// Blocks for the next datagram from the kernel and stores it in `out`
  /// (resized to the datagram's length). Errors carry the errno of recvmsg
  /// (ENOBUFS when the receive buffer overflowed and replies were dropped).
  virtual Result<void> receive(std::vector<std::uint8_t>& out) = 0;
};

}  // namespace ipvs
