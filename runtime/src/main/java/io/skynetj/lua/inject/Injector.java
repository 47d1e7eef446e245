package io.skynetj.lua.inject;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The target side of console {@code inject} (skynet's debug {@code RUN}): compiles a patch, runs it in
 * the calling request (so it may block) in skynet's environment — captured {@code print}, {@code _U},
 * {@code _P}, reads falling through to the service's globals, assignments kept in the patch's own
 * table, {@code ...} = the extra arguments — and, beyond skynet, applies its writes to the service's
 * tables only if it finishes without error, recording what it replaced for {@code rollback}.
 *
 * <p>Journaled: writes through {@code _U}, {@code _P} and {@code _G} (and through globals the patch
 * reads, e.g. {@code string.x = f}), at any depth. Not journaled, because they are not table writes
 * made by the patch: side effects of functions it calls (messages sent, the service's own functions
 * changing their state), {@code debug.setupvalue}, and tables obtained through {@code require}.
 */
public final class Injector {
    private Injector() {}

    /** The reply to the console: skynet's {@code (ok, output)}. */
    public record Outcome(boolean ok, String output) {}

    /**
     * Runs one patch. {@code roots} are skynet.dispatch_message and skynet.register_protocol, where
     * {@code _U} is gathered from. With {@code dryRun} the patch runs but nothing is applied; the output
     * lists what would have changed.
     */
    public static Outcome run(Globals globals, PatchHistory history, LuaValue[] roots, LuaString source,
                              String file, Varargs args, boolean dryRun) {
        Transaction tx = new Transaction();
        List<String> output = new ArrayList<>();
        LuaTable env = environment(globals, tx, output, roots);
        LuaValue chunk;
        try {
            chunk = globals.load(new ByteArrayInputStream(source.m_bytes, source.m_offset, source.m_length), "@" + file, "bt", env);
        } catch (LuaError e) {
            return new Outcome(false, message(e));
        }
        try {
            chunk.invoke(args);
        } catch (LuaError e) {
            return failed(tx, output, message(e));
        } catch (StackOverflowError e) {
            return failed(tx, output, "stack overflow");
        } catch (RuntimeException e) {
            return failed(tx, output, "patch failed: " + e);
        }
        if (dryRun) {
            List<String> changes = tx.describe();
            tx.abort();
            output.add(changes.isEmpty() ? "dry run: no changes" : "dry run: nothing applied; the patch would change:");
            output.addAll(changes);
            return new Outcome(true, String.join("\n", output));
        }
        List<Patch.Change> changes;
        try {
            changes = tx.commit();
        } catch (LuaError e) {
            return failed(tx, output, message(e));
        }
        if (!changes.isEmpty()) {
            Patch p = history.record(file, version(source), changes);
            output.add("applied patch " + p.title() + ": " + changes.stream().map(Patch.Change::path).collect(Collectors.joining(" ")));
        }
        return new Outcome(true, String.join("\n", output));
    }

    private static Outcome failed(Transaction tx, List<String> output, String error) {
        tx.abort();
        output.add(error);
        output.add("patch not applied: none of its writes were made");
        return new Outcome(false, String.join("\n", output));
    }

    private static LuaTable environment(Globals globals, Transaction tx, List<String> output, LuaValue[] roots) {
        LuaTable meta = new LuaTable();
        meta.set(LuaValue.INDEX, tx.view(globals, "_G")); // first, so the globals are named _G in reports
        UpvalueTables.Result found = UpvalueTables.of(roots);
        LuaTable u = views(tx, "_U", found.u());
        LuaTable p = new LuaTable();
        for (Map.Entry<String, Map<String, LuaValue>> e : found.p().entrySet())
            p.set(e.getKey(), views(tx, Paths.child("_P", LuaValue.valueOf(e.getKey())), e.getValue()));
        LuaTable env = new LuaTable();
        env.set("print", capturingPrint(globals, output));
        env.set("_U", u);
        env.set("_P", p);
        env.setmetatable(meta);
        return env;
    }

    private static LuaTable views(Transaction tx, String path, Map<String, LuaValue> tables) {
        LuaTable t = new LuaTable();
        for (Map.Entry<String, LuaValue> e : tables.entrySet()) {
            LuaValue name = LuaValue.valueOf(e.getKey());
            t.set(name, tx.view(e.getValue(), Paths.child(path, name)));
        }
        return t;
    }

    /** skynet's inject print: each call appends one line (values tostring'd, tab-separated) to the output. */
    private static VarArgFunction capturingPrint(Globals globals, List<String> output) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue tostring = globals.get("tostring");
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= args.narg(); i++) {
                    if (i > 1) line.append('\t');
                    line.append(tostring.call(args.arg(i)).tojstring());
                }
                output.add(line.toString());
                return NONE;
            }
        };
    }

    private static String message(LuaError e) {
        LuaValue v = e.getMessageObject();
        return v != null && !v.isnil() ? v.tojstring() : String.valueOf(e.getMessage());
    }

    /** The patch's code version: the first 12 hex digits of the SHA-256 of its source. */
    private static String version(LuaString source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source.m_bytes, source.m_offset, source.m_length);
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
