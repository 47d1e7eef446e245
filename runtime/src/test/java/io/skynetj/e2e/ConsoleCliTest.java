package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.cli.ConsoleCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skynetj <console command>} against a running node: output, exit status, token, unreachable node. */
class ConsoleCliTest {
    @TempDir
    Path dir;

    /** One CLI run in this JVM: exit status, stdout, stderr. */
    record Run(int status, String out, String err) {}

    static Run cli(Map<String, String> environment, String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ConsoleCli.run(List.of(words), environment::get,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run cli(String... words) {
        return cli(Map.of(), words);
    }

    @Test
    void commandsPrintTheConsoleOutputAndExitWithItsOutcome() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("main", ConsoleTest.MAIN).start("main")) {
            String worker = ConsoleTest.ready(node);
            String console = "127.0.0.1:" + node.consolePort();

            Run list = cli("list", "--console", console);
            assertEquals(0, list.status(), list::toString);
            assertTrue(list.out().contains(worker + "\tsnlua worker\n"), list::toString);
            assertTrue(!list.out().contains("<CMD OK>") && !list.out().contains("Welcome"), list::toString);

            Run call = cli(Map.of("SKYNETJ_CONSOLE", console), "call", ".worker", "\"add\", 20, 22");
            assertEquals(new Run(0, "1\t42\nn\t1\n", ""), call);

            Run unknown = cli("console", console, "nosuch", "command");
            assertEquals(new Run(1, "", "Invalid command, type help for command list\n\n"), unknown);

            Path patch = dir.resolve("cli_patch.lua");
            Files.writeString(patch, "_P.lua.CMD.hello = function(n) return 'cli ' .. n end print('patched by', ...)");
            Run dry = cli("inject", "--dry-run", ".worker", patch.toString(), "me", "--console", console);
            assertEquals(0, dry.status(), dry::toString);
            assertTrue(dry.out().startsWith("patched by\tme\ndry run: nothing applied"), dry::toString);
            Run inject = cli("inject", ".worker", patch.toString(), "me", "--console", console);
            assertEquals(0, inject.status(), inject::toString);
            assertEquals(new Run(0, "1\tcli x\nn\t1\n", ""), cli("call", ".worker", "\"hello\", \"x\"", "--console", console));
            assertEquals(0, cli("rollback", ".worker", "--console", console).status());
            Run none = cli("rollback", ".worker", "--console", console);
            assertEquals(new Run(1, "", "no patch to roll back\n"), none);
        }
    }

    @Test
    void aTokenComesFromTheOptionOrTheEnvironment() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).config("console_token", "t0k")
            .service("main", ConsoleTest.MAIN).start("main")) {
            ConsoleTest.ready(node);
            String console = "127.0.0.1:" + node.consolePort();
            Run without = cli("getenv", "harbor", "--console", console);
            assertEquals(new Run(1, "", "Authentication required: send auth <token> first\n"), without);
            Run wrong = cli("getenv", "harbor", "--console", console, "--token", "nope");
            assertEquals(new Run(1, "", "Authentication failed\n"), wrong);
            assertEquals(new Run(0, "harbor\t0\n", ""), cli("getenv", "harbor", "--console", console, "--token", "t0k"));
            assertEquals(new Run(0, "harbor\t0\n", ""),
                cli(Map.of("SKYNETJ_CONSOLE", console, "SKYNETJ_CONSOLE_TOKEN", "t0k"), "getenv", "harbor"));
        }
    }

    @Test
    void anUnreachableNodeIsReportedClearly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = cli("list", "--console", "127.0.0.1:" + port);
        assertEquals(3, r.status());
        assertTrue(r.err().startsWith("skynetj: cannot reach the console at 127.0.0.1:" + port + " ("), r::toString);
        assertEquals(2, cli("console", "nonsense").status());
        assertEquals(2, cli("list", "--console").status());
        assertEquals(2, cli("list", "--console", "nonsense").status());
    }

    @Test
    void theSkynetjCommandRunsConsoleCommandsAsAChildProcess() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("main", ConsoleTest.MAIN).start("main")) {
            ConsoleTest.ready(node);
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.skynetj.cli.Main",
                "getenv", "harbor", "--console", "127.0.0.1:" + node.consolePort()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(TestNode.DEADLINE.toSeconds(), TimeUnit.SECONDS), "the CLI did not finish");
            assertEquals("harbor\t0\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, p.exitValue());
        }
    }

    @Test
    void consoleWithoutACommandIsAnInteractiveSession() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("main", ConsoleTest.MAIN).start("main")) {
            ConsoleTest.ready(node);
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.skynetj.cli.Main",
                "console", "127.0.0.1:" + node.consolePort()).start();
            try (var stdin = p.getOutputStream()) {
                stdin.write("getenv harbor\n\nnosuchcommand\ngetenv start\nquit\ngetenv never\n".getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(p.waitFor(TestNode.DEADLINE.toSeconds(), TimeUnit.SECONDS), "the session did not end at quit");
            assertEquals("harbor\t0\nstart\tmain\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).contains("Invalid command"));
            assertEquals(0, p.exitValue(), "a session ended by quit succeeds");
        }
    }
}
