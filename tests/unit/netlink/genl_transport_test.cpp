// The real transport. With IPVS absent (no /proc/net/ip_vs) opening it must
// fail with Op::Init / ENOPROTOOPT. The same socket code is exercised for
// real against the kernel's always-present "nlctrl" family: a dump over
// several datagrams, a do-request's data + ACK, a NACK, and a batch that
// only fits because the socket buffers were raised.

#include "netlink/genl_transport.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>

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
  EXPECT_EQ(t.error(), (Error{Op::Init, ENOPROTOOPT, t.error().detail}));
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
    auto got = t.receive(rx);
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
    auto got = t.receive(rx);
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

}  // namespace
}  // namespace ipvs::nl
