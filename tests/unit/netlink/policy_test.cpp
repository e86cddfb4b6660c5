// The attribute tables (policy.hpp): one walk per run of attributes checked
// against the declarations, then plain getters; and the IPVS tables
// (ipvs_policy.hpp) as the decoders use them.

#include <gtest/gtest.h>

#include <cerrno>

#include "fakes/hex.hpp"
#include "netlink/codec.hpp"
#include "netlink/ipvs_policy.hpp"
#include "netlink/policy.hpp"

namespace ipvs::nl {
namespace {

using testing::hex;

constexpr AttrPolicy kTestAttrs[] = {
    {1, AttrKind::U32, kRequired, "T_ONE"},
    {2, AttrKind::Be16, kOptional, "T_TWO"},
    {3, AttrKind::String, kOptional, "T_NAME"},
    {4, AttrKind::Address, kOptional, "T_ADDR"},
    {5, AttrKind::Bytes, kRequired, "T_PAIR", 8, 6},  // ignored when T_ALT came
    {6, AttrKind::U8, kOptional, "T_ALT"},
};
constexpr Policy kTest(kTestAttrs);

TEST(PolicyTest, LoadsEveryKindAfterOneWalk) {
  const auto bytes = hex(R"(
    08 00 01 00 2a 00 00 00                    // T_ONE 42
    06 00 02 00 1f 90 00 00                    // T_TWO 8080 (big-endian)
    07 00 03 00 72 72 00 00                    // T_NAME "rr\0"
    08 00 04 00 0a 00 00 01                    // T_ADDR 4 bytes
    0c 00 05 00 01 00 00 00 02 00 00 00        // T_PAIR
  )");
  Attrs a;
  auto ok = a.parse(bytes, kTest);
  ASSERT_TRUE(ok.ok()) << ok.error().detail;
  EXPECT_EQ(a.get<std::uint32_t>(1), 42u);
  EXPECT_EQ(a.be16(2), 8080);
  EXPECT_EQ(a.str(3), "rr");
  EXPECT_EQ(a.bytes(4).size(), 4u);
  EXPECT_EQ(a.get<std::uint32_t>(5), 1u);
  EXPECT_FALSE(a.has(6));
  EXPECT_EQ(a.get_or<std::uint8_t>(6, 9), 9);
}

TEST(PolicyTest, MissingRequiredAttributeIsNamed) {
  Attrs a;
  auto ok = a.parse(hex("0c 00 05 00 01 00 00 00 02 00 00 00"), kTest);
  ASSERT_FALSE(ok.ok());
  EXPECT_EQ(ok.error().errnum, EBADMSG);
  EXPECT_EQ(ok.error().detail, "missing T_ONE");
}

TEST(PolicyTest, WrongSizeAttributeIsNamed) {
  Attrs a;
  auto ok = a.parse(hex("08 00 01 00 2a 00 00 00  08 00 02 00 1f 90 00 00  0c 00 05 00 01 00 00 00 02 00 00 00"), kTest);
  ASSERT_FALSE(ok.ok());
  EXPECT_EQ(ok.error().detail, "T_TWO: expected 2 bytes, got 4");
  auto addr = a.parse(hex("08 00 01 00 2a 00 00 00  18 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"), kTest);
  ASSERT_FALSE(addr.ok());
  EXPECT_EQ(addr.error().detail, "T_ADDR: bad address length 20");
}

TEST(PolicyTest, FaultsAreReportedInDeclarationOrder) {
  // T_PAIR (declared 5th) is wrong before T_TWO (2nd) on the wire; T_ONE is missing.
  Attrs a;
  auto ok = a.parse(hex("08 00 05 00 00 00 00 00  08 00 02 00 1f 90 00 00"), kTest);
  ASSERT_FALSE(ok.ok());
  EXPECT_EQ(ok.error().detail, "missing T_ONE");
}

TEST(PolicyTest, UnknownAttributesAreSkipped) {
  const auto bytes = hex(R"(
    08 00 0e 00 ff ff ff ff                    // type 14: undeclared, any size
    05 00 20 00 01 00 00 00                    // type 32: above every table
    08 00 01 00 07 00 00 00
    05 00 06 00 01 00 00 00                    // T_ALT: T_PAIR not needed
  )");
  Attrs a;
  auto ok = a.parse(bytes, kTest);
  ASSERT_TRUE(ok.ok()) << ok.error().detail;
  EXPECT_EQ(a.get<std::uint32_t>(1), 7u);
  EXPECT_TRUE(a.has(14));
  EXPECT_FALSE(a.has(5));
}

TEST(PolicyTest, UnlessSkipsTheCheckOfAnIgnoredAttribute) {
  // T_PAIR of the wrong size does not matter while T_ALT is there.
  Attrs a;
  auto ok = a.parse(hex("08 00 01 00 07 00 00 00  08 00 05 00 00 00 00 00  05 00 06 00 01 00 00 00"), kTest);
  EXPECT_TRUE(ok.ok());
  auto without = a.parse(hex("08 00 01 00 07 00 00 00  08 00 05 00 00 00 00 00"), kTest);
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().detail, "T_PAIR: expected 8 bytes, got 4");
}

TEST(PolicyTest, DuplicatesTheLastWins) {
  // As nla_parse: a bad first copy followed by a good one is fine, and the
  // other way round is a fault.
  const auto bytes = hex(R"(
    06 00 01 00 01 00 00 00                    // T_ONE, 2 bytes
    08 00 01 00 02 00 00 00                    // T_ONE 2
    0c 00 05 00 01 00 00 00 02 00 00 00
  )");
  Attrs a;
  auto ok = a.parse(bytes, kTest);
  ASSERT_TRUE(ok.ok()) << ok.error().detail;
  EXPECT_EQ(a.get<std::uint32_t>(1), 2u);
  auto bad = a.parse(hex("08 00 01 00 02 00 00 00  06 00 01 00 01 00 00 00  0c 00 05 00 01 00 00 00 02 00 00 00"), kTest);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().detail, "T_ONE: expected 4 bytes, got 2");
}

