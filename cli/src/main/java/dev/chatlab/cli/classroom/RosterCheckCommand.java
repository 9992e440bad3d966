package dev.chatlab.cli.classroom;

import dev.chatlab.cli.Kit;
import dev.chatlab.cli.StepChecks;
import dev.chatlab.cli.StepScript;
import dev.chatlab.cli.classroom.ClassView.StepEntry;
import dev.chatlab.cli.classroom.ClassView.StudentRow;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Errors;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabOptions;
import dev.chatlab.labkit.LabSettings;
import dev.chatlab.labkit.StepReport;
import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * {@code lab class check --roster roster.csv}: every student's checks, read-only, several
 * students at once, written as the class page (one HTML file) with CSV, JSON and JUnit XML.
 * A student whose credentials do not work, or whose cloud cannot be read, is a row of cells
 * that say why, never the end of the run.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check every student of a roster (name,credentials,region,prefix[,endpoint]; credentials: an AWS profile or a role ARN to assume), read-only.")
final class RosterCheckCommand extends ClassSubcommand {

    @Option(names = "--roster", required = true, description = "the class list, CSV: name,credentials,region,prefix[,endpoint]")
    Path roster;

    @Option(names = "--to", defaultValue = "class-check", description = "the folder for class.html, class.csv, class.json, class-junit.xml (default: ${DEFAULT-VALUE})")
    Path to;

    @Option(names = "--parallel", defaultValue = "4", description = "students checked at once (default: ${DEFAULT-VALUE})")
    int parallel;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Roster students;
        try {
            students = Roster.read(roster);
        } catch (IllegalArgumentException | IOException e) {
            console().failure(Text.of("Cannot read the roster: %s", "명단을 읽지 못했습니다: %s"), Errors.describe(e));
            return 2;
        }
        Kit kit = kit();
        List<StepScript> steps = kit.coreStepFolders().stream().map(folder -> StepScript.of(kit, folder)).flatMap(Optional::stream).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, students.students().size())));
        List<StudentRow> rows = new ArrayList<>();
        try {
            List<Future<StudentRow>> running = new ArrayList<>();
            for (Roster.Student student : students.students()) {
                running.add(pool.submit(() -> check(kit, steps, student)));
            }
            for (Future<StudentRow> row : running) {
                rows.add(summarize(row.get()));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        ClassView view = new ClassView(ServeCommand.columns(kit), rows);
        List<Path> written = new ArrayList<>(new ClassExport(view).writeTo(to));
        written.add(0, ClassPageFile.write(view, to, language()));
        console().info(Text.of("Written:", "쓴 파일:"));
        written.forEach(file -> console().plain("    " + file));
        boolean allPassed = rows.stream().allMatch(row -> row.steps().values().stream().allMatch(e -> e.report().outcome().equals("passed")));
        return allPassed ? 0 : 1;
    }

    /** One student: credentials first (one reason for the whole row), then every step's check. */
    private StudentRow check(Kit kit, List<StepScript> steps, Roster.Student student) throws IOException {
        Path state = Files.createTempDirectory("class-check-");
        LabOptions options = new LabOptions();
        options.target = student.endpoint().isEmpty() ? "aws" : "local";
        options.endpoint = student.endpoint().isEmpty() ? null : student.endpoint();
        options.region = student.region();
        options.prefix = student.prefix();
        options.lang = language().name().toLowerCase(Locale.ROOT);
        options.profile = student.assumesRole() ? null : student.credentials();
        String now = Instant.now().toString();
        Map<Integer, StepEntry> entries = new LinkedHashMap<>();
        List<StepReport> reports;
        try (StsClient instructors = student.assumesRole() ? instructorsSts(student) : null;
                StsAssumeRoleCredentialsProvider assumed = instructors == null ? null : assumedRole(instructors, student)) {
            LabSettings settings = LabSettings.resolve(options, kit.root(), state);
            Console quiet = console().printingTo(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            Optional<String> refused = signInProblem(settings, quiet, assumed);
            reports = refused.isPresent() ? unchecked(steps, settings, Text.of("credentials: ", "자격 증명: ").in(language()) + refused.get())
                    : new StepChecks(kit).check(steps, settings, quiet, printing -> new Lab(settings, printing, assumed));
        } catch (RuntimeException e) {
            reports = unchecked(steps, null, Errors.describe(e));
        }
        reports.forEach(report -> entries.put(report.step(), new StepEntry(now, Kit.VERSION, report)));
        return new StudentRow(student.name(), now, entries);
    }

    /** STS signed with the instructor's own credentials (the default chain), in the student's region. */
    private static StsClient instructorsSts(Roster.Student student) {
        return StsClient.builder().region(Region.of(student.region())).credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    }

    /** A role in the student's account, assumed with {@code sts}; closed with the student's check (the client is the caller's to close). */
    private static StsAssumeRoleCredentialsProvider assumedRole(StsClient sts, Roster.Student student) {
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(request -> request.roleArn(student.credentials()).roleSessionName("chatlab-class-check")).build();
    }

    /** What stops these credentials from signing in (an unknown profile, an expired key, a role not assumable), if anything. */
    private static Optional<String> signInProblem(LabSettings settings, Console quiet, AwsCredentialsProvider credentials) {
        try (Lab lab = new Lab(settings, quiet, credentials)) {
            lab.client(StsClient.builder()).getCallerIdentity();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(Errors.describe(e));
        }
    }

    private static List<StepReport> unchecked(List<StepScript> steps, LabSettings settings, String reason) {
        return steps.stream().map(step -> new StepReport(step.number(), step.folder().getFileName().toString(),
                settings == null ? "" : settings.target().id(), settings == null ? "" : settings.prefix(), "error", reason, List.of())).toList();
    }

    private StudentRow summarize(StudentRow row) {
        long passed = row.steps().values().stream().filter(entry -> entry.report().outcome().equals("passed")).count();
        Optional<StepReport> firstProblem = row.steps().values().stream().map(StepEntry::report)
                .filter(report -> !report.outcome().equals("passed")).findFirst();
        if (firstProblem.isEmpty()) {
            console().success(Text.of("%s: all %d steps passed", "%s: %d단계 모두 통과"), row.name(), passed);
        } else {
            console().failure(Text.of("%s: %d of %d steps passed; step %d %s", "%s: %d/%d단계 통과, %d단계 %s"), row.name(), passed,
                    row.steps().size(), firstProblem.get().step(), firstProblem.get().outcome()
                            + (firstProblem.get().message().isEmpty() ? "" : " (" + firstProblem.get().message() + ")"));
        }
        return row;
    }
}
