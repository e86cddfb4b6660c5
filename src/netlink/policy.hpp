#pragma once
/// \file policy.hpp
/// Attribute policies, after the kernel's ynl: each attribute of a set is
/// declared once ({type, kind, required, name}), a received run of attributes
/// is walked once into slots indexed by type and validated against the
/// declaration, and the decoder then reads values with plain getters that
/// cannot fail.
///
///   constexpr AttrPolicy kAttrs[] = {{svc_attr::kAf, AttrKind::U16, kRequired, "IPVS_SVC_ATTR_AF"}, ...};
///   constexpr Policy kPolicy(kAttrs);
///   Attrs a;
///   if (auto ok = a.parse(bytes, kPolicy); !ok) return ok.error();
///   std::uint16_t af = a.get<std::uint16_t>(svc_attr::kAf);
///
/// Rules (those of nla_parse with a strict policy, and of the decoders
/// before the tables): unknown types are skipped; of duplicates the last
/// wins; a present attribute of a declared fixed width must have exactly that
/// width; a required one must be present. Several faults report the first in
/// declaration order. Errors are EBADMSG decode errors (decode_error()):
///   "missing NAME", "NAME: expected N bytes, got M",
///   "NAME: bad address length M" (Address), and for a nest's framing
///   "NEST: truncated attribute header (N bytes left)" /
///   "NEST: attribute type T has bad length L (N bytes left)".

#include <arpa/inet.h>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "ipvs/error.hpp"
#include "netlink/message.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::nl {

/// What an attribute's payload holds, and so which lengths are valid.
enum class AttrKind : std::uint8_t {
  U8,       ///< 1 byte
  U16,      ///< 2 bytes, host order
  U32,      ///< 4 bytes, host order
  U64,      ///< 8 bytes, host order
  Be16,     ///< 2 bytes, network order
  Be32,     ///< 4 bytes, network order
  Bytes,    ///< exactly AttrPolicy::len bytes (a struct, an in_addr)
  Address,  ///< union nf_inet_addr: 4 to 16 bytes (the family decides how many count)
  String,   ///< NUL-terminated text, any length (read up to the first NUL)
  Nest,     ///< nested attributes, parsed by their own policy when read
};

inline constexpr bool kRequired = true;
inline constexpr bool kOptional = false;

/// One attribute's declaration.
struct AttrPolicy {
  std::uint16_t type;
  AttrKind kind;
  bool required;
  const char* name;  ///< the uapi name, used in every error about it
  /// Bytes: the exact payload length.
  std::uint8_t len = 0;
  /// When non-zero: while attribute `unless` is present this one is ignored,
  /// neither required nor checked (PROTOCOL of a FWMARK service; STATS when
  /// STATS64 came; MCAST_GROUP when MCAST_GROUP6 came).
  std::uint16_t unless = 0;
};

/// Payload width of a fixed-width kind; 0 for the others.
constexpr std::size_t fixed_width(AttrKind kind, std::size_t bytes_len = 0) noexcept {
  switch (kind) {
    case AttrKind::U8: return 1;
    case AttrKind::U16:
    case AttrKind::Be16: return 2;
    case AttrKind::U32:
    case AttrKind::Be32: return 4;
    case AttrKind::U64: return 8;
    case AttrKind::Bytes: return bytes_len;
    default: return 0;
  }
}

/// Highest attribute type a policy can declare (every IPVS set fits).
inline constexpr std::uint16_t kMaxAttrType = 15;

