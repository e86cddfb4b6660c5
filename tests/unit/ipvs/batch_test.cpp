// Client::execute against a scripted transport: what is sent (several
// messages per datagram, window and byte bounds), how replies are matched by
// sequence number, NACKs per operation, and what happens when replies are
// lost (ENOBUFS), unreadable, or the send fails.

#include "ipvs/batch.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <functional>
#include <utility>

#include "fakes/fake_transport.hpp"
#include "fakes/ipvs_replies.hpp"
#include "ipvs/client.hpp"
#include "libipvs/client_impl.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"

namespace ipvs {
namespace {

using testing::FakeTransport;
using testing::kFakeFamily;
namespace reply = testing::reply;
using Bytes = std::vector<std::uint8_t>;

Service service(std::uint16_t port) {
  Service s;
  s.key.address = Address::v4(0x0a000001);
  s.key.port = port;
  s.scheduler = "rr";
  return s;
}

Destination real(std::uint32_t v4) {
  Destination d;
  d.address = Address::v4(v4);
  d.port = 80;
  return d;
}

/// Batch with `count` add-service operations, ports 1..count.
Batch add_services(std::uint16_t count) {
  Batch b;
  for (std::uint16_t p = 1; p <= count; ++p) b.queue_add_service(service(p));
  return b;
}

/// The datagram of add-service requests for ports [first, last] with
/// sequence numbers starting at `seq`.
Bytes add_service_datagram(std::uint16_t first, std::uint16_t last, std::uint32_t seq) {
  Bytes out;
  for (std::uint16_t p = first; p <= last; ++p, ++seq) {
    const Bytes m = nl::encode_new_service(kFakeFamily, seq, service(p));
    out.insert(out.end(), m.begin(), m.end());
  }
  return out;
}

std::size_t messages_in(const Bytes& datagram) { return nl::parse_datagram(datagram)->size(); }

/// Sequence numbers of the messages of a sent datagram.
std::vector<std::uint32_t> seqs_in(std::span<const std::uint8_t> datagram) {
  const auto messages = nl::parse_datagram(datagram);
  std::vector<std::uint32_t> seqs;
  for (const nl::Message& m : *messages) seqs.push_back(m.seq);
  return seqs;
}

class BatchTest : public ::testing::Test {
 protected:
  BatchTest() : made_(FakeTransport::make()), state_(made_.state), client_(std::move(made_.transport)) {}

  /// Like the kernel: after each send, one ACK datagram per message, a NACK
  /// with errno_of(seq) when that is non-zero.
  void answer_every_message(std::function<int(std::uint32_t)> errno_of = {}) {
    state_->on_send = [errno_of](std::span<const std::uint8_t> d, FakeTransport::State& s) {
      for (std::uint32_t seq : seqs_in(d)) s.replies.push_back(reply::ack(seq, errno_of ? errno_of(seq) : 0));
    };
  }

  /// The tests below written for Acks::Each (every request asks for an ACK).
  static BatchOptions each() {
    BatchOptions o;
    o.acks = BatchOptions::Acks::Each;
    return o;
  }

  /// Like the kernel: after each send, a NACK for every message whose
  /// errno_of(seq) is non-zero and an ACK for every other one that asked for
  /// it (NLM_F_ACK), in message order, one datagram each.
  void answer_like_the_kernel(std::function<int(std::uint32_t)> errno_of = {}) {
    state_->on_send = [errno_of](std::span<const std::uint8_t> d, FakeTransport::State& s) {
      const auto messages = nl::parse_datagram(d);
      for (const nl::Message& m : *messages) {
        const int e = errno_of ? errno_of(m.seq) : 0;
        if (e != 0 || (m.flags & nl::kNlmFAck) != 0) s.replies.push_back(reply::ack(m.seq, e));
      }
    };
  }

