// Netlink framing and the attribute reader: bounds checks, ACK/NACK/DONE
// decoding, extended ack text, flags.

#include "netlink/message.hpp"

#include <gtest/gtest.h>

#include <cerrno>

#include "fakes/hex.hpp"
#include "fakes/ipvs_replies.hpp"

namespace ipvs::nl {
namespace {

using testing::hex;

TEST(AttrSetTest, ParsesAlignedAttributesAndMasksTypeFlags) {
  auto bytes = hex(R"(
    05 00 01 00  07 00 00 00    // type 1, u8 7, padded
    08 00 02 80  01 02 03 04    // type 2 with NLA_F_NESTED set
  )");
  auto set = AttrSet::parse(bytes, 3);
  ASSERT_TRUE(set.ok()) << set.error().detail;
  EXPECT_EQ(*read_int<std::uint8_t>(*set, 1, "a"), 7);
  ASSERT_TRUE(set->has(2));
  EXPECT_EQ(set->get(2)->size(), 4u);
  EXPECT_FALSE(set->has(3));
}

TEST(AttrSetTest, LastAttributeMayLackItsPadding) {
  auto bytes = hex("05 00 01 00 07");
  auto set = AttrSet::parse(bytes, 1);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(*read_int<std::uint8_t>(*set, 1, "a"), 7);
}

TEST(AttrSetTest, UnknownTypesAreIgnoredAndDuplicatesKeepTheLast) {
  auto bytes = hex(R"(
    08 00 63 00  ff ff ff ff    // type 99 > max: ignored
    08 00 01 00  01 00 00 00
    08 00 01 00  02 00 00 00    // duplicate: the kernel keeps the last
  )");
  auto set = AttrSet::parse(bytes, 2);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(*read_int<std::uint32_t>(*set, 1, "a"), 2u);
}

TEST(AttrSetTest, TruncatedHeaderIsAnError) {
  auto bytes = hex("08 00 01 00 01 00 00 00  06 00");
  auto set = AttrSet::parse(bytes, 1);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().origin, Origin::Decode);
  EXPECT_EQ(set.error().errnum, EBADMSG);
}

TEST(AttrSetTest, LengthPastTheEndIsAnError) {
  auto bytes = hex("10 00 01 00 01 00 00 00");  // claims 16 bytes, has 8
  auto set = AttrSet::parse(bytes, 1);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().errnum, EBADMSG);
}

TEST(AttrSetTest, LengthBelowTheHeaderIsAnError) {
  auto bytes = hex("02 00 01 00");
  EXPECT_FALSE(AttrSet::parse(bytes, 1).ok());
}

TEST(ReadersTest, WrongSizeAndMissingAreErrors) {
  auto bytes = hex("08 00 01 00 01 00 00 00");
  auto set = AttrSet::parse(bytes, 2);
  ASSERT_TRUE(set.ok());
  auto wrong = read_int<std::uint16_t>(*set, 1, "IPVS_X");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().detail, "IPVS_X: expected 2 bytes, got 4");
  auto missing = read_int<std::uint32_t>(*set, 2, "IPVS_Y");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().detail, "missing IPVS_Y");
  EXPECT_EQ(*read_int_or<std::uint32_t>(*set, 2, "IPVS_Y", 9), 9u);
  EXPECT_EQ(*read_be32(*set, 1, "IPVS_X"), 0x01000000u);
}

TEST(ReadersTest, StringsStopAtNulOrEnd) {
  auto bytes = hex(R"(
    08 00 01 00  72 72 00 78    // "rr\0x"
    07 00 02 00  61 62 63 00    // "abc" without NUL (len 7)
  )");
  auto set = AttrSet::parse(bytes, 2);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(*read_string(*set, 1, "a"), "rr");
  EXPECT_EQ(*read_string(*set, 2, "b"), "abc");
}

