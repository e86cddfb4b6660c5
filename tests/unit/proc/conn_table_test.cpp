// /proc/net/ip_vs_conn lines as the kernel prints them (ip_vs_conn_seq_show).
#include "proc/conn_table.hpp"

#include <gtest/gtest.h>

namespace ipvs::proc {
namespace {

TEST(ConnTable, Ipv4Line) {
  auto c = parse_connection_line("TCP C0A80A05 D431 0A000001 0050 C0A8010A 1F90 ESTABLISHED     899");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->protocol, "TCP");
  EXPECT_EQ(c->client.to_string(), "192.168.10.5");
  EXPECT_EQ(c->client_port, 54321);
  EXPECT_EQ(c->virtual_addr.to_string(), "10.0.0.1");
  EXPECT_EQ(c->virtual_port, 80);
  EXPECT_EQ(c->dest.to_string(), "192.168.1.10");
  EXPECT_EQ(c->dest_port, 8080);
  EXPECT_EQ(c->state, "ESTABLISHED");
  EXPECT_EQ(c->expires, 899u);
  EXPECT_TRUE(c->pe_name.empty());
}

TEST(ConnTable, Ipv6AndPersistenceEngineData) {
  auto c = parse_connection_line(
      "UDP 2001:0db8:0000:0000:0000:0000:0000:0099 13C4 2001:0db8:0000:0000:0000:0000:0000:0001 13C4 "
      "2001:0db8:0000:0000:0000:0000:0000:0020 13C4 UDP             170 sip call-1@host");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->client.to_string(), "2001:db8::99");
  EXPECT_EQ(c->dest.to_string(), "2001:db8::20");
  EXPECT_EQ(c->dest_port, 5060);
  EXPECT_EQ(c->pe_name, "sip");
  EXPECT_EQ(c->pe_data, "call-1@host");
}

TEST(ConnTable, MixedFamilyDestination) {
  auto c = parse_connection_line(
      "TCP C0A80A08 BEEF 0A000001 0050 2001:0db8:0000:0000:0000:0000:0000:0010 0050 FIN_WAIT        119");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->virtual_addr.to_string(), "10.0.0.1");
  EXPECT_EQ(c->dest.to_string(), "2001:db8::10");
}

TEST(ConnTable, OtherShapesAreRefused) {
  EXPECT_FALSE(parse_connection_line(""));
  EXPECT_FALSE(parse_connection_line("Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData"));
  EXPECT_FALSE(parse_connection_line("TCP C0A80A05 D431 0A000001"));
  EXPECT_FALSE(parse_connection_line("TCP ZZZZZZZZ D431 0A000001 0050 C0A8010A 1F90 ESTABLISHED 899"));
}

}  // namespace
}  // namespace ipvs::proc
