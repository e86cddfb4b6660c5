// Batch: each queue_* call encodes its request right away (family id and
// sequence number 0, filled in by Client::execute) at the end of one
// contiguous buffer, so a large batch costs ~100-200 bytes per operation and
// no allocation per operation.

#include "ipvs/batch.hpp"

#include <utility>

#include "netlink/codec.hpp"

namespace ipvs {

namespace {

/// Placeholders patched at send time (nl::set_type_and_seq).
constexpr std::uint16_t kNoFamily = 0;
constexpr std::uint32_t kNoSeq = 0;

}  // namespace

template <typename Encode, typename... Args>
std::size_t Batch::append(Op op, Encode encode, const Args&... args) {
  const std::size_t at = bytes_.size();
  bytes_ = encode(kNoFamily, kNoSeq, args..., std::move(bytes_));
  entries_.push_back(Entry{op, at, bytes_.size() - at});
  return entries_.size() - 1;
}

std::span<const std::uint8_t> Batch::request(std::size_t index) const {
  const Entry& e = entries_.at(index);
  return std::span<const std::uint8_t>(bytes_).subspan(e.offset, e.length);
}

void Batch::clear() noexcept {
  bytes_.clear();
  entries_.clear();
}

std::size_t Batch::queue_add_service(const Service& svc) {
  return append(Op::AddService, nl::encode_new_service, svc);
}

std::size_t Batch::queue_edit_service(const Service& svc) {
  return append(Op::EditService, nl::encode_set_service, svc);
}

std::size_t Batch::queue_delete_service(const ServiceKey& key) {
  return append(Op::DeleteService, nl::encode_del_service, key);
}

std::size_t Batch::queue_add_destination(const ServiceKey& svc, const Destination& dest) {
  return append(Op::AddDestination, nl::encode_new_dest, svc, dest);
}

std::size_t Batch::queue_edit_destination(const ServiceKey& svc, const Destination& dest) {
  return append(Op::EditDestination, nl::encode_set_dest, svc, dest);
}

std::size_t Batch::queue_delete_destination(const ServiceKey& svc, const Destination& dest) {
  return append(Op::DeleteDestination, nl::encode_del_dest, svc, dest);
}

std::size_t Batch::queue_flush() { return append(Op::Flush, nl::encode_flush); }

std::size_t Batch::queue_zero(const std::optional<ServiceKey>& svc) {
  return append(Op::Zero, nl::encode_zero, svc);
}

std::size_t Batch::queue_set_timeouts(const Timeouts& t) {
  return append(Op::SetTimeouts, nl::encode_set_config, t);
}

std::size_t Batch::queue_start_daemon(const Daemon& d) {
  return append(Op::StartDaemon, nl::encode_new_daemon, d);
}

std::size_t Batch::queue_stop_daemon(DaemonState state) {
  return append(Op::StopDaemon, nl::encode_del_daemon, state);
}

}  // namespace ipvs
