package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The TODO an exercise stops at, in a script (thrown) and in a template it deploys (a comment line). */
class TodoTest {

    @Test
    void missing_carriesTheStepAndTheTaskInBothLanguages() {
        Todo todo = Todo.missing("step1", "Create the bucket.", "버킷을 만드세요.");
        assertEquals("step1", todo.step());
        assertEquals(Text.of("Create the bucket.", "버킷을 만드세요."), todo.task());
        assertEquals("Create the bucket.", todo.getMessage());
    }

    @Test
    void missing_withoutKorean_showsTheEnglishTaskInBoth() {
        assertEquals(Text.of("Create the bucket.", "Create the bucket."), Todo.missing("step1", "Create the bucket.").task());
    }

    @Test
    void requireDone_findsTheUnfinishedLineTheGeneratorWrote_withItsKoreanText() {
        String template = "Resources:\n  " + Todo.unfinishedLine("step9", "Declare the table.", "테이블을 선언하세요.")
                + "\n  Bucket:\n    Type: AWS::S3::Bucket\n";
        Todo todo = assertThrows(Todo.class, () -> Todo.requireDone(template));
        assertEquals("step9", todo.step());
        assertEquals(Text.of("Declare the table.", "테이블을 선언하세요."), todo.task());
    }

    @Test
    void requireDone_lineWithoutKorean_usesTheEnglishForBoth() {
        Todo todo = assertThrows(Todo.class,
                () -> Todo.requireDone("    " + Todo.unfinishedLine("step9", "Declare the table.", null)));
        assertEquals(Text.of("Declare the table.", "Declare the table."), todo.task());
    }

    @Test
    void requireDone_finishedTemplate_passes() {
        Todo.requireDone("Resources:\n  # TODO(step9) was here, and is done\n  Bucket:\n    Type: AWS::S3::Bucket\n");
    }
}
