/* ipvs_floor: the least a client can do to list or load an IPVS table over
 * generic netlink, as the benchmark's floor (scripts/bench, "ours / floor").
 * Not a test and not installed; shipped into the lab guest with --bin.
 *
 *   ipvs_floor list           one GET_SERVICE dump, then one GET_DEST dump per
 *                             service; decodes only the identities (service
 *                             af/protocol/addr/port/fwmark, dest addr/port) and
 *                             prints "services N dests M".
 *   ipvs_floor restore FILE   reads FILE (the -Sn text: "-A -t|-u|-f SVC [-s S]"
 *                             and "-a -t|-u|-f SVC -r ADDR[:PORT] [-g|-i|-m]
 *                             [-w N]" lines), builds every NEW_SERVICE/NEW_DEST
 *                             request first, then sends them in datagrams of up
 *                             to kWindowBytes, only each datagram's last request
 *                             asking for an ACK, and fails on the first NACK
 *                             (printing its errno and the input line).
 *
 * One raw NETLINK_GENERIC socket (no libnl), the "IPVS" family resolved once.
 * Exit status 0 on success, 1 on a kernel or socket error, 2 on bad input.
 * Written for this project from the uapi headers; no code of ipvsadm/libipvs. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/ip_vs.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

enum { kRecvBytes = 64 << 10, kWindowBytes = 60 << 10 };

static int sock_fd = -1;
static uint16_t family_id;
static uint32_t next_seq = 1;
static unsigned char rbuf[kRecvBytes] __attribute__((aligned(4)));

static void fail(const char *what) {
  fprintf(stderr, "ipvs_floor: %s: %s\n", what, strerror(errno));
  exit(1);
}

/* ------------------------------------------------------------------ building */
struct buf { unsigned char *p; size_t len, cap; };

static void *grow(struct buf *b, size_t n) {
  if (b->len + n > b->cap) {
    b->cap = (b->cap ? b->cap * 2 : 1 << 16) + n;
    b->p = realloc(b->p, b->cap);
    if (!b->p) { errno = ENOMEM; fail("realloc"); }
  }
  void *at = b->p + b->len;
  memset(at, 0, NLA_ALIGN(n));
  b->len += NLA_ALIGN(n);
  return at;
}
static size_t msg_begin(struct buf *b, uint8_t cmd, uint16_t flags) {
  size_t at = b->len;
  struct nlmsghdr *h = grow(b, NLMSG_HDRLEN);
  h->nlmsg_type = family_id;
  h->nlmsg_flags = NLM_F_REQUEST | flags;
  h->nlmsg_seq = next_seq++;
  struct genlmsghdr *g = grow(b, GENL_HDRLEN);
  g->cmd = cmd;
  g->version = IPVS_GENL_VERSION;
  return at;
}
static void msg_end(struct buf *b, size_t at) { ((struct nlmsghdr *)(b->p + at))->nlmsg_len = (uint32_t)(b->len - at); }
static void put(struct buf *b, uint16_t type, const void *data, size_t n) {
  struct nlattr *a = grow(b, NLA_HDRLEN + n);
  a->nla_type = type;
  a->nla_len = (uint16_t)(NLA_HDRLEN + n);
  memcpy((unsigned char *)a + NLA_HDRLEN, data, n);
}
static void put16(struct buf *b, uint16_t type, uint16_t v) { put(b, type, &v, 2); }
static void put32(struct buf *b, uint16_t type, uint32_t v) { put(b, type, &v, 4); }
static size_t nest_begin(struct buf *b, uint16_t type) {
  size_t at = b->len;
  struct nlattr *a = grow(b, NLA_HDRLEN);
  a->nla_type = NLA_F_NESTED | type;
  return at;
}
static void nest_end(struct buf *b, size_t at) { ((struct nlattr *)(b->p + at))->nla_len = (uint16_t)(b->len - at); }

/* A service's identity, as sent and as decoded. */
struct svc { uint16_t af, proto; unsigned char addr[16]; uint16_t port; uint32_t fwmark; };

static void put_svc_id(struct buf *b, const struct svc *s) {
  put16(b, IPVS_SVC_ATTR_AF, s->af);
  if (s->fwmark) {
    put32(b, IPVS_SVC_ATTR_FWMARK, s->fwmark);
  } else {
    put16(b, IPVS_SVC_ATTR_PROTOCOL, s->proto);
    put(b, IPVS_SVC_ATTR_ADDR, s->addr, 16);
    put16(b, IPVS_SVC_ATTR_PORT, s->port);
  }
}

