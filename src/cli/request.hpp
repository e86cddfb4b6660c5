#pragma once
/// \file request.hpp
/// One parsed ipvsadm command line, as plain values.

#include <cstdint>
#include <optional>
#include <string>

#include "cli/legality.hpp"
#include "ipvs/config.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/service.hpp"

namespace ipvs::cli {

/// What a listing prints (ours; 1.31 has only Text).
enum class ListFormat : std::uint8_t {
  Text,     ///< 1.31's text
  Json,     ///< --json
  Metrics,  ///< --metrics: the Prometheus text exposition format
};

/// Listing options (-L, -S, -c).
struct ListFlags {
  ListFormat format = ListFormat::Text;
  bool pretty = false;        ///< --pretty: indented JSON
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
  /// --netns: a name under /run/netns or a path (one with a '/'); empty for
  /// the caller's own namespace.
  std::string netns;
  /// --apply FILE ("-": standard input), with --dry-run and --drain.
  std::string apply_file;
  bool dry_run = false;
  bool drain = false;
};

}  // namespace ipvs::cli
