#include "netlink/policy.hpp"

#include <string>

namespace ipvs::nl {

Error AttrFault::error() const {
  std::string text;
  switch (kind) {
    case Kind::TruncatedGenl: text = "truncated genl header"; break;
    case Kind::TruncatedHeader: text = "truncated attribute header (" + std::to_string(left) + " bytes left)"; break;
    case Kind::BadLength:
      text = "attribute type " + std::to_string(type) + " has bad length " + std::to_string(len) + " (" +
             std::to_string(left) + " bytes left)";
      break;
    case Kind::Missing: text = std::string("missing ") + name; break;
    case Kind::BadWidth:
      text = std::string(name) + ": expected " + std::to_string(want) + " bytes, got " + std::to_string(len);
      break;
    case Kind::BadAddressLength: text = std::string(name) + ": bad address length " + std::to_string(len); break;
    case Kind::UnsupportedFamily: text = std::string(name) + ": unsupported address family " + std::to_string(len); break;
  }
  if (prefix != nullptr) text = std::string(prefix) + ": " + text;
  return decode_error(std::move(text));
}

bool Attrs::parse(std::span<const std::uint8_t> bytes, const Policy& policy, AttrFault& fault, const char* nest_name) {
  base_ = bytes.data();
  policy_ = &policy;
  std::uint32_t present = 0;
  std::uint32_t suspect = 0;  // a declared width not met: find the first fault in order below
  const bool walked = walk_attrs(bytes, nest_name, fault, [&](std::uint32_t type, std::uint32_t offset, std::uint32_t len) {
    if (type > kMaxAttrType) return;  // unknown to every policy, skipped
    slots_[type] = Slot{offset, len};
    present |= 1u << type;
    // One compare for min <= len <= min + spread (unsigned wrap-around).
    suspect |= static_cast<std::uint32_t>(len - policy.min_[type] > policy.spread_[type]);
  });
  present_ = present;
  if (!walked) return false;
  // The common case costs two compares; anything off (maybe only an ignored
  // attribute, or a FWMARK service's absent PROTOCOL) goes through the table.
  if (suspect != 0 || (present & policy.required_) != policy.required_) [[unlikely]] return check_all(fault);
  return true;
}

Result<void> Attrs::parse(std::span<const std::uint8_t> bytes, const Policy& policy, const char* nest_name) {
  AttrFault fault;
  if (!parse(bytes, policy, fault, nest_name)) return fault.error();
  return {};
}

bool Attrs::check(std::uint16_t type, AttrFault& fault) const {
  const AttrPolicy& a = (*policy_)[type];
  if (!has(type)) {
    if (!a.required) return true;
    fault = AttrFault{AttrFault::Kind::Missing, nullptr, a.name};
    return false;
  }
  const std::uint32_t got = slots_[type].len;
  if (a.kind == AttrKind::Address) {
    if (got >= 4 && got <= 16) return true;
    fault = AttrFault{AttrFault::Kind::BadAddressLength, nullptr, a.name, type, got};
    return false;
  }
  const auto want = static_cast<std::uint32_t>(fixed_width(a.kind, a.len));
  if (want == 0 || got == want) return true;
  fault = AttrFault{AttrFault::Kind::BadWidth, nullptr, a.name, type, got, want};
  return false;
}

bool Attrs::check_all(AttrFault& fault) const {
  for (const AttrPolicy& a : policy_->attrs()) {
    if (a.unless != 0 && has(a.unless)) continue;
    if (!check(a.type, fault)) return false;
  }
  return true;
}

bool Attrs::nest(std::uint16_t type, const Policy& inner, Attrs& out, AttrFault& fault) const {
  const char* name = (*policy_)[type].name;
  if (!has(type)) {
    fault = AttrFault{AttrFault::Kind::Missing, nullptr, name};
    return false;
  }
  return out.parse(bytes(type), inner, fault, name);
}

}  // namespace ipvs::nl
