package io.skynetj.console;

import io.skynetj.kernel.Address;
import io.skynetj.kernel.Node;
import io.skynetj.socket.SocketServer;
import java.util.Arrays;
import java.util.List;

/** One command being run: its words, the console it runs on, and what it prints. */
final class CommandContext {
    final ConsoleService console;
    final Output out = new Output();
    private final String line;
    private final List<String> words;
    private final String usage;

    CommandContext(ConsoleService console, String line, String usage) {
        this.console = console;
        this.line = line.strip();
        this.words = Arrays.asList(this.line.split("\\s+"));
        this.usage = usage;
    }

    Node node() {
        return console.node();
    }

    /** The node's sockets (every node has a socket server; its thread starts on first use). */
    SocketServer sockets() {
        return console.luaNode().part(SocketServer.class);
    }

    /** Number of arguments after the command name. */
    int argCount() {
        return words.size() - 1;
    }

    /** Argument {@code i} (1-based); a usage error when missing. */
    String arg(int i) {
        if (i > argCount()) throw usageError();
        return words.get(i);
    }

    /** Arguments {@code i..} (1-based), possibly none. */
    List<String> argsFrom(int i) {
        return words.subList(Math.min(i, words.size()), words.size());
    }

    /** The text after the first {@code n} arguments, as typed (for Lua expressions). */
    String textAfter(int n) {
        String rest = line;
        for (int i = 0; i <= n; i++) {
            int space = indexOfSpace(rest);
            if (space < 0) throw usageError();
            rest = rest.substring(space).stripLeading();
        }
        return rest;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    /**
     * Argument {@code i} as a whole number from {@code min} to {@code max}; anything else (not a number,
     * out of range, too long for a long) is the error {@code Invalid <what> <arg>: <range>}.
     */
    long number(int i, long min, long max, String what, String range) {
        return number(arg(i), min, max, what, range);
    }

    static long number(String text, long min, long max, String what, String range) {
        try {
            long v = Long.parseLong(text);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CommandFailed("Invalid " + what + " " + text + ": " + range);
    }

    /**
     * Argument {@code i} as a service address, as skynet's console reads it: {@code .name} (a local
     * name), {@code :0000000a}, or hex digits ({@code a}, {@code 0a}).
     */
    int address(int i) {
        String text = arg(i);
        if (text.startsWith(".")) {
            int h = node().lookup(text);
            if (h == 0) throw new CommandFailed("Not a valid name: " + text);
            return h;
        }
        int h = Address.parseColonHex(text.startsWith(":") ? text : ":" + text);
        if (h == 0) throw new CommandFailed("Need an address (.name, :0000000a or hex), not " + text);
        return h;
    }

    private CommandFailed usageError() {
        return new CommandFailed("usage: " + usage);
    }
}