  FakeTransport::Made made_;
  std::shared_ptr<FakeTransport::State> state_;
  Client client_;
};

TEST(BatchQueueTest, IndicesOpsAndRequestsWithoutFamilyOrSeq) {
  Batch b;
  EXPECT_TRUE(b.empty());
  const ServiceKey key = service(80).key;
  EXPECT_EQ(b.queue_add_service(service(80)), 0u);
  EXPECT_EQ(b.queue_add_destination(key, real(0x0a000002)), 1u);
  EXPECT_EQ(b.queue_flush(), 2u);
  EXPECT_EQ(b.size(), 3u);
  EXPECT_EQ(detail::BatchAccess::op(b, 0), Op::AddService);
  EXPECT_EQ(detail::BatchAccess::op(b, 1), Op::AddDestination);
  EXPECT_EQ(detail::BatchAccess::op(b, 2), Op::Flush);
  const Bytes add(detail::BatchAccess::request(b, 1).begin(), detail::BatchAccess::request(b, 1).end());
  EXPECT_EQ(add, nl::encode_new_dest(0, 0, key, real(0x0a000002)));
  EXPECT_EQ(b.encoded_bytes(), detail::BatchAccess::request(b, 0).size() + detail::BatchAccess::request(b, 1).size() + detail::BatchAccess::request(b, 2).size());
  b.clear();
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.encoded_bytes(), 0u);
}

TEST_F(BatchTest, EmptyBatchSendsNothing) {
  EXPECT_TRUE(client_.execute(Batch{}).empty());
  EXPECT_TRUE(state_->sent.empty());
  EXPECT_EQ(state_->nowait_reads, 0);
}

TEST_F(BatchTest, EveryOperationKindInOneDatagram) {
  const ServiceKey key = service(80).key;
  const Destination d = real(0xc0a80102);
  Daemon daemon;
  daemon.mcast_ifname = "eth0";
  Batch b;
  b.queue_add_service(service(80));
  b.queue_edit_service(service(80));
  b.queue_add_destination(key, d);
  b.queue_edit_destination(key, d);
  b.queue_delete_destination(key, d);
  b.queue_zero(key);
  b.queue_zero(std::nullopt);
  b.queue_set_timeouts(Timeouts{1, 2, 3});
  b.queue_start_daemon(daemon);
  b.queue_stop_daemon(DaemonState::Backup);
  b.queue_delete_service(key);
  b.queue_flush();
  answer_every_message();
  const auto results = client_.execute(b, each());
  ASSERT_EQ(results.size(), 12u);
  for (const auto& r : results) EXPECT_TRUE(r.ok());
  const std::uint16_t f = kFakeFamily;
  const std::vector<Bytes> parts = {
      nl::encode_new_service(f, 1, service(80)), nl::encode_set_service(f, 2, service(80)),
      nl::encode_new_dest(f, 3, key, d),         nl::encode_set_dest(f, 4, key, d),
      nl::encode_del_dest(f, 5, key, d),         nl::encode_zero(f, 6, key),
      nl::encode_zero(f, 7, std::nullopt),       nl::encode_set_config(f, 8, Timeouts{1, 2, 3}),
      nl::encode_new_daemon(f, 9, daemon),       nl::encode_del_daemon(f, 10, DaemonState::Backup),
      nl::encode_del_service(f, 11, key),        nl::encode_flush(f, 12),
  };
  ASSERT_EQ(state_->sent.size(), 1u);
  EXPECT_EQ(state_->sent[0], reply::datagram(parts));
  EXPECT_EQ(state_->nowait_reads, 0);  // nothing went wrong: no draining
}

TEST_F(BatchTest, WindowsOfAtMostWindowOperations) {
  answer_every_message();
  BatchOptions o = each();
  o.window = 4;
  const auto results = client_.execute(add_services(10), o);
  ASSERT_EQ(results.size(), 10u);
  ASSERT_EQ(state_->sent.size(), 3u);
  EXPECT_EQ(state_->sent[0], add_service_datagram(1, 4, 1));
  EXPECT_EQ(state_->sent[1], add_service_datagram(5, 8, 5));
  EXPECT_EQ(state_->sent[2], add_service_datagram(9, 10, 9));
  // The one-by-one methods continue the same sequence.
  state_->on_send = nullptr;
  state_->replies.push_back(reply::ack(11));
  EXPECT_TRUE(client_.flush().ok());
  EXPECT_EQ(state_->sent[3], nl::encode_flush(kFakeFamily, 11));
}

TEST_F(BatchTest, DatagramsAreBoundedByBytes) {
  answer_every_message();
  const Batch b = add_services(5);
  BatchOptions o = each();
  o.max_datagram_bytes = 2 * detail::BatchAccess::request(b, 0).size() + 1;  // room for two
  (void)client_.execute(b, o);
  ASSERT_EQ(state_->sent.size(), 3u);
  EXPECT_EQ(messages_in(state_->sent[0]), 2u);
  EXPECT_EQ(messages_in(state_->sent[1]), 2u);
  EXPECT_EQ(messages_in(state_->sent[2]), 1u);

  // The transport's own limit caps the option, and one oversized request
  // still goes out alone.
  state_->sent.clear();
  state_->limits.max_datagram = detail::BatchAccess::request(b, 0).size() - 1;
  (void)client_.execute(b, each());
  ASSERT_EQ(state_->sent.size(), 5u);
  EXPECT_EQ(messages_in(state_->sent[4]), 1u);
}

TEST_F(BatchTest, ReceiveBufferCapsTheWindow) {
  answer_every_message();
  state_->limits.receive_buffer = 3 * kAckBudgetBytes + 100;  // room for 3 ACKs
  (void)client_.execute(add_services(7), each());
  ASSERT_EQ(state_->sent.size(), 3u);
  EXPECT_EQ(messages_in(state_->sent[0]), 3u);
  EXPECT_EQ(messages_in(state_->sent[2]), 1u);
}

TEST_F(BatchTest, RepliesOutOfOrderAmongStaleMessagesAreMatchedBySeq) {
  state_->replies.push_back(reply::datagram({reply::ack(77), reply::ack(3), reply::ack(1, EEXIST)}));
  state_->replies.push_back(reply::info(2, Info{1, 1}));  // a data message never answers a set-type op
  state_->replies.push_back(reply::datagram({reply::done(99), reply::ack(4, ESRCH), reply::ack(2)}));
  state_->replies.push_back(reply::ack(1));  // a duplicate: not read, the window is complete
  const auto results = client_.execute(add_services(4), each());
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0].error(), (Error::kernel(Op::AddService, EEXIST, "")));
  EXPECT_TRUE(results[1].ok());
  EXPECT_TRUE(results[2].ok());
  EXPECT_EQ(results[3].error(), (Error::kernel(Op::AddService, ESRCH, "")));
  EXPECT_EQ(state_->replies.size(), 1u);
}

