// The Client against a scripted transport: what it sends, how it matches
// replies by sequence number, ACK draining, NACKs, dumps, DUMP_INTR restarts.

#include "ipvs/client.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>

#include "fakes/fake_transport.hpp"
#include "fakes/ipvs_replies.hpp"
#include "netlink/codec.hpp"

namespace ipvs {
namespace {

using testing::FakeTransport;
using testing::kFakeFamily;
namespace reply = testing::reply;

ServiceKey tcp_key() {
  ServiceKey k;
  k.address = Address::v4(0x0a000001);
  k.port = 80;
  return k;
}

Service tcp_service() {
  Service s;
  s.key = tcp_key();
  s.scheduler = "wlc";
  s.flags = svc_flags::kHashed;
  return s;
}

Destination real(std::uint32_t v4, std::uint16_t port) {
  Destination d;
  d.address = Address::v4(v4);
  d.port = port;
  return d;
}

class ClientTest : public ::testing::Test {
 protected:
  ClientTest() : made_(FakeTransport::make()), state_(made_.state), client_(std::move(made_.transport)) {}

  void queue(std::vector<std::uint8_t> datagram) { state_->replies.push_back(std::move(datagram)); }

  FakeTransport::Made made_;
  std::shared_ptr<FakeTransport::State> state_;
  Client client_;
};

TEST_F(ClientTest, InfoConsumesDataAndAckAndTheSocketIsReusable) {
  queue(reply::info(1, Info{0x010201, 4096}));
  queue(reply::ack(1));  // the trailing ACK, in its own datagram
  auto info = client_.info();
  ASSERT_TRUE(info.ok()) << info.error().detail;
  EXPECT_EQ(info->version, 0x010201u);
  ASSERT_EQ(state_->sent.size(), 1u);
  EXPECT_EQ(state_->sent[0], nl::encode_get_info(kFakeFamily, 1));

  // Had the ACK been left unread, this flush would take it for its own.
  queue(reply::ack(2));
  EXPECT_TRUE(client_.flush().ok());
  EXPECT_TRUE(state_->replies.empty());
  EXPECT_EQ(state_->sent[1], nl::encode_flush(kFakeFamily, 2));
}

TEST_F(ClientTest, StaleRepliesAreSkipped) {
  queue(reply::datagram({reply::ack(77), reply::info(76, Info{1, 1})}));
  queue(reply::datagram({reply::config(1, Timeouts{900, 120, 300}), reply::ack(1)}));
  auto t = client_.timeouts();
  ASSERT_TRUE(t.ok()) << t.error().detail;
  EXPECT_EQ(*t, (Timeouts{900, 120, 300}));
  EXPECT_EQ(state_->sent[0], nl::encode_get_config(kFakeFamily, 1));
}

TEST_F(ClientTest, NackBecomesErrorWithOpErrnoAndExtack) {
  queue(reply::ack(1, EEXIST, "already there"));
  auto r = client_.add_service(tcp_service());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error::kernel(Op::AddService, EEXIST, "already there")));
  EXPECT_EQ(state_->sent[0], nl::encode_new_service(kFakeFamily, 1, tcp_service()));
}

TEST_F(ClientTest, ServiceNotFoundIsTheKernelsEsrch) {
  queue(reply::ack(1, ESRCH));
  auto r = client_.service(tcp_key());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().op, Op::GetService);
  EXPECT_EQ(r.error().errnum, ESRCH);
}

TEST_F(ClientTest, ServiceReplyThenAck) {
  queue(reply::datagram({reply::service(1, tcp_service(), 0), reply::ack(1)}));
  auto r = client_.service(tcp_key());
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(*r, tcp_service());
  EXPECT_EQ(state_->sent[0], nl::encode_get_service(kFakeFamily, 1, tcp_key()));
}

TEST_F(ClientTest, GetWithoutDataIsADecodeError) {
  queue(reply::ack(1));
  auto r = client_.info();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::decode(Op::GetInfo, "no reply message before the ACK"));
  EXPECT_EQ(r.error().origin, Origin::Decode);
  EXPECT_EQ(r.error().outcome, Outcome::Unknown);
}

