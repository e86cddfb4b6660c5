// The real Transport: a libnl-genl-3 socket used for connect + family resolve,
// then raw sendto/recvmsg/recvmmsg of bytes the codec built (libnl's own sequence
// checks, auto-ACK handling and callbacks are never used after the resolve).

#include "netlink/genl_transport.hpp"

#include "ipvs/genl_transport.hpp"
#include "ipvs/netns.hpp"

#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <memory>
#include <cerrno>
#include <cstring>
#include <limits>
#include <string>

#include "netlink/uapi.hpp"

namespace ipvs {

namespace {

/// Room for one datagram. The kernel builds dump chunks of at most
/// SKB_WITH_OVERHEAD(32768) bytes, sized by the largest read length it has
/// seen, and every other genl reply is smaller; a bigger read keeps dump
/// chunks at their largest.
constexpr std::size_t kSlotBytes = 64 << 10;
/// Datagrams taken by one recvmmsg in receive_queued. The slots are
/// allocated uninitialised, so pages no datagram touched stay unmapped.
constexpr std::size_t kSlots = 32;

/// A failed socket call. The Client puts its own operation in `op`.
Error sys_error(const char* what, int errnum, Outcome outcome) {
  return Error::transport(Op::Init, errnum, outcome, std::string(what) + ": " + std::strerror(errnum));
}

Error truncated_error(std::size_t length) {
  return Error::transport(Op::Init, EMSGSIZE, Outcome::Unknown,
                          "recvmmsg: datagram of " + std::to_string(length) + " bytes truncated to " +
                              std::to_string(kSlotBytes));
}

/// Opening the socket: nothing was sent.
Error open_error(int errnum, std::string detail) {
  return Error::transport(Op::Init, errnum, Outcome::NotSent, std::move(detail));
}

struct SocketFree {
  void operator()(nl_sock* sock) const noexcept { nl_socket_free(sock); }
};
/// A libnl socket, freed with it.
using SocketPtr = std::unique_ptr<nl_sock, SocketFree>;

/// libnl error code -> errno, for the few a connect/resolve can produce.
int errno_from_nl(int nlerr) {
  switch (nlerr < 0 ? -nlerr : nlerr) {
    case NLE_OBJ_NOTFOUND: return ENOPROTOOPT;  // no "IPVS" family in this kernel
    case NLE_NOMEM: return ENOMEM;
    case NLE_PERM: return EPERM;
    case NLE_NOACCESS: return EACCES;
    case NLE_AF_NOSUPPORT: return EAFNOSUPPORT;
    case NLE_AGAIN: return EAGAIN;
    case NLE_INTR: return EINTR;
    default: return EIO;
  }
}

/// SO_RCVBUFFORCE / SO_SNDBUFFORCE need CAP_NET_ADMIN (which IPVS needs
/// anyway); without it fall back to the plain option, capped by rmem_max.
void raise_buffer(int fd, int force_opt, int plain_opt, std::size_t bytes) {
  const int size = static_cast<int>(std::min<std::size_t>(bytes, std::numeric_limits<int>::max() / 2));
  if (setsockopt(fd, SOL_SOCKET, force_opt, &size, sizeof size) == 0) return;
  (void)setsockopt(fd, SOL_SOCKET, plain_opt, &size, sizeof size);
}

/// SO_SNDBUF / SO_RCVBUF as the kernel holds them (twice what was set); 0 if unknown.
std::size_t buffer_size(int fd, int opt) {
  int value = 0;
  socklen_t len = sizeof value;
  if (getsockopt(fd, SOL_SOCKET, opt, &value, &len) != 0 || value < 0) return 0;
  return static_cast<std::size_t>(value);
}

TransportLimits query_limits(int fd) {
  TransportLimits l;
  // netlink_sendmsg: EMSGSIZE when len > sk->sk_sndbuf - 32.
  if (const std::size_t snd = buffer_size(fd, SO_SNDBUF); snd > 32) l.max_datagram = snd - 32;
  l.receive_buffer = buffer_size(fd, SO_RCVBUF);
  return l;
}

class GenlTransport final : public Transport {
 public:
  GenlTransport(SocketPtr sock, std::uint16_t family)
      : sock_(std::move(sock)),
        family_(family),
        limits_(query_limits(fd())),
        slots_(std::make_unique_for_overwrite<std::uint8_t[]>(kSlots * kSlotBytes)) {}

  std::uint16_t family_id() const noexcept override { return family_; }
  TransportLimits limits() const noexcept override { return limits_; }

  Result<void> send(std::span<const std::uint8_t> datagram) override {
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;  // nl_pid 0: the kernel
    for (;;) {
      const ssize_t n = ::sendto(fd(), datagram.data(), datagram.size(), 0,
                                 reinterpret_cast<const sockaddr*>(&kernel), sizeof kernel);
      if (n >= 0) return {};
      if (errno != EINTR) return sys_error("sendto", errno, Outcome::NotSent);
    }
  }

