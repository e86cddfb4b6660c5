// error_text against 1.31's ipvs_strerror texts, written out literally from
// IPVSADM-1.31.md §3.2 (not derived from the table under test): every
// (operation, errno) row, every generic row for every operation, and
// strerror's text wherever no row applies.

#include "cli/messages.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <map>
#include <string>
#include <utility>

namespace ipvs::cli {
namespace {

constexpr Op kAllOps[] = {
    Op::Init,           Op::GetInfo,         Op::GetServices,      Op::GetService,
    Op::AddService,     Op::EditService,     Op::DeleteService,    Op::GetDestinations,
    Op::AddDestination, Op::EditDestination, Op::DeleteDestination, Op::Flush,
    Op::Zero,           Op::GetTimeouts,     Op::SetTimeouts,      Op::GetDaemons,
    Op::StartDaemon,    Op::StopDaemon,
};

std::string text(Op op, int errnum) { return error_text(Error::kernel(op, errnum, "detail is never shown")); }

/// 1.31's rows that name a function, as (op, errno) -> text.
const std::map<std::pair<Op, int>, std::string>& op_rows() {
  static const std::map<std::pair<Op, int>, std::string> rows = {
      {{Op::AddService, EEXIST}, "Service already exists"},
      {{Op::AddService, ENOENT}, "Scheduler or persistence engine not found"},
      {{Op::EditService, ESRCH}, "No such service"},
      {{Op::EditService, ENOENT}, "Scheduler or persistence engine not found"},
      {{Op::DeleteService, ESRCH}, "No such service"},
      {{Op::Zero, ESRCH}, "No such service"},
      {{Op::AddDestination, ESRCH}, "Service not defined"},
      {{Op::AddDestination, EEXIST}, "Destination already exists"},
      {{Op::EditDestination, ESRCH}, "Service not defined"},
      {{Op::EditDestination, ENOENT}, "No such destination"},
      {{Op::DeleteDestination, ESRCH}, "Service not defined"},
      {{Op::DeleteDestination, ENOENT}, "No such destination"},
      {{Op::StartDaemon, EEXIST}, "Daemon has already run"},
      {{Op::StopDaemon, ESRCH}, "No daemon is running"},
      // get_dests and get_service name themselves; get_services does not
      // (its ESRCH falls through to strerror, below).
      {{Op::GetDestinations, ESRCH}, "No such service"},
      {{Op::GetService, ESRCH}, "No such service"},
  };
  return rows;
}

TEST(Messages, EveryOperationRow) {
  for (const auto& [key, expected] : op_rows()) {
    EXPECT_EQ(text(key.first, key.second), expected) << op_name(key.first) << " errno " << key.second;
  }
}

TEST(Messages, RowErrnosReadAsStrerrorForEveryOtherOperation) {
  // glibc's strerror texts for the three errnos that have rows.
  const std::map<int, std::string> plain = {
      {EEXIST, "File exists"}, {ENOENT, "No such file or directory"}, {ESRCH, "No such process"}};
  for (Op op : kAllOps) {
    for (const auto& [errnum, strerror_text] : plain) {
      const auto row = op_rows().find({op, errnum});
      const std::string expected = row != op_rows().end() ? row->second : strerror_text;
      EXPECT_EQ(text(op, errnum), expected) << op_name(op) << " errno " << errnum;
    }
  }
}

TEST(Messages, QuirksObservedIn131) {
  // Listing all services and flushing never set ipvs_func.
  EXPECT_EQ(text(Op::GetServices, ESRCH), "No such process");
  EXPECT_EQ(text(Op::Flush, ENOENT), "No such file or directory");
  EXPECT_EQ(text(Op::AddDestination, ENOENT), "No such file or directory");
  EXPECT_EQ(text(Op::DeleteService, ENOENT), "No such file or directory");
  EXPECT_EQ(text(Op::AddDestination, ERANGE), "Numerical result out of range");
}

TEST(Messages, GenericRowsForEveryOperation) {
  const std::pair<int, const char*> generic[] = {
      {EPERM, "Permission denied (you must be root)"},
      {EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..."},
      {ENOPROTOOPT, "Protocol not available"},
      {ENOMEM, "Memory allocation problem"},
      {EOPNOTSUPP, "Operation not supported with IPv6"},
      {EAFNOSUPPORT, "Operation not supported with specified address family"},
      {EMSGSIZE, "Module is wrong version"},
  };
  for (Op op : kAllOps) {
    for (const auto& [errnum, expected] : generic) {
      EXPECT_EQ(text(op, errnum), expected) << op_name(op) << " errno " << errnum;
    }
  }
}

TEST(Messages, AnyOtherErrnoIsStrerror) {
  for (Op op : kAllOps) {
    EXPECT_EQ(text(op, ERANGE), "Numerical result out of range") << op_name(op);
    EXPECT_EQ(text(op, ENOBUFS), "No buffer space available") << op_name(op);
    EXPECT_EQ(text(op, EBADMSG), "Bad message") << op_name(op);
    EXPECT_EQ(text(op, ETIMEDOUT), "Connection timed out") << op_name(op);
  }
}

// --netns failures, in iproute2's words (ip/ipnetns.c netns_switch).
TEST(Messages, NetnsOpenFailure) {
  const Error e = Error::transport(Op::OpenNetns, ENOENT, Outcome::NotSent, "open /run/netns/blue: ...");
  EXPECT_TRUE(is_netns_error(e));
  EXPECT_EQ(netns_error_text(e, "blue"), "Cannot open network namespace \"blue\": No such file or directory");
  EXPECT_EQ(netns_error_text(e, "/proc/99/ns/net"),
            "Cannot open network namespace \"/proc/99/ns/net\": No such file or directory");
}

TEST(Messages, NetnsEnterFailure) {
  const Error e = Error::transport(Op::EnterNetns, EPERM, Outcome::NotSent, "setns /run/netns/blue: ...");
  EXPECT_TRUE(is_netns_error(e));
  EXPECT_EQ(netns_error_text(e, "blue"), "setting the network namespace \"blue\" failed: Operation not permitted");
  const Error inval = Error::transport(Op::EnterNetns, EINVAL, Outcome::NotSent, "");
  EXPECT_EQ(netns_error_text(inval, "/dev/null"),
            "setting the network namespace \"/dev/null\" failed: Invalid argument");
}

TEST(Messages, NetnsTextOfOtherErrorsIsErrorText) {
  for (Op op : kAllOps) {
    const Error e = Error::kernel(op, EPERM);
    EXPECT_FALSE(is_netns_error(e)) << op_name(op);
    EXPECT_EQ(netns_error_text(e, "blue"), "Permission denied (you must be root)") << op_name(op);
  }
}

}  // namespace
}  // namespace ipvs::cli
