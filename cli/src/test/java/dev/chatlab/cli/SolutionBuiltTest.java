package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.cli.mistakes.MistakeLab;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** What ./lab up built is marked as the solution's, so that a student's own step replaces it. */
class SolutionBuiltTest {

    @Test
    void up_marksEveryStepAsTheSolutions_andRemovingStep7DeletesItsTables_untilItsSolutionRunsAgain() {
        MistakeLab shared = MistakeLab.shared();
        SolutionBuilt marks = new SolutionBuilt(shared.lab());
        for (int step = 1; step <= 8; step++) {
            assertTrue(marks.isMarked(step), "step " + step + " was built by the solution");
        }
        DynamoDbClient dynamo = shared.lab().client(DynamoDbClient.builder());
        String table = shared.lab().names().messagesTable();

        marks.remove(7);

        assertThrows(ResourceNotFoundException.class, () -> dynamo.describeTable(b -> b.tableName(table)));
        assertFalse(marks.isMarked(7));
        assertTrue(marks.isMarked(6), "the other steps keep their marks");
        assertEquals(0, shared.lab("step", "7", "--solution"));
        assertTrue(marks.isMarked(7), "the solution's run marks it again");
        shared.assertPasses(7);
    }
}
