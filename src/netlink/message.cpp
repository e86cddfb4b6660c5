#include "netlink/message.hpp"

#include <algorithm>
#include <cassert>
#include <cerrno>
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

template <typename T>
void append(std::vector<std::uint8_t>& buf, T v) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
  buf.insert(buf.end(), p, p + sizeof v);
}

void pad4(std::vector<std::uint8_t>& buf) { buf.resize(nl_align(buf.size()), 0); }

/// Text of NLMSGERR_ATTR_MSG among extended-ack TLVs (empty if absent or malformed).
std::string extack_text(std::span<const std::uint8_t> tlvs) {
  auto set = AttrSet::parse(tlvs, kNlmsgerrAttrMsg);
  if (!set) return {};
  auto text = read_string(*set, kNlmsgerrAttrMsg, "NLMSGERR_ATTR_MSG");
  return text ? std::move(*text) : std::string{};
}

/// errno from the kernel's negative error field.
int errno_of(std::int32_t raw) { return raw < 0 ? -raw : raw; }

}  // namespace

Error decode_error(std::string reason) { return Error{Op::Decode, EBADMSG, std::move(reason)}; }

// ---- MessageWriter ---------------------------------------------------------

MessageWriter::MessageWriter(std::uint16_t type, std::uint16_t flags, std::uint32_t seq,
                             std::uint8_t cmd, std::uint8_t version) {
  buf_.reserve(256);
  append<std::uint32_t>(buf_, 0);  // nlmsg_len, patched in finish()
  append<std::uint16_t>(buf_, type);
  append<std::uint16_t>(buf_, flags);
  append<std::uint32_t>(buf_, seq);
  append<std::uint32_t>(buf_, 0);  // nlmsg_pid: 0, the kernel knows who we are
  buf_.push_back(cmd);
  buf_.push_back(version);
  append<std::uint16_t>(buf_, 0);  // genlmsghdr.reserved
}

void MessageWriter::put_header(std::uint16_t type, std::size_t payload_len) {
  append<std::uint16_t>(buf_, static_cast<std::uint16_t>(kNlaHdrLen + payload_len));
  append<std::uint16_t>(buf_, type);
}

void MessageWriter::put_u8(std::uint16_t type, std::uint8_t v) {
  put_header(type, 1);
  buf_.push_back(v);
  pad4(buf_);
}

void MessageWriter::put_u16(std::uint16_t type, std::uint16_t v) {
  put_header(type, 2);
  append(buf_, v);
  pad4(buf_);
}

void MessageWriter::put_u32(std::uint16_t type, std::uint32_t v) {
  put_header(type, 4);
  append(buf_, v);
}

void MessageWriter::put_u64(std::uint16_t type, std::uint64_t v) {
  put_header(type, 8);
  append(buf_, v);
}

void MessageWriter::put_be16(std::uint16_t type, std::uint16_t host_value) {
  put_header(type, 2);
  buf_.push_back(static_cast<std::uint8_t>(host_value >> 8));
  buf_.push_back(static_cast<std::uint8_t>(host_value));
  pad4(buf_);
}

void MessageWriter::put_be32(std::uint16_t type, std::uint32_t host_value) {
  put_header(type, 4);
  for (int shift = 24; shift >= 0; shift -= 8) {
    buf_.push_back(static_cast<std::uint8_t>(host_value >> shift));
  }
}

void MessageWriter::put_bytes(std::uint16_t type, std::span<const std::uint8_t> bytes) {
  put_header(type, bytes.size());
  buf_.insert(buf_.end(), bytes.begin(), bytes.end());
  pad4(buf_);
}

void MessageWriter::put_string(std::uint16_t type, std::string_view text) {
  put_header(type, text.size() + 1);
  buf_.insert(buf_.end(), text.begin(), text.end());
  buf_.push_back(0);
  pad4(buf_);
}

std::size_t MessageWriter::begin_nest(std::uint16_t type) {
  const std::size_t token = buf_.size();
  put_header(type, 0);
  return token;
}

