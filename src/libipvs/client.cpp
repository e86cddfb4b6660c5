// The one-by-one Client operations over Client::Impl (client_impl.hpp).

#include "ipvs/client.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "libipvs/client_impl.hpp"
#include "netlink/codec.hpp"

namespace ipvs {

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

namespace {

/// Up to this many entries are compared pair by pair, without allocating.
constexpr std::size_t kPairwise = 16;

/// The kernel resumes a multi-part IPVS dump by position and never flags it
/// interrupted (IPVS sets no NLM_F_DUMP_INTR): an entry added or removed
/// between two parts shifts the positions, so one entry can come twice (seen
/// in the lab under concurrent changes). IPVS never holds two equal entries,
/// so a repeated key proves the dump was torn, and it is read again.
template <typename T, typename KeyOf>
bool has_repeat(const std::vector<T>& items, KeyOf key_of) {
  if (items.size() <= kPairwise) {
    std::array<decltype(key_of(items.front())), kPairwise> keys;
    for (std::size_t i = 0; i < items.size(); ++i) {
      keys[i] = key_of(items[i]);
      for (std::size_t j = 0; j < i; ++j) {
        if (keys[j] == keys[i]) return true;
      }
    }
    return false;
  }
  std::vector<decltype(key_of(items.front()))> keys;
  keys.reserve(items.size());
  for (const T& item : items) keys.push_back(key_of(item));
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
}

template <typename T, typename Dump, typename KeyOf>
Result<std::vector<T>> dump_untorn(Dump dump, KeyOf key_of) {
  auto r = dump();
  for (int attempt = 1; attempt < detail::kMaxDumpAttempts && r && !r->empty() && has_repeat(*r, key_of);
       ++attempt) {
    r = dump();
  }
  return r;
}

}  // namespace

Result<std::vector<Service>> Client::services() {
  const auto fam = impl_->family();
  return dump_untorn<Service>(
      [&] {
        return impl_->dump<Service>(
            Op::GetServices, [fam](std::uint32_t seq) { return nl::encode_get_services(fam, seq); },
            nl::decode_service);
      },
      [](const Service& svc) { return service_identity(svc.key); });
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
  return dump_untorn<Destination>(
      [&] {
        return impl_->dump<Destination>(
            Op::GetDestinations, [&](std::uint32_t seq) { return nl::encode_get_dests(fam, seq, key); },
            [&](std::span<const std::uint8_t> p) { return nl::decode_dest(p, key.family); });
      },
      [](const Destination& d) { return dest_identity(d); });
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
