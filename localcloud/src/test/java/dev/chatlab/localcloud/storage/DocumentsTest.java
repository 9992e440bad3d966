package dev.chatlab.localcloud.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentsTest {

    record Thing(String name, int size, List<String> tags) {
    }

    @TempDir
    Path directory;

    @Test
    void putAndGet_answerTheDocumentAsStored() {
        try (Storage storage = Storage.inMemory()) {
            Documents<Thing> things = storage.documents("test.things", Thing.class);
            things.put("a", new Thing("a", 1, List.of("x")));
            assertEquals(Optional.of(new Thing("a", 1, List.of("x"))), things.get("a"));
            assertEquals(Optional.empty(), things.get("b"));
            assertTrue(things.contains("a"));
            assertTrue(things.remove("a"));
            assertFalse(things.remove("a"));
            assertEquals(Optional.empty(), things.get("a"));
        }
    }

    @Test
    void get_parsesEachStoredTextOnce() {
        try (Storage storage = Storage.inMemory()) {
            AtomicInteger parses = new AtomicInteger();
            Documents<String> texts = new Documents<>(storage.map("test.texts"), text -> {
                parses.incrementAndGet();
                return new String(text);
            }, value -> value);
            texts.put("a", "one");
            String first = texts.get("a").orElseThrow();
            assertSame(first, texts.get("a").orElseThrow());
            assertEquals(1, parses.get());

            texts.put("a", "two");
            assertEquals("two", texts.get("a").orElseThrow());
            assertEquals(2, parses.get());
        }
    }

    @Test
    void get_neverAnswersStale_whenTheMapIsWrittenAnotherWay() {
        try (Storage storage = Storage.inMemory()) {
            Documents<Thing> things = storage.documents("test.things", Thing.class);
            things.put("a", new Thing("a", 1, List.of()));
            assertEquals(1, things.get("a").orElseThrow().size());
            storage.<String, String>map("test.things").put("a", "{\"name\":\"a\",\"size\":2,\"tags\":[]}");
            assertEquals(2, things.get("a").orElseThrow().size());
        }
    }

    @Test
    void valuesAndKeys_areInKeyOrder_fromAKey() {
        try (Storage storage = Storage.inMemory()) {
            Documents<Thing> things = storage.documents("test.things", Thing.class);
            for (String name : List.of("c", "a", "b")) {
                things.put(name, new Thing(name, 0, List.of()));
            }
            assertEquals(List.of("a", "b", "c"), things.values().map(Thing::name).toList());
            assertEquals(List.of("b", "c"), things.keys("b").toList());
            assertEquals(3, things.size());
        }
    }

    @Test
    void removeIf_removesWhatTheTestHoldsFor() {
        try (Storage storage = Storage.inMemory()) {
            Documents<Thing> things = storage.documents("test.things", Thing.class);
            for (int size = 1; size <= 4; size++) {
                things.put("t" + size, new Thing("t" + size, size, List.of()));
            }
            things.removeIf(thing -> thing.size() % 2 == 0);
            assertEquals(List.of("t1", "t3"), things.keys(null).toList());
        }
    }

    @Test
    void prefixes_selectAndRemoveOnlyTheirKeys() {
        try (Storage storage = Storage.inMemory()) {
            Documents<Thing> things = storage.documents("test.things", Thing.class);
            for (String key : List.of("a/1", "a/2", "ab/1", "b/1")) {
                things.put(key, new Thing(key, 0, List.of()));
            }
            assertEquals(List.of("a/1", "a/2"), things.valuesStartingWith("a/").map(Thing::name).toList());
            things.removeStartingWith("a/");
            assertEquals(List.of("ab/1", "b/1"), things.keys(null).toList());
        }
    }

    static final class Box {
        public String label;
        public List<String> items = new ArrayList<>();
    }

    @Test
    void copy_isTheCallersOwn_andChangesNothingUntilPut() {
        try (Storage storage = Storage.inMemory()) {
            Documents<Box> boxes = storage.documents("test.boxes", Box.class);
            Box box = new Box();
            box.label = "first";
            boxes.put("b", box);
            Box shared = boxes.get("b").orElseThrow();

            Box mine = boxes.copy("b").orElseThrow();
            mine.label = "changed";
            mine.items.add("x");
            assertNotSame(shared, mine);
            assertEquals("first", boxes.get("b").orElseThrow().label);
            assertEquals(List.of(), shared.items);

            boxes.put("b", mine);
            assertEquals("changed", boxes.get("b").orElseThrow().label);
            assertEquals("first", shared.label);
        }
    }

    @Test
    void update_storesWhatTheChangeAnswers_andIsEmptyWithoutADocument() {
        try (Storage storage = Storage.inMemory()) {
            Documents<Box> boxes = storage.documents("test.boxes", Box.class);
            boxes.put("b", new Box());
            Box updated = boxes.update("b", box -> {
                box.items.add("y");
                return box;
            }).orElseThrow();
            assertEquals(List.of("y"), updated.items);
            assertEquals(List.of("y"), boxes.get("b").orElseThrow().items);
            assertEquals(Optional.empty(), boxes.update("none", box -> box));
            assertFalse(boxes.contains("none"));
        }
    }

    @Test
    void documents_surviveARestart() {
        try (Storage storage = Storage.open(directory)) {
            storage.documents("test.things", Thing.class).put("a", new Thing("a", 7, List.of("t")));
            storage.awaitDurable();
        }
        try (Storage storage = Storage.open(directory)) {
            assertEquals(Optional.of(new Thing("a", 7, List.of("t"))), storage.documents("test.things", Thing.class).get("a"));
        }
    }
}