/// A set's declarations, and the per-type tables the walk checks against.
class Policy {
 public:
  /// `attrs` in the order their faults are reported; static storage.
  constexpr explicit Policy(std::span<const AttrPolicy> attrs) : attrs_(attrs) {
    for (std::size_t i = 0; i < attrs.size(); ++i) {
      const AttrPolicy& a = attrs[i];
      if (a.type == 0 || a.type > kMaxAttrType || index_[a.type] != 0) throw "bad or repeated attribute type";
      if (a.unless > kMaxAttrType) throw "bad unless type";
      if ((a.kind == AttrKind::Bytes) != (a.len != 0)) throw "len is for Bytes only";
      index_[a.type] = static_cast<std::uint8_t>(i + 1);
      if (const std::size_t w = fixed_width(a.kind, a.len); w != 0) {
        min_[a.type] = static_cast<std::uint32_t>(w);
        spread_[a.type] = 0;
      } else if (a.kind == AttrKind::Address) {
        min_[a.type] = 4;
        spread_[a.type] = 16 - 4;
      }
      if (a.required) required_ |= 1u << a.type;
    }
  }

  std::span<const AttrPolicy> attrs() const noexcept { return attrs_; }
  /// The declaration of `type` (which must be declared).
  constexpr const AttrPolicy& operator[](std::uint16_t type) const noexcept { return attrs_[index_[type] - 1u]; }
  constexpr bool declares(std::uint16_t type) const noexcept { return type <= kMaxAttrType && index_[type] != 0; }

 private:
  friend class Attrs;
  std::span<const AttrPolicy> attrs_;
  std::array<std::uint8_t, kMaxAttrType + 1> index_{};  ///< 1 + position in attrs_, 0: undeclared
  /// Valid payload lengths by type: min_ to min_ + spread_ (undeclared
  /// types and variable kinds: anything).
  std::array<std::uint32_t, kMaxAttrType + 1> min_{};
  std::array<std::uint32_t, kMaxAttrType + 1> spread_ = [] {
    std::array<std::uint32_t, kMaxAttrType + 1> m{};
    m.fill(0xffffffffu);
    return m;
  }();
  std::uint32_t required_ = 0;  ///< bit per required type
};

/// What a walk, a check or a decoder found wrong, as data: the hot paths
/// return a bool and fill one of these only on failure; error() turns it
/// into the EBADMSG decode error (the only place decode texts are built).
struct AttrFault {
  enum class Kind : std::uint8_t {
    TruncatedGenl,       ///< "truncated genl header"
    TruncatedHeader,     ///< "truncated attribute header (LEFT bytes left)"
    BadLength,           ///< "attribute type TYPE has bad length LEN (LEFT bytes left)"
    Missing,             ///< "missing NAME"
    BadWidth,            ///< "NAME: expected WANT bytes, got LEN"
    BadAddressLength,    ///< "NAME: bad address length LEN"
    UnsupportedFamily,   ///< "NAME: unsupported address family LEN"
  };
  Kind kind = Kind::Missing;
  const char* prefix = nullptr;  ///< when set, "PREFIX: " goes first (the nest of a framing fault)
  const char* name = nullptr;    ///< the attribute's uapi name
  std::uint32_t type = 0;
  std::uint32_t len = 0;         ///< nla_len, a payload length, or a family value
  std::uint32_t want = 0;
  std::size_t left = 0;

  Error error() const;
};

/// Walks a run of attributes, calling on_attr(type, offset, payload_len) for
/// each (type without the NLA_F_* flag bits, offset of the payload in
/// `bytes`), in order. False on a framing fault (prefixed with `nest_name`):
/// fewer than 4 bytes left for a header, nla_len < 4, or nla_len running
/// past the end. The last attribute may lack its padding.
template <typename OnAttr>
inline bool walk_attrs(std::span<const std::uint8_t> bytes, const char* nest_name, AttrFault& fault,
                       OnAttr&& on_attr) {
  const std::uint8_t* const base = bytes.data();
  const std::size_t size = bytes.size();
  std::size_t off = 0;
  while (size - off >= kNlaHdrLen) {
    std::uint32_t header;  // struct nlattr {u16 nla_len; u16 nla_type;} in one load
    std::memcpy(&header, base + off, sizeof header);
    constexpr bool kLittle = std::endian::native == std::endian::little;
    const std::uint32_t len = kLittle ? header & 0xffffu : header >> 16;
    const std::uint32_t type = (kLittle ? header >> 16 : header) & kNlaTypeMask;
    // One compare for 4 <= len <= left (unsigned wrap-around).
    if (len - kNlaHdrLen > size - off - kNlaHdrLen) [[unlikely]] {
      fault = AttrFault{AttrFault::Kind::BadLength, nest_name, nullptr, type, len, 0, size - off};
      return false;
    }
    on_attr(type, static_cast<std::uint32_t>(off + kNlaHdrLen), static_cast<std::uint32_t>(len - kNlaHdrLen));
    off += (len + 3u) & ~3u;  // NLA_ALIGN; past `size` only after the last attribute
    if (off >= size) return true;
  }
  if (off != size) [[unlikely]] {
    fault = AttrFault{AttrFault::Kind::TruncatedHeader, nest_name, nullptr, 0, 0, 0, size - off};
    return false;
  }
  return true;
}

