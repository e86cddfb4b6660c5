// The real transport. With IPVS absent (no /proc/net/ip_vs) opening it must
// fail with Op::Init / ENOPROTOOPT. The same socket code is exercised for
// real against the kernel's always-present "nlctrl" family: a dump over
// several datagrams, a do-request's data + ACK, a NACK, a batch that only
// fits because the socket buffers were raised, several datagrams per read,
// the send-size limit, and what a receive-buffer overflow looks like (the
// behaviour Client::execute relies on).

#include "netlink/genl_transport.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <numeric>

#include "ipvs/genl_transport.hpp"
#include "netlink/message.hpp"

namespace ipvs::nl {
namespace {

// From <linux/genetlink.h>.
constexpr std::uint16_t kGenlIdCtrl = 0x10;
constexpr std::uint8_t kCtrlCmdGetFamily = 3;
constexpr std::uint16_t kCtrlAttrFamilyName = 2;

using Bytes = std::vector<std::uint8_t>;

TEST(GenlTransportTest, OpensIpvsOrReportsAbsentFamily) {
  auto t = open_genl_transport();
  const bool have_ipvs = std::filesystem::exists("/proc/net/ip_vs");
  if (t.ok()) {
    EXPECT_TRUE(have_ipvs);
    EXPECT_NE(t.value()->family_id(), 0);
    return;
  }
  EXPECT_EQ(t.error().op, Op::Init);
  if (!have_ipvs) {
    EXPECT_EQ(t.error().errnum, ENOPROTOOPT) << t.error().detail;
  }
}

TEST(GenlTransportTest, UnknownFamilyIsEnoprotoopt) {
  auto t = open_genl_family("no-such-family");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error(), (Error::transport(Op::Init, ENOPROTOOPT, Outcome::NotSent, t.error().detail)));
}

TEST(GenlTransportTest, SocketBufferOptionSetsTheLimits) {
  GenlOptions small;
  small.socket_buffer_bytes = 1;  // the kernel applies its minimum
  auto tiny = open_genl_family("nlctrl", small);
  auto normal = open_genl_family("nlctrl");
  ASSERT_TRUE(tiny.ok() && normal.ok());
  const TransportLimits t = tiny.value()->limits();
  EXPECT_GT(t.receive_buffer, 0u);
  EXPECT_LT(t.receive_buffer, 16u * 1024);
  EXPECT_LT(t.max_datagram, 16u * 1024);
  EXPECT_GT(normal.value()->limits().receive_buffer, t.receive_buffer);
}

struct Seen {
  std::uint16_t type;
  std::uint16_t flags;
  int error;
};

/// Reads datagrams until request `seq` completes (DONE for a dump, else an
/// ACK/NACK), returning its messages and counting the datagrams read.
std::vector<Seen> read_reply(Transport& t, std::uint32_t seq, bool dump, int* datagrams = nullptr) {
  std::vector<Seen> seen;
  std::vector<std::uint8_t> rx;
  for (;;) {
    auto got = t.receive_queued(rx, Wait::Block);
    EXPECT_TRUE(got.ok()) << (got.ok() ? "" : got.error().detail);
    if (!got.ok()) return seen;
    if (datagrams) ++*datagrams;
    auto msgs = parse_datagram(rx);
    EXPECT_TRUE(msgs.ok());
    if (!msgs.ok()) return seen;
    for (const auto& m : *msgs) {
      if (m.seq != seq) continue;
      seen.push_back({m.type, m.flags, m.error});
      if (m.is_done() || (m.is_error() && (!dump || m.error != 0))) return seen;
    }
  }
}

Bytes get_family(std::uint32_t seq, const char* name) {
  MessageWriter w(kGenlIdCtrl, kRequestFlags, seq, kCtrlCmdGetFamily);
  w.put_string(kCtrlAttrFamilyName, name);
  return std::move(w).finish();
}

TEST(GenlTransportTest, NlctrlDumpDoAndNack) {
  auto opened = open_genl_family("nlctrl");
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  Transport& t = *opened.value();
  EXPECT_EQ(t.family_id(), kGenlIdCtrl);

  // Dump of every family: NLM_F_MULTI parts, then DONE.
  ASSERT_TRUE(t.send(MessageWriter(kGenlIdCtrl, kDumpFlags, 1, kCtrlCmdGetFamily).finish()).ok());
  int datagrams = 0;
  auto dump = read_reply(t, 1, true, &datagrams);
  ASSERT_GE(dump.size(), 2u);
  EXPECT_EQ(dump.back().type, kNlmsgDone);
  EXPECT_EQ(dump.back().error, 0);
  EXPECT_TRUE(dump.front().flags & kNlmFMulti);
  EXPECT_GE(datagrams, 1);

  // A do-request: one data message, then the ACK we must consume.
  ASSERT_TRUE(t.send(get_family(2, "nlctrl")).ok());
  auto one = read_reply(t, 2, false);
  ASSERT_EQ(one.size(), 2u);
  EXPECT_EQ(one[0].type, kGenlIdCtrl);
  EXPECT_EQ(one[1].type, kNlmsgError);
  EXPECT_EQ(one[1].error, 0);

  // A NACK.
  ASSERT_TRUE(t.send(get_family(3, "no-such-family")).ok());
  auto nack = read_reply(t, 3, false);
  ASSERT_EQ(nack.size(), 1u);
  EXPECT_EQ(nack[0].error, ENOENT);
}

TEST(GenlTransportTest, BatchOfTwoThousandAckedRequests) {
  // 2000 requests (80 KB) in one datagram and 2000 error ACKs (~1.7 MB of
  // receive-buffer truesize): beyond libnl's 32 KiB SO_SNDBUF and the
  // default 208 KiB SO_RCVBUF, so this passes only with the raised buffers.
  auto opened = open_genl_family("nlctrl");
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  Transport& t = *opened.value();
  constexpr std::uint32_t kCount = 2000;
  Bytes batch;
  for (std::uint32_t seq = 1; seq <= kCount; ++seq) {
    auto m = get_family(seq, "no-such-family");
    batch.insert(batch.end(), m.begin(), m.end());
  }
  ASSERT_TRUE(t.send(batch).ok());
  std::uint32_t next = 1;
  std::vector<std::uint8_t> rx;
  while (next <= kCount) {
    auto got = t.receive_queued(rx, Wait::Block);
    ASSERT_TRUE(got.ok()) << got.error().detail << " after " << next - 1 << " replies";
    auto msgs = parse_datagram(rx);
    ASSERT_TRUE(msgs.ok());
    for (const auto& m : *msgs) {
      ASSERT_EQ(m.seq, next);  // in order, none dropped
      EXPECT_EQ(m.error, ENOENT);
      ++next;
    }
  }
}

/// `count` NACKed requests (GETFAMILY of an unknown name), seqs first.., in one datagram.
Bytes unknown_family_requests(std::uint32_t first, std::uint32_t count) {
  Bytes batch;
  for (std::uint32_t seq = first; seq < first + count; ++seq) {
    auto m = get_family(seq, "no-such-family");
    batch.insert(batch.end(), m.begin(), m.end());
  }
  return batch;
}

/// Sequence numbers of the messages in `rx`, appended to `seqs`.
void append_seqs(const Bytes& rx, std::vector<std::uint32_t>& seqs) {
  auto msgs = parse_datagram(rx);
  ASSERT_TRUE(msgs.ok()) << msgs.error().detail;
  for (const auto& m : *msgs) {
    EXPECT_EQ(m.error, ENOENT);
    seqs.push_back(m.seq);
  }
}

TEST(GenlTransportTest, ReceiveQueuedTakesSeveralDatagramsPerCall) {
  auto opened = open_genl_family("nlctrl");
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  Transport& t = *opened.value();
  constexpr std::uint32_t kCount = 40;
  ASSERT_TRUE(t.send(unknown_family_requests(1, kCount)).ok());
  // Every NACK is its own datagram; all are queued once send() returns.
  Bytes rx;
  auto first = t.receive_queued(rx, Wait::Block);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_GT(*first, 1u);
  std::vector<std::uint32_t> seqs;
  append_seqs(rx, seqs);
  EXPECT_EQ(seqs.size(), *first);
  while (seqs.size() < kCount) {
    auto more = t.receive_queued(rx, Wait::Never);
    ASSERT_TRUE(more.ok()) << more.error().detail;
    ASSERT_GT(*more, 0u) << "after " << seqs.size();
    append_seqs(rx, seqs);
  }
  std::vector<std::uint32_t> expected(kCount);
  std::iota(expected.begin(), expected.end(), 1u);
  EXPECT_EQ(seqs, expected);
  // Nothing left: Never returns at once with nothing.
  auto none = t.receive_queued(rx, Wait::Never);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0u);
  EXPECT_TRUE(rx.empty());
}

