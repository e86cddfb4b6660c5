// list_bench: a listing through the real parser, runner, Client, codec and
// renderers, against a transport that replays kernel-shaped replies from
// memory, for counting instructions per listed real server (callgrind). Not a
// test and not run by ctest; see TESTING.md ("Listing cost").
//
//   list_bench SERVICES DESTS ARGS...     e.g.  list_bench 5000 4 -Ln > /dev/null
//
// The table: SERVICES TCP services 10.H.M.L:80 (rr), each with DESTS masq real
// servers 192.168.x.y:8080 with non-zero counters. The replies are built
// before the listing by tests/fakes/ipvs_replies (the kernel's attribute order,
// both STATS and STATS64 nests) and packed into datagrams as the 6.1 kernel
// packs a dump: parts up to SKB_WITH_OVERHEAD(32768) bytes, NLMSG_DONE in a
// datagram of its own. Inside the listing the transport only copies the
// prepared datagrams and patches their sequence numbers, as a socket's copy
// out of the kernel would cost. Output goes to stdout in 64 KiB writes, as
// ipvsadm's own does.
//
// The listing itself is ipvs::cli::run_outcome; callgrind's inclusive cost of
// that function (or --toggle-collect='ipvs::cli::run_outcome*') excludes
// building the replies.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/parser.hpp"
#include "cli/runner.hpp"
#include "cli/system_names.hpp"
#include "fakes/ipvs_replies.hpp"
#include "format/resolver.hpp"
#include "ipvs/client.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;
namespace reply = ipvs::testing::reply;
namespace nl = ipvs::nl;

constexpr std::uint16_t kFamily = ipvs::testing::kFakeFamily;
/// SKB_WITH_OVERHEAD(32768) on x86-64: the largest dump part the kernel builds
/// for a reader whose buffer is at least 32 KiB.
constexpr std::size_t kDumpSkb = 32768 - 320;

/// Dump parts packed into datagrams as the kernel does, then NLMSG_DONE alone.
std::vector<Bytes> pack_dump(const std::vector<Bytes>& parts) {
  std::vector<Bytes> out(1);
  for (const Bytes& m : parts) {
    if (!out.back().empty() && out.back().size() + m.size() > kDumpSkb) out.emplace_back();
    out.back().insert(out.back().end(), m.begin(), m.end());
  }
  out.push_back(reply::done(0));
  return out;
}

/// A request with its sequence number cleared: the key of its replies.
Bytes request_key(std::span<const std::uint8_t> request) {
  Bytes key(request.begin(), request.end());
  if (key.size() >= 12) std::memset(key.data() + 8, 0, 4);
  return key;
}

/// Answers each request with the datagrams prepared for it.
class ReplayTransport final : public ipvs::Transport {
 public:
  /// Requests (sequence 0) -> reply datagrams (sequence patched on the way out).
  std::map<Bytes, std::vector<Bytes>> replies;

  std::uint16_t family_id() const noexcept override { return kFamily; }
  ipvs::TransportLimits limits() const noexcept override { return {}; }

  ipvs::Result<void> send(std::span<const std::uint8_t> datagram) override {
    auto it = replies.find(request_key(datagram));
    if (it == replies.end()) {
      std::fprintf(stderr, "list_bench: no reply prepared for a request (cmd %u)\n",
                   datagram.size() > 16 ? datagram[16] : 0u);
      std::exit(3);
    }
    std::memcpy(&seq_, datagram.data() + 8, sizeof seq_);
    queued_ = &it->second;
    next_ = 0;
    return {};
  }

  /// Everything queued for the last request, in one go (the real socket's
  /// recvmmsg takes the dump's last part and its NLMSG_DONE together).
  ipvs::Result<std::size_t> receive_queued(std::vector<std::uint8_t>& out, ipvs::Wait wait) override {
    out.clear();
    std::size_t count = 0;
    while (queued_ != nullptr && next_ < queued_->size() && (count == 0 || wait == ipvs::Wait::Block)) {
      const Bytes& d = (*queued_)[next_++];
      const std::size_t at = out.size();
      out.insert(out.end(), d.begin(), d.end());
      for (std::size_t off = at; off + 16 <= out.size();) {  // patch every message's seq
        std::uint32_t len;
        std::memcpy(&len, out.data() + off, sizeof len);
        std::memcpy(out.data() + off + 8, &seq_, sizeof seq_);
        off += nl::nl_align(len);
      }
      ++count;
    }
    if (count == 0 && wait == ipvs::Wait::Block) {
      return ipvs::Error::transport(ipvs::Op::Init, ETIMEDOUT, ipvs::Outcome::Unknown, "list_bench: no reply queued");
    }
    return count;
  }

