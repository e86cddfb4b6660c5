#include "format/json.hpp"

#include <cctype>
#include <string>

#include "format/fields.hpp"
#include "format/names.hpp"
#include "format/plan.hpp"

namespace ipvs::format {
namespace {

void address_field(JsonWriter& w, std::string_view key, const Address& a) {
  char text[Address::kMaxTextLen];
  w.plain_field(key, std::string_view(text, a.to_chars(text)));
}

void stats_objects(JsonWriter& w, const Stats& st) {
  w.key("stats");
  w.begin_object();
  for (const StatField& f : kCounterFields) w.field(f.key, st.*f.member);
  w.end_object();
  w.key("rates");
  w.begin_object();
  for (const StatField& f : kRateFields) w.field(f.key, st.*f.member);
  w.end_object();
}

/// Names of the IP_VS_SVC_F_SCHED* bits, as -S writes them (COMPAT D9).
void sched_flags_array(JsonWriter& w, const Service& s) {
  w.key("sched_flags");
  w.begin_array();
  const std::string names = sched_flags_text(s.scheduler, s.flags, FlagNames::Save);
  std::string_view rest = names;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    w.plain_value(rest.substr(0, comma));  // our own names
    rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
  }
  w.end_array();
}

void service_identity(JsonWriter& w, const ServiceKey& k) {
  if (k.is_fwmark()) {
    w.field("fwmark", k.fwmark);
  } else {
    w.plain_field("protocol", protocol_key(k.protocol));
    address_field(w, "address", k.address);
    w.field("port", k.port);
  }
  w.plain_field("family", family_key(k.family));
}

void service_settings(JsonWriter& w, const Service& s) {
  w.field("scheduler", s.scheduler);
  sched_flags_array(w, s);
  if (s.flags & svc_flags::kPersistent) {
    w.key("persistence");
    w.begin_object();
    w.field("timeout", s.timeout);
    if (s.key.family == Family::Inet6) {
      w.field("prefix_length", s.netmask);
    } else {
      address_field(w, "netmask", Address::v4(s.netmask));
    }
    w.end_object();
  }
  w.field("one_packet", (s.flags & svc_flags::kOnePacket) != 0);
  if (!s.pe_name.empty()) w.field("pe", s.pe_name);
}

void tunnel_object(JsonWriter& w, const Destination& d) {
  w.key("tunnel");
  w.begin_object();
  w.plain_field("type", tunnel_type_name(d.tun_type));
  if (d.tun_type == TunnelType::Gue) w.field("port", d.tun_port);
  if (d.tun_type != TunnelType::Ipip) {
    w.key("flags");
    w.begin_array();
    if (d.tun_flags & tun_flags::kCsum) w.plain_value("csum");
    if (d.tun_flags & tun_flags::kRemCsum) w.plain_value("remcsum");
    w.end_array();
  }
  w.end_object();
}

void dest_field(JsonWriter& w, const Destination& d, const DestField& f) {
  const std::uint32_t v = d.*f.member;
  if (v != 0 || !f.absent_when_zero) w.field(f.key, v);
}

void dest_identity(JsonWriter& w, const Destination& d) {
  address_field(w, "address", d.address);
  w.plain_field("family", family_key(d.address.family));
  w.field("port", d.port);
}

void real_server(JsonWriter& w, const Destination& d, JsonContent content) {
  w.begin_object();
  dest_identity(w, d);
  w.plain_field("forward", forward_key(d.forward));
  for (const DestField& f : kDestSettings) dest_field(w, d, f);
  if (content == JsonContent::Listing) {
    for (const DestField& f : kDestGauges) dest_field(w, d, f);
  }
  if (d.forward == Forward::Tunnel) tunnel_object(w, d);
  if (content == JsonContent::Listing) stats_objects(w, d.stats);
  w.end_object();
}

const char* plan_op(PlanStep::Kind k) noexcept {
  switch (k) {
    case PlanStep::Kind::AddService: return "add-service";
    case PlanStep::Kind::EditService: return "edit-service";
    case PlanStep::Kind::DeleteService: return "delete-service";
    case PlanStep::Kind::AddDest: return "add-server";
    case PlanStep::Kind::EditDest: return "edit-server";
    case PlanStep::Kind::DeleteDest: return "delete-server";
  }
  return "?";
}

}  // namespace

