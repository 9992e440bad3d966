package dev.chatlab.localcloud.protocol.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** X-Amz-Date read by hand in its common form must name the instant the formatter reads, and refuse what it refuses. */
class SignedRequestDateTest {

    @ParameterizedTest
    @ValueSource(strings = {"20261207T045500Z", "20240229T235959Z", "20261231T000000Z", "20260131T120000Z", "00010101T000000Z",
        "20260228T010203Z", "20260230T010203Z", "20250229T000000Z", "20261207T240000Z"})
    void parseAmzDate_namesTheInstantTheFormatterReads(String amzDate) {
        Instant expected;
        try {
            expected = Instant.from(SignedRequest.AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException refused) {
            assertThrows(DateTimeParseException.class, () -> SignedRequest.parseAmzDate(amzDate));
            return;
        }
        assertEquals(expected, SignedRequest.parseAmzDate(amzDate));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20261307T000000Z", "20261200T000000Z", "20261207T006000Z", "20261207T000060Z", "2026120T0000000Z",
        "20261207 000000Z", "20261207T000000", "2026-12-07T00:00:00Z", "", "2O261207T000000Z", "+2026120T000000Z"})
    void parseAmzDate_refusesWhatTheFormatterRefuses(String amzDate) {
        assertThrows(DateTimeParseException.class, () -> SignedRequest.AMZ_DATE.parse(amzDate));
        assertThrows(DateTimeParseException.class, () -> SignedRequest.parseAmzDate(amzDate));
    }
}