TEST_F(BatchTest, NacksAreTaggedWithTheirOperationAndMatchOneByOne) {
  const ServiceKey key = service(80).key;
  Batch b;
  b.queue_add_service(service(80));                 // 1 ACK
  b.queue_add_destination(key, real(0x0a000002));   // 2 ESRCH
  b.queue_edit_destination(key, real(0x0a000002));  // 3 ENOENT, with extack
  b.queue_delete_service(key);                      // 4 ACK
  b.queue_stop_daemon(DaemonState::Master);         // 5 ESRCH
  state_->replies.push_back(reply::datagram({reply::ack(1), reply::ack(2, ESRCH)}));
  state_->replies.push_back(reply::ack(3, ENOENT, "no dest"));
  state_->replies.push_back(reply::datagram({reply::ack(5, ESRCH), reply::ack(4)}));
  const auto results = client_.execute(b, each());
  ASSERT_EQ(results.size(), 5u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].error(), (Error::kernel(Op::AddDestination, ESRCH, "")));
  EXPECT_EQ(results[2].error(), (Error::kernel(Op::EditDestination, ENOENT, "no dest")));
  EXPECT_TRUE(results[3].ok());
  EXPECT_EQ(results[4].error(), (Error::kernel(Op::StopDaemon, ESRCH, "")));

  // The same NACK through the one-by-one method reads the same.
  state_->replies.push_back(reply::ack(6, ENOENT, "no dest"));
  EXPECT_EQ(client_.edit_destination(key, real(0x0a000002)).error(), results[2].error());
}

