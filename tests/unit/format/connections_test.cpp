// -L -c rows from connection entries; expected text as ipvsadm 1.31 prints
// it (/work/shared/IPVSADM-1.31.md 2.6).
#include "format/connections.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_names.hpp"

namespace ipvs::format {
namespace {

Connection conn(const char* proto, const char* client, std::uint16_t cport, const char* vip,
                std::uint16_t vport, const char* dest, std::uint16_t dport, const char* state,
                std::uint32_t expires) {
  Connection c;
  c.protocol = proto;
  c.client = *Address::parse(client);
  c.client_port = cport;
  c.virtual_addr = *Address::parse(vip);
  c.virtual_port = vport;
  c.dest = *Address::parse(dest);
  c.dest_port = dport;
  c.state = state;
  c.expires = expires;
  return c;
}

std::string rows(const std::vector<Connection>& cs, bool pe, Resolver* r = nullptr) {
  fmt::memory_buffer b;
  render_conn_header(b, pe);
  for (const Connection& c : cs) render_conn_row(b, c, pe, r);
  return fmt::to_string(b);
}

TEST(ConnectionListing, NumericRows) {
  const std::vector<Connection> cs = {
      conn("TCP", "192.168.10.5", 54321, "10.0.0.1", 80, "192.168.1.10", 8080, "ESTABLISHED", 899),
      conn("TCP", "192.168.10.7", 0, "10.0.0.2", 443, "192.168.1.1", 443, "NONE", 6000),
      conn("TCP", "2001:db8::99", 8080, "2001:db8::1", 80, "2001:db8::20", 8080, "SYN_RECV", 59),
      conn("TCP", "192.168.10.8", 48879, "10.0.0.1", 80, "2001:db8::10", 80, "FIN_WAIT", 119),
  };
  EXPECT_EQ(rows(cs, false),
            "IPVS connection entries\n"
            "pro expire state       source             virtual            destination\n"
            "TCP 14:59  ESTABLISHED 192.168.10.5:54321 10.0.0.1:80        192.168.1.10:8080\n"
            "TCP 100:00 NONE        192.168.10.7:0     10.0.0.2:443       192.168.1.1:443\n"
            "TCP 00:59  SYN_RECV    [2001:db8::99]:8080 [2001:db8::1]:80   [2001:db8::20]:8080\n"
            "TCP 01:59  FIN_WAIT    192.168.10.8:48879 10.0.0.1:80        [2001:db8::10]:80\n");
}

TEST(ConnectionListing, PersistenceEngineColumns) {
  Connection sip = conn("UDP", "192.168.10.5", 5060, "10.0.0.1", 5060, "192.168.1.2", 5060, "UDP", 170);
  sip.pe_name = "sip";
  sip.pe_data = "call-1@host";
  const Connection plain = conn("UDP", "192.168.10.6", 5060, "10.0.0.1", 5060, "192.168.1.3", 5060, "UDP", 5);
  EXPECT_EQ(rows({sip, plain}, true),
            "IPVS connection entries\n"
            "pro expire state       source             virtual            destination        pe name          pe_data\n"
            "UDP 02:50  UDP         192.168.10.5:5060  10.0.0.1:5060      192.168.1.2:5060 sip                call-1@host\n"
            "UDP 00:05  UDP         192.168.10.6:5060  10.0.0.1:5060      192.168.1.3:5060\n");
  // Without --persistent-conn the PE data is not shown.
  EXPECT_EQ(rows({sip}, false).substr(rows({sip}, false).rfind("UDP 02:50")),
            "UDP 02:50  UDP         192.168.10.5:5060  10.0.0.1:5060      192.168.1.2:5060\n");
}

TEST(ConnectionListing, NamesArePaddedByBytes) {
  testing::FakeNames names;
  names.add_host("vïp.test", *Address::parse("10.0.0.77"));  // 9 bytes, 8 code points
  names.add_service("http", 80, Protocol::Tcp);
  auto resolver = make_caching_resolver(names);
  const Connection c = conn("TCP", "192.168.10.5", 1000, "10.0.0.77", 80, "192.168.1.77", 80, "CLOSE", 10);
  EXPECT_EQ(rows({c}, false, resolver.get()).substr(rows({c}, false).find("TCP 00:10")),
            "TCP 00:10  CLOSE       192.168.10.5:1000  vïp.test:http     192.168.1.77:http\n");
}

}  // namespace
}  // namespace ipvs::format
