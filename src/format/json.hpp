#pragma once
/// \file json.hpp
/// The --json documents (docs/output-formats.md; schemas in schema/),
/// written piece by piece so that a listing streams: the caller opens a
/// document, adds its items one at a time and closes it.

#include <optional>
#include <span>

#include "format/json_writer.hpp"
#include "format/listing.hpp"
#include "ipvs/config.hpp"
#include "ipvs/connection.hpp"

namespace ipvs::format {

/// Which facts a service object holds.
enum class JsonContent {
  Listing,  ///< -L: settings, connection counts, stats and rates
  Rules,    ///< -S: settings only
};

/// Opens a list document (-L) up to its "services" array: the version and
/// connection table size. Add services with json_service, then json_close_list.
void json_open_list(JsonWriter& w, const Info& info);
/// Opens a rules document (-S) up to its "services" array.
void json_open_rules(JsonWriter& w);
/// One service object with its real servers.
void json_service(JsonWriter& w, const ServiceEntry& entry, JsonContent content);
/// Closes the "services" array and the document of json_open_list/json_open_rules.
void json_close_list(JsonWriter& w);

/// Opens a connections document (-L -c) up to its "connections" array.
void json_open_connections(JsonWriter& w);
/// One connection (or persistence template).
void json_connection(JsonWriter& w, const Connection& c);
/// Closes the connections document.
void json_close_connections(JsonWriter& w);

/// The whole timeouts document (-L --timeout).
void json_timeouts(JsonWriter& w, const Timeouts& t);
/// The whole daemons document (-L --daemon), in the order given.
void json_daemons(JsonWriter& w, std::span<const Daemon> daemons);

}  // namespace ipvs::format
