#include "format/listing.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_names.hpp"

namespace ipvs::format {
namespace {

Service entry(Protocol p, const char* addr, std::uint16_t port, std::uint32_t fwmark = 0) {
  Service e;
  e.key.protocol = p;
  e.key.address = *Address::parse(addr);
  e.key.family = e.key.address.family;
  e.key.port = port;
  e.key.fwmark = fwmark;
  return e;
}

std::string order(const std::vector<Service>& v) {
  std::string s;
  for (const auto& e : v) {
    s += e.key.is_fwmark() ? "f" + std::to_string(e.key.fwmark)
                           : e.key.address.to_string() + ":" + std::to_string(e.key.port);
    s += ' ';
  }
  return s;
}

TEST(Sort, ServicesInOneThirtyOneOrderWhereItIsDefined) {
  std::vector<Service> v = {entry(Protocol::Udp, "10.0.0.1", 53), entry(Protocol::Tcp, "10.0.0.2", 80),
                                 entry(Protocol::Tcp, "10.0.0.1", 443), entry(Protocol::Tcp, "10.0.0.1", 80),
                                 entry(Protocol::Tcp, "2001:db8::1", 80), entry(Protocol::Tcp, "0.0.0.0", 0, 5),
                                 entry(Protocol::Sctp, "10.0.0.1", 80)};
  sort_services(v);
  EXPECT_EQ(order(v), "10.0.0.1:80 10.0.0.1:443 10.0.0.2:80 10.0.0.1:53 10.0.0.1:80 2001:db8::1:80 f5 ");
}

TEST(Sort, TotalOrderWhere131Overflows) {  // COMPAT D3
  std::vector<Service> v = {entry(Protocol::Tcp, "200.0.0.1", 80), entry(Protocol::Tcp, "10.0.0.1", 80),
                                 entry(Protocol::Tcp, "0.0.0.0", 0, 4294967295u), entry(Protocol::Tcp, "0.0.0.0", 0, 1)};
  sort_services(v);
  EXPECT_EQ(order(v), "10.0.0.1:80 200.0.0.1:80 f1 f4294967295 ");
}

TEST(Sort, DestsByAddressThenPort) {
  std::vector<Destination> v;
  for (auto [a, p] : std::vector<std::pair<const char*, std::uint16_t>>{
           {"192.168.1.10", 80}, {"192.168.1.2", 8080}, {"192.168.1.2", 80}, {"10.1.1.1", 80}}) {
    Destination d;
    d.address = *Address::parse(a);
    d.port = p;
    v.push_back(d);
  }
  sort_dests(v);
  std::string s;
  for (auto& d : v) s += d.address.to_string() + ":" + std::to_string(d.port) + " ";
  EXPECT_EQ(s, "10.1.1.1:80 192.168.1.2:80 192.168.1.2:8080 192.168.1.10:80 ");
}

TEST(CachingResolver, LooksUpEachAddressOnce) {
  testing::FakeNames names;
  auto cache = make_caching_resolver(names);
  const Address a = *Address::parse("10.0.0.1");
  EXPECT_EQ(cache->host_name(a), "vip1.test");
  EXPECT_EQ(cache->host_name(a), "vip1.test");
  EXPECT_EQ(cache->host_name(*Address::parse("10.9.9.9")), std::nullopt);
  EXPECT_EQ(cache->host_name(*Address::parse("10.9.9.9")), std::nullopt);
  EXPECT_EQ(names.host_lookups, 2);
}

}  // namespace
}  // namespace ipvs::format
