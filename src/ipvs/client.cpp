// Client = codec + Transport. Every operation sends one request with a fresh
// sequence number and reads datagrams until that request is complete:
//   do-request   the ACK (error 0) or a NACK (errno) completes it;
//   get-request  a data message, then the ACK (both consumed, so the socket
//                stays usable; libnl would leave the ACK unread);
//   dump         data messages (NLM_F_MULTI) until NLMSG_DONE.
// Messages with another sequence number are leftovers of an earlier request
// and are skipped.

#include "ipvs/client.hpp"

#include <cerrno>
#include <functional>
#include <string>
#include <utility>

#include "netlink/codec.hpp"
#include "netlink/message.hpp"

namespace ipvs {

namespace {

/// A dump whose parts carry NLM_F_DUMP_INTR is started again, at most this
/// many times in all; after that the operation fails with EINTR.
constexpr int kMaxDumpAttempts = 4;

using DataHandler = std::function<Result<void>(std::span<const std::uint8_t>)>;

enum class Kind { Do, Get, Dump };

/// Transport errors carry no operation; give them the caller's. Decode errors
/// keep Op::Decode and get the operation's name in front of their reason.
Error tag(Error e, Op op) {
  if (e.op == Op::Decode) {
    e.detail = std::string(op_name(op)) + ": " + e.detail;
  } else {
    e.op = op;
  }
  return e;
}

}  // namespace

struct Client::Impl {
  std::unique_ptr<Transport> transport;
  std::uint32_t next_seq = 1;
  std::vector<std::uint8_t> rx;

  std::uint32_t take_seq() {
    const std::uint32_t seq = next_seq++;
    if (next_seq == 0) next_seq = 1;
    return seq;
  }

  std::uint16_t family() const { return transport->family_id(); }

  /// Sends `request` (sequence `seq`) and reads until it is complete. Each
  /// data message of this request goes to `on_data`; after its first error
  /// the rest are read and dropped, and that error is returned at the end.
  /// `interrupted` is set when any part carried NLM_F_DUMP_INTR.
  Result<void> exchange(Op op, Kind kind, std::uint32_t seq, const nl::Bytes& request,
                        const DataHandler& on_data, bool* interrupted = nullptr) {
    if (auto sent = transport->send(request); !sent) return tag(sent.error(), op);
    std::optional<Error> data_error;
    for (;;) {
      if (auto got = transport->receive(rx); !got) return tag(got.error(), op);
      auto messages = nl::parse_datagram(rx);
      if (!messages) return tag(messages.error(), op);
      for (const nl::Message& m : *messages) {
        if (m.seq != seq) continue;  // stale: an earlier request's reply
        if (m.dump_interrupted() && interrupted != nullptr) *interrupted = true;
        if (m.is_error()) {
          if (m.error != 0) return Error{op, m.error, m.extack};
          if (kind == Kind::Dump) continue;  // the kernel sends no ACK for a started dump
          if (data_error) return *data_error;
          return {};
        }
        if (m.is_done()) {
          if (kind != Kind::Dump) continue;
          if (m.error != 0) return Error{op, m.error, m.extack};
          if (data_error) return *data_error;
          return {};
        }
        if (m.type != family() || kind == Kind::Do || data_error) continue;
        if (auto handled = on_data(m.payload); !handled) data_error = tag(handled.error(), op);
      }
    }
  }

  /// A do-request: success is the kernel's ACK.
  Result<void> run(Op op, const std::function<nl::Bytes(std::uint32_t)>& encode) {
    const std::uint32_t seq = take_seq();
    return exchange(op, Kind::Do, seq, encode(seq), {});
  }

  /// A get-request answered by exactly one data message.
  template <typename T, typename Decode>
  Result<T> get(Op op, const std::function<nl::Bytes(std::uint32_t)>& encode, Decode decode) {
    const std::uint32_t seq = take_seq();
    std::optional<T> value;
    auto done = exchange(op, Kind::Get, seq, encode(seq), [&](std::span<const std::uint8_t> p) -> Result<void> {
      if (value) return {};  // only the first reply counts
      auto decoded = decode(p);
      if (!decoded) return decoded.error();
      value = std::move(*decoded);
      return {};
    });
    if (!done) return done.error();
    if (!value) return tag(nl::decode_error("no reply message before the ACK"), op);
    return std::move(*value);
  }

