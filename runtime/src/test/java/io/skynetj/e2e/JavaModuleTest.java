package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.lua.LuaNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module written in Java, found by require through the config key javapath: the example in
 * service-scripts/examples/javamodule compiled and packed into a jar as its build.sh does.
 */
class JavaModuleTest {
    @TempDir
    Path dir;

    @Test
    void requireFindsTheExampleModuleInAJarOnJavapath() throws Exception {
        Path jlib = Files.createDirectories(dir.resolve("jlib"));
        buildExampleJar(jlib.resolve("strtools.jar"));
        try (TestNode node = LuaScenario.node(dir).config("javapath", dir.resolve("nothere") + "/?.jar;" + jlib + "/?.jar")
            .service("other", """
                local skynet = require "skynet"
                local strtools = require "strtools"
                skynet.start(function()
                    skynet.dispatch("lua", function() skynet.ret(skynet.pack(strtools.owner(), strtools.extra)) end)
                end)
                """).service("main", """
                local skynet = require "skynet"
                local check = require "check"
                skynet.start(function()
                    local strtools = require "strtools"
                    check.eq("reverse", strtools.reverse("skynet"), "tenyks")
                    check.eq("words", check.list(strtools.words("  a Java   module ")), "a,Java,module")
                    check.eq("require returns the same table again", require "strtools", strtools)
                    strtools.extra = "mine"
                    local other = skynet.newservice("other")
                    local owner, extra = skynet.call(other, "lua")
                    check.eq("each service opens its own copy", owner, other)
                    check.eq("and its own table", extra, nil)
                    check.eq("this copy is this service's", strtools.owner(), skynet.self())
                    local ok, err = pcall(require, "nosuchmodule")
                    check.ok("a missing module lists the jars tried", not ok and err:find("no file '" .. %s .. "/nosuchmodule.jar'", 1, true), err)
                    ok, err = pcall(require, "strtools.sub")
                    check.ok("a jar without the module says so", not ok and err:find("no module 'strtools.sub' in file", 1, true), err)
                    print("DONE")
                end)
                """.formatted(LuaScenario.luaString(jlib.toString()))).start("main")) {
            assertPassed(node, "reverse", "words", "require returns the same table again", "each service opens its own copy",
                "and its own table", "this copy is this service's", "a missing module lists the jars tried", "a jar without the module says so");
        }
    }

    /** javac the example against the test class path (skynetj's classes and LuaJ), then jar it with its service file. */
    private void buildExampleJar(Path jar) throws IOException {
        Path src = LuaNode.home().resolve("service-scripts/examples/javamodule/src");
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(src)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String[] args = Stream.concat(Stream.of("-cp", System.getProperty("java.class.path"), "-d", out.toString()), sources.stream()).toArray(String[]::new);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, args), "the example compiles");
        Path services = Path.of("META-INF/services/io.skynetj.lua.JavaModule");
        Files.createDirectories(out.resolve(services).getParent());
        Files.copy(src.resolve(services), out.resolve(services));
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(out)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(out.relativize(p).toString()));
                Files.copy(p, (OutputStream) j);
                j.closeEntry();
            }
        }
        assertTrue(Files.size(jar) > 0);
    }
}
