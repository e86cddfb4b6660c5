// Client::table and Client::apply over the fake kernel: a plan runs as one
// pipelined batch; a refused step at the start, middle or end puts every
// applied step back; a failing undo is reported with what was not put back.
#include <gtest/gtest.h>

#include <cerrno>

#include "fakes/fake_kernel.hpp"
#include "fakes/random_table.hpp"
#include "ipvs/client.hpp"
#include "netlink/uapi.hpp"

namespace ipvs {
namespace {

using testing::FakeKernel;

Table table_of(const std::vector<FakeKernel::Entry>& entries) {
  Table t;
  for (const auto& e : entries) t.services.push_back(TableEntry{e.service, e.dests});
  return t;
}

class ClientApplyTest : public ::testing::Test {
 protected:
  /// Loads `t` into the fake kernel through the client.
  void load(const Table& t) {
    ASSERT_EQ(client_.apply(plan(Table{}, t)).status, ApplyReport::Status::Applied);
    state_->datagram_requests.clear();
  }
  Table read() {
    auto t = client_.table();
    EXPECT_TRUE(t.ok());
    return t.ok() ? *t : Table{};
  }
  FakeKernel::Made made_ = FakeKernel::make();
  std::shared_ptr<FakeKernel::State> state_ = made_.state;
  Client client_{std::move(made_.transport)};
};

TEST_F(ClientApplyTest, AppliesAPlanInOneDatagramAndReadsBackTheDesiredTable) {
  const Table a = table_of(testing::random_table(7));
  const Table b = table_of(testing::random_table(8));
  load(a);
  EXPECT_TRUE(plan(read(), a).empty());
  const Plan p = plan(read(), b);
  ASSERT_FALSE(p.empty());
  state_->datagram_requests.clear();
  const ApplyReport r = client_.apply(p);
  EXPECT_EQ(r.status, ApplyReport::Status::Applied);
  EXPECT_FALSE(r.failed_step);
  EXPECT_EQ(state_->datagram_requests, std::vector<std::size_t>{p.size()});
  EXPECT_TRUE(plan(read(), b).empty());
  // Nothing to do: nothing sent.
  const Plan none = plan(read(), b);
  state_->datagram_requests.clear();
  EXPECT_EQ(client_.apply(none).status, ApplyReport::Status::Applied);
  EXPECT_TRUE(state_->datagram_requests.empty());
}

TEST_F(ClientApplyTest, ARefusedStepAnywhereLeavesTheTableAsItWas) {
  const Table a = table_of(testing::random_table(21, 6, 4));
  const Table b = table_of(testing::random_table(22, 6, 4));
  for (std::uint8_t cmd : {nl::cmd::kNewService, nl::cmd::kNewDest, nl::cmd::kDelService, nl::cmd::kSetDest}) {
    for (std::size_t nth : {0u, 1u, 3u}) {
      state_->reject = nullptr;
      state_->table.clear();
      load(a);
      const Table before = read();
      const Plan p = plan(before, b);
      state_->reject = FakeKernel::fail_nth(cmd, nth, ENOENT);
      const ApplyReport r = client_.apply(p);
      state_->reject = nullptr;
      if (!r.failed_step) continue;  // the plan had fewer such steps
      EXPECT_EQ(r.status, ApplyReport::Status::RolledBack) << int{cmd} << "/" << nth;
      EXPECT_EQ(r.error->errnum, ENOENT);
      EXPECT_TRUE(r.not_undone.empty());
      EXPECT_TRUE(plan(read(), before).empty()) << int{cmd} << "/" << nth;
      EXPECT_EQ(read().services.size(), before.services.size());
    }
  }
}

TEST_F(ClientApplyTest, AFailedUndoIsReportedWithWhatWasNotPutBack) {
  load(table_of(testing::random_table(31, 4, 3)));
  const Table before = read();
  Table desired = before;
  desired.services.erase(desired.services.begin());  // one DeleteService, last
  Service extra;
  extra.key.address = *Address::parse("10.9.9.9");
  extra.key.port = 80;
  extra.scheduler = "rr";
  desired.services.push_back(TableEntry{extra, {}});  // one AddService, first
  const Plan p = plan(before, desired);
  ASSERT_EQ(p.steps.front().kind, PlanStep::Kind::AddService);
  ASSERT_EQ(p.steps.back().kind, PlanStep::Kind::DeleteService);
  // The delete fails; so does undoing the add (the second DEL_SERVICE).
  int deletes = 0;
  state_->reject = [&](std::uint8_t cmd) { return cmd == nl::cmd::kDelService && deletes++ < 2 ? EPERM : 0; };
  const ApplyReport r = client_.apply(p);
  EXPECT_EQ(r.status, ApplyReport::Status::RollbackFailed);
  EXPECT_EQ(r.failed_step, p.size() - 1);
  ASSERT_EQ(r.not_undone.size(), 1u);
  EXPECT_EQ(r.not_undone[0].kind, PlanStep::Kind::DeleteService);
  EXPECT_EQ(r.not_undone[0].service.key, extra.key);
  EXPECT_EQ(r.undo_errors.at(0).errnum, EPERM);
}

}  // namespace
}  // namespace ipvs
