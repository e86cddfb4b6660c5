// listing_profile: drives the real -Ln / -Sn path (cli::run_outcome over an
// ipvs::Client, the formatters and an Output) over a transport that replays
// kernel-shaped dump replies generated up front, so callgrind can count the
// instructions of each stage on a host without IPVS (scripts/profile-listing).
// Not a test and not installed.
//
//   listing_profile SERVICESxDESTS -Ln|-Sn|floor
//
// The table is the benchmark's (scripts/bench): services 10.H.M.L:80 tcp rr,
// DESTS real servers 192.168.x.y:80 masq weight 1 each. Replies are laid out as
// the 6.1 kernel sends them (tests/fakes/ipvs_replies.cpp: every attribute, STATS
// and STATS64), packed into dump datagrams of up to kDumpBytes like the kernel's
// 32 KiB dump skbs, with NLMSG_DONE in the last one.
//
// Stages, as functions callgrind reports inclusively (the script subtracts):
//   ReplayTransport::receive_queued   receive: copying datagrams out (the kernel's
//                                     copy to user space is not counted by callgrind)
//   ReplayTransport::send             the harness's own bookkeeping (excluded)
//   ipvs::Client::services/destinations minus the two above: decode
//   ipvs::format::sort_*              sort
//   ipvs::format::render_*            format
//   NullOutput::out                   write (appending to the output buffer;
//                                     the write(2) itself is a syscall, not counted)
//   floor_list                        `floor`: the same receive plus the identity
//                                     walk of tests/tools/ipvs_floor.c, nothing else
#include <linux/genetlink.h>
#include <linux/ip_vs.h>
#include <linux/netlink.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/parser.hpp"
#include "cli/runner.hpp"
#include "cli/system_names.hpp"
#include "fakes/ipvs_replies.hpp"
#include "format/resolver.hpp"
#include "ipvs/client.hpp"

namespace {

namespace reply = ipvs::testing::reply;
using Bytes = std::vector<std::uint8_t>;

/// Dump datagrams: the kernel's dump skbs hold SKB_WITH_OVERHEAD(32768) bytes.
constexpr std::size_t kDumpBytes = 32768 - 320;
/// Datagrams handed out per receive_queued, as GenlTransport's recvmmsg slots.
constexpr std::size_t kSlots = 32;

/// Packs messages into dump datagrams; NLMSG_DONE joins the last if it fits.
std::vector<Bytes> pack(const std::vector<Bytes>& msgs) {
  std::vector<Bytes> out(1);
  for (const Bytes& m : msgs) {
    if (!out.back().empty() && out.back().size() + m.size() > kDumpBytes) out.emplace_back();
    out.back().insert(out.back().end(), m.begin(), m.end());
  }
  const Bytes done = reply::done(0);
  if (out.back().size() + done.size() > kDumpBytes) out.emplace_back();
  out.back().insert(out.back().end(), done.begin(), done.end());
  return out;
}

/// The kernel side: answers GET_INFO, the service dump and each service's
/// destination dump from replies built before the measured part.
class ReplayTransport final : public ipvs::Transport {
 public:
  ReplayTransport(unsigned services, unsigned dests) {
    std::vector<Bytes> svc_msgs;
    unsigned k = 0;
    for (unsigned i = 0; i < services; ++i) {
      ipvs::Service s;
      const unsigned a = i / 250;
      const std::uint32_t vip = (10u << 24) | ((1 + a / 256) << 16) | ((a % 256) << 8) | (i % 250 + 1);
      s.key.address = ipvs::Address::v4(vip);
      s.key.port = 80;
      s.scheduler = "rr";
      s.flags = ipvs::svc_flags::kHashed;
      svc_msgs.push_back(reply::service(0, s));
      std::vector<Bytes> dest_msgs;
      for (unsigned j = 0; j < dests; ++j, ++k) {
        ipvs::Destination d;
        d.address = ipvs::Address::v4((192u << 24) | (168u << 16) | ((k / 250) << 8) | (k % 250 + 1));
        d.port = 80;
        d.forward = ipvs::Forward::Masq;
        dest_msgs.push_back(reply::dest(0, d));
      }
      dest_dumps_[htonl(vip)] = pack(dest_msgs);
    }
    service_dump_ = pack(svc_msgs);
    info_ = {reply::info(0, ipvs::Info{0x010201, 4096}), reply::ack(0)};
  }

  std::uint16_t family_id() const noexcept override { return ipvs::testing::kFakeFamily; }
  ipvs::TransportLimits limits() const noexcept override { return {212960, 425984}; }

