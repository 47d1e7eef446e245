package io.skynetj.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.luaj.vm2.LuaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's commands by name, and how one command line becomes skynet's reply: the command's
 * output, then {@code <CMD OK>}, or the error then {@code <CMD Error>}. Commands that change the node
 * are written to the audit log with their outcome.
 */
final class CommandTable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandTable.class);
    static final String OK = "<CMD OK>";
    static final String ERROR = "<CMD Error>";

    private record Spec(String usage, String help, boolean audited, Command command) {}

    private final Map<String, Spec> commands = new TreeMap<>();

    /** Every command of the console. */
    static CommandTable standard() {
        CommandTable t = new CommandTable();
        t.add("help", "this list", false, t::help);
        NodeCommands.register(t);
        ServiceCommands.register(t);
        PatchCommands.register(t);
        UpgradeCommands.register(t);
        return t;
    }

    /** Adds a command; its name is the first word of {@code usage}. {@code audited}: it can change the node. */
    void add(String usage, String help, boolean audited, Command command) {
        commands.put(usage.split(" ")[0], new Spec(usage, help, audited, command));
    }

    /** True when {@code line} is a command that can change the node (audited; over HTTP only by POST). */
    boolean changesState(String line) {
        Spec spec = commands.get(line.strip().split("\\s+")[0]);
        return spec != null && spec.audited;
    }

    private void help(CommandContext ctx) {
        commands.forEach((name, spec) -> ctx.out.line(name, spec.help + " (" + spec.usage + ")"));
    }

    /** Runs one command line; returns every line of the reply, the terminator included. */
    List<String> execute(ConsoleService console, String line, String peer, AuditLog audit) {
        String name = line.strip().split("\\s+")[0];
        Spec spec = commands.get(name);
        if (spec == null) return List.of("Invalid command, type help for command list", "", ERROR);
        CommandContext ctx = new CommandContext(console, line, spec.usage);
        String error = null;
        try {
            spec.command.run(ctx);
        } catch (CommandFailed e) {
            error = e.getMessage();
        } catch (LuaError e) {
            error = e.getMessageObject().tojstring();
        } catch (RuntimeException e) {
            LOG.warn("console command failed: {}", line, e);
            error = "internal error: " + e;
        }
        if (spec.audited) audit.record(peer, line.strip(), error == null ? "OK" : "Error: " + error);
        List<String> reply = new ArrayList<>(ctx.out.lines());
        if (error == null) {
            reply.add(OK);
        } else {
            reply.add(error);
            reply.add(ERROR);
        }
        return reply;
    }
}