void MessageWriter::end_nest(std::size_t token) {
  const auto len = static_cast<std::uint16_t>(buf_.size() - token);
  std::memcpy(buf_.data() + token, &len, sizeof len);
}

std::vector<std::uint8_t> MessageWriter::finish() && {
  const auto len = static_cast<std::uint32_t>(buf_.size());
  std::memcpy(buf_.data(), &len, sizeof len);
  return std::move(buf_);
}

// ---- AttrSet and readers ---------------------------------------------------

Result<AttrSet> AttrSet::parse(std::span<const std::uint8_t> bytes, std::uint16_t max_type) {
  AttrSet set;
  set.slots_.resize(std::size_t{max_type} + 1);
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
    if (type <= max_type) set.slots_[type] = bytes.subspan(off + kNlaHdrLen, len - kNlaHdrLen);
    off += std::min(nl_align(len), left);  // the last attribute may lack its padding
  }
  return set;
}

std::optional<std::span<const std::uint8_t>> AttrSet::get(std::uint16_t type) const noexcept {
  if (type >= slots_.size()) return std::nullopt;
  return slots_[type];
}

Result<std::span<const std::uint8_t>> read_required(const AttrSet& set, std::uint16_t type,
                                                    const char* name) {
  auto data = set.get(type);
  if (!data) return decode_error(std::string("missing ") + name);
  return *data;
}

Result<std::uint16_t> read_be16(const AttrSet& set, std::uint16_t type, const char* name) {
  auto data = read_required(set, type, name);
  if (!data) return data.error();
  if (data->size() != 2) {
    return decode_error(std::string(name) + ": expected 2 bytes, got " + std::to_string(data->size()));
  }
  return static_cast<std::uint16_t>(((*data)[0] << 8) | (*data)[1]);
}

Result<std::uint32_t> read_be32(const AttrSet& set, std::uint16_t type, const char* name) {
  auto data = read_required(set, type, name);
  if (!data) return data.error();
  if (data->size() != 4) {
    return decode_error(std::string(name) + ": expected 4 bytes, got " + std::to_string(data->size()));
  }
  const auto& b = *data;
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
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

Result<std::vector<Message>> parse_datagram(std::span<const std::uint8_t> datagram) {
  std::vector<Message> out;
  std::size_t off = 0;
  while (off < datagram.size()) {
    const std::size_t left = datagram.size() - off;
    const std::uint8_t* p = datagram.data() + off;
    if (left < kNlmsgHdrLen) {
      return decode_error("truncated netlink header (" + std::to_string(left) + " bytes left)");
    }
    const std::uint32_t len = load_u32(p);
    if (len < kNlmsgHdrLen || len > left) {
      return decode_error("netlink message has bad length " + std::to_string(len) + " (" +
                          std::to_string(left) + " bytes left)");
    }
    Message m;
    m.type = load_u16(p + 4);
    m.flags = load_u16(p + 6);
    m.seq = load_u32(p + 8);
    m.pid = load_u32(p + 12);
    m.payload = datagram.subspan(off + kNlmsgHdrLen, len - kNlmsgHdrLen);

    if (m.is_error()) {
      // struct nlmsgerr { int error; struct nlmsghdr msg; } then, unless
      // NLM_F_CAPPED, the rest of the request; then TLVs if NLM_F_ACK_TLVS.
      if (m.payload.size() < 4 + kNlmsgHdrLen) return decode_error("truncated NLMSG_ERROR");
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
    out.push_back(std::move(m));
    off += std::min<std::size_t>(nl_align(len), left);
  }
  return out;
}

Result<GenlView> parse_genl(std::span<const std::uint8_t> payload) {
  if (payload.size() < kGenlHdrLen) return decode_error("truncated genl header");
  return GenlView{payload[0], payload[1], payload.subspan(kGenlHdrLen)};
}

}  // namespace ipvs::nl
