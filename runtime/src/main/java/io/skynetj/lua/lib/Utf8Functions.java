package io.skynetj.lua.lib;

import java.io.ByteArrayOutputStream;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.4's {@code utf8} library. Strict by default (no surrogates, nothing above U+10FFFF); with the
 * {@code lax} flag, sequences of up to six bytes for values up to 2^31 - 1 are accepted.
 */
final class Utf8Functions {
    private Utf8Functions() {}

    private static final long MAX_UNICODE = 0x10FFFF, MAX_UTF = 0x7FFFFFFF;
    private static final String INVALID = "invalid UTF-8 code";
    /** The smallest value a sequence of 1 + n bytes may encode (shorter forms are overlong). */
    private static final long[] SMALLEST = {0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};

    static void install(LuaTable utf8) {
        utf8.set("char", fn("char", Utf8Functions::chars));
        utf8.set("charpattern", LuaString.valueOf(new byte[] {'[', 0, '-', 0x7F, (byte) 0xC2, '-', (byte) 0xFD, ']',
            '[', (byte) 0x80, '-', (byte) 0xBF, ']', '*'}));
        utf8.set("codepoint", fn("codepoint", Utf8Functions::codepoint));
        utf8.set("len", fn("len", Utf8Functions::len));
        utf8.set("offset", fn("offset", Utf8Functions::offset));
        utf8.set("codes", fn("codes", Utf8Functions::codes));
    }

    private static LuaValue fn(String name, LuaFn.Body body) {
        return LuaFn.of(name, body);
    }

    /** One character starting at byte {@code at}: its value and where the next one starts; null if malformed. */
    private record Decoded(long code, int next) {}

    private static int byteAt(LuaString s, int i) {
        return i < s.length() ? s.luaByte(i) : 0; // as C's terminating zero
    }

    private static boolean continuation(int b) {
        return (b & 0xC0) == 0x80;
    }

    private static Decoded decode(LuaString s, int at, boolean strict) {
        int first = byteAt(s, at);
        long code;
        int extra = 0;
        if (first < 0x80) {
            code = first;
        } else {
            code = 0;
            for (int lead = first; (lead & 0x40) != 0; lead <<= 1) {
                int b = byteAt(s, at + ++extra);
                if (!continuation(b)) return null;
                code = (code << 6) | (b & 0x3F);
            }
            if (extra > 5) return null;
            code |= (long) (first & (0x7F >> extra)) << (extra * 6);
            if (code > MAX_UTF || code < SMALLEST[extra] || extra == 0) return null;
        }
        if (strict && (code > MAX_UNICODE || (code >= 0xD800 && code <= 0xDFFF))) return null;
        return new Decoded(code, at + extra + 1);
    }

    /** A position counted from the end when negative, as utf8's functions take them. */
    private static long relative(long pos, int len) {
        if (pos >= 0) return pos;
        return -pos > len ? 0 : len + pos + 1;
    }

