package io.skynetj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import io.skynetj.bench.BenchRunner.Target;
import io.skynetj.lua.LuaNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRunnerTest {
    private static BenchRunner runner(String... args) {
        return new BenchRunner(Path.of("."), BenchRunner.Options.parse(args), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void optionsAreParsed() {
        BenchRunner.Options o = BenchRunner.Options.parse(new String[] {"--runs", "3", "--only", "pingpong,sends", "--thread", "4",
            "--java-opts", "-Xmx256m -XX:+UseSerialGC", "--set", "bench_calls=1000", "--out", "x.json"});
        assertEquals(3, o.runs);
        assertEquals(List.of("pingpong", "sends"), o.only);
        assertEquals(4, o.thread);
        assertEquals(List.of("-Xmx256m", "-XX:+UseSerialGC"), o.javaOptions);
        assertEquals("1000", o.params.get("bench_calls"));
        assertEquals(Path.of("x.json"), o.output);
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchRunner.Options.parse(new String[] {"--only", "nosuch"}));
        assertThrows(IllegalArgumentException.class, () -> BenchRunner.Options.parse(new String[] {"--runs", "0"}));
        assertThrows(IllegalArgumentException.class, () -> BenchRunner.Options.parse(new String[] {"--runs"}));
        assertThrows(IllegalArgumentException.class, () -> BenchRunner.Options.parse(new String[] {"--set", "novalue"}));
        assertThrows(IllegalArgumentException.class, () -> BenchRunner.Options.parse(new String[] {"--frobnicate"}));
    }

    @Test
    void nodesGetTheRunnersJvmOptionsAndAGivenCollectorReplacesTheInheritedOne() {
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx1g", "-XX:+UseCompactObjectHeaders"),
            BenchRunner.jvmOptions(List.of("-XX:+UseSerialGC", "-Xmx1g"), List.of("-XX:+UseCompactObjectHeaders")));
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"),
            BenchRunner.jvmOptions(List.of("-XX:+UseSerialGC", "-Xmx1g"), List.of("-XX:+UseG1GC")));
    }

    @Test
    void aSkynetDirectoryIsParsedAndChecked(@TempDir Path dir) throws Exception {
        BenchRunner.Options o = BenchRunner.Options.parse(new String[] {"--skynet", dir.toString()});
        assertEquals(dir.toAbsolutePath(), o.skynet);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchRunner.checkSkynet(dir));
        assertTrue(e.getMessage().contains("make linux"), e.getMessage());
        Files.createDirectories(dir.resolve("lualib"));
        Files.writeString(dir.resolve("lualib/skynet.lua"), "");
        Files.writeString(dir.resolve("skynet"), "");
        assertTrue(dir.resolve("skynet").toFile().setExecutable(true));
        BenchRunner.checkSkynet(dir);
    }

    @Test
    void theSystemsAlternateAndSkynetjOnlyScenariosRunOnce(@TempDir Path dir) {
        BenchRunner r = runner("--skynet", dir.toString());
        assertEquals(List.of(Target.SKYNETJ, Target.SKYNET), r.targets("pingpong", 1));
        assertEquals(List.of(Target.SKYNET, Target.SKYNETJ), r.targets("pingpong", 2));
        assertEquals(List.of(Target.SKYNETJ), r.targets("upgrade", 2));
        assertEquals(List.of(Target.SKYNETJ), runner().targets("pingpong", 2));
    }

    @Test
    void nodesDrivenInTurnTakeTheFirstPassOfARoundInTurn() {
        assertEquals(List.of(0, 1), List.of(EchoLoad.turn(0, 0, 2), EchoLoad.turn(0, 1, 2)));
        assertEquals(List.of(1, 0), List.of(EchoLoad.turn(1, 0, 2), EchoLoad.turn(1, 1, 2)));
        assertEquals(List.of(0, 1), List.of(EchoLoad.turn(2, 0, 2), EchoLoad.turn(2, 1, 2)));
        assertEquals(List.of(2, 0, 1), List.of(EchoLoad.turn(2, 0, 3), EchoLoad.turn(2, 1, 3), EchoLoad.turn(2, 2, 3)));
        assertEquals(List.of(0, 0), List.of(EchoLoad.turn(0, 0, 1), EchoLoad.turn(1, 0, 1)));
    }

    /**
     * With --skynet the echo scenario's two nodes run at once and the runner's load takes them in
     * turn: here the "skynet" is a script starting a second skynetj node on the echo service, so
     * the test needs no skynet build; each system's rows get their figures and a ratio.
     */
    @Test
    void echoRunsBothSystemsAtOnceAndDrivesThemInTurn(@TempDir Path dir) throws Exception {
        Path home = LuaNode.home();
        Path fake = dir.resolve("fake-skynet");
        Files.createDirectories(fake.resolve("lualib"));
        Files.writeString(fake.resolve("lualib/skynet.lua"), "");
        Path bench = home.resolve("service-scripts/bench");
        Path config = dir.resolve("config-echo");
        Files.writeString(config, "thread = 2\nstart = \"echo\"\nluaservice = \"" + bench + "/?.lua\"\nlua_path = \"" + bench + "/?.lua\"\n");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Files.writeString(fake.resolve("skynet"), "#!/bin/sh\nexec '" + java + "' --add-opens=java.base/java.lang=ALL-UNNAMED -Dskynetj.home='" + home
            + "' -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp '" + System.getProperty("java.class.path") + "' io.skynetj.cli.Main run '" + config + "'\n");
        assertTrue(fake.resolve("skynet").toFile().setExecutable(true));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = BenchRunner.main(home, new String[] {"--skynet", fake.toString(), "--only", "echo", "--runs", "1", "--out", dir.resolve("r.json").toString(),
            "--set", "bench_warmup_secs=0", "--set", "bench_passes=2", "--set", "bench_echo_clients=2", "--set", "bench_echo_messages=100",
            "--set", "bench_echo_idle=5"}, new PrintStream(out, true));
        String text = out.toString();
        assertEquals(0, code, text);
        assertTrue(text.matches("(?s).*run 1/1 echo +skynetj \\(load [^)]*; passes in turn with skynet\\) echo clients=2 messages=100 size=16 passes=2 .*"), text);
        assertTrue(text.matches("(?s).*run 1/1 echo +skynet +\\(load [^)]*; passes in turn with skynetj\\) echo clients=2 messages=100 size=16 passes=2 .*"), text);
        assertTrue(text.matches("(?s).*\\(g\\) TCP echo, 20 clients x 5,000 round trips \\[trips/s\\] +[0-9,]+ .* [0-9.]+x +>= 1\\.0x.*"), text);
        String json = Files.readString(dir.resolve("r.json"));
        assertTrue(json.contains("\"echo_idle\""), json);
    }

    /** A node that fails before it serves ends the echo pair with its own output; the other node is not left running. */
    @Test
    void aNodeThatFailsBeforeServingEndsThePairWithItsOutput(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("fake-skynet");
        Files.createDirectories(fake.resolve("lualib"));
        Files.writeString(fake.resolve("lualib/skynet.lua"), "");
        Files.writeString(fake.resolve("skynet"), "#!/bin/sh\necho 'no such config key: boom'\nexit 3\n");
        assertTrue(fake.resolve("skynet").toFile().setExecutable(true));
        BenchRunner r = new BenchRunner(LuaNode.home(), BenchRunner.Options.parse(new String[] {"--skynet", fake.toString(), "--only", "echo"}),
            new PrintStream(new ByteArrayOutputStream()));
        List<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).toList();
        BenchRunner.BenchFailure e = assertThrows(BenchRunner.BenchFailure.class,
            () -> r.runInTurn(List.of(Target.SKYNETJ, Target.SKYNET), "echo", 1, dir));
        assertTrue(e.getMessage().startsWith("scenario echo on skynet (run 1) failed, exit code 3") && e.getMessage().contains("no such config key: boom"),
            e.getMessage());
        for (ProcessHandle node : ProcessHandle.current().children().filter(c -> !before.contains(c.pid())).toList())
            node.onExit().get(30, TimeUnit.SECONDS); // a TimeoutException: the skynetj node was left running
    }

    @Test
    void skynetsConfigNamesItsOwnLibrariesAndTheBenchServices(@TempDir Path dir) {
        BenchRunner r = runner("--skynet", dir.toString(), "--set", "bench_calls=10");
        String config = r.config(Target.SKYNET, "pingpong");
        String bench = Path.of(".").resolve("service-scripts/bench").toString();
        assertTrue(config.contains("start = \"pingpong\"\n"), config);
        assertTrue(config.contains("luaservice = \"" + dir.toAbsolutePath().resolve("service") + "/?.lua;" + bench + "/?.lua\""), config);
        assertTrue(config.contains("lualoader = \"" + dir.toAbsolutePath().resolve("lualib/loader.lua") + "\""), config);
        assertTrue(config.contains("bench_collect_each = \"1\"") && config.contains("bench_calls = \"10\""), config);
        assertTrue(config.contains("profile = false\n"), "both systems without skynet's CPU accounting: " + config);
        String own = r.config(Target.SKYNETJ, "pingpong");
        assertTrue(own.contains("luaservice = \"" + bench + "/?.lua\"") && !own.contains("bench_collect_each") && own.contains("profile = false\n"), own);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Measurements.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Measurements.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(Measurements.median(List.of())));
    }

    @Test
    void benchLinesOfBothSystemsBecomeMediansAndRatiosInTheTableAndJson() {
        BenchRunner r = runner();
        Measurements mine = r.results.get(Target.SKYNETJ), theirs = r.results.get(Target.SKYNET);
        mine.record("BENCH call_1 calls=200000 secs=0.8 rate=250000");
        mine.record("BENCH call_1 calls=200000 secs=0.4 rate=500000");
        mine.record("BENCH call_1 calls=200000 secs=0.5 rate=400000 note=text");
        mine.record("not a bench line");
        theirs.record("BENCH call_1 calls=200000 secs=1 rate=200000");
        theirs.record("BENCH call_1 calls=200000 secs=0.9 rate=300000");
        assertEquals(List.of(250000.0, 500000.0, 400000.0), mine.values("call_1", "rate"));
        String table = r.table();
        assertTrue(table.contains("400,000") && table.contains("250,000"), table);
        assertTrue(table.contains("1.60x"), table); // 400000 / 250000
        String json = r.json("now", "1 1 1", "2 2 2");
        assertTrue(json.contains("\"rate\": {\"median\": 400000, \"runs\": [250000, 500000, 400000]}"), json);
        assertTrue(json.contains("\"rate\": {\"median\": 250000, \"runs\": [200000, 300000]}"), json);
        assertTrue(json.contains("\"secs\": {\"median\": 0.5, \"runs\": [0.8, 0.4, 0.5]}"), json);
    }

    @Test
    void lowerIsBetterValuesHaveInvertedRatiosAndNoSkynetMeansNoRatio() {
        BenchRunner r = runner();
        r.results.get(Target.SKYNETJ).record("BENCH send msgs=1000000 secs=2 rate=500000 rss_grow_mb=102");
        assertTrue(r.table().contains("no ratios: skynet was not run"), r.table());
        r.results.get(Target.SKYNET).record("BENCH send msgs=1000000 secs=2 rate=500000 rss_grow_mb=51");
        String table = r.table();
        assertTrue(table.contains("0.50x"), table); // 51 MB / 102 MB
        assertTrue(table.contains("1.00x"), table); // the rates
    }

    @Test
    void goalRowsAreAlsoComparedRoundByRound() {
        BenchRunner r = runner();
        Measurements mine = r.results.get(Target.SKYNETJ), theirs = r.results.get(Target.SKYNET);
        // rounds 1-3: skynetj 1.10x, 0.80x, 1.20x of skynet's run in the same round; the ratio of the medians is 0.96x
        for (double[] round : new double[][] {{110, 100}, {120, 150}, {150, 125}}) {
            mine.record("BENCH send msgs=1000 secs=1 rate=" + round[0] + " rss_grow_mb=2");
            theirs.record("BENCH send msgs=1000 secs=1 rate=" + round[1] + " rss_grow_mb=1");
        }
        String table = r.table();
        assertTrue(table.contains("0.96x"), table); // the ratio of the medians, 120 / 125
        assertTrue(table.contains("run by run"), table);
        assertTrue(table.matches("(?s).*\\(b\\) 1M sends \\+ call, end to end \\[msgs/s\\] +1\\.10x, skynetj ahead in 2 of 3 rounds.*"), table);
        assertFalse(table.matches("(?s).*run by run.*RSS growth.*"), table); // its goal is no ratio: no run-by-run line

        theirs.record("BENCH send msgs=1000 secs=1 rate=100 rss_grow_mb=1"); // runs that do not pair up (a round with one system only): no run-by-run line
        assertFalse(r.table().contains("rounds"), r.table());
    }
}
