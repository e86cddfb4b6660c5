#pragma once
/// \file transport.hpp
/// The I/O seam between the Client and the kernel: datagrams of complete
/// netlink messages go out, datagrams come back. The real implementation is a
/// generic-netlink socket (genl_transport.hpp); tests use a fake.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "ipvs/error.hpp"

namespace ipvs {

/// What one socket can carry, for sizing pipelined batches. 0 = unknown.
struct TransportLimits {
  /// Largest datagram send() accepts, in bytes (the kernel's sk_sndbuf - 32);
  /// a larger one fails with EMSGSIZE.
  std::size_t max_datagram = 0;
  /// Receive buffer in bytes of kernel accounting (SO_RCVBUF as the kernel
  /// reports it). Every queued reply is charged its skb truesize (~832 bytes
  /// for an ACK); replies beyond the buffer are dropped and the next read
  /// fails once with ENOBUFS.
  std::size_t receive_buffer = 0;
};

/// How Transport::receive_queued waits.
enum class Wait {
  Block,  ///< wait for at least one datagram
  Never,  ///< return at once, with nothing when nothing is queued
};

/// One generic-netlink conversation with the kernel's "IPVS" family.
class Transport {
 public:
  virtual ~Transport() = default;

  /// The generic-netlink family id of "IPVS", resolved once when opened.
  virtual std::uint16_t family_id() const noexcept = 0;

  /// Buffer sizes of this conversation (see TransportLimits).
  virtual TransportLimits limits() const noexcept = 0;

  /// Sends one datagram holding one or more complete netlink messages (their
  /// headers, lengths and sequence numbers already filled in). Errors carry the
  /// errno of sendmsg (EMSGSIZE when the datagram exceeds the send buffer).
  /// A failed send delivered none of the datagram: the kernel parses a
  /// datagram only after accepting it whole, inside sendmsg.
  /// Errors are Origin::Transport (Outcome::NotSent); those of receive_queued
  /// are Origin::Transport (Outcome::Unknown). The Client sets `op`.
  virtual Result<void> send(std::span<const std::uint8_t> datagram) = 0;

  /// Reads several datagrams in one go: with Wait::Block first waits for one,
  /// then takes whatever else is already queued, without blocking, up to an
  /// implementation limit. They are stored back to back in `out` (replacing
  /// its contents), each padded to 4 bytes, so `out` parses as one run of
  /// netlink messages. Returns how many datagrams were read: at least 1 with
  /// Wait::Block; 0 (and `out` empty) with Wait::Never when nothing is queued.
  /// Errors carry the errno of recvmmsg (ENOBUFS when the receive buffer
  /// overflowed and replies were dropped; EMSGSIZE for a datagram larger than
  /// the implementation's slot); an error means nothing was stored.
  virtual Result<std::size_t> receive_queued(std::vector<std::uint8_t>& out, Wait wait) = 0;
};

}  // namespace ipvs