    private static Varargs chars(Varargs args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1, n = args.narg(); i <= n; i++) {
            long code = Args.integer(args, i, "char");
            Args.check(code >= 0 && code <= MAX_UTF, i, "char", "value out of range");
            encode(out, code);
        }
        return LuaString.valueUsing(out.toByteArray());
    }

    /** The (extended, up to six bytes) UTF-8 form of {@code code}. */
    private static void encode(ByteArrayOutputStream out, long code) {
        if (code < 0x80) {
            out.write((int) code);
            return;
        }
        byte[] tail = new byte[6];
        int n = 0;
        long room = 0x3F; // the bits the lead byte can still hold
        do {
            tail[n++] = (byte) (0x80 | (code & 0x3F));
            code >>= 6;
            room >>= 1;
        } while (code > room);
        out.write((int) ((~room << 1) | code) & 0xFF);
        for (int i = n - 1; i >= 0; i--) out.write(tail[i]);
    }

    private static Varargs codepoint(Varargs args) {
        LuaString s = Args.string(args, 1, "codepoint");
        int len = s.length();
        long from = relative(Args.optInteger(args, 2, "codepoint", 1), len);
        long to = relative(Args.optInteger(args, 3, "codepoint", from), len);
        boolean strict = !args.arg(4).toboolean();
        Args.check(from >= 1, 2, "codepoint", "out of bounds");
        Args.check(to <= len, 3, "codepoint", "out of bounds");
        if (from > to) return LuaValue.NONE;
        if (to - from >= Integer.MAX_VALUE) throw new LuaError("string slice too long");
        java.util.List<LuaValue> codes = new java.util.ArrayList<>();
        for (int at = (int) from - 1; at < to; ) {
            Decoded d = decode(s, at, strict);
            if (d == null) throw new LuaError(INVALID);
            codes.add(LuaValue.valueOf(d.code));
            at = d.next;
        }
        return LuaValue.varargsOf(codes.toArray(LuaValue[]::new));
    }

    private static Varargs len(Varargs args) {
        LuaString s = Args.string(args, 1, "len");
        int len = s.length();
        long from = relative(Args.optInteger(args, 2, "len", 1), len);
        long to = relative(Args.optInteger(args, 3, "len", -1), len);
        boolean strict = !args.arg(4).toboolean();
        Args.check(from >= 1 && from - 1 <= len, 2, "len", "initial position out of bounds");
        Args.check(to - 1 < len, 3, "len", "final position out of bounds");
        long count = 0;
        for (long at = from - 1; at <= to - 1; count++) {
            Decoded d = decode(s, (int) at, strict);
            if (d == null) return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(at + 1));
            at = d.next;
        }
        return LuaValue.valueOf(count);
    }

    private static Varargs offset(Varargs args) {
        LuaString s = Args.string(args, 1, "offset");
        int len = s.length();
        long n = Args.integer(args, 2, "offset");
        long at = relative(Args.optInteger(args, 3, "offset", n >= 0 ? 1 : len + 1), len);
        Args.check(at >= 1 && at - 1 <= len, 3, "offset", "position out of bounds");
        int p = (int) at - 1;
        if (n == 0) {
            while (p > 0 && continuation(byteAt(s, p))) p--;
            return LuaValue.valueOf(p + 1);
        }
        if (continuation(byteAt(s, p))) throw new LuaError("initial position is a continuation byte");
        if (n < 0) {
            for (; n < 0 && p > 0; n++) {
                do p--; while (p > 0 && continuation(byteAt(s, p)));
            }
        } else {
            for (n--; n > 0 && p < len; n--) {
                do p++; while (continuation(byteAt(s, p)));
            }
        }
        return n == 0 ? LuaValue.valueOf(p + 1) : LuaValue.NIL;
    }

    private static final LuaValue STRICT_STEP = LuaFn.of("for iterator", a -> step(a, true));
    private static final LuaValue LAX_STEP = LuaFn.of("for iterator", a -> step(a, false));

    private static Varargs codes(Varargs args) {
        LuaString s = Args.string(args, 1, "codes");
        return LuaValue.varargsOf(args.arg(2).toboolean() ? LAX_STEP : STRICT_STEP, s, LuaValue.valueOf(0));
    }

    /** The iterator of utf8.codes (Lua 5.4.4's): past the continuation bytes at the control value, the next character. */
    private static Varargs step(Varargs args, boolean strict) {
        LuaString s = Args.string(args, 1, "for iterator");
        int len = s.length();
        long at = args.arg(2).tolong();
        if (at < 0) return LuaValue.NONE; // as C's unsigned compare
        while (at < len && continuation(byteAt(s, (int) at))) at++;
        if (at >= len) return LuaValue.NONE;
        Decoded d = decode(s, (int) at, strict);
        if (d == null) throw new LuaError(INVALID);
        return LuaValue.varargsOf(LuaValue.valueOf(at + 1), LuaValue.valueOf(d.code));
    }
}
