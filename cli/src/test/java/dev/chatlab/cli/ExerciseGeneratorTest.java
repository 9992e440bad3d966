package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.labkit.Lang;
import dev.chatlab.labkit.Todo;
import org.junit.jupiter.api.Test;

class ExerciseGeneratorTest {

    @Test
    void exerciseOf_replacesTheRegionWithATodoThatNamesTheStepAndKeepsTheHint() {
        String solution = """
                import dev.chatlab.labkit.Todo;
                class A {
                    static void unblock(S3Client s3) {
                        // TODO(step1): Turn off the four settings. Look up
                        //   PutPublicAccessBlockRequest.
                        // BEGIN SOLUTION
                        s3.putPublicAccessBlock(x);
                        // END SOLUTION
                    }
                }""";
        String exercise = ExerciseGenerator.exerciseOf(solution, "A.java");
        assertTrue(exercise.contains("// TODO(step1): Turn off the four settings. Look up"), exercise);
        assertTrue(exercise.contains("//   PutPublicAccessBlockRequest."), exercise);
        assertTrue(exercise.contains("throw Todo.missing(\"step1\", \"Turn off the four settings.\");"), exercise);
        assertTrue(!exercise.contains("putPublicAccessBlock") && !exercise.contains("SOLUTION"), exercise);
    }

    @Test
    void exerciseOf_koreanTodo_isKeptAndItsFirstSentenceIsTheKoreanMessage() {
        String solution = """
                import dev.chatlab.labkit.Todo;
                class A {
                    static void unblock(S3Client s3) {
                        // TODO(step1): Turn off the four settings. Look up
                        //   PutPublicAccessBlockRequest.
                        // TODO-ko: 네 가지 설정을 모두 끄세요. 찾아볼 것:
                        //   PutPublicAccessBlockRequest.
                        // BEGIN SOLUTION
                        s3.putPublicAccessBlock(x);
                        // END SOLUTION
                    }
                }""";
        String exercise = ExerciseGenerator.exerciseOf(solution, "A.java");
        assertTrue(exercise.contains("// TODO-ko: 네 가지 설정을 모두 끄세요. 찾아볼 것:"), exercise);
        assertTrue(exercise.contains("throw Todo.missing(\"step1\", \"Turn off the four settings.\", \"네 가지 설정을 모두 끄세요.\");"), exercise);
    }

    @Test
    void exerciseOf_regionThatDoesNotEndItsMethod_isRefused() {
        String solution = """
                    void f() {
                        // TODO(step1): Do it.
                        // BEGIN SOLUTION
                        x();
                        // END SOLUTION
                        y();
                    }""";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.exerciseOf(solution, "A.java"));
        assertTrue(error.getMessage().contains("must end its method body"), error.getMessage());
    }

    @Test
    void exerciseOf_regionWithoutTodoComment_isRefused() {
        String solution = """
                    void f() {
                        // BEGIN SOLUTION
                        x();
                        // END SOLUTION
                    }""";
        assertThrows(IllegalArgumentException.class, () -> ExerciseGenerator.exerciseOf(solution, "A.java"));
    }

    @Test
    void exerciseOf_todoTextWithQuotes_isAValidJavaString() {
        String solution = """
                    import dev.chatlab.labkit.Todo;
                    void f() {
                        // TODO(step2): Use "*" as the principal.
                        // BEGIN SOLUTION
                        x();
                        // END SOLUTION
                    }""";
        assertTrue(ExerciseGenerator.exerciseOf(solution, "A.java").contains("\"Use \\\"*\\\" as the principal.\""));
    }

    @Test
    void exerciseOf_codeWithoutLabkit_throwsUnsupportedOperationNamingTheTodo() {
        String handler = """
                    void save() {
                        // TODO(step6): Put the item.
                        // BEGIN SOLUTION
                        dynamo.putItem(x);
                        // END SOLUTION
                    }""";
        assertTrue(ExerciseGenerator.exerciseOf(handler, "H.java")
                .contains("throw new UnsupportedOperationException(\"TODO(step6): Put the item.\");"));
    }

    @Test
    void fileWithoutRegions_isCopiedUnchanged() {
        String source = "class B {\n    void f() {}\n}\n";
        assertEquals(source, ExerciseGenerator.exerciseOf(source, "B.java"));
    }

    /** Step 9's template: a region becomes one comment the step finds before deploying, and the file stays YAML. */
    @Test
    void yamlRegion_becomesAnUnfinishedTodoComment_thatTheStepThrowsAsItsTodo() {
        String solution = String.join("\n",
                "Resources:",
                "  Table:",
                "    Properties:",
                "      # TODO(step9): Declare the keys. Both are strings.",
                "      #   See AWS::DynamoDB::Table.",
                "      # TODO-ko: 키를 선언하세요. 둘 다 문자열입니다.",
                "      # BEGIN SOLUTION",
                "      KeySchema:",
                "        - {AttributeName: roomId, KeyType: HASH}",
                "      # END SOLUTION",
                "  Other: {}");
        String exercise = ExerciseGenerator.exerciseOf(solution, "template.yaml");
        assertTrue(exercise.contains("      # UNFINISHED TODO(step9): Declare the keys."), exercise);
        assertTrue(!exercise.contains("KeySchema") && exercise.endsWith("  Other: {}"), exercise);
        Todo todo = assertThrows(Todo.class, () -> Todo.requireDone(exercise));
        assertEquals("step9", todo.step());
        assertEquals("키를 선언하세요.", todo.task().in(Lang.KO));
        Todo.requireDone(solution);
    }
}
