package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void in_answersTheReadersLanguage() {
        Text text = Text.of("bucket exists", "버킷이 있음");
        assertEquals("bucket exists", text.in(Lang.EN));
        assertEquals("버킷이 있음", text.in(Lang.KO));
    }

    @Test
    void with_fillsThePlaceholdersOfBothLanguages() {
        assertEquals(Text.of("bucket b1 exists", "버킷이 있음: b1"),
                Text.of("bucket %s exists", "버킷이 있음: %s").with("b1"));
    }

    @Test
    void format_fillsTheOneLanguageAsked() {
        assertEquals("3 MB", Text.of("%d MB", "%d MB").format(Lang.EN, 3));
    }
}
