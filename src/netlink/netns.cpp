// NetnsScope: setns(2) into a network namespace and back. It lives beside the
// transport, which opens its socket inside one (GenlOptions::netns).

#include "ipvs/netns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace ipvs {

namespace {

/// The calling thread's own namespace. Not /proc/self: that is the thread
/// group leader's.
constexpr const char* kOwnNetns = "/proc/thread-self/ns/net";

Error netns_error(Op op, int errnum, const char* call, const std::string& path) {
  return Error::transport(op, errnum, Outcome::NotSent,
                          std::string(call) + " " + path + ": " + std::strerror(errnum));
}

}  // namespace

std::string netns_path(std::string_view name_or_path) {
  if (name_or_path.empty() || name_or_path.find('/') != std::string_view::npos) {
    return std::string(name_or_path);
  }
  return "/run/netns/" + std::string(name_or_path);
}

Result<NetnsScope> NetnsScope::enter(std::string_view name_or_path) {
  if (name_or_path.empty()) return NetnsScope(-1);
  const std::string path = netns_path(name_or_path);
  const int target = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (target < 0) return netns_error(Op::OpenNetns, errno, "open", path);
  const int home = ::open(kOwnNetns, O_RDONLY | O_CLOEXEC);
  if (home < 0) {
    const int e = errno;
    ::close(target);
    return netns_error(Op::OpenNetns, e, "open", kOwnNetns);
  }
  if (::setns(target, CLONE_NEWNET) != 0) {
    const int e = errno;
    ::close(target);
    ::close(home);
    return netns_error(Op::EnterNetns, e, "setns", path);
  }
  ::close(target);
  return NetnsScope(home);
}

NetnsScope::NetnsScope(NetnsScope&& other) noexcept : home_fd_(std::exchange(other.home_fd_, -1)) {}

NetnsScope::~NetnsScope() { (void)leave(); }

Result<void> NetnsScope::leave() {
  if (home_fd_ < 0) return {};
  if (::setns(home_fd_, CLONE_NEWNET) != 0) return netns_error(Op::EnterNetns, errno, "setns", kOwnNetns);
  ::close(std::exchange(home_fd_, -1));
  return {};
}

}  // namespace ipvs
