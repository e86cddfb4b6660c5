#pragma once
/// \file message.hpp
/// Netlink framing and attributes, independent of IPVS: a writer that builds
/// one generic-netlink message, a bounds-checked attribute reader, and the
/// splitter that turns a received datagram into messages. Pure: no I/O.
///
/// Integers inside attributes are host byte order unless a function says
/// "be" (network byte order). Every length is checked: malformed input gives
/// a decode error (decode_error), never undefined behaviour.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ipvs/error.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::nl {

inline constexpr std::size_t kNlmsgHdrLen = 16;  ///< sizeof(struct nlmsghdr)
inline constexpr std::size_t kGenlHdrLen = 4;    ///< sizeof(struct genlmsghdr)
inline constexpr std::size_t kNlaHdrLen = 4;     ///< sizeof(struct nlattr)

/// NLMSG_ALIGN / NLA_ALIGN: round up to 4 bytes.
constexpr std::size_t nl_align(std::size_t n) noexcept { return (n + 3u) & ~std::size_t{3}; }

/// Error::decode (EBADMSG, Origin::Decode) with `reason`; its op is Init
/// until the Client tags it with the operation whose reply it was.
Error decode_error(std::string reason);

/// Builds one complete generic-netlink message: nlmsghdr (pid 0) + genlmsghdr
/// + attributes. Each attribute is padded to 4 bytes; nests get their length
/// patched by end_nest (no NLA_F_NESTED flag, like the kernel's own replies).
class MessageWriter {
 public:
  /// `type` is the genl family id (or any nlmsg_type), `flags` the nlmsg_flags.
  MessageWriter(std::uint16_t type, std::uint16_t flags, std::uint32_t seq, std::uint8_t cmd,
                std::uint8_t version = kIpvsGenlVersion)
      : MessageWriter(std::vector<std::uint8_t>(), type, flags, seq, cmd, version) {}
  /// Builds the message at the end of `into` (whatever it holds stays in
  /// front); finish() hands back `into` with the message appended.
  MessageWriter(std::vector<std::uint8_t> into, std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                std::uint8_t cmd, std::uint8_t version = kIpvsGenlVersion);

  void put_u8(std::uint16_t type, std::uint8_t v);
  void put_u16(std::uint16_t type, std::uint16_t v);   ///< host order
  void put_u32(std::uint16_t type, std::uint32_t v);   ///< host order
  void put_u64(std::uint16_t type, std::uint64_t v);   ///< host order
  void put_be16(std::uint16_t type, std::uint16_t host_value);  ///< written big-endian
  void put_be32(std::uint16_t type, std::uint32_t host_value);  ///< written big-endian
  void put_bytes(std::uint16_t type, std::span<const std::uint8_t> bytes);
  /// The text plus a terminating NUL (NLA_NUL_STRING).
  void put_string(std::uint16_t type, std::string_view text);

  /// Opens a nested attribute; pass the returned token to end_nest.
  std::size_t begin_nest(std::uint16_t type);
  void end_nest(std::size_t token);

  /// Patches nlmsg_len and hands the message over (after what `into` held).
  std::vector<std::uint8_t> finish() &&;

 private:
  /// Appends an attribute of `payload_len` bytes, the first `copy_len` from `data`, the rest 0.
  void put_attr(std::uint16_t type, const void* data, std::size_t copy_len, std::size_t payload_len);
  static constexpr std::size_t kInitialBytes = 256;
  std::vector<std::uint8_t> buf_;  ///< zero past len_
  std::size_t start_ = 0;          ///< offset of this message's nlmsghdr in buf_
  std::size_t len_ = 0;            ///< end of the bytes written, from buf_'s start
};

/// A run of attributes parsed into slots by type (the last of duplicates wins,
/// as in the kernel's nla_parse). Types above max_type are ignored (unknown
/// attributes from newer kernels), and so are types above kMaxType (the
/// slots are inline: no allocation per message). Views point into the parsed
/// buffer, which must outlive the AttrSet.
class AttrSet {
 public:
  /// Errors (EBADMSG): fewer than 4 bytes left for a header, nla_len < 4,
  /// or nla_len running past the end of `bytes`.
  static Result<AttrSet> parse(std::span<const std::uint8_t> bytes, std::uint16_t max_type);

  bool has(std::uint16_t type) const noexcept { return get(type).has_value(); }
  /// The payload (without the 4-byte header) of attribute `type`, if present.
  std::optional<std::span<const std::uint8_t>> get(std::uint16_t type) const noexcept;

  /// Highest attribute type an AttrSet can hold (every IPVS one fits).
  static constexpr std::uint16_t kMaxType = 15;

 private:
  static constexpr std::uint32_t kAbsent = 0xffffffffu;
  struct Slot {
    std::uint32_t offset = kAbsent;  ///< of the payload in base_; kAbsent: no such attribute
    std::uint32_t len = 0;
  };
  const std::uint8_t* base_ = nullptr;
  std::array<Slot, kMaxType + 1> slots_{};
};

/// The payload of a present attribute, or EBADMSG "missing <name>".
Result<std::span<const std::uint8_t>> read_required(const AttrSet& set, std::uint16_t type,
                                                    const char* name);

