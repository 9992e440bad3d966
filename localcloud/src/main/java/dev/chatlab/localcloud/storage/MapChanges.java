package dev.chatlab.localcloud.storage;

import org.h2.mvstore.MVMap;

/** What a {@link WriteRecordingMap} reports, right after the change is made in memory. */
interface MapChanges {

    /** The entry {@code key} of {@code map} was put, replaced or removed. */
    void changed(MVMap<?, ?> map, Object key);

    /** Every entry of {@code map} was removed. */
    void cleared(MVMap<?, ?> map);

    MapChanges NONE = new MapChanges() {
        @Override
        public void changed(MVMap<?, ?> map, Object key) {
        }

        @Override
        public void cleared(MVMap<?, ?> map) {
        }
    };
}