TEST(GenlTransportTest, LimitsGiveTheLargestDatagramTheKernelTakes) {
  auto opened = open_genl_family("nlctrl");
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  Transport& t = *opened.value();
  const TransportLimits limits = t.limits();
  // Raised from the kernel's 212992 default (with or without *FORCE).
  EXPECT_GT(limits.max_datagram, 212992u);
  EXPECT_GT(limits.receive_buffer, 212992u);
  ASSERT_EQ(limits.max_datagram % 4, 0u);

  // A filler message the kernel skips silently (no NLM_F_REQUEST, no ACK
  // flag), padding the datagram to exactly max_datagram, then one request.
  const Bytes request = get_family(7, "no-such-family");
  auto datagram_of = [&](std::size_t total) {
    Bytes d(total - request.size(), 0);
    const auto filler_len = static_cast<std::uint32_t>(d.size());
    std::memcpy(d.data(), &filler_len, sizeof filler_len);
    const std::uint16_t noop = kNlmsgNoop;
    std::memcpy(d.data() + 4, &noop, sizeof noop);
    d.insert(d.end(), request.begin(), request.end());
    return d;
  };
  auto too_big = t.send(datagram_of(limits.max_datagram + 4));
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().errnum, EMSGSIZE);
  ASSERT_TRUE(t.send(datagram_of(limits.max_datagram)).ok());
  auto nack = read_reply(t, 7, false);
  ASSERT_EQ(nack.size(), 1u);
  EXPECT_EQ(nack[0].error, ENOENT);
}

