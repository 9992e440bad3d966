package dev.chatlab.localcloud.storage;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.h2.mvstore.MVMap;

/**
 * One record of the {@link Journal}: the state, after a change, of the entries it touched,
 * replayed as one unit. An entry holds the value read when the record is made (not the value
 * the change wrote), so that replaying records in their order ends with the newest value
 * even when two threads changed the same key at once.
 *
 * <p>Keys are Strings; values Strings or byte arrays, what localcloud's services store.
 */
final class ChangeRecord {

    private static final byte REMOVED = 0;
    private static final byte STRING = 1;
    private static final byte BYTES = 2;
    private static final byte CLEARED = 3;

    private final DataOutputStream out;
    private int entries;

    /** A record written to {@code out}, which a {@link RecordBuffer} frames. */
    ChangeRecord(DataOutputStream out) {
        this.out = out;
    }

    /** Records that every entry of {@code map} was removed. */
    ChangeRecord cleared(MVMap<?, ?> map) {
        try {
            out.writeByte(CLEARED);
            out.writeUTF(map.getName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries++;
        return this;
    }

    /** Records the entry {@code key} of {@code map} as it is now. */
    ChangeRecord entry(MVMap<?, ?> map, Object key) {
        Object value = map.get(key);
        try {
            out.writeByte(value == null ? REMOVED : value instanceof String ? STRING : kindOf(value));
            out.writeUTF(map.getName());
            writeBytes(((String) key).getBytes(StandardCharsets.UTF_8));
            if (value instanceof String text) {
                writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else if (value != null) {
                writeBytes((byte[]) value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries++;
        return this;
    }

    private static byte kindOf(Object value) {
        if (value instanceof byte[]) {
            return BYTES;
        }
        throw new IllegalArgumentException("the journal keeps String and byte[] values, not " + value.getClass().getName());
    }

    private void writeBytes(byte[] data) throws IOException {
        out.writeInt(data.length);
        out.write(data);
    }

    int entries() {
        return entries;
    }

    /** Applies a batch of records, in order, to the maps {@code maps} opens by name. */
    static void replayBatch(byte[] batch, Function<String, MVMap<?, ?>> maps) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(batch));
        while (in.available() > 0) {
            replay(in, maps);
        }
    }

    /** Applies one record (the number of entries, then the entries). */
    @SuppressWarnings("unchecked")
    private static void replay(DataInputStream in, Function<String, MVMap<?, ?>> maps) throws IOException {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            byte kind = in.readByte();
            MVMap<Object, Object> map = (MVMap<Object, Object>) maps.apply(in.readUTF());
            if (kind == CLEARED) {
                map.clear();
                continue;
            }
            String key = new String(readBytes(in), StandardCharsets.UTF_8);
            switch (kind) {
                case REMOVED -> map.remove(key);
                case STRING -> map.put(key, new String(readBytes(in), StandardCharsets.UTF_8));
                case BYTES -> map.put(key, readBytes(in));
                default -> throw new IOException("unknown entry kind " + kind);
            }
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("entry length " + length + " beyond the record");
        }
        return in.readNBytes(length);
    }
}
