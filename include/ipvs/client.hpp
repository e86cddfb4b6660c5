#pragma once
/// \file client.hpp
/// The IPVS client: the codec over one Transport. One socket, one family
/// lookup, reused by every operation. Not thread-safe; use one per thread.

#include <memory>
#include <optional>
#include <vector>

#include "ipvs/batch.hpp"
#include "ipvs/config.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/error.hpp"
#include "ipvs/genl_transport.hpp"
#include "ipvs/plan.hpp"
#include "ipvs/service.hpp"
#include "ipvs/transport.hpp"

namespace ipvs {

/// Operations on the kernel's IPVS table. Every error carries the Op and the
/// kernel's errno (e.g. EEXIST for add_service of an existing service, ESRCH
/// for an unknown service, ENOENT for an unknown destination or scheduler).
///
/// Every error has the called operation in `op`, and says where it came
/// from (Error::origin) and what became of the request (Error::outcome):
///  - kernel NACK: Error::kernel(op, errno, extended-ack text (usually
///    empty)): Origin::Kernel, Outcome::Rejected;
///  - transport: Origin::Transport with the socket call's errno and a detail
///    naming the call; Outcome::NotSent when sendmsg failed (EMSGSIZE for an
///    oversized datagram), Outcome::Unknown when recvmmsg failed after the
///    request went out (ENOBUFS when replies were dropped);
///  - a reply we cannot decode: Origin::Decode, EBADMSG, Outcome::Unknown,
///    detail naming the attribute (the rest of that reply is still read, so
///    the Client stays usable);
///  - a dump the kernel flags NLM_F_DUMP_INTR is restarted; after 4
///    interrupted attempts: Origin::Kernel, EINTR.
/// Each call (except execute) sends one request with a fresh sequence number and reads until
/// it completes (ACK/NACK, or NLMSG_DONE for dumps, including the ACK that
/// follows a get-type reply); replies with other sequence numbers are skipped.
class Client {
 public:
  /// A client on the kernel's IPVS (open_genl_transport(options)): the usual
  /// way to get one. Errors are open_genl_transport's, op Init: ENOPROTOOPT
  /// when the kernel has no IPVS family (the library never loads the ip_vs
  /// module; `modprobe ip_vs` is the caller's business), EPERM only when
  /// there is no family AND the caller may not open a raw socket either,
  /// else the socket's errno; with options.netns, op OpenNetns or EnterNetns.
  /// Nothing is sent to the IPVS table. Opening needs no privilege when the
  /// module is loaded: a caller without CAP_NET_ADMIN gets a Client whose
  /// requests fail with EPERM (under each request's op).
  ///
  ///   auto client = ipvs::Client::open();
  ///   if (!client) return client.error();
  ///   auto services = client->services();
  static Result<Client> open(const GenlOptions& options = {});

  /// A client on any Transport (a fake one in tests).
  explicit Client(std::unique_ptr<Transport> transport);
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;

  /// IPVS version and connection table size.
  Result<Info> info();

  /// Every virtual service, in the kernel's dump order.
  Result<std::vector<Service>> services();
  /// One service (ESRCH when absent).
  Result<Service> service(const ServiceKey& key);
  /// Adds a service (all of Service's settings are sent; stats are ignored).
  Result<void> add_service(const Service& svc);
  /// Replaces a service's settings.
  Result<void> edit_service(const Service& svc);
  /// Deletes a service and its real servers.
  Result<void> delete_service(const ServiceKey& key);

  /// Real servers of one service, in the kernel's order (empty when the
  /// service does not exist: the kernel answers an empty dump).
  Result<std::vector<Destination>> destinations(const ServiceKey& key);
  /// Adds a real server to a service. A destination of another family than
  /// the service is sent with IPVS_DEST_ATTR_ADDR_FAMILY.
  Result<void> add_destination(const ServiceKey& svc, const Destination& dest);
  /// Replaces a real server's settings.
  Result<void> edit_destination(const ServiceKey& svc, const Destination& dest);
  /// Removes a real server (identified by address, its family, and port).
  Result<void> delete_destination(const ServiceKey& svc, const Destination& dest);

