package io.skynetj.console;

import io.skynetj.kernel.Address;
import io.skynetj.upgrade.ManagedService;
import io.skynetj.upgrade.UpgradeManager;
import io.skynetj.upgrade.UpgradeOptions;
import io.skynetj.upgrade.UpgradeReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Upgrades of managed services: {@code upgrade <name> [--force] [--drain cs] [files...]} and
 * {@code rollback <name>} (rollback of an address undoes a patch instead, see {@link PatchCommands}).
 * Each prints the upgrade's steps with timings; a rolled-back upgrade ends in {@code <CMD Error>}.
 */
final class UpgradeCommands {
    private UpgradeCommands() {}

    static void register(CommandTable t) {
        t.add("upgrade <name> [--force] [--drain cs] [files...]",
            "replace a managed service with one on the new code, state handed over, no message lost", true,
            UpgradeCommands::upgrade);
    }

    private static UpgradeManager manager(CommandContext ctx) {
        UpgradeManager m = ctx.console.luaNode().part(UpgradeManager.class);
        if (m == null) throw new CommandFailed("this node has no upgrade manager");
        return m;
    }

    /** True when {@code name} is a managed service (so rollback means swapping back its code). */
    static boolean isManaged(CommandContext ctx, String name) {
        UpgradeManager m = ctx.console.luaNode().part(UpgradeManager.class);
        return m != null && m.manages(name);
    }

    private static void upgrade(CommandContext ctx) {
        String name = ctx.arg(1);
        UpgradeOptions options = UpgradeOptions.defaults();
        List<String> files = new ArrayList<>();
        List<String> rest = ctx.argsFrom(2);
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            if (word.equals("--force")) {
                options = options.withForce(true);
            } else if (word.equals("--drain")) {
                if (i + 1 >= rest.size()) throw new CommandFailed("--drain needs a number of centiseconds");
                options = options.withDrainTimeout(Duration.ofMillis(10 * centiseconds(rest.get(++i))));
            } else if (word.startsWith("--")) {
                throw new CommandFailed("unknown option " + word + " (upgrade knows --force and --drain cs); nothing was changed");
            } else {
                files.add(word);
            }
        }
        UpgradeOptions chosen = options.withFiles(files);
        print(ctx, run(() -> manager(ctx).upgrade(name, chosen)));
    }

    /** rollback <name> [version]: brings back the previous (or the named earlier) version of a managed service. */
    static void rollback(CommandContext ctx, String name, String version) {
        print(ctx, run(() -> manager(ctx).rollback(name, UpgradeOptions.defaults().withVersion(version))));
    }

    /** The list line of a managed name's stable address. */
    static String describeRoute(CommandContext ctx, int address) {
        UpgradeManager m = ctx.console.luaNode().part(UpgradeManager.class);
        if (m != null)
            for (ManagedService.Info i : m.list())
                if (i.address() == address)
                    return "managed " + i.name() + " -> " + Address.format(i.instance()) + " snlua " + i.command()
                        + " version " + i.version() + (i.previousVersion() == null ? "" : " (rollback to " + String.join(", ", i.previousVersions()) + ")");
        return "route";
    }

    private static UpgradeReport run(java.util.function.Supplier<UpgradeReport> op) {
        try {
            return op.get();
        } catch (UpgradeManager.UpgradeException e) {
            throw new CommandFailed(e.getMessage());
        }
    }

    private static void print(CommandContext ctx, UpgradeReport report) {
        for (String line : report.lines()) ctx.out.line(line);
        String summary = report.toString();
        String last = summary.substring(summary.lastIndexOf('\n') + 1);
        if (!report.ok()) throw new CommandFailed(last);
        ctx.out.line(last);
    }

    private static long centiseconds(String word) {
        return CommandContext.number(word, 0, 360_000, "--drain", "centiseconds from 0 to 360000 (an hour)");
    }
}