TEST(GenlTransportTest, OverflowFailsOnceWithEnobufsAndKeepsTheQueuedPrefix) {
  auto opened = open_genl_family("nlctrl");
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  Transport& t = *opened.value();
  // Far more NACKs (~832 bytes of truesize each) than the receive buffer holds.
  const auto count = static_cast<std::uint32_t>(t.limits().receive_buffer / 256);
  const Bytes batch = unknown_family_requests(1, count);
  ASSERT_LE(batch.size(), t.limits().max_datagram);
  ASSERT_TRUE(t.send(batch).ok());

  Bytes rx;
  auto first = t.receive_queued(rx, Wait::Block);
  ASSERT_FALSE(first.ok()) << "no overflow with " << count << " replies";
  EXPECT_EQ(first.error().errnum, ENOBUFS);
  // What was queued before the overflow is still there, in order, and
  // nothing after it: the kernel drops every reply until the queue is empty.
  std::vector<std::uint32_t> seqs;
  for (;;) {
    auto got = t.receive_queued(rx, Wait::Never);
    ASSERT_TRUE(got.ok()) << got.error().detail;
    if (*got == 0) break;
    append_seqs(rx, seqs);
  }
  ASSERT_FALSE(seqs.empty());
  EXPECT_LT(seqs.size(), count);
  std::vector<std::uint32_t> prefix(seqs.size());
  std::iota(prefix.begin(), prefix.end(), 1u);
  EXPECT_EQ(seqs, prefix);
  ::testing::Test::RecordProperty("replies_sent", static_cast<int>(count));
  ::testing::Test::RecordProperty("replies_kept", static_cast<int>(seqs.size()));
  ::testing::Test::RecordProperty("receive_buffer", static_cast<int>(t.limits().receive_buffer));
  // At least as many as the window sizing budgets for.
  EXPECT_GE(seqs.size(), t.limits().receive_buffer / 1024);

  // Drained: the socket works again.
  ASSERT_TRUE(t.send(get_family(count + 1, "nlctrl")).ok());
  auto one = read_reply(t, count + 1, false);
  ASSERT_EQ(one.size(), 2u);
  EXPECT_EQ(one[1].error, 0);
}

}  // namespace
}  // namespace ipvs::nl