TEST_F(BatchTest, CoalescedReplyDatagrams) {
  state_->coalesce = true;
  answer_every_message([](std::uint32_t seq) { return seq % 2 == 0 ? EEXIST : 0; });
  const auto results = client_.execute(add_services(6), each());
  for (std::size_t i = 0; i < results.size(); ++i) EXPECT_EQ(results[i].ok(), i % 2 == 0) << i;
}

TEST_F(BatchTest, LostAcknowledgementsAreUnknownNeverSuccess) {
  // Window of 6: ACKs 1 and 2 read, then ENOBUFS; ACK 3 was queued before
  // the overflow and is still read; 4..6 were dropped.
  bool first = true;
  state_->on_send = [&first](std::span<const std::uint8_t> d, FakeTransport::State& s) {
    if (first) {
      first = false;
      s.replies.push_back(reply::datagram({reply::ack(1), reply::ack(2, EEXIST)}));
      s.replies.push_back(Error::transport(Op::Init, ENOBUFS, Outcome::Unknown, "recvmmsg: No buffer space available"));
      s.replies.push_back(reply::ack(3));
      return;
    }
    for (std::uint32_t seq : seqs_in(d)) s.replies.push_back(reply::ack(seq));
  };
  BatchOptions o = each();
  o.window = 6;
  const auto results = client_.execute(add_services(10), o);
  ASSERT_EQ(results.size(), 10u);
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].error(), (Error::kernel(Op::AddService, EEXIST, "")));
  EXPECT_TRUE(results[2].ok());
  for (std::size_t i = 3; i < 6; ++i) {
    ASSERT_FALSE(results[i].ok()) << i;
    EXPECT_EQ(results[i].error(), (Error::transport(Op::AddService, ENOBUFS, Outcome::Unknown, std::string(kAckLost))));
    EXPECT_TRUE((results[i].error().outcome == Outcome::Unknown));
  }
  for (std::size_t i = 6; i < 10; ++i) EXPECT_TRUE(results[i].ok()) << i;
  EXPECT_FALSE((results[1].error().outcome == Outcome::Unknown));
  // The rest ran with a window of 3 (the ACKs that got through).
  ASSERT_EQ(state_->sent.size(), 3u);
  EXPECT_EQ(messages_in(state_->sent[0]), 6u);
  EXPECT_EQ(state_->sent[1], add_service_datagram(7, 9, 7));
  EXPECT_EQ(messages_in(state_->sent[2]), 1u);
}

TEST_F(BatchTest, WithoutShrinkTheWindowIsKept) {
  bool first = true;
  state_->on_send = [&first](std::span<const std::uint8_t> d, FakeTransport::State& s) {
    if (std::exchange(first, false)) {
      s.replies.push_back(Error::transport(Op::Init, ENOBUFS, Outcome::Unknown, "recvmmsg"));
      return;
    }
    for (std::uint32_t seq : seqs_in(d)) s.replies.push_back(reply::ack(seq));
  };
  BatchOptions o = each();
  o.window = 4;
  o.shrink_on_overflow = false;
  const auto results = client_.execute(add_services(8), o);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_TRUE((results[i].error().outcome == Outcome::Unknown));
  for (std::size_t i = 4; i < 8; ++i) EXPECT_TRUE(results[i].ok());
  ASSERT_EQ(state_->sent.size(), 2u);
  EXPECT_EQ(messages_in(state_->sent[1]), 4u);
}