  /// A dump, restarted while the kernel flags it as interrupted.
  template <typename T, typename Decode>
  Result<std::vector<T>> dump(Op op, const std::function<nl::Bytes(std::uint32_t)>& encode,
                              Decode decode) {
    for (int attempt = 0; attempt < kMaxDumpAttempts; ++attempt) {
      const std::uint32_t seq = take_seq();
      std::vector<T> items;
      bool interrupted = false;
      auto done = exchange(op, Kind::Dump, seq, encode(seq),
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
    return Error{op, EINTR,
                 "dump interrupted by concurrent changes " + std::to_string(kMaxDumpAttempts) + " times"};
  }
};

Client::Client(std::unique_ptr<Transport> transport) : impl_(std::make_unique<Impl>()) {
  impl_->transport = std::move(transport);
}
Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

Result<Info> Client::info() {
  const auto fam = impl_->family();
  return impl_->get<Info>(
      Op::GetInfo, [fam](std::uint32_t seq) { return nl::encode_get_info(fam, seq); }, nl::decode_info);
}

Result<std::vector<Service>> Client::services() {
  const auto fam = impl_->family();
  return impl_->dump<Service>(
      Op::GetServices, [fam](std::uint32_t seq) { return nl::encode_get_services(fam, seq); },
      nl::decode_service);
}

Result<Service> Client::service(const ServiceKey& key) {
  const auto fam = impl_->family();
  return impl_->get<Service>(
      Op::GetService, [&](std::uint32_t seq) { return nl::encode_get_service(fam, seq, key); },
      nl::decode_service);
}

Result<void> Client::add_service(const Service& svc) {
  const auto fam = impl_->family();
  return impl_->run(Op::AddService, [&](std::uint32_t seq) { return nl::encode_new_service(fam, seq, svc); });
}

Result<void> Client::edit_service(const Service& svc) {
  const auto fam = impl_->family();
  return impl_->run(Op::EditService, [&](std::uint32_t seq) { return nl::encode_set_service(fam, seq, svc); });
}

Result<void> Client::delete_service(const ServiceKey& key) {
  const auto fam = impl_->family();
  return impl_->run(Op::DeleteService, [&](std::uint32_t seq) { return nl::encode_del_service(fam, seq, key); });
}

Result<std::vector<Destination>> Client::destinations(const ServiceKey& key) {
  const auto fam = impl_->family();
  return impl_->dump<Destination>(
      Op::GetDestinations, [&](std::uint32_t seq) { return nl::encode_get_dests(fam, seq, key); },
      [&](std::span<const std::uint8_t> p) { return nl::decode_dest(p, key.family); });
}

Result<void> Client::add_destination(const ServiceKey& svc, const Destination& dest) {
  const auto fam = impl_->family();
  return impl_->run(Op::AddDestination,
                    [&](std::uint32_t seq) { return nl::encode_new_dest(fam, seq, svc, dest); });
}

Result<void> Client::edit_destination(const ServiceKey& svc, const Destination& dest) {
  const auto fam = impl_->family();
  return impl_->run(Op::EditDestination,
                    [&](std::uint32_t seq) { return nl::encode_set_dest(fam, seq, svc, dest); });
}

Result<void> Client::delete_destination(const ServiceKey& svc, const Destination& dest) {
  const auto fam = impl_->family();
  return impl_->run(Op::DeleteDestination,
                    [&](std::uint32_t seq) { return nl::encode_del_dest(fam, seq, svc, dest); });
}

Result<void> Client::flush() {
  const auto fam = impl_->family();
  return impl_->run(Op::Flush, [fam](std::uint32_t seq) { return nl::encode_flush(fam, seq); });
}

Result<void> Client::zero(const std::optional<ServiceKey>& svc) {
  const auto fam = impl_->family();
  return impl_->run(Op::Zero, [&](std::uint32_t seq) { return nl::encode_zero(fam, seq, svc); });
}

Result<Timeouts> Client::timeouts() {
  const auto fam = impl_->family();
  return impl_->get<Timeouts>(
      Op::GetTimeouts, [fam](std::uint32_t seq) { return nl::encode_get_config(fam, seq); },
      nl::decode_config);
}

Result<void> Client::set_timeouts(const Timeouts& t) {
  const auto fam = impl_->family();
  return impl_->run(Op::SetTimeouts, [&](std::uint32_t seq) { return nl::encode_set_config(fam, seq, t); });
}

Result<std::vector<Daemon>> Client::daemons() {
  const auto fam = impl_->family();
  return impl_->dump<Daemon>(
      Op::GetDaemons, [fam](std::uint32_t seq) { return nl::encode_get_daemons(fam, seq); },
      nl::decode_daemon);
}

Result<void> Client::start_daemon(const Daemon& d) {
  const auto fam = impl_->family();
  return impl_->run(Op::StartDaemon, [&](std::uint32_t seq) { return nl::encode_new_daemon(fam, seq, d); });
}

Result<void> Client::stop_daemon(DaemonState state) {
  const auto fam = impl_->family();
  return impl_->run(Op::StopDaemon, [&](std::uint32_t seq) { return nl::encode_del_daemon(fam, seq, state); });
}

}  // namespace ipvs
