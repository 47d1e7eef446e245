package io.skynetj.socket;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * skynet's binary UDP address, as {@code udp_address} and {@code sendto} see it: one protocol byte
 * (1 = IPv4, 2 = IPv6), the port (2 bytes, big-endian), then the 4 or 16 address bytes.
 */
final class UdpAddress {
    private UdpAddress() {}

    static final int IPV4 = 1;
    static final int IPV6 = 2;

    static byte[] encode(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        byte[] out = new byte[3 + ip.length];
        out[0] = (byte) (ip.length == 4 ? IPV4 : IPV6);
        out[1] = (byte) (a.getPort() >>> 8);
        out[2] = (byte) a.getPort();
        System.arraycopy(ip, 0, out, 3, ip.length);
        return out;
    }

    /** The address, or null when the bytes are not a UDP address. */
    static InetSocketAddress decode(byte[] b) {
        int expected = b.length > 0 && b[0] == IPV4 ? 7 : b.length > 0 && b[0] == IPV6 ? 19 : -1;
        if (b.length != expected) return null;
        int port = (b[1] & 0xff) << 8 | (b[2] & 0xff);
        byte[] ip = java.util.Arrays.copyOfRange(b, 3, b.length);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static int protocolOf(InetAddress a) {
        return a instanceof Inet6Address ? IPV6 : IPV4;
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
