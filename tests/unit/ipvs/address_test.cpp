// Address::to_string prints IPv4 itself (no sprintf); it must match inet_ntop.
#include "ipvs/address.hpp"

#include <arpa/inet.h>

#include <gtest/gtest.h>

namespace ipvs {
namespace {

std::string ntop4(std::uint32_t host_order) {
  in_addr a{htonl(host_order)};
  char buf[INET_ADDRSTRLEN] = {};
  return inet_ntop(AF_INET, &a, buf, sizeof buf);
}

TEST(AddressTest, Ipv4TextMatchesInetNtop) {
  for (std::uint32_t v = 0; v < 256; ++v) {
    for (std::uint32_t pattern : {0x00000000u, 0x01020300u, 0x0a63ff00u, 0xffffff00u}) {
      const std::uint32_t a = pattern | v;
      const std::uint32_t rotated = (a << 8) | (a >> 24);
      ASSERT_EQ(Address::v4(a).to_string(), ntop4(a));
      ASSERT_EQ(Address::v4(rotated).to_string(), ntop4(rotated));
    }
  }
  EXPECT_EQ(Address::v4(0x0a000001).to_string(), "10.0.0.1");
  EXPECT_EQ(Address::v4(0xffffffff).to_string(), "255.255.255.255");
  EXPECT_EQ(Address::parse("2001:db8::1")->to_string(), "2001:db8::1");
}

}  // namespace
}  // namespace ipvs