TEST_F(BatchTest, StopOnUnknownSendsNothingMore) {
  state_->replies.push_back(reply::ack(1));
  state_->replies.push_back(Error::transport(Op::Init, ENOBUFS, Outcome::Unknown, "recvmmsg"));
  BatchOptions o = each();
  o.window = 2;
  o.stop_on_unknown = true;
  const auto results = client_.execute(add_services(5), o);
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].error().errnum, ENOBUFS);
  for (std::size_t i = 2; i < 5; ++i) {
    EXPECT_EQ(results[i].error(), (Error::transport(Op::AddService, ECANCELED, Outcome::NotSent, std::string(kNotSent))));
    EXPECT_FALSE((results[i].error().outcome == Outcome::Unknown));
  }
  EXPECT_EQ(state_->sent.size(), 1u);
}

TEST_F(BatchTest, ShortReplyStreamWithoutEnobufsIsUnknownWithTheTransportsErrno) {
  state_->replies.push_back(reply::ack(2));
  state_->replies.push_back(Error::transport(Op::Init, EIO, Outcome::Unknown, "recvmmsg: Input/output error"));
  state_->replies.push_back(reply::ack(3, EEXIST));  // already queued: read while draining
  const auto results = client_.execute(add_services(4), each());
  EXPECT_EQ(results[0].error(),
            (Error::transport(Op::AddService, EIO, Outcome::Unknown, "outcome unknown: recvmmsg: Input/output error")));
  EXPECT_TRUE(results[1].ok());
  EXPECT_EQ(results[2].error(), (Error::kernel(Op::AddService, EEXIST, "")));
  EXPECT_TRUE((results[3].error().outcome == Outcome::Unknown));
  EXPECT_GE(state_->nowait_reads, 1);
}

TEST_F(BatchTest, MalformedReplyMakesTheUnansweredUnknown) {
  state_->replies.push_back(reply::ack(1));
  state_->replies.push_back(Bytes{0x01, 0x02, 0x03});
  state_->replies.push_back(reply::ack(3));
  const auto results = client_.execute(add_services(3), each());
  EXPECT_TRUE(results[0].ok());
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].error().op, Op::AddService);
  EXPECT_EQ(results[1].error().errnum, EBADMSG);
  EXPECT_TRUE(results[1].error().detail.starts_with("outcome unknown: malformed reply: "))
      << results[1].error().detail;
  EXPECT_TRUE(results[2].ok());
}

TEST_F(BatchTest, SendFailureRetriesInHalvesThenFailsAlone) {
  answer_every_message();
  // EMSGSIZE for the window of 4, then for its first half; then fine.
  state_->send_errors.push_back(Error::transport(Op::Init, EMSGSIZE, Outcome::NotSent, "sendto: Message too long"));
  state_->send_errors.push_back(Error::transport(Op::Init, EMSGSIZE, Outcome::NotSent, "sendto: Message too long"));
  BatchOptions o = each();
  o.window = 4;
  auto results = client_.execute(add_services(4), o);
  for (const auto& r : results) EXPECT_TRUE(r.ok());
  // Seqs 1-4 and 5-6 went nowhere; then [1], [2], [3], [4] one at a time.
  ASSERT_EQ(state_->sent.size(), 4u);
  EXPECT_EQ(state_->sent[0], add_service_datagram(1, 1, 7));
  EXPECT_EQ(state_->sent[3], add_service_datagram(4, 4, 10));

  // Alone and still failing: the operation gets the send error, as the
  // one-by-one method would, and the others go on.
  state_->sent.clear();
  for (int i = 0; i < 3; ++i) state_->send_errors.push_back(Error::transport(Op::Init, EMSGSIZE, Outcome::NotSent, "sendto"));
  results = client_.execute(add_services(3), o);
  EXPECT_EQ(results[0].error(), (Error::transport(Op::AddService, EMSGSIZE, Outcome::NotSent, "sendto")));
  EXPECT_EQ(results[1].error(), (Error::transport(Op::AddService, EMSGSIZE, Outcome::NotSent, "sendto")));
  EXPECT_TRUE(results[2].ok());
  EXPECT_FALSE((results[0].error().outcome == Outcome::Unknown));
  ASSERT_EQ(state_->sent.size(), 1u);
  EXPECT_EQ(state_->sent[0], add_service_datagram(3, 3, 16));
}

