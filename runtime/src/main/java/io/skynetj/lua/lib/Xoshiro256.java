package io.skynetj.lua.lib;

/**
 * The xoshiro256** generator Lua 5.4's math.random uses (Blackman and Vigna's public-domain algorithm),
 * seeded as Lua seeds it, so that a script seeded with math.randomseed(n) draws Lua's numbers.
 */
final class Xoshiro256 {
    private long s0, s1, s2, s3;

    static Xoshiro256 seededFromClock() {
        Xoshiro256 g = new Xoshiro256();
        g.seed(System.nanoTime(), System.identityHashCode(g));
        return g;
    }

    /** The state Lua's randomseed(n1, n2) makes, with its first 16 outputs thrown away. */
    void seed(long n1, long n2) {
        s0 = n1;
        s1 = 0xff;
        s2 = n2;
        s3 = 0;
        for (int i = 0; i < 16; i++) next();
    }

    long next() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /**
     * A number in [0, n] (n unsigned) from {@code bits}: masked to the smallest power of two above n,
     * drawing again while it is still above n, as Lua does.
     */
    long below(long bits, long n) {
        if ((n & (n + 1)) == 0) return bits & n; // n + 1 is a power of two
        long mask = n;
        for (int shift = 1; shift < 64; shift <<= 1) mask |= mask >>> shift;
        long r = bits & mask;
        while (Long.compareUnsigned(r, n) > 0) r = next() & mask;
        return r;
    }
}