  __attribute__((noinline)) ipvs::Result<void> send(std::span<const std::uint8_t> d) override {
    const auto* h = reinterpret_cast<const nlmsghdr*>(d.data());
    const auto* g = reinterpret_cast<const genlmsghdr*>(d.data() + NLMSG_HDRLEN);
    pending_ = nullptr;
    next_ = 0;
    if (g->cmd == IPVS_CMD_GET_INFO) pending_ = &info_;
    if (g->cmd == IPVS_CMD_GET_SERVICE) pending_ = &service_dump_;
    if (g->cmd == IPVS_CMD_GET_DEST) pending_ = &dest_dumps_[service_addr(d)];
    if (pending_ == nullptr) return ipvs::Error::transport(ipvs::Op::Init, EOPNOTSUPP, ipvs::Outcome::NotSent, "replay: unexpected request");
    for (Bytes& dg : *pending_) {  // the replies carry the request's sequence number
      for (std::size_t at = 0; at + NLMSG_HDRLEN <= dg.size();) {
        auto* m = reinterpret_cast<nlmsghdr*>(dg.data() + at);
        m->nlmsg_seq = h->nlmsg_seq;
        if (m->nlmsg_type == NLMSG_ERROR)
          reinterpret_cast<nlmsgerr*>(dg.data() + at + NLMSG_HDRLEN)->msg.nlmsg_seq = h->nlmsg_seq;
        at += NLMSG_ALIGN(m->nlmsg_len);
      }
    }
    return {};
  }

  __attribute__((noinline)) ipvs::Result<std::size_t> receive_queued(std::vector<std::uint8_t>& out,
                                                                    ipvs::Wait wait) override {
    out.clear();
    std::size_t count = 0;
    while (pending_ != nullptr && next_ < pending_->size() && count < kSlots) {
      const Bytes& dg = (*pending_)[next_++];
      out.insert(out.end(), dg.begin(), dg.end());
      out.resize((out.size() + 3u) & ~std::size_t{3}, 0);
      ++count;
    }
    if (count == 0 && wait == ipvs::Wait::Block)
      return ipvs::Error::transport(ipvs::Op::Init, ETIMEDOUT, ipvs::Outcome::Unknown, "replay: nothing to receive");
    return count;
  }

 private:
  /// IPVS_SVC_ATTR_ADDR's first 4 bytes (network order) in a GET_DEST request.
  static std::uint32_t service_addr(std::span<const std::uint8_t> d) {
    std::size_t at = NLMSG_HDRLEN + GENL_HDRLEN;
    while (at + NLA_HDRLEN <= d.size()) {
      const auto* a = reinterpret_cast<const nlattr*>(d.data() + at);
      if ((a->nla_type & NLA_TYPE_MASK) == IPVS_CMD_ATTR_SERVICE) {
        at += NLA_HDRLEN;
        continue;  // into the nest
      }
      if ((a->nla_type & NLA_TYPE_MASK) == IPVS_SVC_ATTR_ADDR) {
        std::uint32_t v;
        std::memcpy(&v, d.data() + at + NLA_HDRLEN, 4);
        return v;
      }
      at += NLA_ALIGN(a->nla_len);
    }
    return 0;
  }

  std::vector<Bytes> service_dump_, info_;
  std::map<std::uint32_t, std::vector<Bytes>> dest_dumps_;
  std::vector<Bytes>* pending_ = nullptr;
  std::size_t next_ = 0;
};

/// stdout as main.cpp's StdOutput gathers it: 64 KiB chunks, written to a
/// descriptor (/dev/null under the script).
class NullOutput final : public ipvs::cli::Output {
 public:
  __attribute__((noinline)) void out(std::string_view text) override {
    buf_.append(text);
    if (buf_.size() >= (1 << 16)) flush();
  }
  void err(std::string_view text) override { std::fwrite(text.data(), 1, text.size(), stderr); }
  void flush() {
    if (::write(STDOUT_FILENO, buf_.data(), buf_.size()) < 0) std::perror("write");
    buf_.clear();
  }
  ~NullOutput() override { flush(); }

