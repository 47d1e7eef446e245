package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Console requests that must not hurt the node: killing what it needs, numbers out of range, unknown options. */
class ConsoleHardeningTest {
    @TempDir
    Path dir;

    @Test
    void systemServicesAreKilledOnlyWithForceAndNumbersAreChecked() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("main", ConsoleTest.MAIN).start("main")) {
            String worker = ConsoleTest.ready(node);
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                List<String> list = c.command("list");
                String console = list.stream().filter(l -> l.contains("\tdebug_console ")).findFirst().orElseThrow().split("\t")[0];
                for (String target : List.of(console, ".launcher", ".service")) {
                    List<String> reply = c.command("kill " + target);
                    assertEquals("<CMD Error>", reply.getLast(), reply::toString);
                    assertTrue(reply.getFirst().contains("which the node needs: not killed"), reply::toString);
                }
                // nothing was killed (the list's size is no test: bootstrap may still be exiting on its own)
                List<String> after = c.command("list");
                assertTrue(after.stream().anyMatch(l -> l.startsWith(console + "\t")), after::toString);
                for (String name : List.of(".launcher", ".service"))
                    assertEquals("<CMD OK>", c.command("ping " + name).getLast(), name + " still answers");
                // every numeric argument of every command, and kill's option
                for (String bad : List.of("gc 922337203685477580", "mem -1", "mem 99999999999", "gc x", "signal " + worker + " x",
                    "signal " + worker + " -1", "signal " + worker + " 99999999999", "kill " + worker + " now",
                    "upgrade .worker --drain 1e99", "upgrade .worker --drain -5", "upgrade .worker --drain 9223372036854775807")) {
                    List<String> reply = c.command(bad);
                    assertEquals("<CMD Error>", reply.getLast(), () -> bad + ": " + reply);
                    assertTrue(reply.getFirst().startsWith("Invalid "), () -> bad + ": " + reply);
                    String word = bad.substring(bad.lastIndexOf(' ') + 1);
                    assertTrue(reply.getFirst().contains(" " + word + ": "), () -> bad + " names what is wrong: " + reply);
                }
                // an ordinary service is killed as before, and the console still answers
                assertEquals("<CMD OK>", c.command("kill " + worker).getLast());
                assertTrue(c.command("list").stream().noneMatch(l -> l.startsWith(worker)));
            }
        }
    }
}
