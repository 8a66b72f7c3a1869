/*
 * delay-bridge: forwards every Ethernet frame between two interfaces after a fixed delay.
 *
 * This kernel has no netem, so the transfer benchmark adds its round-trip time here instead: the bridge
 * runs in a namespace between the client's and the server's, with one veth end on each side, and
 * forwards each frame DELAY_US microseconds after it arrived (each way, so the round trip gains 2x).
 *
 * AF_PACKET raw sockets with PACKET_VNET_HDR, as QEMU's tap backend uses them: a frame keeps its
 * segmentation-offload and partial-checksum state (the virtio-net header) across the bridge, so TCP's
 * 64 KiB GSO frames go through whole and no checksum needs recomputing. One thread: ppoll() on both
 * sockets with a timeout of the earliest due frame, a FIFO per direction (the delay is fixed, so arrival
 * order is due order). A queue beyond MAX_QUEUED frames drops, like a real link's buffer.
 *
 * usage: delay-bridge IFACE_A IFACE_B DELAY_US
 * build: gcc -O2 -o delay-bridge delay-bridge.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <linux/virtio_net.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

#define MAX_FRAME (65536 + 64 + sizeof(struct virtio_net_hdr))
#define MAX_QUEUED 65536

struct frame {
    struct frame *next;
    uint64_t due_ns;
    size_t len;
    unsigned char data[];
};

struct queue {
    struct frame *head, *tail;
    size_t count;
    uint64_t forwarded, dropped, send_errors;
};

static volatile sig_atomic_t stop;
static void on_signal(int s) { (void) s; stop = 1; }

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

static int open_port(const char *ifname) {
    int ifindex = (int) if_nametoindex(ifname);
    if (ifindex == 0) { perror(ifname); exit(1); }
    int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (fd < 0) { perror("socket(AF_PACKET)"); exit(1); }
    int one = 1;
    if (setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof one) < 0) { perror("PACKET_VNET_HDR"); exit(1); }
    setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one); /* best effort; also filtered below */
    int buf = 64 << 20;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof buf) < 0) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof buf) < 0) setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
    struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL), .sll_ifindex = ifindex };
    if (bind(fd, (struct sockaddr *) &sll, sizeof sll) < 0) { perror("bind"); exit(1); }
    struct packet_mreq mr = { .mr_ifindex = ifindex, .mr_type = PACKET_MR_PROMISC };
    if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0) { perror("PACKET_MR_PROMISC"); exit(1); }
    return fd;
}

/* reads every frame waiting on fd into q, stamped due at arrival + delay */
static void drain(int fd, struct queue *q, uint64_t delay_ns, unsigned char *buf) {
    for (;;) {
        struct sockaddr_ll from;
        socklen_t fromlen = sizeof from;
        ssize_t n = recvfrom(fd, buf, MAX_FRAME, MSG_DONTWAIT, (struct sockaddr *) &from, &fromlen);
        if (n < 0) {
            if (errno == EINTR) continue;
            return; /* EAGAIN: drained */
        }
        if (from.sll_pkttype == PACKET_OUTGOING) continue; /* our own sends on this port */
        if (q->count >= MAX_QUEUED) { q->dropped++; continue; }
        struct frame *f = malloc(sizeof *f + (size_t) n);
        if (!f) { q->dropped++; continue; }
        f->next = NULL;
        f->due_ns = now_ns() + delay_ns;
        f->len = (size_t) n;
        memcpy(f->data, buf, (size_t) n);
        if (q->tail) q->tail->next = f; else q->head = f;
        q->tail = f;
        q->count++;
    }
}

/* sends every frame of q that is due by now out of fd */
static void flush(int fd, struct queue *q, uint64_t now) {
    while (q->head && q->head->due_ns <= now) {
        struct frame *f = q->head;
        q->head = f->next;
        if (!q->head) q->tail = NULL;
        q->count--;
        if (send(fd, f->data, f->len, 0) < 0) q->send_errors++; else q->forwarded++;
        free(f);
    }
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s IFACE_A IFACE_B DELAY_US\n", argv[0]); return 2; }
    uint64_t delay_ns = (uint64_t) strtoull(argv[3], NULL, 10) * 1000ull;
    int fd[2] = { open_port(argv[1]), open_port(argv[2]) };
    struct queue q[2] = { { 0 }, { 0 } }; /* q[i]: frames that arrived on port i, leaving by port 1-i */
    unsigned char *buf = malloc(MAX_FRAME);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    fprintf(stderr, "delay-bridge: %s <-> %s, %llu us each way\n", argv[1], argv[2], (unsigned long long) (delay_ns / 1000));

    while (!stop) {
        uint64_t now = now_ns();
        flush(fd[1], &q[0], now);
        flush(fd[0], &q[1], now);
        uint64_t next = UINT64_MAX;
        for (int i = 0; i < 2; i++) if (q[i].head && q[i].head->due_ns < next) next = q[i].head->due_ns;
        struct timespec ts, *tsp = NULL;
        if (next != UINT64_MAX) {
            now = now_ns();
            uint64_t wait = next > now ? next - now : 0;
            ts.tv_sec = (time_t) (wait / 1000000000ull);
            ts.tv_nsec = (long) (wait % 1000000000ull);
            tsp = &ts;
        }
        struct pollfd pfd[2] = { { .fd = fd[0], .events = POLLIN }, { .fd = fd[1], .events = POLLIN } };
        int r = ppoll(pfd, 2, tsp, NULL);
        if (r < 0 && errno != EINTR) { perror("ppoll"); break; }
        for (int i = 0; i < 2; i++) if (r > 0 && (pfd[i].revents & POLLIN)) drain(fd[i], &q[i], delay_ns, buf);
    }
    for (int i = 0; i < 2; i++)
        fprintf(stderr, "delay-bridge: from %s: %llu forwarded, %llu dropped (queue full), %llu send errors\n", argv[1 + i],
                (unsigned long long) q[i].forwarded, (unsigned long long) q[i].dropped, (unsigned long long) q[i].send_errors);
    return 0;
}
