package io.skynetj.lua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFinderTest {
    @TempDir
    Path dir;

    @Test
    void findsRegularFilesOnlyAndReadsThemOnDemand() throws Exception {
        Path file = dir.resolve("mod.lua");
        Files.writeString(file, "return 42\n");
        Files.createDirectories(dir.resolve("pkg.lua"));
        try (InputStream in = FileFinder.INSTANCE.findResource(file.toString())) {
            assertNotNull(in);
            assertArrayEquals("return 42\n".getBytes(), in.readAllBytes());
        }
        InputStream unread = FileFinder.INSTANCE.findResource(file.toString());
        assertNotNull(unread);
        unread.close(); // never opened: nothing to leak
        assertNull(FileFinder.INSTANCE.findResource(dir.resolve("pkg.lua").toString()), "a directory is not a module file");
        assertNull(FileFinder.INSTANCE.findResource(dir.resolve("missing.lua").toString()));
        assertNull(FileFinder.INSTANCE.findResource("bad\0name.lua"));
    }
}
