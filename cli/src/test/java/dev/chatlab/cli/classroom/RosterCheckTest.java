package dev.chatlab.cli.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.cli.LabCli;
import dev.chatlab.cli.classroom.ClassView.StudentRow;
import dev.chatlab.cli.mistakes.MistakeLab;
import dev.chatlab.labkit.StepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code lab class check --roster}: three students as an instructor finds them after a class:
 * one finished (the test JVM's shared lab), one who stopped after step 2 (a second prefix in
 * the same localcloud), and one whose AWS profile does not exist. The run must not stop at the
 * third: each student is a row, the third's cells say it is the credentials.
 */
class RosterCheckTest {

    @Test
    void rosterOfThree_goodHalfDoneAndBadCredentials_givesOneRowEach_withTheReasons() throws IOException {
        MistakeLab finished = MistakeLab.shared();
        String endpoint = finished.cloudOptions().get(1);
        String halfPrefix = finished.lab().names().prefix() + "-half";
        Path halfState = Files.createTempDirectory("half-done-student");
        List<String> half = new ArrayList<>(finished.cloudOptions());
        half.addAll(List.of("--state-dir", halfState.toString(), "--prefix", halfPrefix, "--lang", "en"));
        assertEquals(0, run(half, "up", "--to", "2"), "the half-done student's lab: steps 1 and 2");
        try {
            Path roster = Files.createTempFile("roster", ".csv");
            Files.writeString(roster, "name,credentials,region,prefix,endpoint\n"
                    + "\"Ana <b>\",default,ap-northeast-2," + finished.lab().names().prefix() + "," + endpoint + "\n"
                    + "Ben,default,ap-northeast-2," + halfPrefix + "," + endpoint + "\n"
                    + "Cho,chatlab-no-such-profile,ap-northeast-2,chat-cho,\n");
            Path out = Files.createTempDirectory("class-check");

            assertEquals(1, LabCli.execute("class", "check", "--roster", roster.toString(), "--to", out.toString(), "--lang", "en"),
                    "not every student passed: exit 1, after checking all three");

            ClassView view = ClassJson.MAPPER.readValue(out.resolve("class.json").toFile(), ClassView.class);
            Map<String, StudentRow> rows = view.students().stream().collect(Collectors.toMap(StudentRow::name, row -> row));
            assertEquals(List.of("Ana <b>", "Ben", "Cho"), view.students().stream().map(StudentRow::name).toList(), "roster order");
            assertTrue(outcomes(rows.get("Ana <b>")).values().stream().allMatch("passed"::equals),
                    reports(rows.get("Ana <b>")).stream().map(r -> r.step() + " " + r.outcome() + " " + r.message()).toList().toString());
            Map<Integer, String> ben = outcomes(rows.get("Ben"));
            assertEquals("passed", ben.get(1), ben.toString());
            assertEquals("passed", ben.get(2), ben.toString());
            assertEquals("failed", ben.get(3), ben.toString());
            assertTrue(ben.entrySet().stream().filter(e -> e.getKey() > 2).noneMatch(e -> e.getValue().equals("passed")), ben.toString());
            for (StepReport report : reports(rows.get("Cho"))) {
                assertEquals("error", report.outcome());
                assertTrue(report.message().startsWith("credentials: ") && report.message().contains("chatlab-no-such-profile"), report.message());
            }

            String page = Files.readString(out.resolve("class.html"));
            assertTrue(page.contains("Ana &lt;b&gt;") && !page.contains("Ana <b>"), "a name is text on the page");
            assertFalse(page.contains("<script"), "the page runs nothing");
            assertTrue(Files.readString(out.resolve("class.csv")).contains("chatlab-no-such-profile"), "the CSV says why Cho's cells are empty");
            assertTrue(Files.readString(out.resolve("class-junit.xml")).contains("Ben"), "JUnit XML for the dashboard");
        } finally {
            run(half, "teardown", "-y");
        }
    }

    private static Map<Integer, String> outcomes(StudentRow row) {
        return row.steps().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().report().outcome()));
    }

    private static List<StepReport> reports(StudentRow row) {
        return row.steps().values().stream().map(ClassView.StepEntry::report).toList();
    }

    private static int run(List<String> options, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(options);
        return LabCli.execute(all.toArray(String[]::new));
    }
}