TEST_F(BatchTest, WindowOneBehavesLikeOneByOne) {
  auto errno_of = [](std::uint32_t seq) { return seq == 2 ? EEXIST : seq == 3 ? ESRCH : 0; };
  const ServiceKey key = service(80).key;
  Batch b;
  b.queue_add_service(service(80));
  b.queue_add_service(service(80));
  b.queue_add_destination(service(81).key, real(0x0a000002));
  b.queue_zero(key);
  answer_every_message(errno_of);
  BatchOptions o = each();
  o.window = 1;
  const auto batched = client_.execute(b, o);

  auto other = FakeTransport::make();
  other.state->on_send = state_->on_send;
  Client one_by_one(std::move(other.transport));
  const std::vector<Result<void>> single = {
      one_by_one.add_service(service(80)), one_by_one.add_service(service(80)),
      one_by_one.add_destination(service(81).key, real(0x0a000002)), one_by_one.zero(key)};
  EXPECT_EQ(state_->sent, other.state->sent);
  ASSERT_EQ(batched.size(), single.size());
  for (std::size_t i = 0; i < single.size(); ++i) {
    ASSERT_EQ(batched[i].ok(), single[i].ok()) << i;
    if (!single[i].ok()) {
      EXPECT_EQ(batched[i].error(), single[i].error()) << i;
    }
  }
  EXPECT_EQ(batched[1].error(), (Error::kernel(Op::AddService, EEXIST, "")));
  EXPECT_EQ(batched[2].error(), (Error::kernel(Op::AddDestination, ESRCH, "")));
}

TEST_F(BatchTest, LeftoversOfAnUnknownWindowDoNotConfuseTheNextRequest) {
  state_->replies.push_back(Error::transport(Op::Init, ENOBUFS, Outcome::Unknown, "recvmmsg"));
  const auto results = client_.execute(add_services(2), each());
  EXPECT_TRUE((results[0].error().outcome == Outcome::Unknown));
  // A late ACK of seq 2 is still in the way of the next request (seq 3).
  state_->replies.push_back(reply::datagram({reply::ack(2, EEXIST), reply::ack(3)}));
  EXPECT_TRUE(client_.flush().ok());
}

// ---- Acks::Last (the default): only a window's last request asks for an ACK.

/// nlmsg_flags of the messages of a sent datagram.
std::vector<std::uint16_t> flags_in(std::span<const std::uint8_t> datagram) {
  std::vector<std::uint16_t> flags;
  const auto messages = nl::parse_datagram(datagram);
  for (const nl::Message& m : *messages) flags.push_back(m.flags);
  return flags;
}

TEST_F(BatchTest, LastOnlyAsksForOneAckPerWindow) {
  answer_like_the_kernel();
  BatchOptions o;
  o.window = 4;
  const auto results = client_.execute(add_services(6), o);
  for (const auto& r : results) EXPECT_TRUE(r.ok());
  const std::uint16_t no_ack = nl::kNlmFRequest;
  const std::uint16_t ack = nl::kNlmFRequest | nl::kNlmFAck;
  ASSERT_EQ(state_->sent.size(), 2u);
  EXPECT_EQ(flags_in(state_->sent[0]), (std::vector<std::uint16_t>{no_ack, no_ack, no_ack, ack}));
  EXPECT_EQ(flags_in(state_->sent[1]), (std::vector<std::uint16_t>{no_ack, ack}));
  EXPECT_EQ(seqs_in(state_->sent[1]), (std::vector<std::uint32_t>{5, 6}));
  // Apart from NLM_F_ACK, the bytes are those of Acks::Each.
  Bytes expected = add_service_datagram(1, 4, 1);
  for (std::size_t at = 0, i = 0; i < 3; ++i) {
    nl::clear_ack_flag(std::span(expected).subspan(at));
    at += nl::parse_datagram(expected)->at(i).payload.size() + nl::kNlmsgHdrLen;
  }
  EXPECT_EQ(state_->sent[0], expected);
  EXPECT_EQ(state_->nowait_reads, 0);
}

