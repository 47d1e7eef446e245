package io.skynetj.console;

import io.skynetj.kernel.Ptype;
import io.skynetj.observer.Observer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * inject and what goes with it. The console reads the patch file and sends it with debug RUN; the
 * target compiles and runs it and applies its writes only if it completes (see
 * {@code io.skynetj.lua.inject.Injector}). patches and rollback go to the same service.
 */
final class PatchCommands {
    private static final long MAX_PATCH_BYTES = 8L << 20;
    private static final String DRY_RUN = "--dry-run";

    private PatchCommands() {}

    static void register(CommandTable t) {
        t.add("inject [--dry-run] <address> <file> [args...]",
            "run a Lua file inside a live service; its writes to _U/_P/_G apply only if it completes"
                + " (--dry-run: run it, apply nothing, list what it would change)", true, PatchCommands::inject);
        t.add("patches <address>", "patches applied to a service: number, file, version, time, values changed", false,
            PatchCommands::patches);
        t.add("rollback <address|name> [version]", "undo the last patch applied to a service, or bring back the previous (or the named earlier) version of a managed name", true, PatchCommands::rollback);
    }

    private static void inject(CommandContext ctx) {
        boolean dryRun = ctx.argCount() >= 1 && ctx.arg(1).equals(DRY_RUN);
        int first = dryRun ? 2 : 1;
        int address = ctx.address(first);
        String file = ctx.arg(first + 1);
        byte[] source = read(file);
        if (source == null) {
            ctx.out.line("Can't open " + file); // skynet answers this with <CMD OK>
            return;
        }
        List<LuaValue> words = new ArrayList<>(List.of(LuaValue.valueOf(dryRun ? "DRYRUN" : "RUN"), LuaValue.valueOf(source),
            LuaValue.valueOf(file)));
        for (String a : ctx.argsFrom(first + 2)) words.add(LuaValue.valueOf(a));
        Varargs r;
        try {
            r = ctx.console.call(address, Ptype.DEBUG, LuaValue.varargsOf(words.toArray(LuaValue[]::new)));
        } catch (CommandFailed.NoAnswer e) {
            throw new CommandFailed(e.getMessage() + "; the patch may still be running, and applies if it completes"
                + " (see patches " + ctx.arg(first) + ")");
        }
        String output = r.arg(2).optjstring("");
        if (!r.arg1().toboolean()) throw new CommandFailed(output);
        if (!dryRun) Observer.of(ctx.console.luaNode()).operations().injected();
        ctx.out.line(output);
    }

    /** The patch source, or null when the file cannot be read (skynet's {@code io.open} failing). */
    private static byte[] read(String file) {
        try {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) return null;
            if (Files.size(path) > MAX_PATCH_BYTES) throw new CommandFailed(file + " is too large for a patch (over 8 MiB)");
            return Files.readAllBytes(path);
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }

    private static void patches(CommandContext ctx) {
        ctx.out.value(ctx.console.call(ctx.address(1), Ptype.DEBUG, LuaValue.valueOf("PATCHES")).arg1());
    }

    private static void rollback(CommandContext ctx) {
        if (UpgradeCommands.isManaged(ctx, ctx.arg(1))) {
            UpgradeCommands.rollback(ctx, ctx.arg(1), ctx.argCount() >= 2 ? ctx.arg(2) : null);
            return;
        }
        Varargs r = ctx.console.call(ctx.address(1), Ptype.DEBUG, LuaValue.valueOf("ROLLBACK"));
        if (!r.arg1().toboolean()) throw new CommandFailed(r.arg(2).tojstring());
        ctx.out.line(r.arg(2).tojstring());
    }
}
