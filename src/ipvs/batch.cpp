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

template <typename Encode>
std::size_t Batch::append(Op op, Encode encode) {
  const std::size_t at = bytes_.size();
  bytes_ = encode(std::move(bytes_));
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
  return append(Op::AddService, [&](nl::Bytes b) {
    return nl::encode_new_service(kNoFamily, kNoSeq, svc, std::move(b));
  });
}

std::size_t Batch::queue_edit_service(const Service& svc) {
  return append(Op::EditService, [&](nl::Bytes b) {
    return nl::encode_set_service(kNoFamily, kNoSeq, svc, std::move(b));
  });
}

std::size_t Batch::queue_delete_service(const ServiceKey& key) {
  return append(Op::DeleteService, [&](nl::Bytes b) {
    return nl::encode_del_service(kNoFamily, kNoSeq, key, std::move(b));
  });
}

std::size_t Batch::queue_add_destination(const ServiceKey& svc, const Destination& dest) {
  return append(Op::AddDestination, [&](nl::Bytes b) {
    return nl::encode_new_dest(kNoFamily, kNoSeq, svc, dest, std::move(b));
  });
}

std::size_t Batch::queue_edit_destination(const ServiceKey& svc, const Destination& dest) {
  return append(Op::EditDestination, [&](nl::Bytes b) {
    return nl::encode_set_dest(kNoFamily, kNoSeq, svc, dest, std::move(b));
  });
}

std::size_t Batch::queue_delete_destination(const ServiceKey& svc, const Destination& dest) {
  return append(Op::DeleteDestination, [&](nl::Bytes b) {
    return nl::encode_del_dest(kNoFamily, kNoSeq, svc, dest, std::move(b));
  });
}

std::size_t Batch::queue_flush() {
  return append(Op::Flush, [](nl::Bytes b) { return nl::encode_flush(kNoFamily, kNoSeq, std::move(b)); });
}

std::size_t Batch::queue_zero(const std::optional<ServiceKey>& svc) {
  return append(Op::Zero, [&](nl::Bytes b) {
    return nl::encode_zero(kNoFamily, kNoSeq, svc, std::move(b));
  });
}

std::size_t Batch::queue_set_timeouts(const Timeouts& t) {
  return append(Op::SetTimeouts, [&](nl::Bytes b) {
    return nl::encode_set_config(kNoFamily, kNoSeq, t, std::move(b));
  });
}

std::size_t Batch::queue_start_daemon(const Daemon& d) {
  return append(Op::StartDaemon, [&](nl::Bytes b) {
    return nl::encode_new_daemon(kNoFamily, kNoSeq, d, std::move(b));
  });
}

std::size_t Batch::queue_stop_daemon(DaemonState state) {
  return append(Op::StopDaemon, [&](nl::Bytes b) {
    return nl::encode_del_daemon(kNoFamily, kNoSeq, state, std::move(b));
  });
}

}  // namespace ipvs
