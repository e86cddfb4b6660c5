#pragma once
/// \file request.hpp
/// One parsed ipvsadm command line, as plain values.

#include <optional>
#include <string>

#include "cli/legality.hpp"
#include "ipvs/config.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/service.hpp"

namespace ipvs::cli {

/// Listing options (-L, -S, -c).
struct ListFlags {
  bool numeric = false;
  bool connection = false;
  bool timeout = false;
  bool daemon = false;
  bool stats = false;
  bool rate = false;
  bool thresholds = false;
  bool persistent_conn = false;
  bool tun_info = false;
  bool exact = false;
  bool nosort = false;
};

/// Everything a command line asks for, after 1.31's defaults and checks.
struct Request {
  Command command = Command::List;
  OptionSet given;            ///< which option groups appeared
  Service service;            ///< key + settings for -A/-E; key for the rest
  /// -L and -Z: the one service they act on, or nullopt for every service.
  std::optional<ServiceKey> selected;
  Destination dest;           ///< -a/-e/-d
  ListFlags list;
  Timeouts timeouts;          ///< --set
  Daemon daemon;              ///< --start-daemon / --stop-daemon
};

}  // namespace ipvs::cli
