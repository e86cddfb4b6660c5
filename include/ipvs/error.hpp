#pragma once
/// \file error.hpp
/// Typed errors and Result<T> for the ipvs library. No exceptions cross this API.

#include <cassert>
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
  Decode,          ///< a reply that could not be decoded (errnum EBADMSG)
};

/// Human-readable name of an operation ("add-service", ...), for diagnostics.
const char* op_name(Op op) noexcept;

/// An error: the operation, the errno (as the kernel or the socket gave it),
/// and optional detail (netlink extended-ack text, or a decoder's reason).
struct Error {
  Op op = Op::Init;
  int errnum = 0;
  std::string detail;

  friend bool operator==(const Error&, const Error&) = default;
};

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
