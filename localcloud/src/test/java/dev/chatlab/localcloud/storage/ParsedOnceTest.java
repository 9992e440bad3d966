package dev.chatlab.localcloud.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParsedOnceTest {

    @Test
    void get_parsesEachDistinctTextOnce() {
        AtomicInteger parses = new AtomicInteger();
        ParsedOnce<StringBuilder> cache = new ParsedOnce<>(text -> {
            parses.incrementAndGet();
            return new StringBuilder(text);
        });
        StringBuilder first = cache.get("one");
        assertSame(first, cache.get(new String("one")));
        assertEquals(1, parses.get());
        assertEquals("two", cache.get("two").toString());
        assertEquals(2, parses.get());
    }

    @Test
    void get_pastTheLimit_startsAgain_andStillAnswers() {
        ParsedOnce<Integer> lengths = new ParsedOnce<>(String::length);
        for (int i = 0; i < ParsedOnce.LIMIT; i++) {
            lengths.get("text " + i);
        }
        assertEquals(ParsedOnce.LIMIT, lengths.size());
        assertEquals(8, lengths.get("one more"));
        assertEquals(1, lengths.size());
    }

    @Test
    void get_whenTheParserFails_keepsNothing() {
        AtomicInteger parses = new AtomicInteger();
        ParsedOnce<Integer> numbers = new ParsedOnce<>(text -> {
            parses.incrementAndGet();
            return Integer.parseInt(text);
        });
        assertThrows(NumberFormatException.class, () -> numbers.get("x"));
        assertThrows(NumberFormatException.class, () -> numbers.get("x"));
        assertEquals(2, parses.get());
        assertEquals(0, numbers.size());
    }
}