TEST_F(ClientTest, DumpOverSeveralDatagrams) {
  Service a = tcp_service();
  Service b = tcp_service();
  b.key.port = 443;
  Service c;
  c.key.fwmark = 7;
  c.scheduler = "rr";
  queue(reply::datagram({reply::service(1, a), reply::service(1, b)}));
  queue(reply::datagram({reply::service(1, c), reply::done(1)}));
  auto r = client_.services();
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0], a);
  EXPECT_EQ((*r)[1], b);
  EXPECT_EQ((*r)[2], c);
  EXPECT_EQ(state_->sent[0], nl::encode_get_services(kFakeFamily, 1));
}

TEST_F(ClientTest, EmptyDestinationDump) {
  queue(reply::done(1));
  auto r = client_.destinations(tcp_key());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(state_->sent[0], nl::encode_get_dests(kFakeFamily, 1, tcp_key()));
}

TEST_F(ClientTest, TornDestinationDumpIsReadAgain) {
  // A real server added between two parts of the kernel's dump shifts its
  // resume position: the first dump repeats 172.31.16.1.
  Destination a;
  a.address = *Address::parse("172.31.16.1");
  a.port = 80;
  Destination b = a;
  b.address = *Address::parse("172.31.16.2");
  queue(reply::dest(1, a, true));
  queue(reply::datagram({reply::dest(1, a, true), reply::done(1)}));
  queue(reply::datagram({reply::dest(2, b, true), reply::dest(2, a, true), reply::done(2)}));
  auto r = client_.destinations(tcp_key());
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(*r, (std::vector<Destination>{b, a}));
  EXPECT_EQ(state_->sent.size(), 2u);
}

TEST_F(ClientTest, TornServiceDumpIsReadAgain) {
  queue(reply::datagram({reply::service(1, tcp_service()), reply::service(1, tcp_service()), reply::done(1)}));
  queue(reply::datagram({reply::service(2, tcp_service()), reply::done(2)}));
  auto r = client_.services();
  ASSERT_TRUE(r.ok()) << r.error().detail;
  EXPECT_EQ(r->size(), 1u);
  EXPECT_EQ(state_->sent.size(), 2u);
}

TEST_F(ClientTest, DestinationsUseTheServiceFamilyWhenTheKernelOmitsIt) {
  ServiceKey key = tcp_key();
  key.family = Family::Inet6;
  key.address = *Address::parse("2001:db8::1");
  Destination d;
  d.address = *Address::parse("2001:db8::2");
  d.port = 80;
  queue(reply::datagram({reply::dest(1, d, /*with_addr_family=*/false), reply::done(1)}));
  auto r = client_.destinations(key);
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0], d);
}

TEST_F(ClientTest, DumpInterruptedIsRestarted) {
  queue(reply::with_flags(reply::service(1, tcp_service()), nl::kNlmFDumpIntr));
  queue(reply::done(1));
  Service fresh = tcp_service();
  fresh.scheduler = "rr";
  queue(reply::datagram({reply::service(2, fresh), reply::done(2)}));
  auto r = client_.services();
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].scheduler, "rr");  // only the clean second dump counts
  ASSERT_EQ(state_->sent.size(), 2u);
  EXPECT_EQ(state_->sent[1], nl::encode_get_services(kFakeFamily, 2));
}

TEST_F(ClientTest, DumpInterruptedEveryTimeFailsWithEintr) {
  for (std::uint32_t seq = 1; seq <= 4; ++seq) {
    queue(reply::with_flags(reply::done(seq), nl::kNlmFDumpIntr));
  }
  auto r = client_.daemons();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().op, Op::GetDaemons);
  EXPECT_EQ(r.error().errnum, EINTR);
  EXPECT_EQ(state_->sent.size(), 4u);
}

TEST_F(ClientTest, DoneWithErrorFailsTheDump) {
  queue(reply::done(1, ENOMEM));
  auto r = client_.services();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error::kernel(Op::GetServices, ENOMEM, "")));
}

TEST_F(ClientTest, DumpRefusedWithANack) {
  queue(reply::ack(1, EPERM));
  auto r = client_.services();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error::kernel(Op::GetServices, EPERM, "")));
}

