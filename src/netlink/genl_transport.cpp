// The real Transport: a libnl-genl-3 socket used for connect + family resolve,
// then raw sendto/recvmsg of bytes the codec built (libnl's own sequence
// checks, auto-ACK handling and callbacks are never used after the resolve).

#include "netlink/genl_transport.hpp"

#include "ipvs/genl_transport.hpp"

#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "netlink/uapi.hpp"

namespace ipvs {

namespace {

/// Receive/send buffer we ask for. Batches of acked requests need about 900
/// bytes of receive buffer per ACK (each ACK is its own skb).
constexpr int kSocketBufferBytes = 4 << 20;
/// Initial receive buffer; dump datagrams are at most ~32 KiB.
constexpr std::size_t kInitialRxBytes = 64 << 10;

Error sys_error(const char* what, int errnum) {
  return Error{Op::Init, errnum, std::string(what) + ": " + std::strerror(errnum)};
}

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
void raise_buffer(int fd, int force_opt, int plain_opt) {
  const int size = kSocketBufferBytes;
  if (setsockopt(fd, SOL_SOCKET, force_opt, &size, sizeof size) == 0) return;
  (void)setsockopt(fd, SOL_SOCKET, plain_opt, &size, sizeof size);
}

class GenlTransport final : public Transport {
 public:
  GenlTransport(nl_sock* sock, std::uint16_t family) : sock_(sock), family_(family) {
    rx_.resize(kInitialRxBytes);
  }
  ~GenlTransport() override { nl_socket_free(sock_); }
  GenlTransport(const GenlTransport&) = delete;
  GenlTransport& operator=(const GenlTransport&) = delete;

  std::uint16_t family_id() const noexcept override { return family_; }

  Result<void> send(std::span<const std::uint8_t> datagram) override {
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;  // nl_pid 0: the kernel
    for (;;) {
      const ssize_t n = ::sendto(fd(), datagram.data(), datagram.size(), 0,
                                 reinterpret_cast<const sockaddr*>(&kernel), sizeof kernel);
      if (n >= 0) return {};
      if (errno != EINTR) return sys_error("sendto", errno);
    }
  }

  Result<void> receive(std::vector<std::uint8_t>& out) override {
    for (;;) {
      // Peek (MSG_TRUNC reports the datagram's real length) into a buffer of
      // at least 64 KiB: the kernel sizes dump chunks by the largest read
      // length it has seen, so a small read would mean small dump chunks.
      sockaddr_nl from{};
      iovec iov{rx_.data(), rx_.size()};
      msghdr msg{};
      msg.msg_name = &from;
      msg.msg_namelen = sizeof from;
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      const ssize_t n = ::recvmsg(fd(), &msg, MSG_PEEK | MSG_TRUNC);
      if (n < 0) {
        if (errno == EINTR) continue;
        return sys_error("recvmsg", errno);
      }
      if (static_cast<std::size_t>(n) > rx_.size()) {
        rx_.resize(static_cast<std::size_t>(n));
        continue;  // peek again, now with room for all of it
      }
      // Dequeue the datagram we already hold.
      ssize_t c;
      do {
        c = ::recv(fd(), nullptr, 0, MSG_TRUNC);
      } while (c < 0 && errno == EINTR);
      if (c < 0) return sys_error("recv", errno);
      if (from.nl_pid != 0) continue;  // not from the kernel: not ours to read
      out.assign(rx_.begin(), rx_.begin() + n);
      return {};
    }
  }

 private:
  int fd() const { return nl_socket_get_fd(sock_); }

  nl_sock* sock_;
  std::uint16_t family_;
  std::vector<std::uint8_t> rx_;
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

Result<std::unique_ptr<Transport>> open_genl_family(const char* family_name) {
  nl_sock* sock = nl_socket_alloc();
  if (sock == nullptr) return Error{Op::Init, ENOMEM, "nl_socket_alloc failed"};

  errno = 0;
  if (int err = genl_connect(sock); err < 0) {
    const int e = errno != 0 ? errno : errno_from_nl(err);
    nl_socket_free(sock);
    return Error{Op::Init, e, std::string("genl_connect: ") + nl_geterror(err)};
  }
  const int fd = nl_socket_get_fd(sock);

  const int family = genl_ctrl_resolve(sock, family_name);
  if (family < 0) {
    nl_socket_free(sock);
    return Error{Op::Init, errno_from_nl(family),
                 std::string("resolving genl family ") + family_name + ": " + nl_geterror(family)};
  }

  raise_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF);
  raise_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF);
  // Extended ACK text, and NACKs that do not echo our whole request back.
  // Both are optional (older kernels): failures are ignored.
  const int one = 1;
  (void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
  (void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  drain_pending(fd);

  return std::unique_ptr<Transport>(new GenlTransport(sock, static_cast<std::uint16_t>(family)));
}

}  // namespace nl

Result<std::unique_ptr<Transport>> open_genl_transport() { return nl::open_genl_family(nl::kIpvsGenlName); }

}  // namespace ipvs