TEST(PolicyTest, FramingFaultsCarryTheNestName) {
  Attrs a;
  auto trunc = a.parse(hex("08 00 01 00 07 00 00 00  08 00"), kTest, "T_NEST");
  ASSERT_FALSE(trunc.ok());
  EXPECT_EQ(trunc.error().detail, "T_NEST: truncated attribute header (2 bytes left)");
  auto past = a.parse(hex("0c 00 01 00 07 00 00 00"), kTest);
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().detail, "attribute type 1 has bad length 12 (8 bytes left)");
  auto below = a.parse(hex("02 00 01 00"), kTest, "T_NEST");
  ASSERT_FALSE(below.ok());
  EXPECT_EQ(below.error().detail, "T_NEST: attribute type 1 has bad length 2 (4 bytes left)");
}

TEST(PolicyTest, TypeFlagBitsAreMaskedAndLastPaddingMayLack) {
  const auto bytes = hex("08 00 01 80 07 00 00 00  0c 00 05 40 01 00 00 00 02 00 00 00  05 00 06 00 01");
  Attrs a;
  auto ok = a.parse(bytes, kTest);
  ASSERT_TRUE(ok.ok()) << ok.error().detail;
  EXPECT_EQ(a.get<std::uint32_t>(1), 7u);
  EXPECT_EQ(a.get<std::uint8_t>(6), 1);
}

// ---- the IPVS tables -------------------------------------------------------

TEST(IpvsPolicyTest, EveryTableIsConsistent) {
  for (const Policy* p : {&policy::kService, &policy::kDest, &policy::kDaemon, &policy::kStats64, &policy::kStats32,
                          &policy::kServiceMsg, &policy::kDestMsg, &policy::kDaemonMsg, &policy::kConfig,
                          &policy::kInfo}) {
    for (const AttrPolicy& a : p->attrs()) {
      EXPECT_TRUE(p->declares(a.type)) << a.name;
      EXPECT_EQ(&(*p)[a.type], &a) << a.name;
      EXPECT_NE(a.name, nullptr);
      if (a.unless != 0) {
        EXPECT_TRUE(p->declares(a.unless)) << a.name;
      }
    }
  }
  EXPECT_EQ(policy::kStats32[stats_attr::kConns].kind, AttrKind::U32);
  EXPECT_EQ(policy::kStats32[stats_attr::kInbytes].kind, AttrKind::U64);
  EXPECT_EQ(policy::kStats64[stats_attr::kConns].kind, AttrKind::U64);
}

