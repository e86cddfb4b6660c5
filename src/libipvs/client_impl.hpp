#pragma once
// Client::Impl, shared by client.cpp (the one-by-one operations) and
// client_batch.cpp (pipelined batches): the transport, the sequence counter
// both use (so replies of either are told apart), and the request/reply core.
//
// One-by-one: every operation sends one request with a fresh sequence number
// and reads datagrams until that request is complete:
//   do-request   the ACK (error 0) or a NACK (errno) completes it;
//   get-request  a data message, then the ACK (both consumed, so the socket
//                stays usable; libnl would leave the ACK unread);
//   dump         data messages (NLM_F_MULTI) until NLMSG_DONE.
// Messages with another sequence number are leftovers of an earlier request
// and are skipped.

#include <cerrno>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ipvs/batch.hpp"
#include "ipvs/client.hpp"
#include "ipvs/transport.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"

namespace ipvs {

namespace detail {

/// A dump whose parts carry NLM_F_DUMP_INTR is started again, at most this
/// many times in all; after that the operation fails with EINTR.
constexpr int kMaxDumpAttempts = 4;

enum class Kind { Do, Get, Dump };

/// The library's own view of a Batch's queued requests.
struct BatchAccess {
  static Op op(const Batch& b, std::size_t i) { return b.op(i); }
  static std::span<const std::uint8_t> request(const Batch& b, std::size_t i) { return b.request(i); }
};

/// Transport and decode errors are made without an operation; give them the caller's.
inline Error tag(Error e, Op op) {
  e.op = op;
  return e;
}

}  // namespace detail

struct Client::Impl {
  std::unique_ptr<Transport> transport;
  std::uint32_t next_seq = 1;
  std::vector<std::uint8_t> rx;
  std::vector<std::uint8_t> tx;  ///< execute(): the window's datagram

  /// `count` consecutive sequence numbers (never 0, never wrapping inside
  /// the run); returns the first.
  std::uint32_t reserve_seqs(std::uint32_t count) {
    if (next_seq > std::numeric_limits<std::uint32_t>::max() - count) next_seq = 1;
    const std::uint32_t first = next_seq;
    next_seq += count;
    return first;
  }
  std::uint32_t take_seq() { return reserve_seqs(1); }

  std::uint16_t family() const { return transport->family_id(); }

  /// Sends `request` (sequence `seq`) and reads until it is complete. Each
  /// data message of this request goes to `on_data`; after its first error
  /// the rest are read and dropped, and that error is returned at the end.
  /// `interrupted` is set when any part carried NLM_F_DUMP_INTR.
  /// `on_data` is any callable Result<void>(std::span<const std::uint8_t>):
  /// a template, so a dump's per-message call is a direct one.
  template <typename OnData>
  Result<void> exchange(Op op, detail::Kind kind, std::uint32_t seq, const nl::Bytes& request,
                        OnData&& on_data, bool* interrupted = nullptr) {
    if (auto sent = transport->send(request); !sent) return detail::tag(sent.error(), op);
    std::optional<Error> data_error;
    const std::uint16_t fam = family();
    for (;;) {
      if (auto got = transport->receive_queued(rx, Wait::Block); !got) return detail::tag(got.error(), op);
      nl::MessageReader reader(rx);
      for (nl::Message m; reader.next(m);) {
        if (m.seq != seq) continue;  // stale: an earlier request's reply
        if (m.dump_interrupted() && interrupted != nullptr) *interrupted = true;
        if (m.is_error()) {
          if (m.error != 0) return Error::kernel(op, m.error, std::string(m.extack));
          if (kind == detail::Kind::Dump) continue;  // the kernel sends no ACK for a started dump
          if (data_error) return *data_error;
          return {};
        }
        if (m.is_done()) {
          if (kind != detail::Kind::Dump) continue;
          if (m.error != 0) return Error::kernel(op, m.error, std::string(m.extack));
          if (data_error) return *data_error;
          return {};
        }
        if (m.type != fam || kind == detail::Kind::Do || data_error) continue;
        if (auto handled = on_data(m.payload); !handled) data_error = detail::tag(handled.error(), op);
      }
      // A malformed datagram fails the request, even after the messages before the fault.
      if (reader.failed()) return detail::tag(reader.error(), op);
    }
  }

  /// A do-request: success is the kernel's ACK.
  template <typename Encode>
  Result<void> run(Op op, Encode encode) {
    const std::uint32_t seq = take_seq();
    return exchange(op, detail::Kind::Do, seq, encode(seq),
                    [](std::span<const std::uint8_t>) -> Result<void> { return {}; });
  }

  /// A get-request answered by exactly one data message.
  template <typename T, typename Encode, typename Decode>
  Result<T> get(Op op, Encode encode, Decode decode) {
    const std::uint32_t seq = take_seq();
    std::optional<T> value;
    auto done = exchange(op, detail::Kind::Get, seq, encode(seq), [&](std::span<const std::uint8_t> p) -> Result<void> {
      if (value) return {};  // only the first reply counts
      auto decoded = decode(p);
      if (!decoded) return decoded.error();
      value = std::move(*decoded);
      return {};
    });
    if (!done) return done.error();
    if (!value) return detail::tag(nl::decode_error("no reply message before the ACK"), op);
    return std::move(*value);
  }

  /// Room reserved before a dump: a service's real servers usually fit, so
  /// their vector is allocated once.
  static constexpr std::size_t kFirstItems = 8;

  /// A dump, restarted while the kernel flags it as interrupted.
  template <typename T, typename Encode, typename Decode>
  Result<std::vector<T>> dump(Op op, Encode encode, Decode decode) {
    for (int attempt = 0; attempt < detail::kMaxDumpAttempts; ++attempt) {
      const std::uint32_t seq = take_seq();
      std::vector<T> items;
      items.reserve(kFirstItems);
      bool interrupted = false;
      auto done = exchange(op, detail::Kind::Dump, seq, encode(seq),
                           [&](std::span<const std::uint8_t> p) -> Result<void> {
                             auto decoded = decode(p);
                             if (!decoded) return decoded.error();
                             items.push_back(std::move(*decoded));
                             return {};
                           },
                           &interrupted);
      if (!done) return done.error();
      if (!interrupted) return items;
    }
    return Error::kernel(op, EINTR,
                         "dump interrupted by concurrent changes " + std::to_string(detail::kMaxDumpAttempts) +
                             " times");
  }

  /// Client::execute (client_batch.cpp).
  std::vector<Result<void>> execute(const Batch& batch, const BatchOptions& options);
};


}  // namespace ipvs
