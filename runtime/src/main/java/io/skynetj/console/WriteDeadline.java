package io.skynetj.console;

import io.skynetj.kernel.DeadlineTimer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * A socket's output with a deadline on every write: blocking sockets have no write timeout, so a write
 * that the peer has not taken within {@code timeout} (it stopped reading and the buffers are full) runs
 * {@code expire}, which closes the socket; the blocked write then fails and the connection's thread ends.
 */
final class WriteDeadline extends FilterOutputStream {
    private final long timeoutMillis;
    private final Runnable expire;

    WriteDeadline(OutputStream socketOutput, Duration timeout, Runnable expire) {
        super(socketOutput);
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.expire = expire;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ScheduledFuture<?> deadline = DeadlineTimer.after(timeoutMillis, expire);
        try {
            out.write(b, off, len);
        } finally {
            deadline.cancel(false);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