TEST(IpvsPolicyTest, WrongSizeDestAttributeIsNamed) {
  auto d = decode_dest(hex(R"(
    05 01 00 00  40 00 02 00
    14 00 01 00 0a 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00
    06 00 02 00 00 50 00 00
    08 00 03 00 03 00 00 00  08 00 04 00 01 00 00 00
    08 00 05 00 00 00 00 00  06 00 06 00 00 00 00 00   // L_THRESH with 2 bytes
  )"), Family::Inet);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().detail, "IPVS_DEST_ATTR_L_THRESH: expected 4 bytes, got 2");
}

TEST(IpvsPolicyTest, StatsIgnoredWhenStats64Came) {
  // A malformed 32-bit STATS (CONNS of 2 bytes) is never walked next to STATS64.
  auto d = decode_dest(hex(R"(
    05 01 00 00  5c 00 02 00
    14 00 01 00 0a 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00
    06 00 02 00 00 50 00 00
    08 00 03 00 03 00 00 00  08 00 04 00 01 00 00 00
    08 00 05 00 00 00 00 00  08 00 06 00 00 00 00 00
    0c 00 0a 00  06 00 01 00 05 00 00 00           // STATS, CONNS 2 bytes
    10 00 0c 00  0c 00 01 00 09 00 00 00 00 00 00 00 // STATS64, CONNS 9
  )"), Family::Inet);
  ASSERT_TRUE(d.ok()) << d.error().detail;
  EXPECT_EQ(d->stats.conns, 9u);
}

TEST(IpvsPolicyTest, Stats64DuplicateCounterTheLastWins) {
  auto d = decode_dest(hex(R"(
    05 01 00 00  64 00 02 00
    14 00 01 00 0a 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00
    06 00 02 00 00 50 00 00
    08 00 03 00 03 00 00 00  08 00 04 00 01 00 00 00
    08 00 05 00 00 00 00 00  08 00 06 00 00 00 00 00
    24 00 0c 00
      08 00 01 00 01 00 00 00                      // CONNS of 4 bytes, then
      0c 00 01 00 07 00 00 00 00 00 00 00          // CONNS 7
      0c 00 0b 00 00 00 00 00 00 00 00 00          // PAD, skipped
  )"), Family::Inet);
  ASSERT_TRUE(d.ok()) << d.error().detail;
  EXPECT_EQ(d->stats.conns, 7u);
}

TEST(IpvsPolicyTest, FwmarkServiceNeedsNoKeyButFwmarkZeroDoes) {
  auto fw = decode_service(hex(R"(
    01 01 00 00  38 00 01 00
    06 00 01 00 02 00 00 00  08 00 05 00 07 00 00 00    // AF 2, FWMARK 7
    08 00 06 00 72 72 00 00
    0c 00 07 00 02 00 00 00 ff ff ff ff
    08 00 08 00 00 00 00 00  08 00 09 00 ff ff ff ff
  )"));
  ASSERT_TRUE(fw.ok()) << fw.error().detail;
  EXPECT_EQ(fw->key.fwmark, 7u);
  auto zero = decode_service(hex(R"(
    01 01 00 00  38 00 01 00
    06 00 01 00 02 00 00 00  08 00 05 00 00 00 00 00    // FWMARK 0
    08 00 06 00 72 72 00 00
    0c 00 07 00 02 00 00 00 ff ff ff ff
    08 00 08 00 00 00 00 00  08 00 09 00 ff ff ff ff
  )"));
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().detail, "missing IPVS_SVC_ATTR_PROTOCOL");
}

TEST(IpvsPolicyTest, DaemonGroupOfTheWrongSizeIsNamed) {
  // Deliberate change: this fault used to read "...: expected 16 bytes"; it
  // now has the text of every fixed-width fault.
  auto d = decode_daemon(hex(R"(
    09 01 00 00  28 00 03 00
    08 00 01 00 01 00 00 00
    09 00 02 00 65 74 68 30 00 00 00 00
    08 00 03 00 05 00 00 00
    08 00 06 00 ff 02 00 00                        // MCAST_GROUP6 of 4 bytes
  )"));
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().detail, "IPVS_DAEMON_ATTR_MCAST_GROUP6: expected 16 bytes, got 4");
}

}  // namespace
}  // namespace ipvs::nl
