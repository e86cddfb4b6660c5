#pragma once
/// \file fake_kernel.hpp
/// An in-memory stand-in for the kernel's "IPVS" generic-netlink family, as
/// an ipvs::Transport: every datagram sent is split into its requests, each
/// request is decoded (with the project's codec and attribute readers) and
/// applied to a table in the order the kernel would, and the replies the
/// kernel would queue are queued: ACK when NLM_F_ACK asks for one, a NACK
/// with the kernel's errno on failure (IPVSADM-1.31.md §3.3, §5.3), one data
/// message then the ACK for GET_INFO / GET_CONFIG / GET_SERVICE of one
/// service, and NLM_F_MULTI parts then NLMSG_DONE for dumps.
///
///   auto k = ipvs::testing::FakeKernel::make();
///   ipvs::Client client(std::move(k.transport));
///   client.add_service(svc);            // k.state->table now holds it
///   k.state->reject = ipvs::testing::FakeKernel::fail_always(nl::cmd::kFlush, EPERM);
///
/// What it checks like the kernel: the identifying / full attributes of
/// services and destinations (EINVAL), service lookups (ESRCH; EEXIST on
/// NEW_SERVICE), destination lookups (EEXIST / ENOENT), scheduler and PE
/// names (ENOENT), weight > INT_MAX and l_threshold > u_threshold (ERANGE),
/// mixed-family destinations only for tunnels and never with a sync daemon,
/// GUE without a port, IPv6 netmasks outside 1..128, daemons (EEXIST /
/// ESRCH). The dump order is the kernel's shape, not the insertion order:
/// address services before fwmark ones, each newest first; destinations
/// newest first (the kernel adds them at the head of the service's list).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ipvs/config.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/service.hpp"
#include "ipvs/transport.hpp"

namespace ipvs::testing {

class FakeKernel final : public Transport {
 public:
  /// One virtual service and its real servers, in insertion order.
  struct Entry {
    Service service;  ///< flags as the kernel keeps them (HASHED set)
    std::vector<Destination> dests;
  };

  /// Decides, before the kernel acts, whether a request fails: returns the
  /// errno to NACK it with, or 0 to process it normally.
  using Reject = std::function<int(std::uint8_t cmd)>;

  struct State {
    std::uint16_t family = 0x24;
    std::vector<Entry> table;
    Timeouts timeouts{900, 120, 300};
    std::vector<Daemon> daemons;  ///< running sync daemons
    Info info{0x010201, 4096};
    std::vector<std::string> schedulers{"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh",
                                        "sh", "sed", "nq", "fo", "ovf", "mh", "none"};
    std::vector<std::string> pes{"sip"};
    Reject reject;
    /// Replies are dropped instead of queued (a reply that never comes).
    bool lose_replies = false;

    /// IPVS_CMD_* of every request processed, in order.
    std::vector<std::uint8_t> commands;
    /// Number of requests in each datagram received, in order.
    std::vector<std::size_t> datagram_requests;
    /// Reply datagrams not yet read.
    std::deque<std::vector<std::uint8_t>> replies;
  };

  struct Made {
    std::unique_ptr<Transport> transport;
    std::shared_ptr<State> state;
  };
  static Made make();

  /// A Reject failing every request of `cmd` with `errnum`.
  static Reject fail_always(std::uint8_t cmd, int errnum);
  /// A Reject failing only the `nth` (0-based) request of `cmd`.
  static Reject fail_nth(std::uint8_t cmd, std::size_t nth, int errnum);

  explicit FakeKernel(std::shared_ptr<State> state) : state_(std::move(state)) {}

  std::uint16_t family_id() const noexcept override { return state_->family; }
  TransportLimits limits() const noexcept override { return {}; }
  /// Processes every request of the datagram before returning, as the
  /// kernel does inside sendmsg. A malformed datagram fails with EINVAL.
  Result<void> send(std::span<const std::uint8_t> datagram) override;
  /// Every queued reply datagram, joined (each padded to 4 bytes). Block with
  /// nothing queued fails with ETIMEDOUT (the kernel would never answer).
  Result<std::size_t> receive_queued(std::vector<std::uint8_t>& out, Wait wait) override;

 private:
  std::shared_ptr<State> state_;
};

/// The table with what only replies carry (stats, connection counters) and
/// the kernel's HASHED flag cleared, entries and destinations sorted: two
/// tables holding the same rules compare equal.
std::vector<FakeKernel::Entry> canonical(std::vector<FakeKernel::Entry> table);

bool operator==(const FakeKernel::Entry& a, const FakeKernel::Entry& b);
/// gtest printer: the service's settings and each real server's, one per line.
void PrintTo(const FakeKernel::Entry& e, std::ostream* os);

}  // namespace ipvs::testing