 private:
  const std::vector<Bytes>* queued_ = nullptr;
  std::size_t next_ = 0;
  std::uint32_t seq_ = 0;
};

/// SERVICES x DESTS, every reply prepared.
std::unique_ptr<ReplayTransport> make_table(unsigned services, unsigned dests) {
  auto t = std::make_unique<ReplayTransport>();
  const ipvs::Info info{0x010201, 4096};
  t->replies[request_key(nl::encode_get_info(kFamily, 0))] = {reply::datagram({reply::info(0, info, kFamily), reply::ack(0)})};
  std::vector<Bytes> svc_parts;
  for (unsigned s = 0; s < services; ++s) {
    ipvs::Service svc;
    svc.key.address = ipvs::Address::v4(0x0a000000u + s + 1);
    svc.key.port = 80;
    svc.scheduler = "rr";
    svc.flags = ipvs::svc_flags::kHashed;
    svc.stats = ipvs::Stats{1000 + s, 20000, 19000, 3000000, 40000000, 5, 60, 55, 7000, 80000};
    svc_parts.push_back(reply::service(0, svc));
    std::vector<Bytes> dest_parts;
    for (unsigned d = 0; d < dests; ++d) {
      ipvs::Destination dst;
      dst.address = ipvs::Address::v4(0xc0a80000u + ((s * dests + d) % 65000u) + 1);
      dst.port = 8080;
      dst.forward = ipvs::Forward::Masq;
      dst.weight = 1;
      dst.active_conns = 3 + d;
      dst.inactive_conns = 17;
      dst.stats = ipvs::Stats{250 + d, 5000, 4750, 750000, 10000000, 1, 15, 14, 1750, 20000};
      dest_parts.push_back(reply::dest(0, dst));
    }
    t->replies[request_key(nl::encode_get_dests(kFamily, 0, svc.key))] = pack_dump(dest_parts);
  }
  t->replies[request_key(nl::encode_get_services(kFamily, 0))] = pack_dump(svc_parts);
  return t;
}

/// stdout in 64 KiB writes, stderr at once (as main.cpp's StdOutput).
class Output final : public ipvs::cli::Output {
 public:
  ~Output() override { flush(); }
  void out(std::string_view text) override {
    buf_.append(text);
    if (buf_.size() >= (1u << 16)) flush();
  }
  void err(std::string_view text) override {
    flush();
    (void)!::write(STDERR_FILENO, text.data(), text.size());
  }
  void flush() {
    std::string_view rest = buf_;
    while (!rest.empty()) {
      const ssize_t n = ::write(STDOUT_FILENO, rest.data(), rest.size());
      if (n <= 0) break;
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
    buf_.clear();
  }

 private:
  std::string buf_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: list_bench SERVICES DESTS ipvsadm-args...   (e.g. 5000 4 -Ln)\n");
    return 2;
  }
  const auto services = static_cast<unsigned>(std::strtoul(argv[1], nullptr, 10));
  const auto dests = static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10));
  std::vector<std::string> args{"ipvsadm"};
  for (int i = 3; i < argc; ++i) args.emplace_back(argv[i]);

  ipvs::Client client(make_table(services, dests));
  auto info = client.info();
  if (!info) {
    std::fprintf(stderr, "list_bench: GET_INFO failed: %s\n", info.error().detail.c_str());
    return 3;
  }
  ipvs::cli::SystemNames names;
  const ipvs::cli::ParseOutcome outcome = ipvs::cli::parse_command_line(args, names);
  Output io;
  auto resolver = ipvs::format::make_caching_resolver(names);
  ipvs::cli::Context ctx{client, *info, names, *resolver, io, args[0]};
  const int rc = ipvs::cli::run_outcome(outcome, std::cin, ctx);
  io.flush();
  return rc;
}
