// --apply's JSON input: the rules document of -S --json (or the list
// document of -L --json) turned into the -A/-a command lines -S would write
// for it, so that cli::parse_command_line checks JSON and text alike. The
// inverse of format/json.cpp and format/save.cpp.

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/apply_input.hpp"
#include "ipvs/address.hpp"

namespace ipvs::cli {
namespace {

/// Keeps the document's key order, so the first unknown key reported is the
/// first in the file.
using Json = nlohmann::ordered_json;
using Words = std::vector<std::string>;

constexpr std::uint64_t kU16 = 0xffff;
constexpr std::uint64_t kU32 = 0xffffffff;

/// The first error met while reading a document ("<path>: <what>", no file).
struct Errors {
  std::string first;
  bool ok() const noexcept { return first.empty(); }
  /// Records `what` at `path` (if nothing was recorded before); false.
  bool fail(const std::string& path, std::string_view what) {
    if (first.empty()) first = path.empty() ? std::string(what) : path + ": " + std::string(what);
    return false;
  }
};

/// "a", "b", "c" -> "expected \"a\", \"b\" or \"c\"".
std::string expected_one_of(std::initializer_list<std::string_view> names) {
  std::string text = "expected ";
  std::size_t i = 0;
  for (std::string_view n : names) {
    if (i != 0) text += i + 1 == names.size() ? " or " : ", ";
    text += '"';
    text += n;
    text += '"';
    ++i;
  }
  return text;
}

/// One JSON object of the document, read key by key with each value's type
/// checked; errors go to `errors` with this object's path. A getter returns
/// nullopt both for an absent key and an error: callers look at errors.ok().
class Fields {
 public:
  Fields(const Json& obj, std::string path, Errors& errors) : obj_(obj), path_(std::move(path)), errors_(errors) {}

  /// The path of `key` in this object ("services[0].port").
  std::string path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  const std::string& path() const noexcept { return path_; }
  bool fail(std::string_view key, std::string_view what) { return errors_.fail(path_of(key), what); }
  /// An error about the object itself.
  bool fail_here(std::string_view what) { return errors_.fail(path_, what); }
  bool has(std::string_view key) const { return obj_.contains(key); }

  /// Every key must be in `keys` or in `ignored` (the listing's counters).
  bool known(std::initializer_list<std::string_view> keys, std::initializer_list<std::string_view> ignored) {
    for (const auto& item : obj_.items()) {
      const std::string& k = item.key();
      const auto is = [&k](std::string_view n) { return n == k; };
      if (std::none_of(keys.begin(), keys.end(), is) && std::none_of(ignored.begin(), ignored.end(), is)) {
        return fail(k, "unknown key");
      }
    }
    return true;
  }

  /// The value of `key`; a missing required key is an error.
  const Json* get(std::string_view key, bool required) {
    const auto it = obj_.find(key);
    if (it != obj_.end()) return &*it;
    if (required) fail_here("missing key \"" + std::string(key) + "\"");
    return nullptr;
  }

  std::optional<std::string> string(std::string_view key, bool required) {
    const Json* v = get(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) return fail(key, "expected a string"), std::nullopt;
    return v->get<std::string>();
  }

  /// An integer 0..max.
  std::optional<std::uint64_t> integer(std::string_view key, bool required, std::uint64_t max) {
    const Json* v = get(key, required);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number_integer()) return fail(key, "expected an integer"), std::nullopt;
    if (!v->is_number_unsigned() || v->get<std::uint64_t>() > max) {
      return fail(key, "out of range (0.." + std::to_string(max) + ")"), std::nullopt;
    }
    return v->get<std::uint64_t>();
  }

  std::optional<bool> boolean(std::string_view key) {
    const Json* v = get(key, false);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) return fail(key, "expected a boolean"), std::nullopt;
    return v->get<bool>();
  }

  /// One of `names`.
  std::optional<std::string> choice(std::string_view key, bool required,
                                    std::initializer_list<std::string_view> names) {
    std::optional<std::string> v = string(key, required);
    if (!v || std::find(names.begin(), names.end(), *v) != names.end()) return v;
    return fail(key, expected_one_of(names)), std::nullopt;
  }

  const Json* object(std::string_view key) {
    const Json* v = get(key, false);
    if (v != nullptr && !v->is_object()) return fail(key, "expected an object"), nullptr;
    return v;
  }

  const Json* array(std::string_view key, bool required) {
    const Json* v = get(key, required);
    if (v != nullptr && !v->is_array()) return fail(key, "expected an array"), nullptr;
    return v;
  }

