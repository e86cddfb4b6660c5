// NetnsScope and netns_path without a second namespace: the NAME -> path
// mapping; a missing namespace and a file that is not one give the typed
// errors and leave the thread's namespace as it was (the inode of
// /proc/thread-self/ns/net compared before and after); entering our own
// namespace by path works where the process may setns (CAP_SYS_ADMIN) and is
// EPERM elsewhere; open_genl_family with a missing namespace never opens a socket.

#include "ipvs/netns.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cerrno>

#include "ipvs/genl_transport.hpp"
#include "netlink/genl_transport.hpp"

namespace ipvs {
namespace {

constexpr const char* kMissing = "ipvs-unit-test-no-such-netns";

/// The inode of the calling thread's network namespace.
ino_t own_netns_inode() {
  struct stat st {};
  EXPECT_EQ(::stat("/proc/thread-self/ns/net", &st), 0);
  return st.st_ino;
}

TEST(NetnsPathTest, NameIsUnderRunNetns) {
  EXPECT_EQ(netns_path("blue"), "/run/netns/blue");
  EXPECT_EQ(netns_path("a.b-c_d"), "/run/netns/a.b-c_d");
}

TEST(NetnsPathTest, AnythingWithASlashIsAPath) {
  EXPECT_EQ(netns_path("/run/netns/blue"), "/run/netns/blue");
  EXPECT_EQ(netns_path("/proc/1234/ns/net"), "/proc/1234/ns/net");
  EXPECT_EQ(netns_path("./ns"), "./ns");
  EXPECT_EQ(netns_path("dir/ns"), "dir/ns");
}

TEST(NetnsPathTest, EmptyIsTheCallersOwn) { EXPECT_EQ(netns_path(""), ""); }

TEST(NetnsScopeTest, OpNames) {
  EXPECT_STREQ(op_name(Op::OpenNetns), "open-netns");
  EXPECT_STREQ(op_name(Op::EnterNetns), "enter-netns");
}

TEST(NetnsScopeTest, EmptyEntersNothing) {
  const ino_t before = own_netns_inode();
  auto scope = NetnsScope::enter("");
  ASSERT_TRUE(scope.ok());
  EXPECT_FALSE(scope->active());
  EXPECT_TRUE(scope->leave().ok());
  EXPECT_EQ(own_netns_inode(), before);
}

TEST(NetnsScopeTest, MissingNamespaceIsOpenNetnsEnoent) {
  const ino_t before = own_netns_inode();
  auto scope = NetnsScope::enter(kMissing);
  ASSERT_FALSE(scope.ok());
  EXPECT_EQ(scope.error().op, Op::OpenNetns);
  EXPECT_EQ(scope.error().errnum, ENOENT);
  EXPECT_EQ(scope.error().origin, Origin::Transport);
  EXPECT_EQ(scope.error().outcome, Outcome::NotSent);
  EXPECT_NE(scope.error().detail.find(std::string("/run/netns/") + kMissing), std::string::npos)
      << scope.error().detail;
  EXPECT_EQ(own_netns_inode(), before);
}

TEST(NetnsScopeTest, FileThatIsNoNamespaceIsEnterNetns) {
  const ino_t before = own_netns_inode();
  auto scope = NetnsScope::enter("/dev/null");
  ASSERT_FALSE(scope.ok());
  EXPECT_EQ(scope.error().op, Op::EnterNetns);
  EXPECT_EQ(scope.error().errnum, EINVAL);
  EXPECT_EQ(scope.error().outcome, Outcome::NotSent);
  EXPECT_EQ(own_netns_inode(), before);
}

TEST(NetnsScopeTest, OwnNamespaceByPathEntersAndReturns) {
  const ino_t before = own_netns_inode();
  {
    auto scope = NetnsScope::enter("/proc/self/ns/net");
    if (!scope.ok()) {
      // Not allowed to setns here (no CAP_SYS_ADMIN): still typed.
      EXPECT_EQ(scope.error().op, Op::EnterNetns);
      EXPECT_EQ(scope.error().errnum, EPERM);
      EXPECT_EQ(own_netns_inode(), before);
      return;
    }
    EXPECT_TRUE(scope->active());
    NetnsScope moved(std::move(*scope));
    EXPECT_FALSE(scope->active());
    EXPECT_TRUE(moved.active());
    EXPECT_TRUE(moved.leave().ok());
    EXPECT_FALSE(moved.active());
    EXPECT_TRUE(moved.leave().ok());
  }
  EXPECT_EQ(own_netns_inode(), before);
}

TEST(NetnsScopeTest, TransportInMissingNamespaceIsNotOpened) {
  const ino_t before = own_netns_inode();
  GenlOptions options;
  options.netns = kMissing;
  auto t = nl::open_genl_family("nlctrl", options);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().op, Op::OpenNetns);
  EXPECT_EQ(t.error().errnum, ENOENT);
  EXPECT_EQ(t.error().outcome, Outcome::NotSent);
  auto ipvs = open_genl_transport(options);
  ASSERT_FALSE(ipvs.ok());
  EXPECT_EQ(ipvs.error().op, Op::OpenNetns);
  EXPECT_EQ(own_netns_inode(), before);
}

TEST(NetnsScopeTest, TransportInOwnNamespaceByPath) {
  GenlOptions options;
  options.netns = "/proc/self/ns/net";
  auto t = nl::open_genl_family("nlctrl", options);
  if (!t.ok()) {
    EXPECT_EQ(t.error().op, Op::EnterNetns);
    EXPECT_EQ(t.error().errnum, EPERM);
    return;
  }
  EXPECT_NE(t.value()->family_id(), 0);
}

}  // namespace
}  // namespace ipvs
