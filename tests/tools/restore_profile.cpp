// restore_profile: drives the real -R path (cli::run_outcome, reading std::cin
// as main.cpp does) over a transport that acknowledges every request asking for
// it, so callgrind can count our instructions per rule line on a host without
// IPVS. Not a test and not installed.
//
//   restore_profile gen SERVICESxDESTS   prints the benchmark's rule set
//                                        (scripts/bench's gen_rules)
//   restore_profile run < RULES          runs -R of RULES; prints on stderr the
//                                        datagrams sent, requests, ACKs asked
//                                        for and receive calls
//
// The transport reports the limits of GenlTransport with its default 4 MiB
// socket buffers (the kernel holds twice that).
#include <linux/netlink.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/parser.hpp"
#include "cli/runner.hpp"
#include "cli/system_names.hpp"
#include "fakes/ipvs_replies.hpp"
#include "format/resolver.hpp"
#include "ipvs/client.hpp"

namespace {

/// Acknowledges every message of a datagram that has NLM_F_ACK; fails none.
class AckTransport final : public ipvs::Transport {
 public:
  std::uint16_t family_id() const noexcept override { return ipvs::testing::kFakeFamily; }
  ipvs::TransportLimits limits() const noexcept override { return {(8u << 20) - 32, 8u << 20}; }

  __attribute__((noinline)) ipvs::Result<void> send(std::span<const std::uint8_t> d) override {
    ++sends;
    for (std::size_t at = 0; at + NLMSG_HDRLEN <= d.size();) {
      nlmsghdr h;
      std::memcpy(&h, d.data() + at, sizeof h);
      ++requests;
      if ((h.nlmsg_flags & NLM_F_ACK) != 0) {
        ++acks;
        const auto a = ipvs::testing::reply::ack(h.nlmsg_seq);
        pending_.insert(pending_.end(), a.begin(), a.end());
      }
      at += NLMSG_ALIGN(h.nlmsg_len);
    }
    return {};
  }

  __attribute__((noinline)) ipvs::Result<std::size_t> receive_queued(std::vector<std::uint8_t>& out,
                                                                    ipvs::Wait wait) override {
    ++receives;
    out.swap(pending_);
    pending_.clear();
    if (out.empty() && wait == ipvs::Wait::Block)
      return ipvs::Error::transport(ipvs::Op::Init, ETIMEDOUT, ipvs::Outcome::Unknown, "nothing to receive");
    return std::size_t{out.empty() ? 0u : 1u};
  }

  std::size_t sends = 0, requests = 0, acks = 0, receives = 0;

 private:
  std::vector<std::uint8_t> pending_;
};

/// stdout discarded; stderr passed through.
class NullOutput final : public ipvs::cli::Output {
 public:
  void out(std::string_view) override {}
  void err(std::string_view text) override { std::fwrite(text.data(), 1, text.size(), stderr); }
};

/// scripts/bench's gen_rules.
void generate(unsigned services, unsigned dests) {
  unsigned k = 0;
  for (unsigned i = 0; i < services; ++i) {
    const unsigned a = i / 250;
    char vip[32];
    std::snprintf(vip, sizeof vip, "10.%u.%u.%u:80", 1 + a / 256, a % 256, i % 250 + 1);
    std::printf("-A -t %s -s rr\n", vip);
    for (unsigned j = 0; j < dests; ++j, ++k) std::printf("-a -t %s -r 192.168.%u.%u:80 -m -w 1\n", vip, k / 250, k % 250 + 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  unsigned services = 0, dests = 0;
  if (argc == 3 && std::strcmp(argv[1], "gen") == 0 && std::sscanf(argv[2], "%ux%u", &services, &dests) == 2) {
    generate(services, dests);
    return 0;
  }
  if (argc != 2 || std::strcmp(argv[1], "run") != 0) {
    std::fprintf(stderr, "usage: restore_profile gen SERVICESxDESTS | restore_profile run < RULES\n");
    return 2;
  }
  std::ios::sync_with_stdio(false);  // as main.cpp
  ipvs::cli::SystemNames names;
  NullOutput io;
  std::vector<std::string> args{"ipvsadm", "-R"};
  const ipvs::cli::ParseOutcome outcome = ipvs::cli::parse_command_line(args, names);
  auto owned = std::make_unique<AckTransport>();
  AckTransport& transport = *owned;
  ipvs::Client client(std::move(owned));
  auto resolver = ipvs::format::make_caching_resolver(names);
  ipvs::cli::Context ctx{client, ipvs::Info{0x010201, 4096}, names, *resolver, io, args[0]};
  const int status = ipvs::cli::run_outcome(outcome, std::cin, ctx);
  std::fprintf(stderr, "status %d sends %zu requests %zu acks %zu receives %zu\n", status, transport.sends,
               transport.requests, transport.acks, transport.receives);
  return status;
}
