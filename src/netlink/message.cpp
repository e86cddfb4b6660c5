#include "netlink/message.hpp"

#include <arpa/inet.h>

#include <array>
#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <utility>

namespace ipvs::nl {

namespace {

std::uint16_t load_u16(const std::uint8_t* p) {
  std::uint16_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

std::uint32_t load_u32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

/// Text of NLMSGERR_ATTR_MSG among extended-ack TLVs, up to its NUL (empty
/// if absent or malformed); a view into `tlvs`.
std::string_view extack_text(std::span<const std::uint8_t> tlvs) {
  auto set = AttrSet::parse(tlvs, kNlmsgerrAttrMsg);
  if (!set) return {};
  const auto data = set->get(kNlmsgerrAttrMsg);
  if (!data) return {};
  const std::string_view text(reinterpret_cast<const char*>(data->data()), data->size());
  return text.substr(0, text.find('\0'));
}

/// errno from the kernel's negative error field.
int errno_of(std::int32_t raw) { return raw < 0 ? -raw : raw; }

}  // namespace

Error decode_error(std::string reason) { return Error::decode(Op::Init, std::move(reason)); }

// ---- MessageWriter ---------------------------------------------------------

MessageWriter::MessageWriter(std::vector<std::uint8_t> into, std::uint16_t type, std::uint16_t flags,
                             std::uint32_t seq, std::uint8_t cmd, std::uint8_t version)
    : buf_(std::move(into)), start_(buf_.size()) {
  // buf_ is kept zero-filled past len_, so nothing written skips a byte
  // that must be 0 (nlmsg_len until finish(), pid, reserved, padding).
  buf_.resize(start_ + kInitialBytes);
  len_ = start_ + kNlmsgHdrLen + kGenlHdrLen;
  std::uint8_t* p = buf_.data() + start_;
  std::memcpy(p + 4, &type, sizeof type);
  std::memcpy(p + 6, &flags, sizeof flags);
  std::memcpy(p + 8, &seq, sizeof seq);
  p[kNlmsgHdrLen] = cmd;
  p[kNlmsgHdrLen + 1] = version;
}

void MessageWriter::put_attr(std::uint16_t type, const void* data, std::size_t copy_len,
                             std::size_t payload_len) {
  // One resize per attribute: header, payload and padding, zero-filled, so
  // payload bytes past copy_len (a string's NUL) and the padding are 0.
  const std::size_t at = len_;
  len_ += nl_align(kNlaHdrLen + payload_len);
  if (len_ > buf_.size()) buf_.resize(std::max(len_, 2 * buf_.size()));
  const auto nla_len = static_cast<std::uint16_t>(kNlaHdrLen + payload_len);
  std::uint8_t* p = buf_.data() + at;
  std::memcpy(p, &nla_len, sizeof nla_len);
  std::memcpy(p + sizeof nla_len, &type, sizeof type);
  if (copy_len != 0) std::memcpy(p + kNlaHdrLen, data, copy_len);
}

void MessageWriter::put_u8(std::uint16_t type, std::uint8_t v) { put_attr(type, &v, sizeof v, sizeof v); }

void MessageWriter::put_u16(std::uint16_t type, std::uint16_t v) { put_attr(type, &v, sizeof v, sizeof v); }

void MessageWriter::put_u32(std::uint16_t type, std::uint32_t v) { put_attr(type, &v, sizeof v, sizeof v); }

void MessageWriter::put_u64(std::uint16_t type, std::uint64_t v) { put_attr(type, &v, sizeof v, sizeof v); }

void MessageWriter::put_be16(std::uint16_t type, std::uint16_t host_value) {
  const std::array<std::uint8_t, 2> b = {static_cast<std::uint8_t>(host_value >> 8),
                                         static_cast<std::uint8_t>(host_value)};
  put_attr(type, b.data(), b.size(), b.size());
}

void MessageWriter::put_be32(std::uint16_t type, std::uint32_t host_value) {
  const std::array<std::uint8_t, 4> b = {
      static_cast<std::uint8_t>(host_value >> 24), static_cast<std::uint8_t>(host_value >> 16),
      static_cast<std::uint8_t>(host_value >> 8), static_cast<std::uint8_t>(host_value)};
  put_attr(type, b.data(), b.size(), b.size());
}

void MessageWriter::put_bytes(std::uint16_t type, std::span<const std::uint8_t> bytes) {
  put_attr(type, bytes.data(), bytes.size(), bytes.size());
}

void MessageWriter::put_string(std::uint16_t type, std::string_view text) {
  put_attr(type, text.data(), text.size(), text.size() + 1);  // NUL-terminated
}

std::size_t MessageWriter::begin_nest(std::uint16_t type) {
  const std::size_t token = len_;
  put_attr(type, nullptr, 0, 0);  // nla_len patched by end_nest
  return token;
}

void MessageWriter::end_nest(std::size_t token) {
  const auto len = static_cast<std::uint16_t>(len_ - token);
  std::memcpy(buf_.data() + token, &len, sizeof len);
}

std::vector<std::uint8_t> MessageWriter::finish() && {
  const auto len = static_cast<std::uint32_t>(len_ - start_);
  std::memcpy(buf_.data() + start_, &len, sizeof len);
  buf_.resize(len_);
  return std::move(buf_);
}

// ---- AttrSet and readers ---------------------------------------------------

Result<AttrSet> AttrSet::parse(std::span<const std::uint8_t> bytes, std::uint16_t max_type) {
  AttrSet set;
  set.base_ = bytes.data();
  max_type = std::min(max_type, kMaxType);
  std::size_t off = 0;
  while (off < bytes.size()) {
    const std::size_t left = bytes.size() - off;
    if (left < kNlaHdrLen) {
      return decode_error("truncated attribute header (" + std::to_string(left) + " bytes left)");
    }
    const std::uint16_t len = load_u16(bytes.data() + off);
    const std::uint16_t type = load_u16(bytes.data() + off + 2) & kNlaTypeMask;
    if (len < kNlaHdrLen || len > left) {
      return decode_error("attribute type " + std::to_string(type) + " has bad length " +
                          std::to_string(len) + " (" + std::to_string(left) + " bytes left)");
    }
    if (type <= max_type) {
      set.slots_[type] = Slot{static_cast<std::uint32_t>(off + kNlaHdrLen), static_cast<std::uint32_t>(len - kNlaHdrLen)};
    }
    off += std::min(nl_align(len), left);  // the last attribute may lack its padding
  }
  return set;
}

std::optional<std::span<const std::uint8_t>> AttrSet::get(std::uint16_t type) const noexcept {
  if (type >= slots_.size() || slots_[type].offset == kAbsent) return std::nullopt;
  return std::span<const std::uint8_t>(base_ + slots_[type].offset, slots_[type].len);
}

Error int_attr_error(const char* name, bool present, std::size_t expected, std::size_t got) {
  if (!present) return decode_error(std::string("missing ") + name);
  return decode_error(std::string(name) + ": expected " + std::to_string(expected) + " bytes, got " +
                      std::to_string(got));
}

Result<std::span<const std::uint8_t>> read_required(const AttrSet& set, std::uint16_t type,
                                                    const char* name) {
  auto data = set.get(type);
  if (!data) return decode_error(std::string("missing ") + name);
  return *data;
}

Result<std::uint16_t> read_be16(const AttrSet& set, std::uint16_t type, const char* name) {
  auto v = read_int<std::uint16_t>(set, type, name);
  if (!v) return v.error();
  return ntohs(*v);
}

Result<std::uint32_t> read_be32(const AttrSet& set, std::uint16_t type, const char* name) {
  auto v = read_int<std::uint32_t>(set, type, name);
  if (!v) return v.error();
  return ntohl(*v);
}

Result<std::string> read_string(const AttrSet& set, std::uint16_t type, const char* name) {
  auto data = read_required(set, type, name);
  if (!data) return data.error();
  std::string text(data->begin(), data->end());
  if (auto nul = text.find('\0'); nul != std::string::npos) text.resize(nul);
  return text;
}

Result<AttrSet> read_nest(const AttrSet& set, std::uint16_t type, std::uint16_t max_type,
                          const char* name) {
  auto data = read_required(set, type, name);
  if (!data) return data.error();
  auto nested = AttrSet::parse(*data, max_type);
  if (!nested) return decode_error(std::string(name) + ": " + nested.error().detail);
  return nested;
}

// ---- datagrams -------------------------------------------------------------

void set_type_and_seq(std::span<std::uint8_t> message, std::uint16_t type, std::uint32_t seq) noexcept {
  assert(message.size() >= kNlmsgHdrLen);
  std::memcpy(message.data() + 4, &type, sizeof type);
  std::memcpy(message.data() + 8, &seq, sizeof seq);
}

void clear_ack_flag(std::span<std::uint8_t> message) noexcept {
  assert(message.size() >= kNlmsgHdrLen);
  std::uint16_t flags = load_u16(message.data() + 6);
  flags = static_cast<std::uint16_t>(flags & ~kNlmFAck);
  std::memcpy(message.data() + 6, &flags, sizeof flags);
}

bool MessageReader::next(Message& m) {
  if (rest_.empty() || failed_) return false;
  const std::uint8_t* p = rest_.data();
  const std::size_t left = rest_.size();
  const std::uint32_t len = left < kNlmsgHdrLen ? 0 : load_u32(p);
  if (len < kNlmsgHdrLen || len > left) {
    failed_ = true;
    fault_len_ = len;
    return false;
  }
  m.type = load_u16(p + 4);
  m.flags = load_u16(p + 6);
  m.seq = load_u32(p + 8);
  m.pid = load_u32(p + 12);
  m.payload = rest_.subspan(kNlmsgHdrLen, len - kNlmsgHdrLen);
  m.error = 0;
  m.extack = {};
  if (m.is_error()) {
    // struct nlmsgerr { int error; struct nlmsghdr msg; } then, unless
    // NLM_F_CAPPED, the rest of the request; then TLVs if NLM_F_ACK_TLVS.
    if (m.payload.size() < 4 + kNlmsgHdrLen) {
      failed_ = true;
      fault_error_ = true;
      return false;
    }
    m.error = errno_of(static_cast<std::int32_t>(load_u32(m.payload.data())));
    if (m.flags & kNlmFAckTlvs) {
      std::size_t tlv_off = 4 + kNlmsgHdrLen;
      if (!(m.flags & kNlmFCapped)) tlv_off = 4 + nl_align(load_u32(m.payload.data() + 4));
      if (tlv_off <= m.payload.size()) m.extack = extack_text(m.payload.subspan(tlv_off));
    }
  } else if (m.is_done() && m.payload.size() >= 4) {
    m.error = errno_of(static_cast<std::int32_t>(load_u32(m.payload.data())));
    if (m.flags & kNlmFAckTlvs) m.extack = extack_text(m.payload.subspan(4));
  }
  rest_ = rest_.subspan(std::min<std::size_t>(nl_align(len), left));
  return true;
}

Error MessageReader::error() const {
  const std::size_t left = rest_.size();
  if (fault_error_) return decode_error("truncated NLMSG_ERROR");
  if (left < kNlmsgHdrLen) return decode_error("truncated netlink header (" + std::to_string(left) + " bytes left)");
  return decode_error("netlink message has bad length " + std::to_string(fault_len_) + " (" +
                      std::to_string(left) + " bytes left)");
}

Result<std::vector<Message>> parse_datagram(std::span<const std::uint8_t> datagram) {
  std::vector<Message> out;
  MessageReader reader(datagram);
  for (Message m; reader.next(m);) out.push_back(m);
  if (reader.failed()) return reader.error();
  return out;
}

Result<GenlView> parse_genl(std::span<const std::uint8_t> payload) {
  if (payload.size() < kGenlHdrLen) return decode_error("truncated genl header");
  return GenlView{payload[0], payload[1], payload.subspan(kGenlHdrLen)};
}

}  // namespace ipvs::nl