TEST(WriterTest, NestLengthIsPatched) {
  MessageWriter w(0x24, kRequestFlags, 1, cmd::kZero);
  const auto n = w.begin_nest(1);
  w.put_u32(2, 5);
  w.end_nest(n);
  auto msg = std::move(w).finish();
  EXPECT_EQ(testing::to_hex(msg), testing::to_hex(hex(R"(
    20 00 00 00 24 00 05 00 01 00 00 00 00 00 00 00
    10 01 00 00  0c 00 01 00  08 00 02 00 05 00 00 00
  )")));
}

TEST(DatagramTest, SplitsSeveralMessages) {
  auto dg = testing::reply::datagram({testing::reply::info(7, Info{0x010201, 4096}),
                                      testing::reply::ack(7)});
  auto msgs = parse_datagram(dg);
  ASSERT_TRUE(msgs.ok());
  ASSERT_EQ(msgs->size(), 2u);
  EXPECT_EQ((*msgs)[0].type, testing::kFakeFamily);
  EXPECT_EQ((*msgs)[0].seq, 7u);
  EXPECT_EQ((*msgs)[0].pid, 4242u);
  EXPECT_TRUE((*msgs)[1].is_error());
  EXPECT_EQ((*msgs)[1].error, 0);
}

TEST(DatagramTest, NackWithCappedExtack) {
  const auto dg = testing::reply::ack(3, EINVAL, "bad mcast group");  // the messages are views into it
  auto msgs = parse_datagram(dg);
  ASSERT_TRUE(msgs.ok());
  ASSERT_EQ(msgs->size(), 1u);
  EXPECT_EQ((*msgs)[0].error, EINVAL);
  EXPECT_EQ((*msgs)[0].extack, "bad mcast group");
}

TEST(DatagramTest, NackEchoingTheWholeRequestThenTlvs) {
  // Without NETLINK_CAP_ACK the kernel echoes the request (here 24 bytes).
  auto dg = hex(R"(
    34 00 00 00 02 00 00 02 05 00 00 00 00 00 00 00   // ERROR, len 52, flags ACK_TLVS
    ef ff ff ff                                       // -17 EEXIST
    18 00 00 00 24 00 05 00 05 00 00 00 00 00 00 00   // echoed nlmsghdr, len 24
    01 01 00 00  00 00 00 00                          // echoed genl header + 4 bytes
    08 00 01 00  68 69 21 00                          // NLMSGERR_ATTR_MSG "hi!"
  )");
  auto msgs = parse_datagram(dg);
  ASSERT_TRUE(msgs.ok()) << msgs.error().detail;
  EXPECT_EQ((*msgs)[0].error, EEXIST);
  EXPECT_EQ((*msgs)[0].extack, "hi!");
}

TEST(DatagramTest, DoneCarriesTheDumpError) {
  const auto dg = testing::reply::done(4, ENOMEM);
  auto msgs = parse_datagram(dg);
  ASSERT_TRUE(msgs.ok());
  EXPECT_TRUE((*msgs)[0].is_done());
  EXPECT_EQ((*msgs)[0].error, ENOMEM);
}

TEST(DatagramTest, DumpInterruptedFlag) {
  auto msg = testing::reply::with_flags(testing::reply::done(4), kNlmFDumpIntr);
  auto msgs = parse_datagram(msg);
  ASSERT_TRUE(msgs.ok());
  EXPECT_TRUE((*msgs)[0].dump_interrupted());
}

TEST(DatagramTest, TruncatedHeaderIsAnError) {
  auto dg = testing::reply::ack(1);
  dg.resize(dg.size() + 8, 0);  // 8 stray bytes: less than a header
  auto msgs = parse_datagram(dg);
  ASSERT_FALSE(msgs.ok());
  EXPECT_EQ(msgs.error().errnum, EBADMSG);
}

TEST(DatagramTest, LengthPastTheEndIsAnError) {
  auto dg = testing::reply::ack(1);
  dg.erase(dg.end() - 4, dg.end());  // not resize(): GCC 12 false positive
  EXPECT_FALSE(parse_datagram(dg).ok());
}

TEST(DatagramTest, ShortErrorMessageIsAnError) {
  auto dg = hex("14 00 00 00 02 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00");
  EXPECT_FALSE(parse_datagram(dg).ok());
}

TEST(DatagramTest, ReaderHandsOutTheMessagesBeforeAFault) {
  auto dg = testing::reply::datagram({testing::reply::ack(5), testing::reply::done(6, ENOMEM)});
  dg.resize(dg.size() + 8, 0);  // 8 stray bytes: less than a header
  MessageReader reader(dg);
  Message m;
  ASSERT_TRUE(reader.next(m));
  EXPECT_TRUE(m.is_error());
  EXPECT_EQ(m.seq, 5u);
  ASSERT_TRUE(reader.next(m));
  EXPECT_TRUE(m.is_done());
  EXPECT_EQ(m.error, ENOMEM);
  EXPECT_TRUE(m.extack.empty());  // not left over from an earlier message
  EXPECT_FALSE(reader.next(m));
  ASSERT_TRUE(reader.failed());
  EXPECT_EQ(reader.error().detail, "truncated netlink header (8 bytes left)");
  EXPECT_FALSE(reader.next(m));
}

TEST(DatagramTest, ReaderNamesABadLength) {
  auto dg = testing::reply::ack(1);
  dg.erase(dg.end() - 4, dg.end());
  MessageReader reader(dg);
  Message m;
  EXPECT_FALSE(reader.next(m));
  ASSERT_TRUE(reader.failed());
  EXPECT_EQ(reader.error().detail, "netlink message has bad length " + std::to_string(dg.size() + 4) + " (" +
                                       std::to_string(dg.size()) + " bytes left)");
}

TEST(DatagramTest, EmptyDatagramHasNoMessages) {
  auto msgs = parse_datagram({});
  ASSERT_TRUE(msgs.ok());
  EXPECT_TRUE(msgs->empty());
}

TEST(GenlTest, SplitsHeader) {
  auto p = hex("0e 01 00 00 08 00 01 00 01 02 03 04");
  auto g = parse_genl(p);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->cmd, cmd::kSetInfo);
  EXPECT_EQ(g->version, 1);
  EXPECT_EQ(g->attrs.size(), 8u);
  EXPECT_FALSE(parse_genl(std::span(p).first(3)).ok());
}

TEST(MessageTest, SetTypeAndSeqPatchesOnlyThoseFields) {
  MessageWriter w(0, kRequestFlags, 0, 17);
  w.put_u32(4, 99);
  auto bytes = std::move(w).finish();
  auto expected = MessageWriter(0x24, kRequestFlags, 0x01020304, 17);
  expected.put_u32(4, 99);
  set_type_and_seq(bytes, 0x24, 0x01020304);
  EXPECT_EQ(bytes, std::move(expected).finish());
}

}  // namespace
}  // namespace ipvs::nl