  Result<std::size_t> receive_queued(std::vector<std::uint8_t>& out, Wait wait) override {
    out.clear();
    for (;;) {
      std::array<mmsghdr, kSlots> msgs{};
      std::array<iovec, kSlots> iovs{};
      std::array<sockaddr_nl, kSlots> from{};
      for (std::size_t i = 0; i < kSlots; ++i) {
        iovs[i] = iovec{slots_.get() + i * kSlotBytes, kSlotBytes};
        msgs[i].msg_hdr.msg_name = &from[i];
        msgs[i].msg_hdr.msg_namelen = sizeof from[i];
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
      }
      // MSG_WAITFORONE: block for the first datagram only, then take what is
      // queued. An error met after the first datagram is kept by the kernel
      // for the next call (__sys_recvmmsg stores it back in sk_err).
      const int flags = MSG_TRUNC | (wait == Wait::Block ? MSG_WAITFORONE : MSG_DONTWAIT);
      const int n = ::recvmmsg(fd(), msgs.data(), kSlots, flags, nullptr);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (wait == Wait::Never && (errno == EAGAIN || errno == EWOULDBLOCK)) return std::size_t{0};
        return sys_error("recvmmsg", errno, Outcome::Unknown);
      }
      std::size_t kept = 0;
      for (int i = 0; i < n; ++i) {
        if (from[i].nl_pid != 0) continue;  // not from the kernel
        const std::size_t len = msgs[i].msg_len;
        if ((msgs[i].msg_hdr.msg_flags & MSG_TRUNC) != 0) {
          out.clear();
          return truncated_error(len);
        }
        const std::uint8_t* p = slots_.get() + static_cast<std::size_t>(i) * kSlotBytes;
        out.insert(out.end(), p, p + len);
        out.resize((out.size() + 3u) & ~std::size_t{3}, 0);
        ++kept;
      }
      if (kept > 0) return kept;
      // Only foreign datagrams: read again (Never: until the queue is empty).
    }
  }

 private:
  int fd() const { return nl_socket_get_fd(sock_.get()); }

  SocketPtr sock_;
  std::uint16_t family_;
  TransportLimits limits_;
  std::unique_ptr<std::uint8_t[]> slots_;
};

/// Discards whatever libnl's resolve left unread (a trailing ACK), so the
/// first reply we read belongs to our first request.
void drain_pending(int fd) {
  for (;;) {
    const ssize_t c = ::recv(fd, nullptr, 0, MSG_DONTWAIT | MSG_TRUNC);
    if (c < 0 && errno == EINTR) continue;
    if (c < 0) return;  // EAGAIN: empty
  }
}

}  // namespace

namespace nl {

namespace {

/// open_genl_family's work, in whatever namespace the thread is in.
Result<std::unique_ptr<Transport>> open_here(const char* family_name, const GenlOptions& options) {
  SocketPtr sock(nl_socket_alloc());
  if (!sock) return open_error(ENOMEM, "nl_socket_alloc failed");

  errno = 0;
  if (int err = genl_connect(sock.get()); err < 0) {
    const int e = errno != 0 ? errno : errno_from_nl(err);
    return open_error(e, std::string("genl_connect: ") + nl_geterror(err));
  }
  const int fd = nl_socket_get_fd(sock.get());

  const int family = genl_ctrl_resolve(sock.get(), family_name);
  if (family < 0) {
    return open_error(errno_from_nl(family),
                      std::string("resolving genl family ") + family_name + ": " + nl_geterror(family));
  }

  raise_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF, options.socket_buffer_bytes);
  raise_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF, options.socket_buffer_bytes);
  // Extended ACK text, and NACKs that do not echo our whole request back.
  // Both are optional (older kernels): failures are ignored.
  const int one = 1;
  (void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
  (void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  drain_pending(fd);

  return std::unique_ptr<Transport>(new GenlTransport(std::move(sock), static_cast<std::uint16_t>(family)));
}

}  // namespace

Result<std::unique_ptr<Transport>> open_genl_family(const char* family_name, const GenlOptions& options) {
  // The socket belongs to the namespace it is created in, for good; the
  // family id is that namespace's too (genl ids are global, but resolving
  // there proves the family is reachable from it).
  auto scope = NetnsScope::enter(options.netns);
  if (!scope) return scope.error();
  auto t = open_here(family_name, options);
  if (auto back = scope->leave(); !back) return back.error();
  return t;
}

}  // namespace nl

Result<std::unique_ptr<Transport>> open_genl_transport(const GenlOptions& options) {
  auto t = nl::open_genl_family(nl::kIpvsGenlName, options);
  if (!t && t.error().errnum == ENOPROTOOPT) {
    // No "IPVS" family. Like 1.31, look at the kernel's other IPVS interface
    // (setsockopt on a raw IP socket): a caller who may not open one gets
    // that errno (EPERM for a non-root user), anyone else ENOPROTOOPT.
    const int fd = ::socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
    if (fd < 0) return open_error(errno, "socket(AF_INET, SOCK_RAW)");
    ::close(fd);
  }
  return t;
}

}  // namespace ipvs
