package io.skynetj.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Which console a CLI command talks to: {@code --console host:port} and {@code --token T} taken out of
 * the words, else $SKYNETJ_CONSOLE and $SKYNETJ_CONSOLE_TOKEN; {@code rest} holds the other words.
 */
record ConsoleOptions(String console, String token, List<String> rest) {

    /** Thrown for an option without its value. */
    static final class MissingValue extends Exception {
        MissingValue(String option) {
            super(option + " needs a value", null, false, false);
        }
    }

    static ConsoleOptions parse(List<String> words, UnaryOperator<String> environment) throws MissingValue {
        List<String> rest = new ArrayList<>();
        String console = environment.apply("SKYNETJ_CONSOLE");
        String token = environment.apply("SKYNETJ_CONSOLE_TOKEN");
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ((w.equals("--console") || w.equals("--token")) && i + 1 >= words.size()) throw new MissingValue(w);
            if (w.equals("--console")) {
                console = words.get(++i);
            } else if (w.equals("--token")) {
                token = words.get(++i);
            } else {
                rest.add(w);
            }
        }
        return new ConsoleOptions(console, token, rest);
    }
}
