package io.skynetj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.lua.LuaNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/skynetj's start-up cache (JDK 25's AOT cache) as a user meets it: the first run makes it,
 * later runs load the node's classes from it, a changed jar makes it again, and a broken one never
 * breaks a run. The jar is built here from the compiled classes (the suite runs before the package
 * phase) with the dependencies on its manifest's Class-Path; the training run is a node that ends at
 * once (SKYNETJ_AOT_TRAINING), so the test stays short.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES) // up to seven JVMs, two of them training runs, per test
class StartupCacheTest {
    @TempDir
    Path dir;

    private Path jar;
    private Path cache;
    private Path classLog;

    @BeforeEach
    void setUp() throws Exception {
        jar = dir.resolve("skynetj-test.jar");
        writeJar(jar, "");
        cache = dir.resolve("cache/skynetj.aot");
        Files.createDirectories(cache.getParent());
        classLog = dir.resolve("classes.log");
    }

    private static final String MAIN = """
        local skynet = require "skynet"
        require "skynet.manager"
        skynet.start(function()
            print("main ran " .. skynet.call(skynet.newservice("helper"), "lua", "ok"))
            skynet.abort()
        end)
        """;

    private static final String HELPER = """
        local skynet = require "skynet"
        skynet.start(function()
            skynet.dispatch("lua", function(_, _, s) skynet.retpack(s .. " back") end)
        end)
        """;

    record Result(int code, String output, String stderr) {
        /** What the node printed, without skynet's lines for each service started and ended. */
        String stdout() {
            return output.replaceAll("(?m)^\\[:[0-9a-f]{8}\\] (LAUNCH|KILL) .*\\R", "");
        }
    }

    private Result skynetj(String... args) throws Exception {
        return skynetjWith("", args);
    }

    /** tools/skynetj with {@code javaOptions} in SKYNETJ_JAVA_OPTS besides the class-load log. */
    private Result skynetjWith(String javaOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", LuaNode.home().resolve("tools/skynetj").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("SKYNETJ_JAR", jar.toString());
        pb.environment().put("SKYNETJ_AOT_CACHE", cache.toString());
        pb.environment().put("SKYNETJ_AOT_TRAINING", "training.config");
        // where each class came from: "source: shared objects file" is the cache
        pb.environment().put("SKYNETJ_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog + " " + javaOptions);
        Path out = dir.resolve("stdout.txt"), err = dir.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tools/skynetj " + String.join(" ", args) + " did not end; stderr:\n" + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private boolean nodeClassesCameFromTheCache() throws IOException {
        return Files.readAllLines(classLog).stream().anyMatch(l -> l.contains(" io.skynetj.kernel.Node source: shared objects file"));
    }

    private void writeNode() throws IOException {
        Files.createDirectories(dir.resolve("svc"));
        Files.writeString(dir.resolve("svc/main.lua"), MAIN);
        Files.writeString(dir.resolve("svc/helper.lua"), HELPER);
        Files.writeString(dir.resolve("node.config"), "thread = 2\nluaservice = \"./svc/?.lua\"\n");
        Files.writeString(dir.resolve("svc/train.lua"), """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.start(function()
                skynet.call(skynet.newservice("helper"), "lua", "x")
                skynet.abort()
            end)
            """);
        Files.writeString(dir.resolve("training.config"), "thread = 2\nstart = \"train\"\nluaservice = \"./svc/?.lua\"\n");
    }

    @Test
    void firstRunMakesTheCacheLaterRunsUseItAndAChangedJarMakesItAgain() throws Exception {
        writeNode();
        Result first = skynetj("run", "node.config");
        assertEquals(0, first.code, first.stderr);
        assertEquals("main ran ok back\n", first.stdout());
        assertTrue(first.stderr.contains("making the start-up cache"), first.stderr);
        assertTrue(Files.size(cache) > 0, "the cache file exists");
        assertTrue(nodeClassesCameFromTheCache(), "the first run itself started from the new cache");
        FileTime made = Files.getLastModifiedTime(cache);

        Result second = skynetj("run", "node.config");
        assertEquals(0, second.code, second.stderr);
        assertEquals("main ran ok back\n", second.stdout());
        assertFalse(second.stderr.contains("making the start-up cache"), second.stderr);
        assertEquals(made, Files.getLastModifiedTime(cache), "not made again");
        assertTrue(nodeClassesCameFromTheCache());

        // a rebuilt jar (other content, later time): the cache is made again before the run
        writeJar(jar, "rebuilt");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(made.toMillis() + 5_000));
        Result third = skynetj("run", "node.config");
        assertEquals(0, third.code, third.stderr);
        assertEquals("main ran ok back\n", third.stdout());
        assertTrue(third.stderr.contains("making the start-up cache"), third.stderr);
        assertTrue(nodeClassesCameFromTheCache());
    }

