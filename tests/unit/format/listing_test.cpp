#include "format/listing.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

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

// The sort works on packed integer keys; this is its specification written
// out field by field, as tuples of 32-bit network-order words.
std::array<std::uint32_t, 4> words(const Address& a) {
  std::array<std::uint32_t, 4> w{};
  for (std::size_t i = 0; i < 16; ++i) w[i / 4] = (w[i / 4] << 8) | a.bytes[i];
  return w;
}

bool reference_service_less(const Service& a, const Service& b) {
  const ServiceKey& x = a.key;
  const ServiceKey& y = b.key;
  return std::make_tuple(x.fwmark, static_cast<std::uint16_t>(x.family), static_cast<std::uint16_t>(x.protocol),
                         words(x.address), x.port) <
         std::make_tuple(y.fwmark, static_cast<std::uint16_t>(y.family), static_cast<std::uint16_t>(y.protocol),
                         words(y.address), y.port);
}

bool reference_dest_less(const Destination& a, const Destination& b) {
  return std::make_tuple(words(a.address), a.port, static_cast<std::uint16_t>(a.address.family)) <
         std::make_tuple(words(b.address), b.port, static_cast<std::uint16_t>(b.address.family));
}

/// An address from few distinct values per byte (so keys collide often),
/// including the extremes.
Address random_address(std::mt19937& rng, bool v6) {
  static constexpr std::uint8_t kBytes[] = {0, 1, 127, 128, 255};
  Address a;
  a.family = v6 ? Family::Inet6 : Family::Inet;
  for (std::size_t i = 0; i < (v6 ? 16u : 4u); ++i) a.bytes[i] = kBytes[rng() % 5];
  return a;
}

/// `sort` orders `v` as a stable sort by `reference` does, and `less` agrees
/// with `reference` on every neighbouring pair.
template <typename T, typename Sort, typename Less, typename Reference>
void expect_sorted_as_reference(std::vector<T> v, Sort sort, Less less, Reference reference) {
  auto expected = v;
  std::stable_sort(expected.begin(), expected.end(), reference);
  sort(v);
  ASSERT_EQ(v, expected);
  for (std::size_t i = 1; i < v.size(); ++i) {
    EXPECT_EQ(less(v[i], v[i - 1]), reference(v[i], v[i - 1]));
    EXPECT_EQ(less(v[i - 1], v[i]), reference(v[i - 1], v[i]));
  }
}

TEST(Sort, ServicesMatchTheFieldByFieldOrderAndAreStable) {
  std::mt19937 rng(7);
  static constexpr std::uint32_t kMarks[] = {0, 0, 0, 1, 0x80000000u, 0xffffffffu};
  static constexpr std::uint16_t kPorts[] = {0, 1, 80, 255, 256, 65535};
  static constexpr Protocol kProtocols[] = {Protocol::Tcp, Protocol::Udp, Protocol::Sctp};
  for (int round = 0; round < 200; ++round) {
    std::vector<Service> v(rng() % 40);
    for (std::size_t i = 0; i < v.size(); ++i) {
      v[i].key.address = random_address(rng, rng() % 3 == 0);
      v[i].key.family = v[i].key.address.family;
      v[i].key.protocol = kProtocols[rng() % 3];
      v[i].key.port = kPorts[rng() % 6];
      v[i].key.fwmark = kMarks[rng() % 6];
      v[i].scheduler = std::to_string(i);  // tells equal keys apart
    }
    expect_sorted_as_reference(v, sort_services, service_less, reference_service_less);
  }
}

TEST(Sort, DestsMatchTheFieldByFieldOrderAndAreStable) {
  std::mt19937 rng(11);
  static constexpr std::uint16_t kPorts[] = {0, 1, 80, 256, 65535};
  for (int round = 0; round < 200; ++round) {
    std::vector<Destination> v(rng() % 40);
    for (std::size_t i = 0; i < v.size(); ++i) {
      v[i].address = random_address(rng, rng() % 3 == 0);
      v[i].port = kPorts[rng() % 5];
      v[i].weight = static_cast<std::uint32_t>(i);  // tells equal keys apart
    }
    if (round % 4 == 0) std::stable_sort(v.begin(), v.end(), reference_dest_less);  // in order already
    expect_sorted_as_reference(v, sort_dests, dest_less, reference_dest_less);
  }
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
