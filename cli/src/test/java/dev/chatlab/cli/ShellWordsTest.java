package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void split_unixCommandWithQuotedArguments() {
        assertEquals(List.of("/usr/bin/java", "-cp", "/a b/x.jar:/c", "Main", "it's", "--lang", "ko"),
                ShellWords.split("/usr/bin/java -cp '/a b/x.jar:/c' Main 'it'\\''s' --lang ko", true));
    }

    @Test
    void split_windowsPathsKeepTheirBackslashes() {
        assertEquals(List.of("C:\\jdk\\bin\\java.exe", "-classpath", "C:\\Users\\me\\a b.jar", "Main"),
                ShellWords.split("C:\\jdk\\bin\\java.exe -classpath \"C:\\Users\\me\\a b.jar\" Main", false));
    }
}
