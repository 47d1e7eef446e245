package io.skynetj.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.skynetj.cache.CodeCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CodeAge reuses a file's hash only while its time and size are unchanged, and never for a file just written. */
class CodeAgeTest {
    @TempDir
    Path dir;

    @Test
    void aChangedFileIsHashedAgain() throws Exception {
        Path f = dir.resolve("a.lua");
        Files.writeString(f, "return 1\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
        String v1 = new CodeAge().diskVersion(f.toString());
        assertEquals(CodeCache.diskVersion(f.toString()), v1);
        Files.writeString(f, "return 22\n");
        String v2 = new CodeAge().diskVersion(f.toString());
        assertNotEquals(v1, v2);
        assertEquals(CodeCache.diskVersion(f.toString()), v2);
        Files.delete(f);
        assertEquals("missing", new CodeAge().diskVersion(f.toString()));
    }

    @Test
    void aRewriteInTheSameTickWithTheSameSizeIsSeen() throws Exception {
        Path f = dir.resolve("b.lua");
        Files.writeString(f, "return 1\n");
        FileTime tick = Files.getLastModifiedTime(f);
        String v1 = new CodeAge().diskVersion(f.toString());
        Files.writeString(f, "return 2\n"); // same size; the file system's clock may not have moved
        Files.setLastModifiedTime(f, tick);
        assertNotEquals(v1, new CodeAge().diskVersion(f.toString()), "a hash taken right after a write must not be reused");
    }

    @Test
    void oneListingLooksAtAFileOnce() throws Exception {
        Path f = dir.resolve("c.lua");
        Files.writeString(f, "return 1\n");
        CodeAge age = new CodeAge();
        String v1 = age.diskVersion(f.toString());
        Files.writeString(f, "return 333\n");
        assertEquals(v1, age.diskVersion(f.toString()), "within one listing every service is compared with the same look");
    }
}