  /// An array of strings, each one of `names` (an empty array when absent).
  std::vector<std::string> names(std::string_view key, std::initializer_list<std::string_view> names) {
    std::vector<std::string> out;
    const Json* a = array(key, false);
    if (a == nullptr) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const Json& v = (*a)[i];
      const std::string at = path_of(key) + "[" + std::to_string(i) + "]";
      if (!v.is_string()) return errors_.fail(at, "expected a string"), out;
      if (std::find(names.begin(), names.end(), v.get<std::string>()) == names.end()) {
        return errors_.fail(at, expected_one_of(names)), out;
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  }

  /// A numeric address of `family` ("inet", "inet6"; empty: either) at
  /// `key`, with `port`, as -S writes it: "10.0.0.1:80", "[2001:db8::1]:80".
  std::optional<std::string> address_port(std::string_view key, const std::string& family, std::uint64_t port) {
    const std::optional<std::string> text = string(key, true);
    if (!text) return std::nullopt;
    const std::optional<Address> a = Address::parse(*text);
    if (!a || (a->family != Family::Inet && a->family != Family::Inet6)) {
      return fail(key, "expected a numeric IPv4 or IPv6 address"), std::nullopt;
    }
    const bool v6 = a->family == Family::Inet6;
    if (!family.empty() && v6 != (family == "inet6")) {
      return fail(key, std::string(v6 ? "an IPv6" : "an IPv4") + " address, but family is \"" + family + "\""),
             std::nullopt;
    }
    return (v6 ? "[" + *text + "]" : *text) + ":" + std::to_string(port);
  }

 private:
  const Json& obj_;
  std::string path_;
  Errors& errors_;
};

/// `-p T [-M MASK]` of a persistence object; -M left out for the default
/// (255.255.255.255, 128), as -S does.
void persistence_words(Fields& svc, const std::string& family, Words& out, Errors& errors) {
  const Json* p = svc.object("persistence");
  if (p == nullptr) return;
  Fields f(*p, svc.path_of("persistence"), errors);
  if (!f.known({"timeout", "netmask", "prefix_length"}, {})) return;
  const auto timeout = f.integer("timeout", true, kU32);
  if (!timeout) return;
  out.insert(out.end(), {"-p", std::to_string(*timeout)});
  if (family == "inet6") {
    if (f.has("netmask")) f.fail("netmask", "an inet6 service has a prefix_length");
    const auto prefix = f.integer("prefix_length", false, kU32);
    if (prefix && *prefix != 128) out.insert(out.end(), {"-M", std::to_string(*prefix)});
  } else {
    if (f.has("prefix_length")) f.fail("prefix_length", "an inet service has a netmask");
    const auto mask = f.string("netmask", false);
    if (mask && *mask != "255.255.255.255") out.insert(out.end(), {"-M", *mask});
  }
}

/// The words that name a service (`-t ADDR:PORT`, `-f MARK -6`, ...).
std::optional<Words> service_identity(Fields& f, const std::string& family) {
  if (f.has("fwmark")) {
    for (std::string_view k : {"protocol", "address", "port"}) {
      if (f.has(k)) return f.fail(k, "not with fwmark"), std::nullopt;
    }
    const auto mark = f.integer("fwmark", true, kU32);
    if (!mark) return std::nullopt;
    Words w{"-f", std::to_string(*mark)};
    if (family == "inet6") w.emplace_back("-6");
    return w;
  }
  if (!f.has("protocol") && !f.has("address") && !f.has("port")) {
    return f.fail_here("missing key \"protocol\" or \"fwmark\""), std::nullopt;
  }
  const auto proto = f.choice("protocol", true, {"tcp", "udp", "sctp"});
  if (!proto) return std::nullopt;
  const auto port = f.integer("port", true, kU16);
  if (!port) return std::nullopt;
  const auto addr = f.address_port("address", family, *port);
  if (!addr) return std::nullopt;
  return Words{*proto == "tcp" ? "-t" : *proto == "udp" ? "-u" : "--sctp-service", *addr};
}

/// `--tun-type T [--tun-port P] [--tun-nocsum|--tun-csum|--tun-remcsum]`.
void tunnel_words(const Json& t, const std::string& path, Words& out, Errors& errors) {
  Fields f(t, path, errors);
  if (!f.known({"type", "port", "flags"}, {})) return;
  const auto type = f.choice("type", true, {"ipip", "gue", "gre"});
  if (!type) return;
  out.insert(out.end(), {"--tun-type", *type});
  if (*type == "gue") {
    const auto port = f.integer("port", true, kU16);
    if (!port) return;
    out.insert(out.end(), {"--tun-port", std::to_string(*port)});
  } else if (f.has("port")) {
    f.fail("port", "only for a gue tunnel");
    return;
  }
  if (!f.has("flags")) return;
  if (*type == "ipip") {
    f.fail("flags", "not for an ipip tunnel");
    return;
  }
  const std::vector<std::string> flags = f.names("flags", {"csum", "remcsum"});
  if (flags.size() > 1) f.fail("flags", "expected at most one of \"csum\", \"remcsum\"");
  out.emplace_back(flags.empty() ? "--tun-nocsum" : flags[0] == "csum" ? "--tun-csum" : "--tun-remcsum");
}

/// -m, -g, -i for "masq", "route", "tunnel".
const char* forward_flag(const std::string& forward) {
  if (forward == "masq") return "-m";
  return forward == "route" ? "-g" : "-i";
}

/// The -a line of a real server of the service `id` names.
std::optional<Words> real_server_words(const Json& rs, const std::string& path, const Words& id, Errors& errors) {
  if (!rs.is_object()) return errors.fail(path, "expected an object"), std::nullopt;
  Fields f(rs, path, errors);
  if (!f.known({"address", "family", "port", "forward", "weight", "u_threshold", "l_threshold", "tunnel"},
               {"active_conns", "inactive_conns", "persistent_conns", "stats", "rates"})) {
    return std::nullopt;
  }
  const auto family = f.choice("family", false, {"inet", "inet6"});
  const auto port = f.integer("port", true, kU16);
  if (!port) return std::nullopt;
  const auto addr = f.address_port("address", family.value_or(""), *port);
  const auto forward = f.choice("forward", true, {"masq", "route", "tunnel", "local", "bypass"});
  if (!addr || !forward) return std::nullopt;
  if (*forward == "local" || *forward == "bypass") {
    return f.fail("forward", "\"" + *forward + "\" cannot be set by ipvsadm"), std::nullopt;
  }
  const auto weight = f.integer("weight", true, kU32);
  if (!weight) return std::nullopt;
  Words w{"ipvsadm", "-a"};
  w.insert(w.end(), id.begin(), id.end());
  w.insert(w.end(), {"-r", *addr, forward_flag(*forward), "-w", std::to_string(*weight)});
  if (const Json* t = f.object("tunnel")) {
    if (*forward != "tunnel") return f.fail("tunnel", "only with forward \"tunnel\""), std::nullopt;
    tunnel_words(*t, f.path_of("tunnel"), w, errors);
  }
  if (const auto x = f.integer("u_threshold", false, kU32)) w.insert(w.end(), {"-x", std::to_string(*x)});
  if (const auto y = f.integer("l_threshold", false, kU32)) w.insert(w.end(), {"-y", std::to_string(*y)});
  if (!errors.ok()) return std::nullopt;
  return w;
}

/// The -A line of service `s` and the -a lines of its real servers.
void service_lines(const Json& s, const std::string& path, const std::string& file, std::vector<RuleLine>& out,
                   Errors& errors) {
  if (!s.is_object()) return static_cast<void>(errors.fail(path, "expected an object"));
  Fields f(s, path, errors);
  if (!f.known({"protocol", "address", "port", "fwmark", "family", "scheduler", "sched_flags", "persistence",
                "one_packet", "pe", "real_servers"},
               {"stats", "rates"})) {
    return;
  }
  const auto family = f.choice("family", true, {"inet", "inet6"});
  if (!family) return;
  const auto id = service_identity(f, *family);
  const auto scheduler = f.string("scheduler", true);
  if (!id || !scheduler) return;
  Words w{"ipvsadm", "-A"};
  w.insert(w.end(), id->begin(), id->end());
  w.insert(w.end(), {"-s", *scheduler});
  persistence_words(f, *family, w, errors);
  if (const auto pe = f.string("pe", false)) w.insert(w.end(), {"--pe", *pe});
  if (f.boolean("one_packet").value_or(false)) w.emplace_back("-o");
  const std::vector<std::string> flags =
      f.names("sched_flags", {"flag-1", "flag-2", "flag-3", "sh-fallback", "sh-port", "mh-fallback", "mh-port"});
  if (!flags.empty()) {
    std::string joined;
    for (const std::string& n : flags) joined += (joined.empty() ? "" : ",") + n;
    w.insert(w.end(), {"-b", joined});
  }
  const Json* servers = f.array("real_servers", false);
  if (!errors.ok()) return;
  out.push_back({std::move(w), file + ": " + path});
  if (servers == nullptr) return;
  for (std::size_t j = 0; j < servers->size() && errors.ok(); ++j) {
    const std::string at = path + ".real_servers[" + std::to_string(j) + "]";
    if (auto rs = real_server_words((*servers)[j], at, *id, errors)) out.push_back({std::move(*rs), file + ": " + at});
  }
}

}  // namespace

std::variant<std::vector<RuleLine>, std::string> json_rule_lines(std::string_view text, const std::string& file) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    return file + ": not valid JSON: " + e.what();
  }
  Errors errors;
  std::vector<RuleLine> lines;
  if (!doc.is_object()) {
    errors.fail("", "expected an object with a \"services\" array");
  } else {
    Fields top(doc, "", errors);
    const Json* services =
        top.known({"services"}, {"version", "conn_table_size"}) ? top.array("services", true) : nullptr;
    for (std::size_t i = 0; services != nullptr && i < services->size() && errors.ok(); ++i) {
      service_lines((*services)[i], "services[" + std::to_string(i) + "]", file, lines, errors);
    }
  }
  if (!errors.ok()) return file + ": " + errors.first;
  return lines;
}

}  // namespace ipvs::cli