/// EBADMSG for read_int: "missing <name>", or "<name>: expected N bytes, got M".
Error int_attr_error(const char* name, bool present, std::size_t expected, std::size_t got);

/// Reads a present attribute holding exactly sizeof(T) bytes of host-order T.
/// The host-order integer at the start of `data`, which holds at least sizeof(T) bytes.
template <typename T>
T load_int(std::span<const std::uint8_t> data) noexcept {
  T v;
  std::memcpy(&v, data.data(), sizeof(T));
  return v;
}

template <typename T>
Result<T> read_int(const AttrSet& set, std::uint16_t type, const char* name) {
  const auto data = set.get(type);
  if (data && data->size() == sizeof(T)) return load_int<T>(*data);
  return int_attr_error(name, data.has_value(), sizeof(T), data ? data->size() : 0);
}

/// Like read_int, but an absent attribute yields `fallback`.
template <typename T>
Result<T> read_int_or(const AttrSet& set, std::uint16_t type, const char* name, T fallback) {
  if (!set.has(type)) return fallback;
  return read_int<T>(set, type, name);
}

/// A big-endian u16 attribute (ports), returned in host order.
Result<std::uint16_t> read_be16(const AttrSet& set, std::uint16_t type, const char* name);
/// A big-endian u32 attribute (IPv4 masks), returned in host order.
Result<std::uint32_t> read_be32(const AttrSet& set, std::uint16_t type, const char* name);
/// A NUL-terminated string attribute; text up to the first NUL (or the end).
Result<std::string> read_string(const AttrSet& set, std::uint16_t type, const char* name);
/// A nested attribute, parsed.
Result<AttrSet> read_nest(const AttrSet& set, std::uint16_t type, std::uint16_t max_type,
                          const char* name);

/// Overwrites nlmsg_type and nlmsg_seq of the message starting at `message`
/// (which must hold at least a whole nlmsghdr), e.g. to send a message that
/// was encoded before the family id and sequence number were known.
void set_type_and_seq(std::span<std::uint8_t> message, std::uint16_t type, std::uint32_t seq) noexcept;
/// Clears NLM_F_ACK in the nlmsg_flags of the message starting at `message`:
/// the kernel then answers it only if it fails.
void clear_ack_flag(std::span<std::uint8_t> message) noexcept;

/// One netlink message of a received datagram.
struct Message {
  std::uint16_t type = 0;   ///< nlmsg_type: family id, or kNlmsgError / kNlmsgDone / ...
  std::uint16_t flags = 0;  ///< nlmsg_flags (kNlmFMulti, kNlmFDumpIntr, ...)
  std::uint32_t seq = 0;
  std::uint32_t pid = 0;
  /// Everything after the nlmsghdr; a view into the datagram.
  std::span<const std::uint8_t> payload;
  /// NLMSG_ERROR / NLMSG_DONE only: the errno as a positive number (0 = ACK
  /// or a clean end of dump).
  int error = 0;
  /// NLMSG_ERROR / NLMSG_DONE only: NLMSGERR_ATTR_MSG text (up to its NUL), if
  /// the kernel sent one; a view into the datagram.
  std::string_view extack;

  bool is_error() const noexcept { return type == kNlmsgError; }  ///< ACK or NACK
  bool is_done() const noexcept { return type == kNlmsgDone; }
  bool dump_interrupted() const noexcept { return (flags & kNlmFDumpIntr) != 0; }
};

/// Walks a datagram message by message, without allocating: each Message is
/// a view into `datagram` (which must outlive it), with the error field and
/// extended-ack text of NLMSG_ERROR and NLMSG_DONE decoded.
///
///   MessageReader reader(datagram);
///   for (Message m; reader.next(m);) { ... }
///   if (reader.failed()) return reader.error();
///
/// Faults (EBADMSG): a truncated header, an nlmsg_len shorter than the header
/// or past the end, an NLMSG_ERROR shorter than struct nlmsgerr. The messages
/// before a fault are handed out; the walk stops at it.
class MessageReader {
 public:
  explicit MessageReader(std::span<const std::uint8_t> datagram) noexcept : rest_(datagram) {}
  /// The next message into `out`; false at the end of the datagram or at a fault.
  bool next(Message& out);
  /// True when next() stopped at a fault rather than at the end.
  bool failed() const noexcept { return failed_; }
  /// The fault next() stopped at (only when failed()).
  Error error() const;

 private:
  std::span<const std::uint8_t> rest_;
  bool failed_ = false;
  std::size_t fault_len_ = 0;  ///< the bad nlmsg_len (0: a truncated header or NLMSG_ERROR)
  bool fault_error_ = false;   ///< the fault is a truncated NLMSG_ERROR
};

/// Every message of a datagram (MessageReader's walk, collected). Errors as
/// MessageReader's.
Result<std::vector<Message>> parse_datagram(std::span<const std::uint8_t> datagram);

/// The genlmsghdr of a message payload and the attributes after it.
struct GenlView {
  std::uint8_t cmd = 0;
  std::uint8_t version = 0;
  std::span<const std::uint8_t> attrs;
};

/// Splits a generic-netlink payload; EBADMSG when shorter than the genl header.
Result<GenlView> parse_genl(std::span<const std::uint8_t> payload);

}  // namespace ipvs::nl
