package io.skynetj.lua;

import io.skynetj.kernel.Address;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Service;
import io.skynetj.lua.lib.LuaFn;
import java.util.Locale;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * skynet.core's text commands, for code written against skynet's C API: {@code command(cmd [, param])}
 * answers as skynet_server.c's commands do (a string or nothing), {@code intcommand} passes an integer
 * parameter and reads the answer as a number, {@code addresscommand} reads a ":hex" answer as an
 * address; {@code harbor(addr)} as skynet's ({@code trace} is in {@link Tracing}). skynetj's
 * own skynet.lua uses the direct functions instead.
 */
final class CoreCommands {
    private final LuaServiceBody body;
    private final Service service;
    private final Node node;

    private CoreCommands(LuaServiceBody body) {
        this.body = body;
        this.service = body.service;
        this.node = body.service.node;
    }

    static void define(LuaServiceBody body, LuaTable table) {
        CoreCommands c = new CoreCommands(body);
        table.set("command", LuaFn.of("command", a -> {
            String r = c.run(a.checkjstring(1), a.narg() >= 2 ? a.checkjstring(2) : null);
            return r == null ? LuaValue.NONE : LuaValue.valueOf(r);
        }));
        table.set("intcommand", LuaFn.of("intcommand", a -> {
            String param = null;
            if (a.narg() >= 2) param = a.isnumber(2) ? Integer.toString((int) a.checklong(2)) : a.checkjstring(2);
            String r = c.run(a.checkjstring(1), param);
            return r == null ? LuaValue.NONE : number(r);
        }));
        table.set("addresscommand", LuaFn.of("addresscommand", a -> {
            String r = c.run(a.checkjstring(1), a.narg() >= 2 ? a.checkjstring(2) : null);
            if (r == null || !r.startsWith(":") || r.length() == 1) return LuaValue.NONE;
            long addr = 0;
            for (int i = 1; i < r.length(); i++) {
                int d = Character.digit(r.charAt(i), 16);
                if (d < 0) return LuaValue.NONE;
                addr = (addr * 16 + d) & 0xffffffffL;
            }
            return LuaValue.valueOf(addr);
        }));
        // harbor(addr) -> harbor id, remote: a skynetj node is harbor 0, so any other harbor is remote
        table.set("harbor", LuaFn.of("harbor", a -> {
            int harbor = (int) (a.checklong(1) & 0xffffffffL) >>> 24;
            return LuaValue.varargsOf(LuaValue.valueOf(harbor), LuaValue.valueOf(harbor != 0));
        }));
    }

