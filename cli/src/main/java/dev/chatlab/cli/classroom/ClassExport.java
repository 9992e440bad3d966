package dev.chatlab.cli.classroom;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import dev.chatlab.cli.GradeReport;
import dev.chatlab.cli.classroom.ClassView.StepColumn;
import dev.chatlab.cli.classroom.ClassView.StepEntry;
import dev.chatlab.cli.classroom.ClassView.StudentRow;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.StepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The class written as files for grading and spreadsheets: {@code class.json} (the class as
 * the server shows it), {@code class.csv} (one line per student and step, "not yet" included)
 * and {@code class-junit.xml} (each student's checks, as {@code lab check --all --junit} writes one).
 */
record ClassExport(ClassView view) {

    static final String JSON_FILE = "class.json";
    static final String CSV_FILE = "class.csv";
    static final String JUNIT_FILE = "class-junit.xml";

    @JsonPropertyOrder({"student", "step", "title", "outcome", "passed", "failed", "skipped", "failingChecks", "hints",
            "message", "receivedAt", "target", "prefix", "kit"})
    record CsvRow(String student, int step, String title, String outcome, Integer passed, Integer failed, Integer skipped,
                  String failingChecks, String hints, String message, String receivedAt, String target, String prefix, String kit) {
    }

    List<Path> writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve(JSON_FILE);
        ClassJson.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), view);
        Path csv = directory.resolve(CSV_FILE);
        CsvMapper mapper = new CsvMapper();
        mapper.writer(mapper.schemaFor(CsvRow.class).withHeader()).writeValues(csv.toFile()).writeAll(rows()).close();
        Path junit = directory.resolve(JUNIT_FILE);
        Map<String, List<StepReport>> byStudent = new LinkedHashMap<>();
        for (StudentRow student : view.students()) {
            byStudent.put(student.name(), student.steps().values().stream().map(StepEntry::report).toList());
        }
        GradeReport.writeJUnit(junit, byStudent);
        return List.of(json, csv, junit);
    }

    List<CsvRow> rows() {
        List<CsvRow> rows = new ArrayList<>();
        for (StudentRow student : view.students()) {
            for (StepColumn column : view.steps()) {
                StepEntry entry = student.steps().get(column.number());
                rows.add(entry == null ? notYet(student, column) : row(student, entry));
            }
        }
        return rows;
    }

    private static CsvRow notYet(StudentRow student, StepColumn column) {
        return new CsvRow(cell(student.name()), column.number(), cell(column.title()), "not yet", null, null, null,
                "", "", "", "", "", "", "");
    }

    private static CsvRow row(StudentRow student, StepEntry entry) {
        StepReport report = entry.report();
        List<CheckResult> failing = report.results().stream().filter(CheckResult::failed).toList();
        return new CsvRow(cell(student.name()), report.step(), cell(report.title()), report.outcome(),
                count(report, CheckResult.Status.PASS), count(report, CheckResult.Status.FAIL), count(report, CheckResult.Status.SKIP),
                cell(failing.stream().map(CheckResult::name).collect(Collectors.joining("; "))),
                cell(failing.stream().map(CheckResult::detail).collect(Collectors.joining("; "))),
                cell(report.message()), entry.receivedAt(), report.target(), report.prefix(), entry.kit());
    }

    private static int count(StepReport report, CheckResult.Status status) {
        return (int) report.results().stream().filter(result -> result.status() == status).count();
    }

    /**
     * A student's text as a spreadsheet cell that stays text: one starting with = + - @ would
     * be run as a formula when the instructor opens the file ("CSV injection"), so it gets a
     * leading apostrophe, which spreadsheets show as the text itself.
     */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
