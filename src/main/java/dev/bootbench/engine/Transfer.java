package dev.bootbench.engine;

import dev.bootbench.engine.net.MacAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one TFTP or HTTP transfer is: carried by every {@link TransferEvent} of that transfer.
 *
 * @param id         unique in this process, shared by the started, progress and finished events
 * @param client     the client's address and port
 * @param mac        the client's MAC when known (DHCP leases, or HTTP's {@code ?mac=}), else null
 * @param file       the name under the root ({@code /}-separated), or the name as asked when it was refused
 * @param size       the file's size in bytes, -1 when unknown (not found, refused, netascii)
 * @param offset     first byte sent (HTTP range), 0 otherwise
 * @param length     bytes to send (HTTP range or HEAD: 0), -1 when unknown
 * @param blockSize  TFTP block size (512 unless negotiated), 0 for HTTP
 * @param windowSize TFTP window size in blocks (1 unless negotiated), 0 for HTTP
 * @param detail     human-readable parameters: {@code octet blksize=1468 windowsize=8 tsize} or {@code GET bytes 0-99/1000}
 */
public record Transfer(long id, Protocol protocol, InetSocketAddress client, MacAddress mac, String file,
                       long size, long offset, long length, int blockSize, int windowSize, String detail) {
    public enum Protocol { TFTP, HTTP }

    private static final AtomicLong IDS = new AtomicLong();

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    public Transfer withMac(MacAddress m) {
        return new Transfer(id, protocol, client, m, file, size, offset, length, blockSize, windowSize, detail);
    }
}
