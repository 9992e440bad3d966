package dev.chatlab.localcloud.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;

/**
 * The journal's records that wait for the next flush, one after the other: each the number of
 * its entries, then the entries, so that appending a record copies its bytes once. The flush
 * frames them as one batch ({@link Journal}).
 */
final class RecordBuffer extends ByteArrayOutputStream {

    /** The number of entries. */
    static final int HEADER = 4;

    private static final int KEPT_CAPACITY = 64 * 1024;
    private static final byte[] NO_HEADER = new byte[HEADER];

    final DataOutputStream data = new DataOutputStream(this);

    RecordBuffer() {
        super(KEPT_CAPACITY);
    }

    /** Leaves room for a record's header; answers where the record starts. */
    int begin() {
        int start = count;
        write(NO_HEADER, 0, HEADER);
        return start;
    }

    /** Fills in the header of the record begun at {@code start}, or drops it when it has no entries. */
    void end(int start, int entries) {
        if (entries == 0) {
            count = start;
            return;
        }
        ByteBuffer.wrap(buf).putInt(start, entries);
    }

    /** Empties the buffer, and lets a large record's memory go. */
    void clear() {
        count = 0;
        if (buf.length > KEPT_CAPACITY) {
            buf = new byte[KEPT_CAPACITY];
        }
    }

    /** The framed records, without a copy: valid until the next {@link #clear()}. */
    ByteBuffer contents() {
        return ByteBuffer.wrap(buf, 0, count);
    }
}
