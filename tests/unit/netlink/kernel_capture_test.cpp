// Real kernel replies through the path ipvsadm runs: tests/golden/netlink/
// kernel-*.capture were recorded in the lab (scripts/lab/capture-golden:
// Debian's 6.1 kernel, a table built by the reference ipvsadm 1.31),
// together with what the reference printed for that table. A fake transport
// answers each request the Client sends with the captured reply to the same
// request bytes, and the runner's output must be the reference's text.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/parser.hpp"
#include "cli/runner.hpp"
#include "fakes/fake_names.hpp"
#include "fakes/fake_transport.hpp"
#include "fakes/hex.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"

namespace ipvs::nl {
namespace {

std::string read_file(const std::string& name) {
  std::ifstream in(std::string(IPVS_TEST_DATA_DIR) + "/golden/netlink/" + name);
  EXPECT_TRUE(in) << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Writes `seq` into every netlink message header of `datagram`.
void set_seqs(Bytes& datagram, std::uint32_t seq) {
  for (std::size_t at = 0; at + kNlmsgHdrLen <= datagram.size();) {
    std::uint32_t len = 0;
    std::memcpy(&len, datagram.data() + at, 4);
    std::memcpy(datagram.data() + at + 8, &seq, 4);
    if (len < kNlmsgHdrLen) break;
    at += nl_align(len);
  }
}

/// A capture: each request (its bytes with seq 0) -> the reply datagrams the
/// kernel sent for it; plus the family id the kernel had.
struct Capture {
  std::uint16_t family = 0;
  std::map<Bytes, std::vector<Bytes>> replies;
  std::map<std::string, std::vector<Bytes>> requests;  ///< by name, in order
};

Capture load(const std::string& name) {
  Capture cap;
  std::istringstream in(read_file(name));
  std::string line;
  std::vector<Bytes>* current = nullptr;
  std::string request_name;
  while (std::getline(in, line)) {
    if (line.rfind("request ", 0) == 0) {
      request_name = line.substr(8, line.find(' ', 8) - 8);
    } else if (line.rfind("> ", 0) == 0) {
      Bytes request = testing::hex(line.substr(2));
      std::memcpy(&cap.family, request.data() + 4, 2);
      set_seqs(request, 0);
      cap.requests[request_name].push_back(request);
      current = &cap.replies[request];
      current->clear();
    } else if (line.rfind("< ", 0) == 0 && current != nullptr) {
      current->push_back(testing::hex(line.substr(2)));
    }
  }
  return cap;
}

/// Everything the runner wrote, both streams in order.
class Recorder final : public cli::Output {
 public:
  void out(std::string_view text) override { out_ += text; }
  void err(std::string_view text) override { err_ += text; }
  std::string out_;
  std::string err_;
};

/// ipvsadm over a fake kernel that replays a capture.
class Replay {
 public:
  explicit Replay(const Capture& cap) : fake_(testing::FakeTransport::make()) {
    fake_.state->family = cap.family;
    fake_.state->on_send = [&cap, this](std::span<const std::uint8_t> sent, testing::FakeTransport::State& s) {
      Bytes request(sent.begin(), sent.end());
      std::uint32_t seq = 0;
      std::memcpy(&seq, request.data() + 8, 4);
      set_seqs(request, 0);
      const auto it = cap.replies.find(request);
      if (it == cap.replies.end()) {
        ADD_FAILURE() << "request not in the capture: " << testing::to_hex(request);
        return;
      }
      for (Bytes d : it->second) {
        set_seqs(d, seq);
        s.replies.emplace_back(std::move(d));
      }
      ++requests_;
    };
    client_ = std::make_unique<Client>(std::move(fake_.transport));
  }

  /// Runs one ipvsadm command line (after its GET_INFO, as main does).
  Recorder run(std::vector<std::string> args) {
    args.insert(args.begin(), "ipvsadm");
    Recorder io;
    auto info = client_->info();
    EXPECT_TRUE(info.ok());
    auto resolver = format::make_caching_resolver(names_);
    cli::Context ctx{*client_, info.ok() ? *info : Info{}, names_, *resolver, io, "ipvsadm"};
    std::istringstream no_input;
    status = cli::run_outcome(cli::parse_command_line(args, names_), no_input, ctx);
    return io;
  }

  int status = -1;
  int requests_ = 0;

 private:
  testing::FakeTransport::Made fake_;
  testing::FakeNames names_;
  std::unique_ptr<Client> client_;
};

class KernelCapture : public ::testing::Test {
 protected:
  Capture cap_ = load("kernel-table.capture");

  std::string list(std::vector<std::string> args) {
    Replay replay(cap_);
    Recorder io = replay.run(std::move(args));
    EXPECT_EQ(replay.status, 0);
    EXPECT_EQ(io.err_, "");
    return io.out_;
  }
};

TEST_F(KernelCapture, CaptureHoldsTheWholeTable) {
  EXPECT_EQ(cap_.requests["get-dests"].size(), 7u);  // one dump per service
  Replay replay(cap_);
  replay.run({"-Ln"});
  EXPECT_EQ(replay.requests_, 1 + 1 + 7);  // GET_INFO, the service dump, 7 real-server dumps
}

TEST_F(KernelCapture, ListingMatchesTheReference) {
  EXPECT_EQ(list({"-Ln"}), read_file("kernel-table.Ln.txt"));
}

TEST_F(KernelCapture, ThresholdsPersistentTunnelAndStatsMatchTheReference) {
  EXPECT_EQ(list({"-Ln", "--thresholds"}), read_file("kernel-table.Ln_thresholds.txt"));
  EXPECT_EQ(list({"-Ln", "--persistent-conn"}), read_file("kernel-table.Ln_persistent_conn.txt"));
  EXPECT_EQ(list({"-Ln", "--tun-info"}), read_file("kernel-table.Ln_tun_info.txt"));
  EXPECT_EQ(list({"-Ln", "--stats", "--exact"}), read_file("kernel-table.Ln_stats_exact.txt"));
}

TEST_F(KernelCapture, SaveMatchesTheReference) {
  // The captured table has no thresholds on saved lines except 192.168.1.2's
  // (-x 100 -y 10), which 1.31 drops and ours keeps (COMPAT D4).
  std::string expected = read_file("kernel-table.Sn.txt");
  const std::string line = "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 3\n";
  const auto at = expected.find(line);
  ASSERT_NE(at, std::string::npos);
  expected.insert(at + line.size() - 1, " -x 100 -y 10");
  EXPECT_EQ(list({"-Sn"}), expected);
}

TEST_F(KernelCapture, Timeouts) {
  EXPECT_EQ(list({"-L", "--timeout"}), read_file("kernel-table.L_timeout.txt"));
}

TEST(KernelCaptureDaemons, BothDaemonsListAsTheReference) {
  const Capture cap = load("kernel-daemon.capture");
  Replay replay(cap);
  Recorder io = replay.run({"-L", "--daemon"});
  EXPECT_EQ(replay.status, 0);
  EXPECT_EQ(io.out_, read_file("kernel-daemon.L_daemon.txt"));
}

}  // namespace
}  // namespace ipvs::nl
