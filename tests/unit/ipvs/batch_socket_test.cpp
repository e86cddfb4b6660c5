// Client::execute over a real generic-netlink socket. Without IPVS on this
// machine the requests go to the kernel's "nlctrl" family, which rejects
// every IPVS command number with EOPNOTSUPP: each operation is still sent,
// pipelined, and answered by its own NACK, so window sizing, sequence
// matching and the receive path are exercised end to end.

#include <gtest/gtest.h>

#include <cerrno>

#include "ipvs/batch.hpp"
#include "ipvs/client.hpp"
#include "netlink/genl_transport.hpp"

namespace ipvs {
namespace {

Client nlctrl_client() {
  auto opened = nl::open_genl_family("nlctrl");
  EXPECT_TRUE(opened.ok()) << opened.error().detail;
  return Client(std::move(opened.value()));
}

void expect_every_result_is_a_nack(const std::vector<Result<void>>& results, std::size_t count) {
  ASSERT_EQ(results.size(), count);
  for (std::size_t i = 0; i < count; ++i) {
    ASSERT_FALSE(results[i].ok()) << i;
    EXPECT_EQ(results[i].error().op, i % 2 == 0 ? Op::Flush : Op::Zero) << i;
    EXPECT_EQ(results[i].error().errnum, EOPNOTSUPP) << i << ": " << results[i].error().detail;
  }
}

Batch flushes_and_zeroes(std::size_t count) {
  Batch b;
  for (std::size_t i = 0; i < count; ++i) {
    if (i % 2 == 0) {
      b.queue_flush();
    } else {
      b.queue_zero(std::nullopt);
    }
  }
  return b;
}

TEST(BatchSocketTest, EveryOperationGetsItsOwnAnswer) {
  Client client = nlctrl_client();
  constexpr std::size_t kCount = 5000;
  expect_every_result_is_a_nack(client.execute(flushes_and_zeroes(kCount)), kCount);
  // The socket is in step afterwards.
  auto one = client.flush();
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.error(), (Error::kernel(Op::Flush, EOPNOTSUPP, one.error().detail)));
}

TEST(BatchSocketTest, AnOversizedWindowIsCappedToTheReceiveBuffer) {
  // Asked for one window of 30000 (~25 MB of ACK truesize): the client caps
  // it so that no acknowledgement is dropped.
  Client client = nlctrl_client();
  constexpr std::size_t kCount = 30000;
  BatchOptions o;
  o.window = kCount;
  o.max_datagram_bytes = 16 << 20;
  expect_every_result_is_a_nack(client.execute(flushes_and_zeroes(kCount), o), kCount);
}

}  // namespace
}  // namespace ipvs
