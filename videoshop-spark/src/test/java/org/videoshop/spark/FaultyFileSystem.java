package org.videoshop.spark;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code faulty:}, whose writes break midway the way real ones do: in
 * {@link Mode#FAIL} a write fails after {@link #FAIL_AFTER} bytes (a full disk, a dropped connection); in
 * {@link Mode#HANG} it stops after that many bytes until its thread is interrupted (a task killed mid-write).
 * Registered with {@code fs.faulty.impl}.
 */
public final class FaultyFileSystem extends RawLocalFileSystem {

    /** How writes break. */
    enum Mode { FAIL, HANG }

    static final int FAIL_AFTER = 200;
    static volatile Mode mode = Mode.FAIL;
    /** Counted down when a write reaches the break point (for the kill test). */
    static volatile CountDownLatch reachedBreak = new CountDownLatch(1);

    @Override
    public URI getUri() {
        return URI.create("faulty:///");
    }

    @Override
    public String getScheme() {
        return "faulty";
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        FSDataOutputStream real = super.create(f, permission, overwrite, bufferSize, replication, blockSize,
                progress);
        return new FSDataOutputStream(new Breaking(real), null);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        return new FSDataOutputStream(new Breaking(super.create(f, overwrite, bufferSize, replication, blockSize,
                progress)), null);
    }

    private static final class Breaking extends OutputStream {
        private final OutputStream out;
        private long written;

        Breaking(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int room = (int) Math.max(0, Math.min(len, FAIL_AFTER - written));
            out.write(b, off, room);
            written += room;
            if (room < len) {
                out.flush();
                reachedBreak.countDown();
                if (mode == Mode.FAIL) {
                    throw new IOException("No space left on device (faulty file system, after " + written
                            + " bytes)");
                }
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("write interrupted after " + written + " bytes");
                }
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
