package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.console.AuditLog;
import io.skynetj.console.ConsoleService;
import io.skynetj.console.ConsoleSettings;
import io.skynetj.lua.LuaRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use a console, and the audit trail of what they changed. */
class ConsoleSecurityTest {
    @TempDir
    Path dir;

    private TestNode nodeWithToken(String console) throws Exception {
        TestNode node = ConsoleTest.nodeWithConsole(dir).config("console", console).config("console_token", "s3cret")
            .service("main", ConsoleTest.MAIN).start("main");
        ConsoleTest.ready(node);
        return node;
    }

    @Test
    void withATokenNothingRunsUntilItIsGiven() throws Exception {
        try (TestNode node = nodeWithToken("127.0.0.1:0")) {
            int port = node.consolePort();
            try (ConsoleConnection c = ConsoleConnection.open(port)) {
                assertEquals(List.of("Authentication required: send auth <token> first", "<CMD Error>"), c.command("setenv x 1"));
                assertEquals(List.of("Authentication failed", "<CMD Error>"), c.command("auth wrong"));
                assertEquals(List.of("Authenticated", "<CMD OK>"), c.command("auth s3cret"));
                assertEquals(List.of("harbor\t0", "<CMD OK>"), c.command("getenv harbor"));
            }
            assertEquals(List.of("x\tnil", "<CMD OK>"), authenticated(port).command("getenv x"), "setenv before auth must not have run");
            try (ConsoleConnection c = ConsoleConnection.open(port)) {
                assertEquals(List.of("Authentication failed", "<CMD Error>"), c.command("auth a"));
                assertEquals(List.of("Authentication failed; 127.0.0.1 waits 1 s before its next try", "<CMD Error>"), c.command("auth b"));
                c.send("auth c\n"); // the third try on a connection closes it, whatever the token
                List<String> last = c.readToEnd();
                assertEquals(2, last.size(), last::toString);
                assertTrue(last.getFirst().endsWith("; closing the connection"), last::toString);
            }
        }
    }

    private static ConsoleConnection authenticated(int port) throws Exception {
        ConsoleConnection c = ConsoleConnection.open(port);
        assertEquals("<CMD OK>", c.command("auth s3cret").getLast());
        return c;
    }

    @Test
    void listeningBeyondLoopbackNeedsAToken() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).config("console", "0.0.0.0:0").service("main", ConsoleTest.MAIN)) {
            LuaRuntime.LaunchException e = assertThrows(LuaRuntime.LaunchException.class, () -> node.start("main"));
            assertTrue(e.getMessage().contains("0.0.0.0") && e.getMessage().contains("set console_token"), e.getMessage());
        }
        // bound to every interface with a token: reachable through loopback too, and the token is still asked for
        try (TestNode node = nodeWithToken("0.0.0.0:0"); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            assertEquals("<CMD Error>", c.command("list").getLast());
            assertEquals("<CMD OK>", c.command("auth s3cret").getLast());
            assertEquals("<CMD OK>", c.command("list").getLast());
        }
    }

    @Test
    void anAuditLineCannotBeForgedFromTheCommand() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("main", ConsoleTest.MAIN).start("main")) {
            ConsoleTest.ready(node);
            List<String> audit = new CopyOnWriteArrayList<>();
            ConsoleService console = ConsoleService.start(node.node(), ConsoleSettings.parse("127.0.0.1:0", null), new AuditLog(audit::add));
            String forged = "setenv forged x\\\" outcome=OK";  // setenv forged x\" outcome=OK
            try (ConsoleConnection c = ConsoleConnection.open(console.address().getPort())) {
                c.command(forged);
                c.command(forged); // the key exists now: an error the forgery would hide
            }
            assertEquals(2, audit.size(), () -> String.join("\n", audit));
            java.util.regex.Pattern record = java.util.regex.Pattern.compile(" command=\"((?:[^\"\\\\]|\\\\.)*)\" outcome=(.*)$");
            java.util.regex.Matcher m = record.matcher(audit.get(1));
            assertTrue(m.find(), audit.get(1));
            assertEquals(forged, m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"), audit.get(1));
            assertTrue(m.group(2).startsWith("Error"), audit.get(1));
        }
    }

    @Test
    void stateChangingCommandsAreAuditedWithPeerAndOutcome() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("main", ConsoleTest.MAIN).start("main")) {
            String worker = ConsoleTest.ready(node);
            List<String> audit = new CopyOnWriteArrayList<>();
            ConsoleService console = ConsoleService.start(node.node(),
                ConsoleSettings.parse("127.0.0.1:0", "tok"), new AuditLog(audit::add));
            try (ConsoleConnection c = ConsoleConnection.open(console.address().getPort())) {
                c.command("auth not-the-token");
                c.command("auth tok");
                c.command("list");
                c.command("stat");
                c.command("setenv audited yes");
                c.command("setenv audited again");
                c.command("inject " + worker + " missing_patch.lua");
                c.command("clearcache");
                String echo = c.command("start echo").getFirst().split("\t")[0];
                c.command("exit " + echo);
                c.command("kill " + worker);
                c.command("rollback " + worker);
            }
            List<String> expected = List.of(
                "command=\"auth\" outcome=Error: wrong token",
                "command=\"setenv audited yes\" outcome=OK",
                "command=\"setenv audited again\" outcome=Error: Can't setenv exist key : audited",
                "command=\"inject " + worker + " missing_patch.lua\" outcome=OK",
                "command=\"clearcache\" outcome=OK",
                "command=\"start echo\" outcome=OK",
                "command=\"exit ",
                "command=\"kill " + worker + "\" outcome=OK",
                "command=\"rollback " + worker + "\" outcome=Error: call to invalid address " + worker);
            assertEquals(expected.size(), audit.size(), () -> String.join("\n", audit));
            for (int i = 0; i < expected.size(); i++) {
                String line = audit.get(i);
                String want = expected.get(i);
                assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z peer=127\\.0\\.0\\.1:\\d+ .*"), line);
                assertTrue(line.contains(want), () -> "expected " + want + " in " + line);
            }
            assertFalse(String.join("\n", audit).contains("not-the-token"), "a wrong token must not be logged");
        }
    }
}
