#pragma once
/// \file error.hpp
/// Typed errors and Result<T> for the ipvs library. No exceptions cross this API.

#include <cassert>
#include <cerrno>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace ipvs {

/// The library operation an error belongs to. ipvsadm's messages depend on it
/// (the same errno reads differently for add-service and add-server).
enum class Op {
  Init,            ///< opening the socket, resolving the "IPVS" family, GET_INFO
  GetInfo,         ///< IPVS_CMD_GET_INFO
  GetServices,     ///< IPVS_CMD_GET_SERVICE dump
  GetService,      ///< IPVS_CMD_GET_SERVICE for one service
  AddService,      ///< IPVS_CMD_NEW_SERVICE
  EditService,     ///< IPVS_CMD_SET_SERVICE
  DeleteService,   ///< IPVS_CMD_DEL_SERVICE
  GetDestinations, ///< IPVS_CMD_GET_DEST dump
  AddDestination,  ///< IPVS_CMD_NEW_DEST
  EditDestination, ///< IPVS_CMD_SET_DEST
  DeleteDestination, ///< IPVS_CMD_DEL_DEST
  Flush,           ///< IPVS_CMD_FLUSH
  Zero,            ///< IPVS_CMD_ZERO (all, or one service)
  GetTimeouts,     ///< IPVS_CMD_GET_CONFIG
  SetTimeouts,     ///< IPVS_CMD_SET_CONFIG
  GetDaemons,      ///< IPVS_CMD_GET_DAEMON dump
  StartDaemon,     ///< IPVS_CMD_NEW_DAEMON
  StopDaemon,      ///< IPVS_CMD_DEL_DAEMON
  OpenNetns,       ///< opening a network namespace's file (open(2); NetnsScope, GenlOptions::netns)
  EnterNetns,      ///< entering a network namespace, or returning from it (setns(2))
};

/// Human-readable name of an operation ("add-service", ...), for diagnostics.
const char* op_name(Op op) noexcept;

/// Where an error came from.
enum class Origin : std::uint8_t {
  Kernel,     ///< the kernel answered with an error (a NACK, or a dump's NLMSG_DONE
              ///< carrying one); errnum is its errno, detail its extended-ack text
  Transport,  ///< the socket: opening it (in its network namespace: ops OpenNetns,
              ///< EnterNetns), resolving the family, sendmsg or recvmsg;
              ///< errnum is the call's errno, detail names the call
  Decode,     ///< a reply that could not be decoded; errnum EBADMSG, detail says
              ///< which attribute and why
};

/// What became of the request an error belongs to. For table-changing
/// operations this says whether the table may have changed; a successful
/// Result is the fourth outcome, applied (the kernel's acknowledgement, or
/// proof that none could have been lost, see Client::execute).
enum class Outcome : std::uint8_t {
  Rejected,  ///< the kernel refused it: nothing of it was applied
  NotSent,   ///< it never reached the kernel: certainly not applied
  Unknown,   ///< it was sent, but no answer proves whether the kernel applied it
};

/// An error: the caller's operation, the errno, where it came from, what
/// became of the request, and optional detail text (for people, not for
/// parsing: every fact a program needs is a field).
struct Error {
  Op op = Op::Init;
  int errnum = 0;
  Origin origin = Origin::Kernel;
  Outcome outcome = Outcome::Rejected;
  std::string detail;

  /// A kernel NACK of `op`'s request.
  static Error kernel(Op op, int errnum, std::string extack = {}) {
    return Error{op, errnum, Origin::Kernel, Outcome::Rejected, std::move(extack)};
  }
  /// A socket call failed; `outcome` says whether the request had been sent.
  static Error transport(Op op, int errnum, Outcome outcome, std::string detail) {
    return Error{op, errnum, Origin::Transport, outcome, std::move(detail)};
  }
  /// A malformed reply to `op`'s request (errnum EBADMSG). The request was
  /// sent and answered, but what the answer said is not known.
  static Error decode(Op op, std::string reason) {
    return Error{op, EBADMSG, Origin::Decode, Outcome::Unknown, std::move(reason)};
  }

  friend bool operator==(const Error&, const Error&) = default;
};

/// Human-readable name of an origin ("kernel", "transport", "decode").
const char* origin_name(Origin origin) noexcept;
/// Human-readable name of an outcome ("rejected", "not sent", "unknown").
const char* outcome_name(Outcome outcome) noexcept;

/// Either a value or an Error. Small stand-in for std::expected (not in g++ 12).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

/// Result of an operation that returns nothing on success.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : err_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const Error& error() const { assert(!ok_); return err_; }

 private:
  Error err_;
  bool ok_ = true;
};

}  // namespace ipvs
