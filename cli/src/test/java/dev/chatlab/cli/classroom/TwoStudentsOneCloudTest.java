package dev.chatlab.cli.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.cli.LabCli;
import dev.chatlab.cli.mistakes.MistakeLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Issue 13's class in one account: two students' labs, two clones' state and two prefixes, in
 * ONE localcloud. The first is the test JVM's shared lab; the second's prefix is the first's
 * with "-b" after it, so that any teardown or check that matched names by a prefix ("everything
 * that starts with chat-ab-") would take the first lab's resources for its own. Both complete
 * the lab and both chats work; the second's teardown leaves the first's lab passing every check.
 * The second clone needs no control token: its commands find the running cloud by its health
 * endpoint, and only {@code cloud stop} proves itself with the token.
 */
class TwoStudentsOneCloudTest {

    @Test
    void twoPrefixesInOneCloud_bothChatsWork_andOnesTeardownLeavesTheOthersLabIntact() throws IOException {
        MistakeLab first = MistakeLab.shared();
        String firstPrefix = first.lab().names().prefix();
        String secondPrefix = firstPrefix + "-b";
        Path secondState = Files.createTempDirectory("second-student");
        List<String> second = new ArrayList<>(first.cloudOptions());
        second.addAll(List.of("--state-dir", secondState.toString(), "--prefix", secondPrefix, "--lang", "en"));

        assertEquals(0, run("up", second), "the second student's lab builds beside the first");
        assertEquals(0, run("check", second, "8"), "the second student's chat works");
        assertEquals(0, first.lab("check", "8"), "the first student's chat still works");
        List<String> tables = first.lab().client(DynamoDbClient.builder()).listTables().tableNames();
        assertTrue(tables.containsAll(List.of(firstPrefix + "-ChatUsers", secondPrefix + "-ChatUsers")), tables.toString());

        assertEquals(0, run("teardown", second, "-y"), "the second student's teardown deletes their lab and finds nothing of it left");
        List<String> functions = first.lab().client(LambdaClient.builder()).listFunctions().functions().stream().map(f -> f.functionName()).toList();
        assertFalse(functions.stream().anyMatch(f -> f.startsWith(secondPrefix + "-")), functions.toString());
        assertTrue(functions.containsAll(first.lab().names().functions()), functions.toString());
        assertEquals(0, first.lab("check", "--all"), "the first student's lab passes every check after the other's teardown");
    }

    private static int run(String command, List<String> options, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        all.addAll(options);
        return LabCli.execute(all.toArray(String[]::new));
    }
}