    @Test
    void aBrokenCacheOrAFailedTrainingNeverBreaksARun() throws Exception {
        writeNode();
        // a training run that fails: one note, then the node runs without a cache (and is not retried)
        Files.writeString(dir.resolve("training.config"), "thread = 2\nstart = \"no_such_service\"\nluaservice = \"./svc/?.lua\"\n");
        Result failed = skynetj("run", "node.config");
        assertEquals(0, failed.code, failed.stderr);
        assertEquals("main ran ok back\n", failed.stdout());
        assertTrue(failed.stderr.contains("no start-up cache (the training run failed"), failed.stderr);
        assertFalse(nodeClassesCameFromTheCache());
        Result again = skynetj("run", "node.config");
        assertEquals("main ran ok back\n", again.stdout());
        assertFalse(again.stderr.contains("start-up cache"), "one try per jar: " + again.stderr);

        // a cache file that is not one, though its stamp matches (the stamp of the failed try, as a
        // successful training would have written it): the JVM refuses it quietly
        Path stamp = cache.resolveSibling("skynetj.aot.stamp");
        Files.writeString(stamp, Files.readString(stamp).substring("failed ".length()));
        Files.write(cache, new byte[4096]);
        Result broken = skynetj("run", "node.config");
        assertEquals(0, broken.code, broken.stderr);
        assertEquals("main ran ok back\n", broken.stdout(), "nothing but the node's own output");
        assertFalse(broken.stderr.contains("start-up cache"), broken.stderr);
        assertFalse(nodeClassesCameFromTheCache());
    }

    @Test
    void nodesUseTheCachesClassesButNotItsTrainingProfilesUnlessAsked() throws Exception {
        writeNode();
        Result run = skynetjWith("-XX:+PrintFlagsFinal", "run", "node.config");
        assertEquals(0, run.code, run.stderr);
        assertTrue(run.stdout().endsWith("main ran ok back\n"), run.stdout());
        assertTrue(nodeClassesCameFromTheCache());
        assertEquals("false", flag(run.stdout(), "AOTReplayTraining"), "profiles of the training run are not replayed");

        // a user's own choice of the option stands
        Result asked = skynetjWith("-XX:+PrintFlagsFinal -XX:+UnlockDiagnosticVMOptions -XX:+AOTReplayTraining", "run", "node.config");
        assertEquals(0, asked.code, asked.stderr);
        assertTrue(asked.stdout().endsWith("main ran ok back\n"), asked.stdout());
        assertEquals("true", flag(asked.stdout(), "AOTReplayTraining"));
    }

    /** A flag's value in -XX:+PrintFlagsFinal's table. */
    private static String flag(String flags, String name) {
        return flags.lines().map(String::trim).filter(l -> l.matches("\\S+\\s+" + name + "\\s+=.*")).findFirst()
            .map(l -> l.replaceAll(".*=\\s*(\\S+).*", "$1")).orElseThrow(() -> new AssertionError(name + " not in the flags"));
    }

    /** A runnable jar of the compiled classes; {@code extra} goes into one more entry, to change the jar. */
    private static void writeJar(Path jar, String extra) throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> libraries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator))
            if (entry.endsWith(".jar")) libraries.add(Path.of(entry).toUri().toString());
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        a.put(Attributes.Name.CLASS_PATH, String.join(" ", libraries));
        a.put(new Attributes.Name("Add-Opens"), "java.base/java.lang");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("build.txt"));
            out.write(extra.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