void json_plan(JsonWriter& w, const Plan& p) {
  w.begin_object();
  w.key("plan");
  w.begin_array();
  for (const PlanStep& s : p.steps) {
    using K = PlanStep::Kind;
    w.begin_object();
    w.plain_field("op", plan_op(s.kind));
    w.key("service");
    w.begin_object();
    service_identity(w, s.service.key);
    if (s.kind == K::AddService || s.kind == K::EditService) service_settings(w, s.service);
    w.end_object();
    if (s.kind == K::AddDest || s.kind == K::EditDest) {
      w.key("real_server");
      real_server(w, s.dest, JsonContent::Rules);
    } else if (s.kind == K::DeleteDest) {
      w.key("real_server");
      w.begin_object();
      dest_identity(w, s.dest);
      w.end_object();
    }
    if (s.drain) w.field("drain", true);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.end_document();
}

void json_open_list(JsonWriter& w, const Info& info) {
  w.begin_object();
  const std::uint32_t v = info.version;
  w.field("version", std::to_string((v >> 16) & 0xff) + "." + std::to_string((v >> 8) & 0xff) + "." +
                         std::to_string(v & 0xff));
  w.field("conn_table_size", info.conn_table_size);
  w.key("services");
  w.begin_array();
}

void json_open_rules(JsonWriter& w) {
  w.begin_object();
  w.key("services");
  w.begin_array();
}

void json_service(JsonWriter& w, const ServiceEntry& e, JsonContent content) {
  const Service& s = e.service;
  w.begin_object();
  service_identity(w, s.key);
  service_settings(w, s);
  if (content == JsonContent::Listing) stats_objects(w, s.stats);
  w.key("real_servers");
  w.begin_array();
  for (const Destination& d : e.dests) real_server(w, d, content);
  w.end_array();
  w.end_object();
}

void json_close_list(JsonWriter& w) {
  w.end_array();
  w.end_object();
  w.end_document();
}

void json_open_connections(JsonWriter& w) {
  w.begin_object();
  w.key("connections");
  w.begin_array();
}

void json_connection(JsonWriter& w, const Connection& c) {
  std::string proto = c.protocol;
  for (char& ch : proto) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  w.begin_object();
  w.field("protocol", proto);
  address_field(w, "client_address", c.client);
  w.field("client_port", c.client_port);
  address_field(w, "virtual_address", c.virtual_addr);
  w.field("virtual_port", c.virtual_port);
  address_field(w, "real_address", c.dest);
  w.field("real_port", c.dest_port);
  w.field("state", c.state);
  w.field("expires", c.expires);
  if (!c.pe_name.empty()) {
    w.field("pe", c.pe_name);
    w.field("pe_data", c.pe_data);
  }
  w.end_object();
}

void json_close_connections(JsonWriter& w) { json_close_list(w); }

void json_timeouts(JsonWriter& w, const Timeouts& t) {
  w.begin_object();
  w.field("tcp", t.tcp);
  w.field("tcp_fin", t.tcp_fin);
  w.field("udp", t.udp);
  w.end_object();
  w.end_document();
}

void json_daemons(JsonWriter& w, std::span<const Daemon> daemons) {
  w.begin_object();
  w.key("daemons");
  w.begin_array();
  for (const Daemon& d : daemons) {
    w.begin_object();
    w.plain_field("state", d.state == DaemonState::Master ? "master" : "backup");
    w.field("mcast_interface", d.mcast_ifname);
    w.field("sync_id", d.sync_id);
    if (d.sync_maxlen != 0) w.field("sync_maxlen", d.sync_maxlen);
    if (d.mcast_group.family != Family::Unspec) address_field(w, "mcast_group", d.mcast_group);
    if (d.mcast_port != 0) w.field("mcast_port", d.mcast_port);
    if (d.mcast_ttl != 0) w.field("mcast_ttl", d.mcast_ttl);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.end_document();
}

}  // namespace ipvs::format
