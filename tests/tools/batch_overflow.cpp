// batch_overflow: drives a real receive-buffer overflow (ENOBUFS) in the
// middle of a pipelined batch against the kernel's IPVS, and checks what
// Client::execute reports against the table the kernel is left with.
// Run by lab scenario 505 (as root, in the guest):
//
//   batch_overflow each|last PAIRS
//
// The batch: PAIRS times "add service 10.77.H.L:80" (which the kernel accepts)
// and "add a real server to 10.78.H.L:80" (a service that does not exist: the
// kernel rejects it with ESRCH). The socket gets the smallest receive buffer
// the kernel allows, and the client is not told (the transport below hides
// the limit), so windows of 64 overflow it: with `each` through ACKs, with
// `last` (Acks::Last, the default) through the NACKs.
//
// Checks (each printed as "name: yes"; any "no" exits 1):
//   overflow   at least one result says its acknowledgement was lost
//   applied    every operation reported applied is in the table
//   rejected   every operation reported rejected is absent, with ESRCH
//   unknown    every unknown outcome is an unknown acknowledgement (ENOBUFS)
//   recovered  the last window, after the windows shrank, was answered in full
//   table      the table holds exactly the PAIRS services, no real servers
// and one line of counts on stderr (scenario 505 sends it to the console:
// the counts depend on the kernel's skb sizes, not on us).

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ipvs/batch.hpp"
#include "ipvs/client.hpp"
#include "ipvs/genl_transport.hpp"

namespace {

/// Forwards to the real transport but reports no receive-buffer limit, so
/// the client does not shrink its first windows to fit.
class HiddenLimit final : public ipvs::Transport {
 public:
  explicit HiddenLimit(std::unique_ptr<ipvs::Transport> inner) : inner_(std::move(inner)) {}
  std::uint16_t family_id() const noexcept override { return inner_->family_id(); }
  ipvs::TransportLimits limits() const noexcept override {
    ipvs::TransportLimits l = inner_->limits();
    l.receive_buffer = 0;
    return l;
  }
  ipvs::Result<void> send(std::span<const std::uint8_t> d) override { return inner_->send(d); }
  ipvs::Result<std::size_t> receive_queued(std::vector<std::uint8_t>& out, ipvs::Wait wait) override {
    return inner_->receive_queued(out, wait);
  }

 private:
  std::unique_ptr<ipvs::Transport> inner_;
};

ipvs::ServiceKey key(std::uint8_t second_octet, std::size_t i) {
  ipvs::ServiceKey k;
  k.family = ipvs::Family::Inet;
  k.protocol = ipvs::Protocol::Tcp;
  k.address = ipvs::Address::v4((10u << 24) | (std::uint32_t{second_octet} << 16) | static_cast<std::uint32_t>(i + 1));
  k.port = 80;
  return k;
}

bool check(const char* name, bool ok) {
  std::printf("%s: %s\n", name, ok ? "yes" : "no");
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || (std::strcmp(argv[1], "each") != 0 && std::strcmp(argv[1], "last") != 0)) {
    std::fprintf(stderr, "usage: batch_overflow each|last PAIRS\n");
    return 2;
  }
  const bool each = std::strcmp(argv[1], "each") == 0;
  const std::size_t pairs = std::strtoul(argv[2], nullptr, 10);

  ipvs::GenlOptions genl;
  genl.socket_buffer_bytes = 1;  // the kernel's minimum
  auto opened = ipvs::open_genl_transport(genl);
  if (!opened) {
    std::fprintf(stderr, "batch_overflow: %s\n", opened.error().detail.c_str());
    return 1;
  }
  ipvs::Client client(std::make_unique<HiddenLimit>(std::move(opened.value())));

  ipvs::Batch batch;
  for (std::size_t i = 0; i < pairs; ++i) {
    ipvs::Service s;
    s.key = key(77, i);
    s.scheduler = "rr";
    batch.queue_add_service(s);
    ipvs::Destination d;
    d.address = ipvs::Address::v4(0xac100001);  // 172.16.0.1
    d.port = 80;
    d.forward = ipvs::Forward::Masq;
    d.weight = 1;
    batch.queue_add_destination(key(78, i), d);
  }
  ipvs::BatchOptions options;
  options.acks = each ? ipvs::BatchOptions::Acks::Each : ipvs::BatchOptions::Acks::Last;
  options.window = 64;
  const auto results = client.execute(batch, options);

  auto table = client.services();
  if (!table) {
    std::fprintf(stderr, "batch_overflow: listing: %s\n", table.error().detail.c_str());
    return 1;
  }
  std::set<std::uint32_t> present;  // addresses of the services in the table
  std::size_t dests = 0;
  for (const ipvs::Service& s : *table) {
    present.insert(s.key.address.v4_host());
    auto d = client.destinations(s.key);
    if (d) dests += d->size();
  }

  std::size_t applied = 0, rejected = 0, unknown = 0;
  bool applied_ok = true, rejected_ok = true, unknown_ok = true;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const bool is_service = i % 2 == 0;
    const std::uint32_t addr = key(is_service ? 77 : 78, i / 2).address.v4_host();
    const auto& r = results[i];
    if (r.ok()) {
      ++applied;
      // A real server reported added to a service that does not exist is a lie.
      if (!is_service || present.count(addr) == 0) applied_ok = false;
    } else if (r.error().outcome == ipvs::Outcome::Unknown) {
      ++unknown;
      if (r.error().errnum != ENOBUFS) unknown_ok = false;
    } else {
      ++rejected;
      if (is_service || r.error().errnum != ESRCH || present.count(addr) != 0) rejected_ok = false;
    }
  }
  const bool last_answered =
      !results.empty() && (results.back().ok() || results.back().error().outcome != ipvs::Outcome::Unknown);
  std::fprintf(stderr, "batch_overflow %s: %zu operations: %zu applied, %zu rejected, %zu unknown\n",
               argv[1], results.size(), applied, rejected, unknown);

  bool ok = true;
  ok &= check("overflow", unknown > 0);
  ok &= check("applied", applied_ok);
  ok &= check("rejected", rejected_ok);
  ok &= check("unknown", unknown_ok);
  ok &= check("recovered", last_answered);
  ok &= check("table", present.size() == pairs && dests == 0);
  return ok ? 0 : 1;
}
