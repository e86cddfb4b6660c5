#pragma once
/// \file batch.hpp
/// A queue of set-type IPVS operations, to be sent pipelined by
/// Client::execute (client.hpp). Building a Batch needs no socket: every
/// queue_* call encodes its request at once and appends the bytes.
///
///   ipvs::Batch batch;
///   const auto svc = batch.queue_add_service(s);
///   batch.queue_add_destination(s.key, d);
///   std::vector<ipvs::Result<void>> results = client.execute(batch);
///   if (!results[svc]) report(results[svc].error());   // one Result per operation

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "ipvs/config.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/error.hpp"
#include "ipvs/service.hpp"

namespace ipvs {

namespace detail {
struct BatchAccess;
}  // namespace detail

/// Set-type operations in the order they are to be applied. Each queue_*
/// call takes the same arguments as the Client method of the same name, sends
/// the same request (see codec.hpp), and returns the operation's index: 0 for
/// the first, then 1, 2, ... (the index into Client::execute's results).
/// A plain value: copyable, movable, reusable after clear().
class Batch {
 public:
  std::size_t queue_add_service(const Service& svc);            ///< Op::AddService
  std::size_t queue_edit_service(const Service& svc);           ///< Op::EditService
  std::size_t queue_delete_service(const ServiceKey& key);      ///< Op::DeleteService
  /// Op::AddDestination
  std::size_t queue_add_destination(const ServiceKey& svc, const Destination& dest);
  /// Op::EditDestination
  std::size_t queue_edit_destination(const ServiceKey& svc, const Destination& dest);
  /// Op::DeleteDestination
  std::size_t queue_delete_destination(const ServiceKey& svc, const Destination& dest);
  std::size_t queue_flush();                                    ///< Op::Flush
  /// Op::Zero: one service's counters, or everything when `svc` is empty.
  std::size_t queue_zero(const std::optional<ServiceKey>& svc);
  std::size_t queue_set_timeouts(const Timeouts& t);            ///< Op::SetTimeouts (0 = keep)
  std::size_t queue_start_daemon(const Daemon& d);              ///< Op::StartDaemon
  std::size_t queue_stop_daemon(DaemonState state);             ///< Op::StopDaemon

  /// Number of queued operations.
  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }
  /// Total bytes of all encoded requests.
  std::size_t encoded_bytes() const noexcept { return bytes_.size(); }
  /// Forgets every operation.
  void clear() noexcept;

 private:
  friend struct detail::BatchAccess;  // Client::execute reads the requests

  /// The Op of operation `index` (< size()).
  Op op(std::size_t index) const { return entries_.at(index).op; }
  /// The encoded request of operation `index` (< size()): one complete
  /// netlink message, NLM_F_REQUEST|NLM_F_ACK, whose nlmsg_type (the family
  /// id) and nlmsg_seq are 0 here; Client::execute fills both in when sending.
  std::span<const std::uint8_t> request(std::size_t index) const;

  struct Entry {
    Op op;
    std::size_t offset;
    std::size_t length;
  };
  /// Appends the request `encode(family 0, seq 0, args..., bytes_)` builds
  /// at the end of bytes_ (defined and used in batch.cpp only).
  template <typename Encode, typename... Args>
  std::size_t append(Op op, Encode encode, const Args&... args);

  std::vector<std::uint8_t> bytes_;
  std::vector<Entry> entries_;
};

/// How Client::execute pipelines a Batch.
///
/// A window is a run of consecutive operations sent as one datagram (one
/// sendmsg), each message with its own sequence number and NLM_F_ACK, and
/// answered in full before the next window is sent. A window holds at most
/// `window` operations, at most `max_datagram_bytes` of requests (one
/// operation larger than that is sent alone), and is further capped by what
/// the transport reports (TransportLimits): the datagram must fit the send
/// buffer, and the window's answers (kAckBudgetBytes each) the receive buffer.
/// That budget is one answer per operation in both Acks modes: with
/// Acks::Last the answers are the last one's ACK plus a NACK per failure, so
/// a window in which every operation fails still fits.
struct BatchOptions {
  /// Most operations per window; 0 is taken as 1. Window 1 sends and answers
  /// one operation at a time, exactly like the one-by-one Client methods.
  /// The default leaves the bound to max_datagram_bytes and the transport's
  /// limits (64 KiB holds ~400 add-real-server requests).
  std::size_t window = 4096;
  /// Most request bytes per datagram.
  std::size_t max_datagram_bytes = 64 * 1024;
  /// After ACKs were lost to a full receive buffer (ENOBUFS), run the rest of
  /// the batch with a smaller window: half the current one, and no more than
  /// the number of ACKs that did arrive in the window that overflowed.
  bool shrink_on_overflow = true;
  /// After a window left some outcome unknown, send nothing more: every later
  /// operation fails with ECANCELED, Outcome::NotSent, detail kNotSent.
  bool stop_on_unknown = false;
  /// Which requests of a window ask the kernel for an acknowledgement.
  enum class Acks {
    /// Only the window's last one. The kernel answers the others only when
    /// they fail (a NACK, matched by sequence number) and runs a datagram's
    /// messages in order, so the last one's answer, with no overflow
    /// (ENOBUFS) seen, means every earlier operation without a NACK
    /// succeeded; after an overflow those are unknown, as lost ACKs are in
    /// Each. Saves building, queueing and reading one ACK per operation.
    Last,
    /// Every one (what the one-by-one Client methods send).
    Each,
  };
  Acks acks = Acks::Last;
};

/// Receive-buffer bytes budgeted per acknowledgement when sizing a window
/// (the kernel charges about 832 bytes of skb truesize per ACK).
inline constexpr std::size_t kAckBudgetBytes = 1024;

/// Detail of an operation whose outcome is unknown (Outcome::Unknown) because
/// its acknowledgement was dropped (errnum ENOBUFS): the kernel executed it
/// (applied or rejected it). Other causes append their own detail after
/// kOutcomeUnknownPrefix and keep their errnum and origin (e.g. EIO, EBADMSG).
/// Texts for people: test Error::outcome, not the text.
inline constexpr std::string_view kAckLost = "outcome unknown: acknowledgement lost";
/// Start of the detail of every execute() result whose outcome is unknown.
inline constexpr std::string_view kOutcomeUnknownPrefix = "outcome unknown: ";
/// Detail of an operation never sent because of stop_on_unknown (errnum ECANCELED).
inline constexpr std::string_view kNotSent = "not sent: an earlier operation's outcome is unknown";

}  // namespace ipvs
