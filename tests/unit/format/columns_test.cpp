// The listing's fast paths (format/columns, the numeric address writer)
// against the general ones they replace: fmt's formatting of the same
// values, and the resolver path with a resolver that knows no names (which
// falls back to Address::to_string and std::to_string).
#include "format/columns.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "format/names.hpp"
#include "format/text.hpp"

namespace ipvs::format {
namespace {

class NoNames final : public Resolver {
 public:
  std::optional<std::string> host_name(const Address&) override { return std::nullopt; }
  std::optional<std::string> service_name(std::uint16_t, Protocol) override { return std::string(); }
};

template <typename F>
std::string text_of(F write) {
  fmt::memory_buffer b;
  b.push_back('>');  // appending after existing text
  write(b);
  return fmt::to_string(b).substr(1);
}

std::vector<std::int64_t> edge_numbers() {
  std::vector<std::int64_t> v = {0, 1, 9, 10, 99, 100, 999999, 1000000, 99999999, 100000000,
                                 std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::min(),
                                 std::numeric_limits<std::uint32_t>::max(), std::numeric_limits<std::int64_t>::max(),
                                 std::numeric_limits<std::int64_t>::min(), -1, -9, -10};
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) v.push_back(static_cast<std::int64_t>(rng() >> (rng() % 64)));
  return v;
}

TEST(Columns, NumbersAsFmtWritesThem) {
  for (std::int64_t v : edge_numbers()) {
    const auto u = static_cast<std::uint64_t>(v);
    ASSERT_EQ(text_of([&](auto& b) { append_int(b, v); }), fmt::format("{}", v));
    ASSERT_EQ(text_of([&](auto& b) { append_uint(b, u); }), fmt::format("{}", u));
    for (std::size_t w : {0u, 1u, 6u, 8u, 9u, 10u, 11u, 25u}) {
      ASSERT_EQ(text_of([&](auto& b) { append_int_left(b, v, w); }), fmt::format("{:<{}}", v, w)) << v << " " << w;
      ASSERT_EQ(text_of([&](auto& b) { append_uint_right(b, u, w); }), fmt::format("{:>{}}", u, w)) << u << " " << w;
    }
  }
}

TEST(Columns, PaddingAndCuttingByBytes) {
  EXPECT_EQ(text_of([](auto& b) { append_padded(b, "é", 4); }), "é  ");  // 2 bytes + 2 spaces
  EXPECT_EQ(text_of([](auto& b) { append_padded(b, "abcdef", 4); }), "abcdef");
  EXPECT_EQ(text_of([](auto& b) { append_padded(b, "", 40); }), std::string(40, ' '));
  EXPECT_EQ(text_of([](auto& b) {
              const std::size_t start = b.size();
              append_text(b, "abcdef");
              cut_from(b, start, 4);
              pad_from(b, start, 6);
            }),
            "abcd  ");
}

/// The largenum rule of 1.31's print_largenum, written with fmt.
std::string reference_largenum(std::uint64_t v, bool exact) {
  if (exact) return fmt::format(" {:>8}", v);
  if (v < 100000000ULL) return fmt::format("{:>9}", v);
  if (v < 1000000000ULL) return fmt::format("{:>8}K", v / 1000ULL);
  if (v < 100000000000ULL) return fmt::format("{:>8}M", v / 1000000ULL);
  if (v < 100000000000000ULL) return fmt::format("{:>8}G", v / 1000000000ULL);
  return fmt::format("{:>8}T", v / 1000000000000ULL);
}

TEST(Columns, LargenumAtEveryUnitBoundary) {
  std::vector<std::uint64_t> values = {0, 99999999, 100000000, 999999999, 1000000000, 99999999999ULL,
                                       100000000000ULL, 99999999999999ULL, 100000000000000ULL,
                                       std::numeric_limits<std::uint64_t>::max()};
  for (std::int64_t v : edge_numbers()) values.push_back(static_cast<std::uint64_t>(v));
  for (std::uint64_t v : values) {
    for (bool exact : {false, true}) {
      ASSERT_EQ(text_of([&](auto& b) { append_largenum(b, v, exact); }), reference_largenum(v, exact)) << v;
    }
  }
}

std::vector<Address> edge_addresses() {
  std::vector<Address> v;
  for (const char* a : {"0.0.0.0", "255.255.255.255", "1.2.3.4", "10.0.0.1", "100.10.1.0", "9.99.199.200", "::",
                        "::1", "1::", "2001:db8::1", "2001:db8:0:0:1:0:0:1", "::ffff:1.2.3.4", "::1.2.3.4",
                        "fe80::1:0:0:0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:0:0:1:0:0:0:1"}) {
    v.push_back(*Address::parse(a));
  }
  std::mt19937 rng(5);
  for (int i = 0; i < 500; ++i) {
    Address a;
    a.family = i % 2 ? Family::Inet6 : Family::Inet;
    for (std::size_t k = 0; k < (a.is_v6() ? 16u : 4u); ++k) a.bytes[k] = rng() % 3 ? 0 : static_cast<std::uint8_t>(rng());
    v.push_back(a);
  }
  return v;
}

TEST(Columns, NumericAddressesAsTheResolverPathWritesThem) {
  NoNames none;
  for (const Address& a : edge_addresses()) {
    for (std::uint16_t port : {0, 1, 9, 10, 80, 99, 100, 8080, 65535}) {
      for (Protocol p : {Protocol::Tcp, Protocol::Udp, Protocol::Unspec}) {
        const std::string fast = text_of([&](auto& b) { append_addr_port(b, a, port, p, nullptr); });
        const std::string general = text_of([&](auto& b) { append_addr_port(b, a, port, p, &none); });
        ASSERT_EQ(fast, general);
        ASSERT_EQ(fast, addr_port(a, port, p, nullptr));
        ASSERT_EQ(fast, a.is_v6() ? "[" + a.to_string() + "]:" + std::to_string(port)
                                  : a.to_string() + ":" + std::to_string(port));
        ServiceKey k;
        k.address = a;
        k.family = a.family;
        k.protocol = p;
        k.port = port;
        const std::string label = fmt::format("{:<4} {}", protocol_label(p), fast);
        ASSERT_EQ(service_label(k, nullptr), a.is_v6() ? label : label.substr(0, 33));
        ASSERT_EQ(service_label(k, nullptr), service_label(k, &none));
      }
    }
  }
}

TEST(Columns, FwmarkLabels) {
  ServiceKey k;
  k.fwmark = 0xffffffffu;
  k.family = Family::Inet;
  EXPECT_EQ(service_label(k, nullptr), "FWM  4294967295");
  k.family = Family::Inet6;
  k.fwmark = 1;
  EXPECT_EQ(service_label(k, nullptr), "FWM  1 IPv6");
}

}  // namespace
}  // namespace ipvs::format
