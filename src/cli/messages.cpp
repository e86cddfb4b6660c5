#include "cli/messages.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>

namespace ipvs::cli {
namespace {

struct Row {
  std::optional<Op> op;  ///< nullopt: any operation
  int errnum;
  const char* text;
};

// Operation rows first, then the generic ones, as 1.31 looks them up. Listing
// all services, flush and init never name their operation in 1.31, so only
// the generic rows apply to them.
constexpr std::array<Row, 23> kRows = {{
    {Op::AddService, EEXIST, "Service already exists"},
    {Op::AddService, ENOENT, "Scheduler or persistence engine not found"},
    {Op::EditService, ESRCH, "No such service"},
    {Op::EditService, ENOENT, "Scheduler or persistence engine not found"},
    {Op::DeleteService, ESRCH, "No such service"},
    {Op::Zero, ESRCH, "No such service"},
    {Op::AddDestination, ESRCH, "Service not defined"},
    {Op::AddDestination, EEXIST, "Destination already exists"},
    {Op::EditDestination, ESRCH, "Service not defined"},
    {Op::EditDestination, ENOENT, "No such destination"},
    {Op::DeleteDestination, ESRCH, "Service not defined"},
    {Op::DeleteDestination, ENOENT, "No such destination"},
    {Op::StartDaemon, EEXIST, "Daemon has already run"},
    {Op::StopDaemon, ESRCH, "No daemon is running"},
    {Op::GetDestinations, ESRCH, "No such service"},
    {Op::GetService, ESRCH, "No such service"},
    {std::nullopt, EPERM, "Permission denied (you must be root)"},
    {std::nullopt, EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..."},
    {std::nullopt, ENOPROTOOPT, "Protocol not available"},
    {std::nullopt, ENOMEM, "Memory allocation problem"},
    {std::nullopt, EOPNOTSUPP, "Operation not supported with IPv6"},
    {std::nullopt, EAFNOSUPPORT, "Operation not supported with specified address family"},
    {std::nullopt, EMSGSIZE, "Module is wrong version"},
}};

}  // namespace

std::string error_text(const Error& error) {
  for (const Row& row : kRows) {
    if (row.errnum == error.errnum && (!row.op || *row.op == error.op)) return row.text;
  }
  return std::strerror(error.errnum);
}

bool is_netns_error(const Error& error) noexcept {
  return error.op == Op::OpenNetns || error.op == Op::EnterNetns;
}

std::string netns_error_text(const Error& error, std::string_view netns) {
  const std::string name(netns);
  switch (error.op) {
    case Op::OpenNetns:
      return "Cannot open network namespace \"" + name + "\": " + std::strerror(error.errnum);
    case Op::EnterNetns:
      return "setting the network namespace \"" + name + "\" failed: " + std::strerror(error.errnum);
    default:
      return error_text(error);
  }
}

}  // namespace ipvs::cli
