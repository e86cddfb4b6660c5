// Client::open: the Client over open_genl_transport, with its errors.

#include "ipvs/client.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>

#include "ipvs/genl_transport.hpp"

namespace ipvs {
namespace {

TEST(ClientOpenTest, MissingNamespaceIsOpenNetnsEnoent) {
  GenlOptions options;
  options.netns = "/run/netns/ipvs-test-no-such-namespace";
  auto client = Client::open(options);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().op, Op::OpenNetns);
  EXPECT_EQ(client.error().errnum, ENOENT);
  EXPECT_EQ(client.error().outcome, Outcome::NotSent);
  auto transport = open_genl_transport(options);
  ASSERT_FALSE(transport.ok());
  EXPECT_EQ(client.error(), transport.error());
}

TEST(ClientOpenTest, OpensIpvsOrFailsAsTheTransport) {
  auto client = Client::open();
  auto transport = open_genl_transport();
  ASSERT_EQ(client.ok(), transport.ok());
  if (!client.ok()) {
    EXPECT_EQ(client.error(), transport.error());
    if (!std::filesystem::exists("/proc/net/ip_vs")) {
      EXPECT_EQ(client.error().op, Op::Init);
      EXPECT_EQ(client.error().errnum, ENOPROTOOPT);
    }
    return;
  }
  // IPVS is there and we may talk to it: the client works.
  auto info = client->info();
  ASSERT_TRUE(info.ok()) << info.error().detail;
  EXPECT_GT(info->version, 0u);
}

}  // namespace
}  // namespace ipvs