TEST_F(ClientTest, DecodeErrorMidDumpDrainsToDoneThenReports) {
  auto broken = reply::service(1, tcp_service());
  broken.resize(broken.size() - 8);  // cut the last attribute short...
  const auto len = static_cast<std::uint32_t>(broken.size());
  std::memcpy(broken.data(), &len, 4);  // ...but keep the message framing valid
  queue(reply::datagram({reply::service(1, tcp_service()), broken}));
  queue(reply::datagram({reply::service(1, tcp_service()), reply::done(1)}));
  auto r = client_.services();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().op, Op::GetServices);
  EXPECT_EQ(r.error().origin, Origin::Decode);
  EXPECT_EQ(r.error().errnum, EBADMSG);
  EXPECT_TRUE(state_->replies.empty());  // read to the end of the dump

  queue(reply::ack(2));
  EXPECT_TRUE(client_.flush().ok());
}

TEST_F(ClientTest, MalformedDatagramIsADecodeError) {
  queue({0x01, 0x02, 0x03});
  auto r = client_.flush();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().op, Op::Flush);
  EXPECT_EQ(r.error().origin, Origin::Decode);
  EXPECT_EQ(r.error().outcome, Outcome::Unknown);
  EXPECT_EQ(r.error().errnum, EBADMSG);
}

TEST_F(ClientTest, TransportErrorsAreTaggedWithTheOperation) {
  state_->send_errors.push_back(Error::transport(Op::Init, EMSGSIZE, Outcome::NotSent, "sendto"));
  auto r = client_.delete_service(tcp_key());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), (Error::transport(Op::DeleteService, EMSGSIZE, Outcome::NotSent, "sendto")));

  state_->replies.push_back(Error::transport(Op::Init, ENOBUFS, Outcome::Unknown, "recvmsg"));
  auto z = client_.zero(std::nullopt);
  ASSERT_FALSE(z.ok());
  EXPECT_EQ(z.error(), (Error::transport(Op::Zero, ENOBUFS, Outcome::Unknown, "recvmsg")));
}

TEST_F(ClientTest, EveryWriteOperationSendsItsEncoding) {
  const ServiceKey key = tcp_key();
  const Destination d = real(0xc0a80102, 8080);
  Daemon daemon;
  daemon.mcast_ifname = "eth0";
  for (std::uint32_t seq = 1; seq <= 10; ++seq) queue(reply::ack(seq));
  EXPECT_TRUE(client_.edit_service(tcp_service()).ok());
  EXPECT_TRUE(client_.add_destination(key, d).ok());
  EXPECT_TRUE(client_.edit_destination(key, d).ok());
  EXPECT_TRUE(client_.delete_destination(key, d).ok());
  EXPECT_TRUE(client_.zero(key).ok());
  EXPECT_TRUE(client_.set_timeouts(Timeouts{1, 2, 3}).ok());
  EXPECT_TRUE(client_.start_daemon(daemon).ok());
  EXPECT_TRUE(client_.stop_daemon(DaemonState::Master).ok());
  EXPECT_TRUE(client_.delete_service(key).ok());
  EXPECT_TRUE(client_.add_service(tcp_service()).ok());
  const std::uint16_t f = kFakeFamily;
  const std::vector<std::vector<std::uint8_t>> expected = {
      nl::encode_set_service(f, 1, tcp_service()), nl::encode_new_dest(f, 2, key, d),
      nl::encode_set_dest(f, 3, key, d),           nl::encode_del_dest(f, 4, key, d),
      nl::encode_zero(f, 5, key),                  nl::encode_set_config(f, 6, Timeouts{1, 2, 3}),
      nl::encode_new_daemon(f, 7, daemon),         nl::encode_del_daemon(f, 8, DaemonState::Master),
      nl::encode_del_service(f, 9, key),           nl::encode_new_service(f, 10, tcp_service()),
  };
  EXPECT_EQ(state_->sent, expected);
}

TEST_F(ClientTest, DaemonsDump) {
  Daemon m;
  m.state = DaemonState::Master;
  m.mcast_ifname = "eth0";
  Daemon b = m;
  b.state = DaemonState::Backup;
  b.sync_id = 9;
  queue(reply::datagram({reply::daemon(1, m), reply::daemon(1, b), reply::done(1)}));
  auto r = client_.daemons();
  ASSERT_TRUE(r.ok()) << r.error().detail;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0], m);
  EXPECT_EQ((*r)[1], b);
}

TEST_F(ClientTest, MovedClientKeepsWorking) {
  Client moved(std::move(client_));
  queue(reply::ack(1));
  EXPECT_TRUE(moved.flush().ok());
}

}  // namespace
}  // namespace ipvs
