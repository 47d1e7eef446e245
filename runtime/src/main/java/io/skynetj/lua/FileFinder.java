package io.skynetj.lua;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.luaj.vm2.lib.ResourceFinder;

/**
 * How a service's {@code require} finds files ({@code package.searchpath} asks whether each candidate
 * exists): a stat and an access check, the file opened only if the stream is read. LuaJ's own finder
 * opened and closed every file it found and, for every miss, also searched the class path.
 */
final class FileFinder implements ResourceFinder {
    static final FileFinder INSTANCE = new FileFinder();

    private FileFinder() {}

    @Override
    public InputStream findResource(String filename) {
        Path path;
        try {
            path = Path.of(filename);
        } catch (InvalidPathException e) {
            return null;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) return null;
        return new LazyFileStream(filename);
    }

    /** A file input stream opened on first use. */
    private static final class LazyFileStream extends InputStream {
        private final String filename;
        private InputStream in;

        LazyFileStream(String filename) {
            this.filename = filename;
        }

        private InputStream in() throws IOException {
            if (in == null) in = new FileInputStream(filename);
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return in().available();
        }

        @Override
        public void close() throws IOException {
            if (in != null) in.close();
        }
    }
}
