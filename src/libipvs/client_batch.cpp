// Client::execute: a Batch sent in windows. Per window: the requests are
// copied into one datagram with the family id and consecutive sequence
// numbers filled in, sent with one sendmsg, and their ACKs/NACKs matched by
// nlmsg_seq until every operation of the window is answered.
//
// The kernel runs the whole datagram inside our sendmsg (netlink_rcv_skb
// loops over its messages), so by the time send() returns every reply is
// queued or lost. Replies are lost when the receive buffer overflows: the
// socket is then marked congested and drops every further reply until the
// queue has been read empty, and the next recvmsg fails once with ENOBUFS.
// So after any read failure we only read what is already queued (Wait::Never):
// blocking would wait forever for a dropped ACK.

#include <algorithm>
#include <cerrno>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ipvs/client.hpp"
#include "libipvs/client_impl.hpp"
#include "netlink/message.hpp"

namespace ipvs {

namespace {

/// The answer to one operation of the window in flight.
struct Slot {
  bool answered = false;
  int error = 0;       ///< 0: ACK; else the NACK's errno
  std::string extack;  ///< the NACK's extended-ack text
};

/// Reads replies for the window whose first sequence number is `base` until
/// the window is answered or no more can come: every slot (each operation
/// asked for an ACK), or the last slot (only the last one did; the others
/// answer only with a NACK, which comes before it). Returns the first read or
/// parse failure met, if any (slots left unanswered are then unknown).
std::optional<Error> collect(Transport& transport, std::vector<std::uint8_t>& rx, std::uint32_t base,
                             std::vector<Slot>& slots, bool last_only) {
  std::size_t pending = slots.size();
  auto done = [&] { return last_only ? slots.back().answered : pending == 0; };
  std::optional<Error> failure;
  Wait wait = Wait::Block;
  while (!done()) {
    auto got = transport.receive_queued(rx, wait);
    if (!got) {
      if (!failure) failure = got.error();
      if (wait == Wait::Never) break;
      wait = Wait::Never;  // ENOBUFS comes before the replies that did get queued
      continue;
    }
    if (*got == 0) break;  // nothing more queued
    auto messages = nl::parse_datagram(rx);
    if (!messages) {
      if (!failure) failure = messages.error();
      wait = Wait::Never;
      continue;
    }
    for (const nl::Message& m : *messages) {
      if (!m.is_error()) continue;  // set-type requests are answered by ACK/NACK only
      const std::uint32_t k = m.seq - base;
      if (k >= slots.size() || slots[k].answered) continue;  // stale, or a duplicate
      slots[k] = Slot{true, m.error, std::string(m.extack)};
      --pending;
    }
  }
  return failure;
}

/// The result of an operation that was sent but never answered: its outcome
/// is unknown. `cause` is the read or parse failure that ended the wait.
Error unknown_outcome(Op op, const std::optional<Error>& cause) {
  if (!cause) return Error::transport(op, EIO, Outcome::Unknown, std::string(kOutcomeUnknownPrefix) + "no reply");
  if (cause->errnum == ENOBUFS) return Error::transport(op, ENOBUFS, Outcome::Unknown, std::string(kAckLost));
  const std::string why = cause->origin == Origin::Decode ? "malformed reply: " + cause->detail : cause->detail;
  Error e = *cause;
  e.op = op;
  e.outcome = Outcome::Unknown;
  e.detail = std::string(kOutcomeUnknownPrefix) + why;
  return e;
}

/// options.window, capped so the window's ACKs fit the receive buffer.
std::size_t initial_window(const BatchOptions& options, const TransportLimits& limits) {
  std::size_t w = std::max<std::size_t>(options.window, 1);
  if (limits.receive_buffer != 0) {
    w = std::min(w, std::max<std::size_t>(limits.receive_buffer / kAckBudgetBytes, 1));
  }
  return std::min<std::size_t>(w, std::numeric_limits<std::uint32_t>::max() / 2);
}

/// options.max_datagram_bytes, capped by what send() accepts.
std::size_t datagram_budget(const BatchOptions& options, const TransportLimits& limits) {
  std::size_t b = options.max_datagram_bytes;
  if (limits.max_datagram != 0) b = std::min(b, limits.max_datagram);
  return b;
}

}  // namespace

std::vector<Result<void>> Client::execute(const Batch& batch, const BatchOptions& options) {
  return impl_->execute(batch, options);
}

std::vector<Result<void>> Client::Impl::execute(const Batch& batch, const BatchOptions& options) {
  using detail::BatchAccess;
  const std::size_t n = batch.size();
  // Results are appended in operation order as each is decided: applied only
  // on proof (an ACK, or the silence Acks::Last allows), rejected on a NACK,
  // not sent on a failed send, else unknown. results.size() == next throughout.
  std::vector<Result<void>> results;
  results.reserve(n);
  const TransportLimits limits = transport->limits();
  std::size_t window = initial_window(options, limits);
  const std::size_t max_bytes = datagram_budget(options, limits);
  std::vector<Slot> slots;
  const bool last_only = options.acks == BatchOptions::Acks::Last;

  std::size_t next = 0;
  while (next < n) {
    // The window [next, end): at most `window` operations and `max_bytes`
    // bytes, but never empty.
    std::size_t end = next;
    std::size_t bytes = 0;
    while (end < n && end - next < window) {
      const std::size_t len = BatchAccess::request(batch, end).size();
      if (end > next && bytes + len > max_bytes) break;
      bytes += len;
      ++end;
    }
    const auto count = static_cast<std::uint32_t>(end - next);
    const std::uint32_t base = reserve_seqs(count);
    tx.clear();
    for (std::size_t i = next; i < end; ++i) {
      const auto request = BatchAccess::request(batch, i);
      const std::size_t at = tx.size();
      tx.insert(tx.end(), request.begin(), request.end());
      const auto message = std::span(tx).subspan(at);
      nl::set_type_and_seq(message, family(), base + static_cast<std::uint32_t>(i - next));
      if (last_only && i + 1 < end) nl::clear_ack_flag(message);
    }

    if (auto sent = transport->send(tx); !sent) {
      // Nothing of the datagram was delivered: retry in halves; alone, the
      // operation gets the send error, as the one-by-one method would.
      if (count > 1) {
        window = std::max<std::size_t>(count / 2, 1);
        continue;
      }
      Error e = detail::tag(sent.error(), BatchAccess::op(batch, next));
      e.outcome = Outcome::NotSent;  // a failed sendmsg delivered nothing
      results.emplace_back(std::move(e));
      ++next;
      continue;
    }

    slots.assign(count, Slot{});
    const std::optional<Error> failure = collect(*transport, rx, base, slots, last_only);
    // Acks::Last: with the last one answered and nothing lost, silence is success.
    const bool silence_is_ack = last_only && slots.back().answered && !failure;
    std::size_t answered = 0;
    for (std::uint32_t k = 0; k < count; ++k) {
      const Op op = BatchAccess::op(batch, next + k);
      Slot& s = slots[k];
      if (!s.answered && !silence_is_ack) {
        results.emplace_back(unknown_outcome(op, failure));
        continue;
      }
      ++answered;
      if (s.answered && s.error != 0) {
        results.emplace_back(Error::kernel(op, s.error, std::move(s.extack)));
      } else {
        results.emplace_back();  // applied: its ACK, or silence proven by the last ACK
      }
    }
    next = end;

    if (failure && failure->errnum == ENOBUFS && options.shrink_on_overflow) {
      window = std::max<std::size_t>(std::min(window / 2, answered), 1);
    }
    if (answered < count && options.stop_on_unknown) {
      for (; next < n; ++next) {
        results.emplace_back(Error::transport(BatchAccess::op(batch, next), ECANCELED, Outcome::NotSent, std::string(kNotSent)));
      }
    }
  }
  return results;
}

}  // namespace ipvs
