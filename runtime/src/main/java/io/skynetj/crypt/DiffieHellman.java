package io.skynetj.crypt;

/**
 * skynet's 64-bit Diffie-Hellman: powers modulo the largest 64-bit prime, generator 5. The
 * arithmetic is unsigned and follows skynet's steps exactly (a base equal to the prime is left
 * unreduced there, and so here), so every input gives skynet's bytes.
 */
final class DiffieHellman {
    private static final long P = 0xffffffffffffffc5L;
    private static final long G = 5;

    private DiffieHellman() {}

    static long exchange(long secret) {
        return powmod(G, secret);
    }

    static long secret(long peer, long secret) {
        return powmod(peer, secret);
    }

    private static long powmod(long a, long b) {
        if (Long.compareUnsigned(a, P) > 0) a = Long.remainderUnsigned(a, P);
        return pow(a, b);
    }

    private static long pow(long a, long b) {
        if (b == 1) return a;
        long t = pow(a, b >>> 1);
        t = mul(t, t);
        if ((b & 1) != 0) t = mul(t, a);
        return t;
    }

    /** a * b mod P by doubling and adding, never overflowing 64 bits. */
    private static long mul(long a, long b) {
        long m = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                long t = P - a;
                m = Long.compareUnsigned(m, t) >= 0 ? m - t : m + a;
            }
            a = Long.compareUnsigned(a, P - a) >= 0 ? a * 2 - P : a * 2;
            b >>>= 1;
        }
        return m;
    }
}