TEST_F(BatchTest, DefaultWindowsAreBoundedByDatagramBytes) {
  // The default window is no tighter than a 64 KiB datagram: one sendmsg
  // carries as many requests as fit (~400 add-real-server lines of -R).
  answer_like_the_kernel();
  const Batch b = add_services(2000);
  const std::size_t per = BatchOptions{}.max_datagram_bytes / detail::BatchAccess::request(b, 0).size();
  ASSERT_GT(per, 64u);
  const auto results = client_.execute(b);
  for (const auto& r : results) EXPECT_TRUE(r.ok());
  ASSERT_EQ(state_->sent.size(), (2000 + per - 1) / per);
  EXPECT_EQ(messages_in(state_->sent[0]), per);
}

TEST_F(BatchTest, ReceiveBufferCapsLastOnlyWindowsToo) {
  // Acks::Last budgets one answer per operation too: a window whose every
  // operation fails sends back that many NACKs.
  answer_like_the_kernel([](std::uint32_t) { return EEXIST; });
  state_->limits.receive_buffer = 3 * kAckBudgetBytes + 100;
  const auto results = client_.execute(add_services(7));
  for (const auto& r : results) EXPECT_EQ(r.error(), (Error::kernel(Op::AddService, EEXIST, "")));
  ASSERT_EQ(state_->sent.size(), 3u);
  EXPECT_EQ(messages_in(state_->sent[0]), 3u);
  EXPECT_EQ(messages_in(state_->sent[2]), 1u);
}

TEST_F(BatchTest, LastOnlyNacksAreMatchedAndSilenceIsSuccess) {
  answer_like_the_kernel([](std::uint32_t seq) { return seq == 2 ? EEXIST : seq == 5 ? ESRCH : 0; });
  BatchOptions o;
  o.window = 5;
  const auto results = client_.execute(add_services(7), o);
  ASSERT_EQ(results.size(), 7u);
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 1) {
      EXPECT_EQ(results[i].error(), (Error::kernel(Op::AddService, EEXIST, "")));
    } else if (i == 4) {  // the window's last one, answered by its NACK
      EXPECT_EQ(results[i].error(), (Error::kernel(Op::AddService, ESRCH, "")));
    } else {
      EXPECT_TRUE(results[i].ok()) << i;
    }
  }
}

TEST_F(BatchTest, LastOnlyOverflowMakesEveryUnansweredUnknown) {
  // ENOBUFS: NACKs may have been dropped, so silence proves nothing, even
  // when the last ACK got through.
  state_->replies.push_back(reply::ack(2, EEXIST));
  state_->replies.push_back(Error::transport(Op::Init, ENOBUFS, Outcome::Unknown, "recvmmsg: No buffer space available"));
  state_->replies.push_back(reply::ack(4));
  BatchOptions o;
  o.window = 4;
  const auto results = client_.execute(add_services(4), o);
  EXPECT_EQ(results[1].error(), (Error::kernel(Op::AddService, EEXIST, "")));
  EXPECT_TRUE(results[3].ok());
  for (std::size_t i : {0u, 2u}) {
    ASSERT_FALSE(results[i].ok()) << i;
    EXPECT_EQ(results[i].error(), (Error::transport(Op::AddService, ENOBUFS, Outcome::Unknown, std::string(kAckLost))));
  }
}

TEST_F(BatchTest, LastOnlyWithoutTheLastAnswerIsUnknown) {
  state_->replies.push_back(reply::ack(1, EEXIST));
  state_->replies.push_back(Error::transport(Op::Init, EIO, Outcome::Unknown, "recvmmsg: Input/output error"));
  const auto results = client_.execute(add_services(3));
  EXPECT_EQ(results[0].error(), (Error::kernel(Op::AddService, EEXIST, "")));
  for (std::size_t i : {1u, 2u}) EXPECT_TRUE((results[i].error().outcome == Outcome::Unknown)) << i;
}

}  // namespace
}  // namespace ipvs
