package dev.chatlab.localcloud;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a quiet localcloud asks for the collection that gives its heap back. */
class HeapTrimTest {

    private static final long MB = 1 << 20;

    @Test
    void aHeapCommittedFarBeyondItsUse_isWorthACollection_aSnugOneIsNot() {
        assertTrue(HeapTrim.worthTrimming(490 * MB, 45 * MB), "after a peak: 490 MB committed, 45 MB left by the collections");
        assertFalse(HeapTrim.worthTrimming(110 * MB, 45 * MB), "after a full collection shrank it");
    }
}
