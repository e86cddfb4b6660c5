// The fake kernel itself, through the Client: the kernel behaviours the
// runner tests lean on but cannot reach through ipvsadm's parser
// (IPVSADM-1.31.md §3.3, §5.3, §5.5).

#include "fakes/fake_kernel.hpp"

#include <gtest/gtest.h>

#include <cerrno>

#include "ipvs/client.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"

namespace ipvs::testing {
namespace {

class FakeKernelTest : public ::testing::Test {
 protected:
  FakeKernelTest() : made_(FakeKernel::make()), k_(made_.state), client_(std::move(made_.transport)) {
    svc_.key.address = Address::v4(0x0a000001);
    svc_.key.port = 80;
    svc_.scheduler = "rr";
  }
  int errnum(const Result<void>& r) { return r.ok() ? 0 : r.error().errnum; }
  Destination dest(const char* addr, Forward fwd = Forward::Masq) {
    Destination d;
    d.address = *Address::parse(addr);
    d.port = 80;
    d.forward = fwd;
    return d;
  }

  FakeKernel::Made made_;
  std::shared_ptr<FakeKernel::State> k_;
  Client client_;
  Service svc_;
};

TEST_F(FakeKernelTest, ServiceErrnos) {
  EXPECT_EQ(errnum(client_.add_service(svc_)), 0);
  EXPECT_EQ(errnum(client_.add_service(svc_)), EEXIST);
  Service v6 = svc_;
  v6.key.family = Family::Inet6;
  v6.key.address = *Address::parse("2001:db8::1");
  v6.netmask = 129;
  EXPECT_EQ(errnum(client_.add_service(v6)), EINVAL);
  v6.netmask = 64;
  v6.pe_name = "nope";
  EXPECT_EQ(errnum(client_.add_service(v6)), ENOENT);
  ServiceKey other = svc_.key;
  other.port = 81;
  EXPECT_EQ(errnum(client_.delete_service(other)), ESRCH);
  EXPECT_EQ(errnum(client_.zero(other)), ESRCH);
  EXPECT_EQ(client_.service(other).error().errnum, ESRCH);
  auto none = client_.destinations(other);  // an empty dump, not an error
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(FakeKernelTest, EditReplacesSettingsAndRemovesAnUnsentPe) {
  svc_.pe_name = "sip";
  svc_.flags = svc_flags::kPersistent | svc_flags::kSched1;
  ASSERT_EQ(errnum(client_.add_service(svc_)), 0);
  Service edited = svc_;
  edited.pe_name.clear();
  edited.flags = svc_flags::kOnePacket;
  ASSERT_EQ(errnum(client_.edit_service(edited)), 0);
  auto got = client_.service(svc_.key);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->pe_name, "");
  EXPECT_EQ(got->flags, svc_flags::kOnePacket | svc_flags::kHashed);
}

TEST_F(FakeKernelTest, DestinationErrnos) {
  ASSERT_EQ(errnum(client_.add_service(svc_)), 0);
  EXPECT_EQ(errnum(client_.add_destination(svc_.key, dest("2001:db8::5"))), EINVAL);  // mixed, not a tunnel
  Destination gue = dest("2001:db8::5", Forward::Tunnel);
  gue.tun_type = TunnelType::Gue;
  EXPECT_EQ(errnum(client_.add_destination(svc_.key, gue)), EINVAL);  // GUE needs a port
  gue.tun_port = 6080;
  EXPECT_EQ(errnum(client_.add_destination(svc_.key, gue)), 0);
  Destination heavy = dest("192.168.1.2");
  heavy.weight = 0x80000000u;
  EXPECT_EQ(errnum(client_.add_destination(svc_.key, heavy)), ERANGE);
  EXPECT_EQ(errnum(client_.edit_destination(svc_.key, dest("192.168.1.2"))), ENOENT);
  EXPECT_EQ(errnum(client_.delete_destination(svc_.key, dest("192.168.1.2"))), ENOENT);
}

TEST_F(FakeKernelTest, NoSyncDaemonWithMixedFamilyServers) {
  ASSERT_EQ(errnum(client_.add_service(svc_)), 0);
  Destination tun = dest("2001:db8::5", Forward::Tunnel);
  ASSERT_EQ(errnum(client_.add_destination(svc_.key, tun)), 0);
  Daemon d;
  d.mcast_ifname = "eth0";
  EXPECT_EQ(errnum(client_.start_daemon(d)), EINVAL);
  ASSERT_EQ(errnum(client_.delete_destination(svc_.key, tun)), 0);
  EXPECT_EQ(errnum(client_.start_daemon(d)), 0);
  EXPECT_EQ(errnum(client_.add_destination(svc_.key, tun)), EINVAL);
}

TEST_F(FakeKernelTest, AnswersOnlyWhatIsAskedInABatch) {
  Batch batch;
  batch.queue_add_service(svc_);
  batch.queue_add_service(svc_);  // EEXIST: NACKed although no ACK was asked for
  batch.queue_flush();
  const auto results = client_.execute(batch);  // Acks::Last
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].error().errnum, EEXIST);
  EXPECT_TRUE(results[2].ok());
  EXPECT_EQ(k_->datagram_requests, std::vector<std::size_t>{3});
  EXPECT_TRUE(k_->replies.empty());
}

TEST(FakeKernelWire, AnAckOnlyWhenAskedANackAlways) {
  auto made = FakeKernel::make();
  const std::uint16_t fam = made.state->family;
  Service svc;
  svc.key.address = Address::v4(0x0a000001);
  svc.key.port = 80;
  std::vector<std::uint8_t> dgram;
  for (std::uint32_t seq = 1; seq <= 3; ++seq) {
    auto m = nl::encode_new_service(fam, seq, svc);  // 2 and 3: EEXIST
    if (seq != 3) nl::clear_ack_flag(m);
    dgram.insert(dgram.end(), m.begin(), m.end());
  }
  ASSERT_TRUE(made.transport->send(dgram).ok());
  std::vector<std::uint8_t> rx;
  auto got = made.transport->receive_queued(rx, Wait::Never);
  ASSERT_TRUE(got.ok());
  auto messages = nl::parse_datagram(rx);
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 2u);
  EXPECT_EQ((*messages)[0].seq, 2u);
  EXPECT_EQ((*messages)[0].error, EEXIST);
  EXPECT_EQ((*messages)[1].seq, 3u);
  EXPECT_EQ((*messages)[1].error, EEXIST);
  EXPECT_EQ(made.transport->receive_queued(rx, Wait::Never).value(), 0u);
}

}  // namespace
}  // namespace ipvs::testing