  /// Removes every service of the network namespace.
  Result<void> flush();
  /// Zeroes the counters of one service, or of everything when `svc` is empty.
  Result<void> zero(const std::optional<ServiceKey>& svc);

  /// TCP, TCP FIN and UDP timeouts in seconds.
  Result<Timeouts> timeouts();
  /// Sets timeouts; a 0 field leaves that timeout unchanged.
  Result<void> set_timeouts(const Timeouts& t);

  /// Running sync daemons (at most a master and a backup).
  Result<std::vector<Daemon>> daemons();
  /// Starts a sync daemon.
  Result<void> start_daemon(const Daemon& d);
  /// Stops the sync daemon of the given role.
  Result<void> stop_daemon(DaemonState state);

  /// Sends every operation of `batch` pipelined on this client's socket and
  /// returns exactly one Result per operation, in queue order (results[i] is
  /// operation i; an empty batch sends nothing and returns nothing).
  ///
  /// Ordering: operations are sent in windows (see BatchOptions) of several
  /// netlink messages per datagram; the kernel executes the messages of a
  /// datagram in order, each to completion, and one operation's failure does
  /// not stop the next. A window is answered (or given up) before the next one
  /// is sent, so operation i always runs after operations 0..i-1, and when
  /// execute() returns every operation it sent has been executed.
  /// Replies are matched to operations by nlmsg_seq; stale replies (earlier
  /// requests) and out-of-order arrival are handled.
  ///
  /// Each result starts unknown and is decided only by proof; it is one of:
  ///  - applied: ok(): the kernel's ACK (Acks::Each), or with Acks::Last no
  ///    NACK before the window's last answer and no overflow;
  ///  - rejected (Outcome::Rejected, Origin::Kernel): the kernel's NACK,
  ///    exactly what the one-by-one method returns for the same operation
  ///    (e.g. Error::kernel(Op::AddService, EEXIST)); nothing of it was applied;
  ///  - not sent (Outcome::NotSent): the datagram could not be sent. The window
  ///    is split in halves and retried (a failed send delivered nothing); an
  ///    operation that cannot be sent alone gets the send error with its op,
  ///    as one-by-one (e.g. EMSGSIZE, Origin::Transport, "sendto: ...").
  ///    With stop_on_unknown, operations after an unknown outcome are not
  ///    sent either: ECANCELED, Origin::Transport, detail kNotSent;
  ///  - unknown (Outcome::Unknown): the operation was sent (so the kernel ran
  ///    it, or is sure to) but its answer never arrived: ENOBUFS, detail
  ///    kAckLost, when the receive buffer overflowed and ACKs were dropped;
  ///    else the errno and origin of the failure (a recvmmsg error, or
  ///    EBADMSG / Origin::Decode for a malformed reply), detail
  ///    "outcome unknown: <what failed>". After such a failure the client
  ///    reads whatever replies are already queued, without blocking, so every
  ///    ACK that survived still counts; then it goes on with the next window
  ///    (smaller, after ENOBUFS, unless shrink_on_overflow is false).
  /// Never is an operation reported applied without its ACK, or (Acks::Last)
  /// without proof that its NACK could not have been lost.
  ///
  /// What the caller can do about unknown outcomes: read the table back
  /// (services(), destinations()) and compare; do not blindly resend, since
  /// e.g. an add that did succeed fails the second time with EEXIST.
  /// Windows are sized from the transport's limits so that, with the buffers
  /// open_genl_transport sets up, ACK loss is not expected in practice.
  std::vector<Result<void>> execute(const Batch& batch, const BatchOptions& options = {});

  /// A snapshot of the table: services() in the kernel's order, each with its
  /// destinations(). Not atomic: the kernel has no snapshot, so a change made
  /// meanwhile by another program may or may not show.
  Result<Table> table();

  /// Runs `plan` (ipvs::plan) all or nothing: its steps as one pipelined
  /// batch (execute, stop_on_unknown set); if any step fails, every step
  /// that took effect is undone, last first (ipvs::undo), in a second batch.
  /// A step whose outcome is unknown counts as applied, so it is undone too.
  /// The report says which step failed first and with what error, and, if
  /// undoing failed as well, which undo operations did not take effect.
  ApplyReport apply(const Plan& plan, BatchOptions options = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ipvs