    /** An answer read as strtoll (base 0) would, else as a float; anything else is an error. */
    private static LuaValue number(String r) {
        String s = r.trim();
        try {
            boolean negative = s.startsWith("-");
            String digits = negative || s.startsWith("+") ? s.substring(1) : s;
            long v;
            if (digits.startsWith("0x") || digits.startsWith("0X")) v = Long.parseLong(digits.substring(2), 16);
            else if (digits.length() > 1 && digits.startsWith("0")) v = Long.parseLong(digits.substring(1), 8);
            else v = Long.parseLong(digits);
            return LuaValue.valueOf(negative ? -v : v);
        } catch (NumberFormatException notInteger) {
            try {
                return LuaValue.valueOf(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                throw new LuaError("Invalid result " + r);
            }
        }
    }

    /** One command; null where skynet answers NULL. */
    private String run(String cmd, String param) {
        return switch (cmd) {
            case "REG" -> reg(param);
            case "QUERY" -> {
                int h = param != null && param.startsWith(".") ? node.lookup(param) : 0;
                yield h == 0 ? null : ":" + Integer.toHexString(h);
            }
            case "NAME" -> name(param);
            case "EXIT" -> {
                body.exitWithoutClosing();
                yield null;
            }
            case "KILL" -> {
                int h = handle(param);
                if (h != 0) SkynetCore.kill(service, h);
                yield null;
            }
            case "LAUNCH" -> launch(param);
            case "GETENV" -> node.getenv(required(param));
            case "SETENV" -> setenv(required(param));
            case "STARTTIME" -> Long.toString(node.startTime());
            case "ABORT" -> {
                node.abort(0);
                yield null;
            }
            case "MONITOR" -> monitor(param);
            case "STAT" -> stat(required(param));
            case "LOGON" -> {
                int h = handle(param);
                if (h != 0) node.logOn(h);
                yield null;
            }
            case "LOGOFF" -> {
                int h = handle(param);
                if (h != 0) node.logOff(h);
                yield null;
            }
            case "SIGNAL" -> signal(required(param));
            case "TIMEOUT" -> throw new LuaError("skynet.core command TIMEOUT is not supported by skynetj: use skynet.timeout or skynet.sleep");
            default -> null;
        };
    }

    private static String required(String param) {
        if (param == null) throw new LuaError("bad argument #2 (string expected, got no value)");
        return param;
    }

    private String reg(String param) {
        if (param == null || param.isEmpty()) return ":" + Integer.toHexString(service.handle);
        if (param.startsWith(".")) return node.register(param, service.handle) ? param.substring(1) : null;
        node.log(service.handle, "error: Can't register global name " + param + " in C");
        return null;
    }

    /** "NAME .name :hex": names another service. */
    private String name(String param) {
        String[] words = required(param).trim().split("\\s+");
        if (words.length < 2 || !words[1].startsWith(":")) return null;
        int h = Address.parseColonHex(words[1]);
        if (h == 0) return null;
        if (words[0].startsWith(".")) return node.register(words[0], h) ? words[0].substring(1) : null;
        node.log(service.handle, "error: Can't set global name " + words[0] + " in C");
        return null;
    }

    /** skynet's tohandle: ":hex" or ".name" (the first word of param); 0 and a log line otherwise. */
    private int handle(String param) {
        String p = required(param).trim().split("\\s+", 2)[0];
        if (p.startsWith(":")) return Address.parseColonHex(p);
        if (p.startsWith(".")) return node.lookup(p);
        node.log(service.handle, "error: Can't convert " + param + " to handle");
        return 0;
    }

    /** "LAUNCH snlua name args": the new service's address as ":XXXXXXXX", or null. */
    private String launch(String param) {
        String[] words = required(param).trim().split("[ \t\r\n]+", 2);
        if (!words[0].equals("snlua")) {
            node.log(service.handle, "launch " + words[0] + ": only Lua services (snlua) exist in skynetj");
            return null;
        }
        try {
            int h = body.runtime.launch(words.length > 1 ? words[1] : "").handle;
            return String.format(":%08X", h);
        } catch (LuaRuntime.LaunchException e) {
            node.log(service.handle, "launch " + param + " failed: " + e.getMessage());
            return null;
        }
    }

    /** "SETENV key value": skynet's keys are write-once (skynet stops the node on a second set). */
    private String setenv(String param) {
        int space = param.indexOf(' ');
        if (space < 0) return null;
        String key = param.substring(0, space);
        if (!node.setenv(key, param.substring(space + 1))) throw new LuaError("Can't setenv exist key : " + key);
        return null;
    }

    private String monitor(String param) {
        if (param == null || param.isEmpty()) {
            int m = body.runtime.exitMonitor.get();
            return m == 0 ? null : ":" + Integer.toHexString(m);
        }
        body.runtime.exitMonitor.set(handle(param));
        return null;
    }

    private String stat(String what) {
        return switch (what) {
            case "mqlen" -> Integer.toString(service.mailboxLength());
            case "endless" -> body.runtime.endless.take(service.handle) ? "1" : "0";
            case "cpu" -> String.format(Locale.ROOT, "%f", service.cpuSeconds());
            case "time" -> String.format(Locale.ROOT, "%f", service.currentRunSeconds());
            case "message" -> Long.toString(service.messageCount());
            default -> "";
        };
    }

    /** "SIGNAL addr [sig]": sig 0 interrupts what the service runs (skynet's snlua signal). */
    private String signal(String param) {
        int h = handle(param);
        if (h == 0) return null;
        String[] words = param.trim().split("\\s+");
        int sig = 0;
        if (words.length > 1) {
            LuaValue n = number(words[1]);
            sig = n.toint();
        }
        node.signal(h, sig);
        return null;
    }
}