/* ------------------------------------------------------------------ socket */
static void send_all(const void *p, size_t n) {
  struct sockaddr_nl k = {.nl_family = AF_NETLINK};
  if (sendto(sock_fd, p, n, 0, (struct sockaddr *)&k, sizeof k) != (ssize_t)n) fail("sendto");
}
static size_t recv_one(void) {
  ssize_t n = recv(sock_fd, rbuf, sizeof rbuf, 0);
  if (n < 0) fail("recv");
  return (size_t)n;
}
/* Attribute walk: calls of nla_next over [p, end). */
#define NLA_FOR(a, p, end)                                                                         \
  for (const struct nlattr *a = (const struct nlattr *)(p);                                        \
       (const unsigned char *)a + NLA_HDRLEN <= (const unsigned char *)(end) && a->nla_len >= NLA_HDRLEN && \
       (const unsigned char *)a + a->nla_len <= (const unsigned char *)(end);                      \
       a = (const struct nlattr *)((const unsigned char *)a + NLA_ALIGN(a->nla_len)))
#define NLA_DATA(a) ((const unsigned char *)(a) + NLA_HDRLEN)
#define NLA_TYPE(a) ((a)->nla_type & NLA_TYPE_MASK)

static void open_socket(void) {
  sock_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
  if (sock_fd < 0) fail("socket");
  int one = 1;
  (void)setsockopt(sock_fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  struct sockaddr_nl me = {.nl_family = AF_NETLINK};
  if (bind(sock_fd, (struct sockaddr *)&me, sizeof me) < 0) fail("bind");

  struct buf b = {0};
  family_id = GENL_ID_CTRL;
  size_t m = msg_begin(&b, CTRL_CMD_GETFAMILY, 0);
  ((struct genlmsghdr *)(b.p + m + NLMSG_HDRLEN))->version = 1;
  put(&b, CTRL_ATTR_FAMILY_NAME, IPVS_GENL_NAME, sizeof IPVS_GENL_NAME);
  msg_end(&b, m);
  send_all(b.p, b.len);
  free(b.p);
  size_t n = recv_one();
  const struct nlmsghdr *h = (const struct nlmsghdr *)rbuf;
  if (n < NLMSG_HDRLEN || h->nlmsg_type == NLMSG_ERROR) {
    fprintf(stderr, "ipvs_floor: no IPVS genl family\n");
    exit(1);
  }
  family_id = 0;
  NLA_FOR(a, rbuf + NLMSG_HDRLEN + GENL_HDRLEN, rbuf + h->nlmsg_len)
    if (NLA_TYPE(a) == CTRL_ATTR_FAMILY_ID) memcpy(&family_id, NLA_DATA(a), 2);
  if (!family_id) { fprintf(stderr, "ipvs_floor: no family id\n"); exit(1); }
}

/* Reads one dump to NLMSG_DONE, calling on_msg for every message's attributes. */
static void dump(const struct buf *req, void (*on_msg)(const unsigned char *, const unsigned char *)) {
  send_all(req->p, req->len);
  for (;;) {
    size_t n = recv_one();
    for (const struct nlmsghdr *h = (const struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE) return;
      if (h->nlmsg_type == NLMSG_ERROR) {
        errno = -((const struct nlmsgerr *)NLMSG_DATA(h))->error;
        fail("dump");
      }
      on_msg((const unsigned char *)h + NLMSG_HDRLEN + GENL_HDRLEN, (const unsigned char *)h + h->nlmsg_len);
    }
  }
}

/* ------------------------------------------------------------------ list */
static struct svc *svcs;
static size_t nsvc, capsvc, ndest;

static void on_service(const unsigned char *p, const unsigned char *end) {
  NLA_FOR(top, p, end) {
    if (NLA_TYPE(top) != IPVS_CMD_ATTR_SERVICE) continue;
    if (nsvc == capsvc) {
      capsvc = capsvc ? capsvc * 2 : 1024;
      svcs = realloc(svcs, capsvc * sizeof *svcs);
      if (!svcs) { errno = ENOMEM; fail("realloc"); }
    }
    struct svc *s = &svcs[nsvc++];
    memset(s, 0, sizeof *s);
    NLA_FOR(a, NLA_DATA(top), (const unsigned char *)top + top->nla_len) {
      switch (NLA_TYPE(a)) {
        case IPVS_SVC_ATTR_AF: memcpy(&s->af, NLA_DATA(a), 2); break;
        case IPVS_SVC_ATTR_PROTOCOL: memcpy(&s->proto, NLA_DATA(a), 2); break;
        case IPVS_SVC_ATTR_ADDR: memcpy(s->addr, NLA_DATA(a), 16); break;
        case IPVS_SVC_ATTR_PORT: memcpy(&s->port, NLA_DATA(a), 2); break;
        case IPVS_SVC_ATTR_FWMARK: memcpy(&s->fwmark, NLA_DATA(a), 4); break;
      }
    }
  }
}

static unsigned char dest_addr[16];
static uint16_t dest_port;
static void on_dest(const unsigned char *p, const unsigned char *end) {
  NLA_FOR(top, p, end) {
    if (NLA_TYPE(top) != IPVS_CMD_ATTR_DEST) continue;
    NLA_FOR(a, NLA_DATA(top), (const unsigned char *)top + top->nla_len) {
      if (NLA_TYPE(a) == IPVS_DEST_ATTR_ADDR) memcpy(dest_addr, NLA_DATA(a), 16);
      else if (NLA_TYPE(a) == IPVS_DEST_ATTR_PORT) memcpy(&dest_port, NLA_DATA(a), 2);
    }
    ndest++;
  }
}

static int cmd_list(void) {
  struct buf b = {0};
  size_t m = msg_begin(&b, IPVS_CMD_GET_SERVICE, NLM_F_DUMP);
  msg_end(&b, m);
  dump(&b, on_service);
  for (size_t i = 0; i < nsvc; i++) {
    b.len = 0;
    m = msg_begin(&b, IPVS_CMD_GET_DEST, NLM_F_DUMP);
    size_t n = nest_begin(&b, IPVS_CMD_ATTR_SERVICE);
    put_svc_id(&b, &svcs[i]);
    nest_end(&b, n);
    msg_end(&b, m);
    dump(&b, on_dest);
  }
  printf("services %zu dests %zu\n", nsvc, ndest);
  return 0;
}

/* ------------------------------------------------------------------ restore */
static int bad(size_t line, const char *why) {
  fprintf(stderr, "ipvs_floor: line %zu: %s\n", line, why);
  exit(2);
}

/* "a.b.c.d[:port]" or "[v6][:port]" -> af, 16-byte address, port (network order). */
static void parse_hostport(char *w, size_t line, uint16_t *af, unsigned char addr[16], uint16_t *port) {
  char *host = w, *colon;
  memset(addr, 0, 16);
  if (*w == '[') {
    host = w + 1;
    char *close = strchr(host, ']');
    if (!close) bad(line, "missing ]");
    *close = 0;
    colon = close[1] == ':' ? close + 1 : NULL;
    *af = AF_INET6;
  } else {
    colon = strchr(w, ':');
    if (colon) *colon = 0;
    *af = AF_INET;
  }
  if (inet_pton(*af, host, addr) != 1) bad(line, "bad address");
  *port = htons(colon ? (uint16_t)atoi(colon + 1) : 0);
}

struct pending { size_t off, len, line; };

static int cmd_restore(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) fail(path);
  struct buf b = {0};
  struct pending *reqs = NULL;
  size_t nreq = 0, capreq = 0, line = 0;
  char text[4096];
  while (fgets(text, sizeof text, f)) {
    line++;
    char *words[32];
    int nw = 0;
    for (char *w = strtok(text, " \t\r\n"); w && nw < 32; w = strtok(NULL, " \t\r\n")) words[nw++] = w;
    if (nw == 0 || words[0][0] == '#') continue;
    int add_svc = strcmp(words[0], "-A") == 0;
    if (!add_svc && strcmp(words[0], "-a") != 0) bad(line, "only -A and -a lines");
    struct svc s = {0};
    const char *sched = "wlc";
    uint16_t daf = 0, dport = 0;
    unsigned char daddr[16] = {0};
    uint32_t fwd = IP_VS_CONN_F_MASQ, weight = 1;
    int have_svc = 0, have_dest = 0;
    for (int i = 1; i < nw; i++) {
      const char *o = words[i];
      char *v = i + 1 < nw ? words[i + 1] : NULL;
      if (!strcmp(o, "-t") || !strcmp(o, "-u")) {
        if (!v) bad(line, "missing value");
        s.proto = o[1] == 't' ? IPPROTO_TCP : IPPROTO_UDP;
        parse_hostport(v, line, &s.af, s.addr, &s.port);
        have_svc = 1, i++;
      } else if (!strcmp(o, "-f")) {
        if (!v) bad(line, "missing value");
        s.af = AF_INET, s.fwmark = (uint32_t)strtoul(v, NULL, 0);
        have_svc = 1, i++;
      } else if (!strcmp(o, "-s")) {
        if (!v) bad(line, "missing value");
        sched = v, i++;
      } else if (!strcmp(o, "-r")) {
        if (!v) bad(line, "missing value");
        parse_hostport(v, line, &daf, daddr, &dport);
        have_dest = 1, i++;
      } else if (!strcmp(o, "-w")) {
        if (!v) bad(line, "missing value");
        weight = (uint32_t)atoi(v), i++;
      } else if (!strcmp(o, "-m")) {
        fwd = IP_VS_CONN_F_MASQ;
      } else if (!strcmp(o, "-g")) {
        fwd = IP_VS_CONN_F_DROUTE;
      } else if (!strcmp(o, "-i")) {
        fwd = IP_VS_CONN_F_TUNNEL;
      } else {
        bad(line, "unsupported option");
      }
    }
    if (!have_svc || (!add_svc && !have_dest)) bad(line, "incomplete rule");
    if (nreq == capreq) {
      capreq = capreq ? capreq * 2 : 4096;
      reqs = realloc(reqs, capreq * sizeof *reqs);
      if (!reqs) { errno = ENOMEM; fail("realloc"); }
    }
    size_t m = msg_begin(&b, add_svc ? IPVS_CMD_NEW_SERVICE : IPVS_CMD_NEW_DEST, 0);
    size_t n = nest_begin(&b, IPVS_CMD_ATTR_SERVICE);
    put_svc_id(&b, &s);
    if (add_svc) {
      struct ip_vs_flags fl = {0, ~0u};
      put(&b, IPVS_SVC_ATTR_SCHED_NAME, sched, strlen(sched) + 1);
      put(&b, IPVS_SVC_ATTR_FLAGS, &fl, sizeof fl);
      put32(&b, IPVS_SVC_ATTR_TIMEOUT, 0);
      put32(&b, IPVS_SVC_ATTR_NETMASK, s.af == AF_INET6 ? 128 : ~0u);
    }
    nest_end(&b, n);
    if (!add_svc) {
      if (!dport) dport = s.port;
      n = nest_begin(&b, IPVS_CMD_ATTR_DEST);
      put(&b, IPVS_DEST_ATTR_ADDR, daddr, 16);
      put16(&b, IPVS_DEST_ATTR_PORT, dport);
      put32(&b, IPVS_DEST_ATTR_FWD_METHOD, fwd);
      put32(&b, IPVS_DEST_ATTR_WEIGHT, weight);
      put32(&b, IPVS_DEST_ATTR_U_THRESH, 0);
      put32(&b, IPVS_DEST_ATTR_L_THRESH, 0);
      put16(&b, IPVS_DEST_ATTR_ADDR_FAMILY, daf);
      nest_end(&b, n);
    }
    msg_end(&b, m);
    reqs[nreq++] = (struct pending){m, b.len - m, line};
  }
  fclose(f);

  /* Windows: consecutive requests up to kWindowBytes; the last asks for an ACK.
   * The kernel runs a datagram's requests inside sendmsg, so after the ACK of a
   * window's last request every NACK of the window is already queued before it. */
  for (size_t first = 0; first < nreq;) {
    size_t last = first, bytes = reqs[first].len;
    while (last + 1 < nreq && bytes + reqs[last + 1].len <= kWindowBytes) bytes += reqs[++last].len;
    struct nlmsghdr *tail = (struct nlmsghdr *)(b.p + reqs[last].off);
    tail->nlmsg_flags |= NLM_F_ACK;
    send_all(b.p + reqs[first].off, bytes);
    for (int done = 0; !done;) {
      size_t n = recv_one();
      for (const struct nlmsghdr *h = (const struct nlmsghdr *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
        if (h->nlmsg_type != NLMSG_ERROR) continue;
        const struct nlmsgerr *e = NLMSG_DATA(h);
        if (e->error) {
          size_t i = first;
          while (i <= last && ((struct nlmsghdr *)(b.p + reqs[i].off))->nlmsg_seq != e->msg.nlmsg_seq) i++;
          fprintf(stderr, "ipvs_floor: line %zu: %s\n", i <= last ? reqs[i].line : 0, strerror(-e->error));
          return 1;
        }
        if (e->msg.nlmsg_seq == tail->nlmsg_seq) done = 1;
      }
    }
    first = last + 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 2 && !strcmp(argv[1], "list")) {
    open_socket();
    return cmd_list();
  }
  if (argc == 3 && !strcmp(argv[1], "restore")) {
    open_socket();
    return cmd_restore(argv[2]);
  }
  fprintf(stderr, "usage: ipvs_floor list | ipvs_floor restore FILE\n");
  return 2;
}
