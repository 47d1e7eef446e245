package io.skynetj.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;

/** The cache on its own: keys, clears, failures, bounds, counters and concurrent first loads. */
class CodeCacheTest {
    @TempDir
    Path dir;

    private final CodeCache cache = new CodeCache(100);

    private String write(String name, String source) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return file.toString();
    }

    @Test
    void twoSpellingsOfOnePathAreOneEntry() throws Exception {
        String file = write("x.lua", "return 1");
        String detour = dir + "/sub/../x.lua";
        String relative = Path.of("").toAbsolutePath().relativize(Path.of(file)).toString();
        CompiledChunk first = cache.load(file);
        assertSame(first, cache.load(detour));
        assertSame(first, cache.load(relative));
        assertEquals(file, first.path());
        assertEquals(new CodeCacheStats(2, 1, 0, 0, 1), cache.stats());
    }

    @Test
    void aCachedLoadDoesNotReadTheDisk() throws Exception {
        String file = write("gone.lua", "return 1");
        CompiledChunk chunk = cache.load(file);
        Files.delete(Path.of(file));
        assertSame(chunk, cache.load(file));
        cache.clear();
        assertThrows(NoSuchFileException.class, () -> cache.load(file));
    }

    @Test
    void aFileThatDoesNotCompileIsNotCachedAndNamesFileAndLine() throws Exception {
        String file = write("broken.lua", "local a = 1\nlocal b = = 2\n");
        LuaError e = assertThrows(LuaError.class, () -> cache.load(file));
        assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
        assertNull(cache.cached(file));
        assertEquals(new CodeCacheStats(0, 1, 1, 0, 0), cache.stats());
        write("broken.lua", "return 2");
        assertEquals(2, new LuaClosure(cache.load(file).prototype(), new LuaTable()).call().toint());
    }

    @Test
    void tooManyLocalsIsACompileErrorNamingTheFile() throws Exception {
        StringBuilder locals = new StringBuilder();
        for (int i = 0; i < 201; i++) locals.append("local v").append(i).append(" = ").append(i).append('\n');
        String file = write("locals.lua", locals.toString());
        LuaError e = assertThrows(LuaError.class, () -> cache.load(file));
        assertEquals(org.luaj.vm2.LuaErrors.chunkid("@" + file) + ":201: too many local variables (limit is 200) in main function near '='",
            e.getMessage());
        assertNull(cache.cached(file));
    }

    @Test
    void versionIsTheContentHashAndCompileTime() throws Exception {
        String a = write("a.lua", "return 'same'");
        String b = write("b.lua", "return 'same'");
        CodeVersion va = cache.load(a).version();
        assertEquals(va.hash(), cache.load(b).version().hash());
        write("a.lua", "return 'changed'");
        cache.clear(a);
        CodeVersion changed = cache.load(a).version();
        assertNotEquals(va.hash(), changed.hash());
        assertFalse(changed.compiledAt().isBefore(va.compiledAt()));
        assertEquals(12, va.hash().length());
    }

    @Test
    void clearTakesAFileOrAWholeDirectory() throws Exception {
        String x = write("pkg/x.lua", "return 1");
        String y = write("pkg/deep/y.lua", "return 1");
        String sibling = write("pkg2.lua", "return 1"); // shares the string prefix "pkg", not the directory
        String other = write("other.lua", "return 1");
        for (String f : List.of(x, y, sibling, other)) cache.load(f);

        assertEquals(2, cache.clear(dir + "/pkg/"));
        assertNull(cache.cached(x));
        assertNull(cache.cached(y));
        assertEquals(1, cache.clear(dir + "/./other.lua"));
        assertEquals(0, cache.clear(dir + "/nothing-here"));
        assertThrows(IllegalArgumentException.class, () -> cache.clear(" "));
        assertNotNull(cache.cached(sibling));
        assertEquals(1, cache.clear());
        assertEquals(0, cache.stats().entries());
    }

    @Test
    void theCacheIsBoundedAndCountsEvictions() throws Exception {
        CodeCache small = new CodeCache(3);
        for (int i = 0; i < 10; i++) small.load(write("f" + i + ".lua", "return " + i));
        CodeCacheStats s = small.stats();
        assertTrue(s.entries() <= 3, s.toString());
        assertEquals(10 - s.entries(), s.evictions(), s.toString());
    }

    @Test
    void concurrentFirstLoadsCompileOnce() throws Exception {
        StringBuilder big = new StringBuilder();
        big.append("local M = {}\n");
        for (int i = 0; i < 300; i++) big.append("function M.f").append(i).append("(a) return a + ").append(i).append(" end\n");
        String file = write("big.lua", big.append("return M\n").toString());
        int threads = 32;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<CompiledChunk>> loads = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) loads.add(pool.submit(() -> {
                start.await();
                return cache.load(file);
            }));
        }
        CompiledChunk first = loads.get(0).get();
        for (Future<CompiledChunk> f : loads) assertSame(first, f.get());
        CodeCacheStats s = cache.stats();
        assertEquals(1, s.misses(), s.toString());
        assertEquals(threads - 1, s.hits(), s.toString());
    }
}
