package dev.chatlab.cli.classroom;

import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.StepReport;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a report to the class server may hold. The server {@link #validate}s every report
 * against these bounds (a room of students is untrusted input); the student's side
 * {@link #fit}s its reports into them first, so that a real report is never refused.
 */
final class ReportRules {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_NAME = 40;
    static final int MAX_REPORTS = 12;
    static final int MAX_RESULTS = 60;
    static final int MAX_TITLE = 120;
    static final int MAX_CHECK_NAME = 200;
    static final int MAX_TEXT = 1000;
    static final int MIN_STEP = 1;
    static final int MAX_STEP = 9;
    static final Set<String> OUTCOMES = Set.of("passed", "failed", "todo", "error");

    private static final Pattern STUDENT_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern KIT_VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,32}");
    private static final Pattern TARGET = Pattern.compile("[a-z]{1,16}");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9-]{0,64}");

    private ReportRules() {
    }

    /** Throws a 400 naming the first field out of bounds. */
    static void validate(ClassReport report) {
        name(report.name());
        student(report.student());
        if (report.kit() == null || !KIT_VERSION.matcher(report.kit()).matches()) {
            throw ClassServerError.badReport("kit must be a version of 1-32 characters");
        }
        if (report.reports() == null || report.reports().isEmpty() || report.reports().size() > MAX_REPORTS) {
            throw ClassServerError.badReport("reports must hold 1-" + MAX_REPORTS + " step reports");
        }
        report.reports().forEach(ReportRules::validate);
    }

    /** The random id {@code lab class join} made up: 16-64 letters, digits, '-' or '_'. */
    static void student(String id) {
        if (id == null || !STUDENT_ID.matcher(id).matches()) {
            throw ClassServerError.badReport("student must be 16-64 letters, digits, '-' or '_'");
        }
    }

    private static void validate(StepReport step) {
        if (step == null) {
            throw ClassServerError.badReport("a step report is null");
        }
        if (step.step() < MIN_STEP || step.step() > MAX_STEP) {
            throw ClassServerError.badReport("step must be " + MIN_STEP + "-" + MAX_STEP + ", not " + step.step());
        }
        if (step.outcome() == null || !OUTCOMES.contains(step.outcome())) {
            throw ClassServerError.badReport("outcome must be one of " + OUTCOMES);
        }
        text("title", step.title(), MAX_TITLE);
        text("message", step.message(), MAX_TEXT);
        if (step.target() == null || !TARGET.matcher(step.target()).matches()) {
            throw ClassServerError.badReport("target must be 1-16 lower-case letters");
        }
        if (step.prefix() == null || !PREFIX.matcher(step.prefix()).matches()) {
            throw ClassServerError.badReport("prefix must be up to 64 lower-case letters, digits and '-'");
        }
        if (step.results() == null || step.results().size() > MAX_RESULTS) {
            throw ClassServerError.badReport("results must hold at most " + MAX_RESULTS + " checks");
        }
        for (CheckResult result : step.results()) {
            if (result == null || result.status() == null) {
                throw ClassServerError.badReport("every check needs a status (PASS, FAIL or SKIP)");
            }
            text("a check's name", result.name(), MAX_CHECK_NAME);
            text("a check's detail", result.detail(), MAX_TEXT);
        }
    }

    /**
     * A student's name as the grid shows it: 1-40 characters after trimming, no control or
     * formatting characters (a right-to-left override would turn the names after it around).
     */
    static String name(String name) {
        String trimmed = name == null ? "" : Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw ClassServerError.badReport("name must be 1-" + MAX_NAME + " characters");
        }
        if (trimmed.codePoints().anyMatch(ReportRules::isInvisible)) {
            throw ClassServerError.badReport("name must not hold control or formatting characters");
        }
        return trimmed;
    }

    /** The key of a name: two students whose names differ only in case are one row. */
    static String key(String name) {
        return name(name).toLowerCase(Locale.ROOT);
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.length() > max) {
            throw ClassServerError.badReport(field + " must be a text of at most " + max + " characters");
        }
        if (value.codePoints().anyMatch(c -> isInvisible(c) && c != '\n' && c != '\t')) {
            throw ClassServerError.badReport(field + " must not hold control or formatting characters");
        }
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * The report as the student's side sends it: what a passed check saw is left out (it can
     * hold what a resource contains); hints, reasons and names are cut to the bounds, and
     * control characters become spaces. Hints are cut shorter, then checks left out, until the
     * whole request fits in {@link #MAX_BODY_BYTES} (Korean takes three bytes a character).
     */
    static ClassReport fit(String name, String student, String kit, List<StepReport> reports) {
        ClassReport fitted = null;
        for (int detail : new int[] {MAX_TEXT, 300, 80, 0, -1}) {
            fitted = new ClassReport(name, student, kit, reports.stream().limit(MAX_REPORTS).map(step -> fit(step, detail)).toList());
            if (ClassJson.write(fitted).getBytes(StandardCharsets.UTF_8).length <= MAX_BODY_BYTES) {
                break;
            }
        }
        return fitted;
    }

    /** @param detail how long a hint may be; -1: no checks at all, only the outcome and message */
    private static StepReport fit(StepReport step, int detail) {
        List<CheckResult> results = step.results() == null || detail < 0 ? List.of() : step.results().stream().limit(MAX_RESULTS)
                .map(r -> new CheckResult(cut(r.name(), MAX_CHECK_NAME), r.status(),
                        r.status() == CheckResult.Status.PASS ? "" : cut(r.detail(), detail)))
                .toList();
        return new StepReport(step.step(), cut(step.title(), MAX_TITLE), step.target(), step.prefix(), step.outcome(),
                cut(step.message(), MAX_TEXT), results);
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder();
        text.codePoints().forEach(c -> clean.appendCodePoint(isInvisible(c) && c != '\n' && c != '\t' ? ' ' : c));
        if (clean.length() <= max) {
            return clean.toString();
        }
        if (max <= 1) {
            return "";
        }
        int end = max - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + "…";
    }
}