/// One run of attributes, walked and validated once (see the file comment);
/// views point into the walked bytes, which must outlive it. The getters
/// take a type declared with a matching kind and, unless they say otherwise,
/// present (a required one, or after has()).
class Attrs {
 public:
  /// Walks `bytes` into slots and validates them against `policy`; false
  /// with `fault` filled on the first fault. Framing faults are prefixed
  /// with `nest_name` when given.
  bool parse(std::span<const std::uint8_t> bytes, const Policy& policy, AttrFault& fault,
             const char* nest_name = nullptr);
  /// The same for callers that want an Error.
  Result<void> parse(std::span<const std::uint8_t> bytes, const Policy& policy, const char* nest_name = nullptr);

  bool has(std::uint16_t type) const noexcept { return (present_ >> type) & 1u; }
  std::span<const std::uint8_t> bytes(std::uint16_t type) const noexcept {
    return {base_ + slots_[type].offset, slots_[type].len};
  }
  /// U8/U16/U32/U64: the value.
  template <typename T>
  T get(std::uint16_t type) const noexcept {
    T v;
    std::memcpy(&v, base_ + slots_[type].offset, sizeof v);
    return v;
  }
  /// Like get, but `fallback` when absent.
  template <typename T>
  T get_or(std::uint16_t type, T fallback) const noexcept {
    return has(type) ? get<T>(type) : fallback;
  }
  /// Be16 / Be32: the value in host order.
  std::uint16_t be16(std::uint16_t type) const noexcept { return ntohs(get<std::uint16_t>(type)); }
  std::uint32_t be32(std::uint16_t type) const noexcept { return ntohl(get<std::uint32_t>(type)); }
  /// String: the text up to the first NUL (or the payload's end).
  std::string_view str(std::uint16_t type) const noexcept {
    const auto b = bytes(type);
    const auto* p = reinterpret_cast<const char*>(b.data());
    const void* nul = std::memchr(p, 0, b.size());
    return {p, nul != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nul) - p) : b.size()};
  }
  /// Nest: walks and validates the nested run against `inner`; its framing
  /// faults carry the nest's name. A missing nest is "missing NAME".
  bool nest(std::uint16_t type, const Policy& inner, Attrs& out, AttrFault& fault) const;

  /// The check of one declared type against what was walked (presence when
  /// required, width when present), ignoring its `unless`: for conditions a
  /// table cannot state (a FWMARK attribute of 0 is no fwmark service).
  bool check(std::uint16_t type, AttrFault& fault) const;

  /// The policy of the last parse.
  const Policy& policy() const noexcept { return *policy_; }

 private:
  /// Every declaration in order, after a walk that found something to report.
  bool check_all(AttrFault& fault) const;

  struct Slot {
    std::uint32_t offset;
    std::uint32_t len;
  };
  const std::uint8_t* base_ = nullptr;
  const Policy* policy_ = nullptr;
  std::uint32_t present_ = 0;  ///< bit per type walked; slots_ of absent types are garbage
  std::array<Slot, kMaxAttrType + 1> slots_;
};

}  // namespace ipvs::nl
