#include "format/metrics.hpp"

#include <string>

#include "format/columns.hpp"
#include "format/fields.hpp"
#include "format/names.hpp"

namespace ipvs::format {
namespace {

enum class Scope { Service, Backend };
enum class Kind { Counter, Gauge };

/// One metric family: where its value comes from (a Stats counter or a
/// real-server field).
struct Family {
  Scope scope;
  Kind kind;
  const StatField* stat;  ///< or nullptr
  const DestField* dest;  ///< or nullptr
};

constexpr std::array<Family, 14> kFamilies = {{
    {Scope::Service, Kind::Counter, &kCounterFields[0], nullptr},
    {Scope::Service, Kind::Counter, &kCounterFields[1], nullptr},
    {Scope::Service, Kind::Counter, &kCounterFields[2], nullptr},
    {Scope::Service, Kind::Counter, &kCounterFields[3], nullptr},
    {Scope::Service, Kind::Counter, &kCounterFields[4], nullptr},
    {Scope::Backend, Kind::Gauge, nullptr, &kActiveConns},
    {Scope::Backend, Kind::Gauge, nullptr, &kInactiveConns},
    {Scope::Backend, Kind::Gauge, nullptr, &kPersistConns},
    {Scope::Backend, Kind::Gauge, nullptr, &kWeight},
    {Scope::Backend, Kind::Counter, &kCounterFields[0], nullptr},
    {Scope::Backend, Kind::Counter, &kCounterFields[1], nullptr},
    {Scope::Backend, Kind::Counter, &kCounterFields[2], nullptr},
    {Scope::Backend, Kind::Counter, &kCounterFields[3], nullptr},
    {Scope::Backend, Kind::Counter, &kCounterFields[4], nullptr},
}};

void append_name(fmt::memory_buffer& out, const Family& f) {
  append_text(out, f.scope == Scope::Service ? "node_ipvs_service_" : "node_ipvs_backend_");
  append_text(out, f.stat ? f.stat->metric : f.dest->metric);
  if (f.kind == Kind::Counter) append_text(out, "_total");
}

void append_label(fmt::memory_buffer& out, std::string_view name, std::string_view value, bool first = false) {
  if (!first) out.push_back(',');
  append_text(out, name);
  out.push_back('=');
  append_label_value(out, value);
}

std::string address_text(const Address& a) {
  char text[Address::kMaxTextLen];
  return std::string(text, a.to_chars(text));
}

/// node_exporter's labels of a service: proto, local_address and local_port,
/// or for fwmark services local_mark (as /proc/net/ip_vs writes it) and family.
void service_labels(fmt::memory_buffer& out, const ServiceKey& k) {
  if (k.is_fwmark()) {
    append_label(out, "proto", "FWM", true);
    append_label(out, "local_mark", fmt::format("{:08X}", k.fwmark));
    append_label(out, "family", family_key(k.family));
    return;
  }
  append_label(out, "proto", protocol_label(k.protocol), true);
  append_label(out, "local_address", address_text(k.address));
  append_label(out, "local_port", std::to_string(k.port));
}

void sample(fmt::memory_buffer& out, const Family& f, std::string_view labels, std::uint64_t value) {
  append_name(out, f);
  out.push_back('{');
  append_text(out, labels);
  append_text(out, "} ");
  append_uint(out, value);
  out.push_back('\n');
}

}  // namespace

void append_label_value(fmt::memory_buffer& out, std::string_view v) {
  out.push_back('"');
  for (char c : v) {
    switch (c) {
      case '\\': append_text(out, "\\\\"); break;
      case '"': append_text(out, "\\\""); break;
      case '\n': append_text(out, "\\n"); break;
      default: out.push_back(c);
    }
  }
  out.push_back('"');
}

MetricsWriter::MetricsWriter() : samples_(kFamilies.size()) {}

void MetricsWriter::add(const ServiceEntry& e) {
  fmt::memory_buffer svc;
  service_labels(svc, e.service.key);
  const std::string_view svc_labels(svc.data(), svc.size());
  fmt::memory_buffer backend;
  for (std::size_t i = 0; i < kFamilies.size(); ++i) {
    const Family& f = kFamilies[i];
    if (f.scope == Scope::Service) sample(samples_[i], f, svc_labels, e.service.stats.*f.stat->member);
  }
  for (const Destination& d : e.dests) {
    backend.clear();
    append_text(backend, svc_labels);
    append_label(backend, "remote_address", address_text(d.address));
    append_label(backend, "remote_port", std::to_string(d.port));
    const std::string_view labels(backend.data(), backend.size());
    for (std::size_t i = 0; i < kFamilies.size(); ++i) {
      const Family& f = kFamilies[i];
      if (f.scope != Scope::Backend) continue;
      sample(samples_[i], f, labels, f.stat ? d.stats.*f.stat->member : d.*f.dest->member);
    }
  }
}

void MetricsWriter::finish(fmt::memory_buffer& out) const {
  for (std::size_t i = 0; i < kFamilies.size(); ++i) {
    const Family& f = kFamilies[i];
    append_text(out, "# HELP ");
    append_name(out, f);
    out.push_back(' ');
    if (f.stat) {
      append_text(out, "The total number of ");
      append_text(out, f.stat->help);
      append_text(out, f.scope == Scope::Service ? " by virtual service." : " by local and remote address.");
    } else {
      append_text(out, f.dest->help);
    }
    append_text(out, "\n# TYPE ");
    append_name(out, f);
    append_text(out, f.kind == Kind::Counter ? " counter\n" : " gauge\n");
    append_text(out, std::string_view(samples_[i].data(), samples_[i].size()));
  }
}

}  // namespace ipvs::format
