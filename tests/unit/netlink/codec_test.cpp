// Golden request bytes for every encoder, checked by hand against the uapi
// layout (host order = little-endian here): nlmsghdr {len, type, flags, seq,
// pid}, genlmsghdr {cmd, version 1, 0}, then nlattr {len, type} + payload
// padded to 4.

#include <gtest/gtest.h>

#include <bit>

#include "fakes/hex.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"

namespace ipvs::nl {
namespace {

using testing::hex;
using testing::to_hex;

static_assert(std::endian::native == std::endian::little, "golden bytes assume little-endian");

constexpr std::uint16_t kFam = 0x24;

#define EXPECT_BYTES(actual, golden) EXPECT_EQ(to_hex(actual), to_hex(hex(golden)))

ServiceKey tcp_key() {
  ServiceKey k;
  k.family = Family::Inet;
  k.protocol = Protocol::Tcp;
  k.address = Address::v4(0x0a000001);  // 10.0.0.1
  k.port = 80;
  return k;
}

// The SERVICE nest of tcp_key(): 48 bytes.
constexpr const char* kTcpKeyNest = R"(
  30 00 01 00                               // CMD_ATTR_SERVICE, len 48
  06 00 01 00  02 00 00 00                  // AF = 2, padded
  06 00 02 00  06 00 00 00                  // PROTOCOL = 6
  14 00 03 00  0a 00 00 01  00 00 00 00 00 00 00 00 00 00 00 00  // ADDR 10.0.0.1, 16 B
  06 00 04 00  00 50 00 00                  // PORT 80 big-endian
)";

TEST(EncodeTest, GetInfo) {
  EXPECT_BYTES(encode_get_info(kFam, 1), R"(
    14 00 00 00  24 00  05 00  01 00 00 00  00 00 00 00   // len 20, fam, REQUEST|ACK, seq 1, pid 0
    0f 01 00 00                                           // GET_INFO, version 1
  )");
}

TEST(EncodeTest, GetServicesIsADump) {
  EXPECT_BYTES(encode_get_services(kFam, 2), R"(
    14 00 00 00  24 00  05 03  02 00 00 00  00 00 00 00   // flags 0x305
    04 01 00 00                                           // GET_SERVICE
  )");
}

TEST(EncodeTest, GetServiceSendsOnlyTheKey) {
  EXPECT_BYTES(encode_get_service(kFam, 3, tcp_key()),
               std::string(R"(44 00 00 00  24 00  05 00  03 00 00 00  00 00 00 00
                              04 01 00 00)") + kTcpKeyNest);
}

TEST(EncodeTest, NewServiceV4) {
  Service svc;
  svc.key = tcp_key();
  svc.scheduler = "wlc";
  svc.flags = svc_flags::kPersistent | svc_flags::kHashed;  // HASHED is not sent
  svc.timeout = 300;
  svc.netmask = 0xffffff00;  // 255.255.255.0, host order in the model
  EXPECT_BYTES(encode_new_service(kFam, 4, svc), R"(
    68 00 00 00  24 00  05 00  04 00 00 00  00 00 00 00   // len 104
    01 01 00 00                                           // NEW_SERVICE
    54 00 01 00                                           // SERVICE, len 84
    06 00 01 00  02 00 00 00                              // AF
    06 00 02 00  06 00 00 00                              // PROTOCOL
    14 00 03 00  0a 00 00 01  00 00 00 00 00 00 00 00 00 00 00 00
    06 00 04 00  00 50 00 00                              // PORT 80
    08 00 06 00  77 6c 63 00                              // SCHED_NAME "wlc\0"
    0c 00 07 00  01 00 00 00  ff ff ff ff                 // FLAGS {PERSISTENT, mask ~0}
    08 00 08 00  2c 01 00 00                              // TIMEOUT 300
    08 00 09 00  ff ff ff 00                              // NETMASK be32 255.255.255.0
  )");
}

TEST(EncodeTest, SetServiceFwmarkV6WithPe) {
  Service svc;
  svc.key.family = Family::Inet6;
  svc.key.fwmark = 1;
  svc.key.port = 99;  // ignored for fwmark services
  svc.scheduler = "rr";
  svc.pe_name = "sip";
  svc.netmask = 128;
  EXPECT_BYTES(encode_set_service(kFam, 5, svc), R"(
    54 00 00 00  24 00  05 00  05 00 00 00  00 00 00 00   // len 84
    02 01 00 00                                           // SET_SERVICE
    40 00 01 00                                           // SERVICE, len 64
    06 00 01 00  0a 00 00 00                              // AF = 10
    08 00 05 00  01 00 00 00                              // FWMARK 1, no PROTOCOL/ADDR/PORT
    07 00 06 00  72 72 00 00                              // SCHED_NAME "rr\0" + pad
    08 00 0b 00  73 69 70 00                              // PE_NAME "sip\0"
    0c 00 07 00  00 00 00 00  ff ff ff ff                 // FLAGS
    08 00 08 00  00 00 00 00                              // TIMEOUT 0
    08 00 09 00  80 00 00 00                              // NETMASK prefix 128, plain u32
  )");
}

TEST(EncodeTest, DelServiceV6) {
  ServiceKey k;
  k.family = Family::Inet6;
  k.protocol = Protocol::Udp;
  k.address = *Address::parse("2001:db8::1");
  k.port = 53;
  EXPECT_BYTES(encode_del_service(kFam, 6, k), R"(
    44 00 00 00  24 00  05 00  06 00 00 00  00 00 00 00
    03 01 00 00                                           // DEL_SERVICE
    30 00 01 00
    06 00 01 00  0a 00 00 00
    06 00 02 00  11 00 00 00                              // PROTOCOL 17
    14 00 03 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01
    06 00 04 00  00 35 00 00                              // PORT 53
  )");
}

TEST(EncodeTest, V4AddressIsZeroPaddedEvenIfModelBytesAreDirty) {
  ServiceKey k = tcp_key();
  k.address.bytes[10] = 0xee;  // garbage beyond the IPv4 bytes
  EXPECT_EQ(encode_del_service(kFam, 6, k), encode_del_service(kFam, 6, tcp_key()));
}

TEST(EncodeTest, GetDestsIsADumpWithTheKey) {
  EXPECT_BYTES(encode_get_dests(kFam, 7, tcp_key()),
               std::string(R"(44 00 00 00  24 00  05 03  07 00 00 00  00 00 00 00
                              08 01 00 00)") + kTcpKeyNest);
}

TEST(EncodeTest, NewDestMasq) {
  Destination d;
  d.address = Address::v4(0xc0a80102);  // 192.168.1.2
  d.port = 8080;
  d.forward = Forward::Masq;
  d.weight = 5;
  d.active_conns = 77;  // reply-only, not sent
  EXPECT_BYTES(encode_new_dest(kFam, 8, tcp_key(), d), std::string(R"(
    a4 00 00 00  24 00  05 00  08 00 00 00  00 00 00 00   // len 164
    05 01 00 00                                           // NEW_DEST
  )") + kTcpKeyNest + R"(
    60 00 02 00                                           // DEST, len 96
    14 00 01 00  c0 a8 01 02  00 00 00 00 00 00 00 00 00 00 00 00
    06 00 02 00  1f 90 00 00                              // PORT 8080 big-endian
    08 00 03 00  00 00 00 00                              // FWD_METHOD MASQ
    08 00 04 00  05 00 00 00                              // WEIGHT 5
    08 00 05 00  00 00 00 00                              // U_THRESH
    08 00 06 00  00 00 00 00                              // L_THRESH
    06 00 0b 00  02 00 00 00                              // ADDR_FAMILY 2
    05 00 0d 00  00 00 00 00                              // TUN_TYPE ipip
    06 00 0e 00  00 00 00 00                              // TUN_PORT 0
    06 00 0f 00  00 00 00 00                              // TUN_FLAGS 0
  )");
}

TEST(EncodeTest, SetDestTunnelV6OnV4ServiceWithGue) {
  Destination d;
  d.address = *Address::parse("2001:db8::2");
  d.port = 80;
  d.forward = Forward::Tunnel;
  d.weight = 1;
  d.u_threshold = 100;
  d.l_threshold = 10;
  d.tun_type = TunnelType::Gue;
  d.tun_port = 6080;
  d.tun_flags = tun_flags::kCsum;
  EXPECT_BYTES(encode_set_dest(kFam, 9, tcp_key(), d), std::string(R"(
    a4 00 00 00  24 00  05 00  09 00 00 00  00 00 00 00
    06 01 00 00                                           // SET_DEST
  )") + kTcpKeyNest + R"(
    60 00 02 00
    14 00 01 00  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02
    06 00 02 00  00 50 00 00
    08 00 03 00  02 00 00 00                              // TUNNEL
    08 00 04 00  01 00 00 00
    08 00 05 00  64 00 00 00                              // U_THRESH 100
    08 00 06 00  0a 00 00 00                              // L_THRESH 10
    06 00 0b 00  0a 00 00 00                              // ADDR_FAMILY 10 (the dest's own)
    05 00 0d 00  01 00 00 00                              // TUN_TYPE gue
    06 00 0e 00  17 c0 00 00                              // TUN_PORT 6080 big-endian
    06 00 0f 00  01 00 00 00                              // TUN_FLAGS csum
  )");
}

TEST(EncodeTest, DestWithUnspecFamilyUsesTheServiceFamily) {
  Destination d;
  d.address.bytes = Address::v4(0xc0a80102).bytes;  // family left Unspec
  Destination same = d;
  same.address.family = Family::Inet;
  EXPECT_EQ(encode_new_dest(kFam, 1, tcp_key(), d), encode_new_dest(kFam, 1, tcp_key(), same));
}

TEST(EncodeTest, DelDestSendsOnlyIdentifyingAttrs) {
  Destination d;
  d.address = Address::v4(0xc0a80102);
  d.port = 8080;
  d.weight = 9;  // not sent
  EXPECT_BYTES(encode_del_dest(kFam, 10, tcp_key(), d), std::string(R"(
    6c 00 00 00  24 00  05 00  0a 00 00 00  00 00 00 00   // len 108
    07 01 00 00                                           // DEL_DEST
  )") + kTcpKeyNest + R"(
    28 00 02 00                                           // DEST, len 40
    14 00 01 00  c0 a8 01 02  00 00 00 00 00 00 00 00 00 00 00 00
    06 00 02 00  1f 90 00 00
    06 00 0b 00  02 00 00 00
  )");
}

TEST(EncodeTest, Flush) {
  EXPECT_BYTES(encode_flush(kFam, 11), R"(
    14 00 00 00  24 00  05 00  0b 00 00 00  00 00 00 00
    11 01 00 00                                           // FLUSH
  )");
}

TEST(EncodeTest, ZeroAllHasNoServiceNest) {
  EXPECT_BYTES(encode_zero(kFam, 12, std::nullopt), R"(
    14 00 00 00  24 00  05 00  0c 00 00 00  00 00 00 00
    10 01 00 00                                           // ZERO
  )");
}

TEST(EncodeTest, ZeroOneFwmarkService) {
  ServiceKey k;
  k.fwmark = 0xfffffffe;
  EXPECT_BYTES(encode_zero(kFam, 13, k), R"(
    28 00 00 00  24 00  05 00  0d 00 00 00  00 00 00 00   // len 40
    10 01 00 00
    14 00 01 00                                           // SERVICE, len 20
    06 00 01 00  02 00 00 00
    08 00 05 00  fe ff ff ff                              // FWMARK
  )");
}

TEST(EncodeTest, GetConfig) {
  EXPECT_BYTES(encode_get_config(kFam, 14), R"(
    14 00 00 00  24 00  05 00  0e 00 00 00  00 00 00 00
    0d 01 00 00                                           // GET_CONFIG
  )");
}

TEST(EncodeTest, SetConfigSendsAllThreeTimeouts) {
  EXPECT_BYTES(encode_set_config(kFam, 15, Timeouts{900, 120, 0}), R"(
    2c 00 00 00  24 00  05 00  0f 00 00 00  00 00 00 00   // len 44
    0c 01 00 00                                           // SET_CONFIG
    08 00 04 00  84 03 00 00                              // TIMEOUT_TCP 900
    08 00 05 00  78 00 00 00                              // TIMEOUT_TCP_FIN 120
    08 00 06 00  00 00 00 00                              // TIMEOUT_UDP 0 = unchanged
  )");
}

TEST(EncodeTest, GetDaemonsIsADump) {
  EXPECT_BYTES(encode_get_daemons(kFam, 16), R"(
    14 00 00 00  24 00  05 03  10 00 00 00  00 00 00 00
    0b 01 00 00                                           // GET_DAEMON
  )");
}

TEST(EncodeTest, NewDaemonMinimal) {
  Daemon d;
  d.state = DaemonState::Master;
  d.mcast_ifname = "eth0";
  d.sync_id = 5;
  EXPECT_BYTES(encode_new_daemon(kFam, 17, d), R"(
    34 00 00 00  24 00  05 00  11 00 00 00  00 00 00 00   // len 52
    09 01 00 00                                           // NEW_DAEMON
    20 00 03 00                                           // DAEMON, len 32
    08 00 01 00  01 00 00 00                              // STATE master
    09 00 02 00  65 74 68 30 00 00 00 00                  // MCAST_IFN "eth0\0" + pad
    08 00 03 00  05 00 00 00                              // SYNC_ID 5
  )");
}

TEST(EncodeTest, NewDaemonFullV4) {
  Daemon d;
  d.state = DaemonState::Backup;
  d.mcast_ifname = "eth1";
  d.sync_id = 7;
  d.sync_maxlen = 1472;
  d.mcast_group = Address::v4(0xef010203);  // 239.1.2.3
  d.mcast_port = 8848;
  d.mcast_ttl = 2;
  EXPECT_BYTES(encode_new_daemon(kFam, 18, d), R"(
    54 00 00 00  24 00  05 00  12 00 00 00  00 00 00 00   // len 84
    09 01 00 00
    40 00 03 00                                           // DAEMON, len 64
    08 00 01 00  02 00 00 00                              // STATE backup
    09 00 02 00  65 74 68 31 00 00 00 00
    08 00 03 00  07 00 00 00
    06 00 04 00  c0 05 00 00                              // SYNC_MAXLEN 1472
    08 00 05 00  ef 01 02 03                              // MCAST_GROUP in_addr
    06 00 07 00  90 22 00 00                              // MCAST_PORT 8848, host order
    05 00 08 00  02 00 00 00                              // MCAST_TTL 2
  )");
}

TEST(EncodeTest, NewDaemonV6Group) {
  Daemon d;
  d.mcast_ifname = "e";
  d.mcast_group = *Address::parse("ff02::1:2");
  EXPECT_BYTES(encode_new_daemon(kFam, 19, d), R"(
    44 00 00 00  24 00  05 00  13 00 00 00  00 00 00 00   // len 68
    09 01 00 00
    30 00 03 00                                           // DAEMON, len 48
    08 00 01 00  01 00 00 00
    06 00 02 00  65 00 00 00                              // "e\0"
    08 00 03 00  00 00 00 00
    14 00 06 00  ff 02 00 00 00 00 00 00 00 00 00 00 00 01 00 02  // MCAST_GROUP6
  )");
}

TEST(EncodeTest, DelDaemonSendsOnlyState) {
  EXPECT_BYTES(encode_del_daemon(kFam, 20, DaemonState::Backup), R"(
    20 00 00 00  24 00  05 00  14 00 00 00  00 00 00 00   // len 32
    0a 01 00 00                                           // DEL_DAEMON
    0c 00 03 00  08 00 01 00  02 00 00 00                 // DAEMON {STATE backup}
  )");
}

TEST(EncodeTest, RequestsConcatenateIntoOneDatagram) {
  auto a = encode_flush(kFam, 1);
  auto b = encode_get_info(kFam, 2);
  a.insert(a.end(), b.begin(), b.end());
  auto msgs = parse_datagram(a);
  ASSERT_TRUE(msgs.ok());
  ASSERT_EQ(msgs->size(), 2u);
  EXPECT_EQ((*msgs)[0].seq, 1u);
  EXPECT_EQ((*msgs)[1].seq, 2u);
}

}  // namespace
}  // namespace ipvs::nl
