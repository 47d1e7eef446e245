package io.skynetj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, BenchRunner.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, BenchRunner.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(BenchRunner.median(List.of())));
    }

    @Test
    void benchLinesBecomeMediansInTheTableAndJson() {
        BenchRunner r = runner();
        r.record("BENCH call_1 calls=200000 secs=0.8 rate=250000");
        r.record("BENCH call_1 calls=200000 secs=0.4 rate=500000");
        r.record("BENCH call_1 calls=200000 secs=0.5 rate=400000 note=text");
        r.record("not a bench line");
        assertEquals(List.of(250000.0, 500000.0, 400000.0), r.results.get("call_1").get("rate"));
        String table = r.table();
        assertTrue(table.contains("400,000"), table);
        assertTrue(table.contains("249,077"), table);
        assertTrue(table.contains("1.61x"), table); // 400000 / 249077
        String json = r.json("now", "1 1 1", "2 2 2");
        assertTrue(json.contains("\"rate\": {\"median\": 400000, \"runs\": [250000, 500000, 400000], \"skynet\": 249077}"), json);
        assertTrue(json.contains("\"secs\": {\"median\": 0.5, \"runs\": [0.8, 0.4, 0.5]}"), json);
    }

    @Test
    void lowerIsBetterValuesHaveInvertedRatios() {
        BenchRunner r = runner();
        r.record("BENCH send msgs=1000000 secs=2 rate=500000 rss_grow_mb=102");
        String table = r.table();
        assertTrue(table.contains("0.50x"), table); // 51 MB / 102 MB
    }
}
