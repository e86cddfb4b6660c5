#pragma once
/// \file netns.hpp
/// Entering another network namespace for a while, and returning: how the
/// transport opens its socket in the namespace GenlOptions::netns names, and
/// how a caller opens a namespace's /proc/net files.

#include <string>
#include <string_view>

#include "ipvs/error.hpp"

namespace ipvs {

/// The file that names a network namespace. A NAME, as `ip netns add NAME`
/// creates it, is /run/netns/NAME; a value containing '/' is a path already
/// (/run/netns/NAME, /proc/PID/ns/net, a bind mount) and is returned as it is.
/// Empty stays empty (the caller's own namespace).
std::string netns_path(std::string_view name_or_path);

/// The calling thread inside another network namespace while the scope lives.
/// setns(2) moves only the calling thread: sockets it creates, and /proc/net
/// files it opens, belong to that namespace for good, and whatever else the
/// process does is untouched. The scope returns the thread to the namespace it
/// came from when it is destroyed, or earlier with leave(). Not copyable.
class [[nodiscard]] NetnsScope {
 public:
  /// Enters the namespace `name_or_path` names (see netns_path). An empty
  /// value enters nothing: the scope does nothing and leave() is a no-op.
  /// Errors, all with origin Transport and outcome NotSent, and the thread
  /// left where it was:
  /// - op OpenNetns, open(2)'s errno: the namespace's file cannot be opened
  ///   (ENOENT: no such namespace; EACCES), or the thread's own namespace
  ///   (/proc/thread-self/ns/net, needed to come back) cannot;
  /// - op EnterNetns, setns(2)'s errno: EPERM without CAP_SYS_ADMIN, EINVAL
  ///   when the file is not a network namespace.
  /// `detail` names the call and the path.
  static Result<NetnsScope> enter(std::string_view name_or_path);

  NetnsScope(NetnsScope&& other) noexcept;
  NetnsScope& operator=(NetnsScope&&) = delete;
  NetnsScope(const NetnsScope&) = delete;
  NetnsScope& operator=(const NetnsScope&) = delete;
  /// leave(), its error ignored (a thread that could enter can come back).
  ~NetnsScope();

  /// Returns the thread to the namespace it was in before enter(). Once
  /// done (or for an empty scope) later calls succeed and do nothing. Error:
  /// op EnterNetns with setns(2)'s errno; the thread stays where it is.
  Result<void> leave();

  /// True while the thread is in the entered namespace (not empty, not left).
  bool active() const noexcept { return home_fd_ >= 0; }

 private:
  explicit NetnsScope(int home_fd) noexcept : home_fd_(home_fd) {}
  int home_fd_ = -1;  ///< the thread's own namespace, to return to; -1: nothing to do
};

}  // namespace ipvs