 private:
  std::string buf_;
};

/// What tests/tools/ipvs_floor.c does with a dump: walk every message and the
/// identity attributes of its SERVICE or DEST nest; nothing kept but a count.
struct FloorCounts {
  std::size_t services = 0, dests = 0;
  std::uint32_t sink = 0;
};
void floor_walk(const std::vector<std::uint8_t>& buf, FloorCounts& c, std::vector<ipvs::ServiceKey>* keys) {
  std::size_t left = buf.size();
  for (auto* h = reinterpret_cast<const nlmsghdr*>(buf.data()); NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
    if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) continue;
    const auto* p = reinterpret_cast<const std::uint8_t*>(h) + NLMSG_HDRLEN + GENL_HDRLEN;
    const auto* end = reinterpret_cast<const std::uint8_t*>(h) + h->nlmsg_len;
    while (p + NLA_HDRLEN <= end) {
      const auto* top = reinterpret_cast<const nlattr*>(p);
      const auto* q = p + NLA_HDRLEN;
      const auto* qend = p + top->nla_len;
      const int type = top->nla_type & NLA_TYPE_MASK;
      ipvs::ServiceKey k;
      while ((type == IPVS_CMD_ATTR_SERVICE || type == IPVS_CMD_ATTR_DEST) && q + NLA_HDRLEN <= qend) {
        const auto* a = reinterpret_cast<const nlattr*>(q);
        const int t = a->nla_type & NLA_TYPE_MASK;
        std::uint32_t v = 0;
        if (type == IPVS_CMD_ATTR_SERVICE && t == IPVS_SVC_ATTR_ADDR) std::memcpy(&v, q + NLA_HDRLEN, 4), k.address = ipvs::Address::v4(ntohl(v));
        if (type == IPVS_CMD_ATTR_SERVICE && t == IPVS_SVC_ATTR_PORT) std::memcpy(&v, q + NLA_HDRLEN, 2), k.port = ntohs(static_cast<std::uint16_t>(v));
        if (type == IPVS_CMD_ATTR_DEST && (t == IPVS_DEST_ATTR_ADDR || t == IPVS_DEST_ATTR_PORT)) std::memcpy(&v, q + NLA_HDRLEN, 2), c.sink += v;
        q += NLA_ALIGN(a->nla_len);
      }
      if (type == IPVS_CMD_ATTR_SERVICE) ++c.services, keys->push_back(k);
      if (type == IPVS_CMD_ATTR_DEST) ++c.dests;
      p += NLA_ALIGN(top->nla_len);
    }
  }
}

/// The floor's `list` over the replay transport: one service dump, one
/// destination dump per service, identities only.
__attribute__((noinline)) FloorCounts floor_list(ReplayTransport& t) {
  FloorCounts c;
  std::vector<ipvs::ServiceKey> keys;
  std::vector<std::uint8_t> buf;
  auto request = [&](std::uint8_t cmd, const ipvs::ServiceKey* key) {
    std::uint8_t req[64] = {};
    auto* h = reinterpret_cast<nlmsghdr*>(req);
    h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
    h->nlmsg_type = ipvs::testing::kFakeFamily;
    h->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    reinterpret_cast<genlmsghdr*>(req + NLMSG_HDRLEN)->cmd = cmd;
    if (key != nullptr) {  // the service nest: just its address, which the replay needs
      auto* nest = reinterpret_cast<nlattr*>(req + h->nlmsg_len);
      nest->nla_type = NLA_F_NESTED | IPVS_CMD_ATTR_SERVICE;
      nest->nla_len = NLA_HDRLEN + NLA_HDRLEN + 16;
      auto* a = reinterpret_cast<nlattr*>(req + h->nlmsg_len + NLA_HDRLEN);
      a->nla_type = IPVS_SVC_ATTR_ADDR;
      a->nla_len = NLA_HDRLEN + 16;
      std::memcpy(req + h->nlmsg_len + 2 * NLA_HDRLEN, key->address.bytes.data(), 4);
      h->nlmsg_len += nest->nla_len;
    }
    (void)t.send(std::span<const std::uint8_t>(req, h->nlmsg_len));
    for (;;) {
      auto n = t.receive_queued(buf, ipvs::Wait::Never);
      if (!n || *n == 0) break;
      floor_walk(buf, c, &keys);
    }
  };
  request(IPVS_CMD_GET_SERVICE, nullptr);
  const std::vector<ipvs::ServiceKey> services = keys;
  for (const ipvs::ServiceKey& k : services) request(IPVS_CMD_GET_DEST, &k);
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned services = 0, dests = 0;
  if (argc != 3 || std::sscanf(argv[1], "%ux%u", &services, &dests) != 2 || services == 0 ||
      services > 64000 || services * dests > 64000) {
    std::fprintf(stderr, "usage: listing_profile SERVICESxDESTS -Ln|-Sn|floor\n");
    return 2;
  }
  const std::string op = argv[2];
  auto transport = std::make_unique<ReplayTransport>(services, dests);
  if (op == "floor") {
    const FloorCounts c = floor_list(*transport);
    std::printf("services %zu dests %zu\n", c.services, c.dests);
    return c.services == services && c.dests == std::size_t{services} * dests ? 0 : 1;
  }
  ipvs::cli::SystemNames names;
  NullOutput io;
  std::vector<std::string> args{"ipvsadm", op};
  const ipvs::cli::ParseOutcome outcome = ipvs::cli::parse_command_line(args, names);
  ipvs::Client client(std::move(transport));
  auto info = client.info();
  if (!info) {
    std::fprintf(stderr, "listing_profile: info failed\n");
    return 1;
  }
  auto resolver = ipvs::format::make_caching_resolver(names);
  ipvs::cli::Context ctx{client, *info, names, *resolver, io, args[0]};
  std::istringstream in;
  return ipvs::cli::run_outcome(outcome, in, ctx);
}
