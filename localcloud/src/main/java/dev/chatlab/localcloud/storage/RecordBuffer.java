package dev.chatlab.localcloud.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The journal's records that wait for the next flush, framed in place: a length, a CRC-32
 * and the payload (the number of entries, then the entries), so that appending a record
 * copies its bytes once.
 */
final class RecordBuffer extends ByteArrayOutputStream {

    /** Length, checksum, number of entries. */
    static final int HEADER = 12;

    private static final int KEPT_CAPACITY = 64 * 1024;

    final DataOutputStream data = new DataOutputStream(this);

    RecordBuffer() {
        super(KEPT_CAPACITY);
    }

    /** Leaves room for a record's header; answers where the record starts. */
    int begin() {
        int start = count;
        write(new byte[HEADER], 0, HEADER);
        return start;
    }

    /** Fills in the header of the record begun at {@code start}, or drops it when it has no entries. */
    void end(int start, int entries) {
        if (entries == 0) {
            count = start;
            return;
        }
        int payloadLength = count - start - 8;
        ByteBuffer header = ByteBuffer.wrap(buf, start, HEADER);
        header.putInt(start, payloadLength);
        header.putInt(start + 8, entries);
        CRC32 crc = new CRC32();
        crc.update(buf, start + 8, payloadLength);
        header.putInt(start + 4, (int) crc.getValue());
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
