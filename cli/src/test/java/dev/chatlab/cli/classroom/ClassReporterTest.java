package dev.chatlab.cli.classroom;

import static dev.chatlab.cli.classroom.RunningClass.failed;
import static dev.chatlab.cli.classroom.RunningClass.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.cli.LabCli;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Lang;
import dev.chatlab.labkit.StepReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A student's side: joining a class, and what their commands send to it, also when the class server is down or hangs. */
class ClassReporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The budget of the tests whose subject is what reaches the class, not how soon: on a loaded
     * test machine the class server may answer later than a student's {@value ClassReporter#BUDGET_MILLIS} ms.
     */
    private static final Duration PATIENT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @TempDir
    Path lab;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final Console console = new Console(new PrintStream(printed, true, StandardCharsets.UTF_8), false, Lang.EN);

    @Test
    void join_thenReports_showInTheClass_andWhatAPassedCheckSawIsNotSent() throws IOException {
        try (RunningClass running = RunningClass.start(directory)) {
            assertEquals(0, join(running.uri().toString(), running.code(), "Minsu"));
            Path remembered = ClassMembership.file(lab);
            assertTrue(Files.exists(remembered));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(remembered)), "the file holds the class code");
            assertEquals(List.of("Minsu"), running.store.students().stream().map(ClassView.StudentRow::name).toList());

            StepReport seen = new StepReport(2, "Step 2", "local", "chat-abc123", "failed", "", List.of(
                    new CheckResult("the policy", CheckResult.Status.PASS, "{\"Statement\":[...the bucket's policy...]}"),
                    new CheckResult("the page", CheckResult.Status.FAIL, "upload index.html with Content-Type text/html")));
            ClassReporter.of(lab, console, PATIENT).send(List.of(passed(1), seen));

            ClassView.StudentRow minsu = running.store.students().get(0);
            assertEquals("passed", minsu.steps().get(1).report().outcome());
            List<CheckResult> results = minsu.steps().get(2).report().results();
            assertEquals("", results.get(0).detail());
            assertEquals("upload index.html with Content-Type text/html", results.get(1).detail());
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("sent to the class"), printed.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void checkAllWithLongKoreanHints_isCutToFit_andTheClassTakesIt() {
        List<StepReport> steps = new ArrayList<>();
        for (int step = 1; step <= 9; step++) {
            steps.add(new StepReport(step, "단계 " + step, "aws", "chat-abc123", "failed", "", Collections.nCopies(
                    ReportRules.MAX_RESULTS, new CheckResult("버킷 정책이 모든 파일을 읽게 함", CheckResult.Status.FAIL, "힌트".repeat(500)))));
        }
        try (RunningClass running = RunningClass.start(directory)) {
            assertEquals(0, join(running.uri().toString(), running.code(), "민수"));
            ClassReporter.of(lab, console, PATIENT).send(steps);
            ClassView.StudentRow minsu = running.store.students().get(0);
            assertEquals(9, minsu.steps().size(), printed.toString(StandardCharsets.UTF_8));
            String hint = minsu.steps().get(9).report().results().isEmpty() ? "" : minsu.steps().get(9).report().results().get(0).detail();
            assertTrue(hint.length() < 1000, "hints were cut to fit 64 KB: " + hint.length());
        }
    }

    @Test
    void join_withAWrongCode_saysSo_andRemembersNothing() {
        try (RunningClass running = RunningClass.start(directory)) {
            String out = output(() -> assertEquals(2, join(running.uri().toString(), "WRONG-CODE", "Minsu")));
            assertTrue(out.contains("class code is not right"), out);
            assertFalse(Files.exists(ClassMembership.file(lab)));
        }
    }

    @Test
    void join_withANameAnotherStudentHas_isRefused_theSameStudentMayJoinAgain() {
        try (RunningClass running = RunningClass.start(directory)) {
            running.post("api/join", "{\"name\":\"minsu\",\"student\":\"someone-else-0123456789\"}", RequestGuard.CODE_HEADER, running.code());
            String out = output(() -> assertEquals(2, join(running.uri().toString(), running.code(), "Minsu")));
            assertTrue(out.contains("join with another --name"), out);
            assertEquals(0, join(running.uri().toString(), running.code(), "Jiwoo"));
            assertEquals(0, join(running.uri().toString(), running.code(), "Jiwoo"), "joining again keeps the id the name was taken with");
        }
    }

    @Test
    void join_toAServerThatIsDown_saysWhatToCheck() throws IOException {
        int port = closedPort();
        String out = output(() -> assertEquals(2, join("http://127.0.0.1:" + port, "TEST-CODE", "Minsu")));
        assertTrue(out.contains("Cannot reach the class server"), out);
        String notAnAddress = output(() -> assertEquals(2, join("192.168.0.10:8088", "TEST-CODE", "Minsu")));
        assertTrue(notAnAddress.contains("is not the address of a class server"), notAnAddress);
    }

    @Test
    void aServerThatIsDown_costsAtMostHalfASecond() throws IOException {
        joinedTo(URI.create("http://127.0.0.1:" + closedPort() + "/"));
        long millis = timeToSend();
        assertTrue(millis < ClassReporter.BUDGET_MILLIS + 150, millis + " ms");
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("this result was not sent"), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aServerThatAcceptsAndNeverAnswers_costsAtMostHalfASecond() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread accepting = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // and never a byte back
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            joinedTo(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"));
            long millis = timeToSend();
            assertTrue(millis < ClassReporter.BUDGET_MILLIS + 150, millis + " ms");
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("did not answer within 500 ms"), printed.toString(StandardCharsets.UTF_8));
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void whatIsSent_isTheNameAndTheReports_withoutCredentialsOrCookies() throws IOException {
        try (ServerSocket capture = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> requests = new ArrayList<>();
            Thread answering = new Thread(() -> requests.add(answerOnce(capture)));
            answering.start();
            joinedTo(URI.create("http://127.0.0.1:" + capture.getLocalPort() + "/"));
            ClassReporter.of(lab, console, PATIENT).send(List.of(failed(1, "the bucket exists", "run step 1")));
            try {
                answering.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String request = requests.get(0);
            String headers = request.substring(0, request.indexOf("\r\n\r\n")).toLowerCase();
            assertFalse(headers.contains("authorization") || headers.contains("cookie") || headers.contains("x-amz"), headers);
            JsonNode body = JSON.readTree(request.substring(request.indexOf("\r\n\r\n") + 4));
            assertEquals(Set.of("name", "student", "kit", "reports"), fieldNames(body));
            assertEquals(Set.of("step", "title", "target", "prefix", "outcome", "message", "results"), fieldNames(body.get("reports").get(0)));
            assertEquals(Set.of("name", "status", "detail"), fieldNames(body.get("reports").get(0).get("results").get(0)));
        }
    }

    @Test
    void reporting_runsTheStepWithReportJson_andSendsWhatItWrote() {
        try (RunningClass running = RunningClass.start(directory)) {
            assertEquals(0, join(running.uri().toString(), running.code(), "Minsu"));
            int exit = ClassReporter.of(lab, console, PATIENT).reporting(extra -> {
                assertEquals("--report-json", extra.get(0));
                try {
                    failed(3, "the record aliases the website", "use the website endpoint's zone id").write(Path.of(extra.get(1)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return 1;
            });
            assertEquals(1, exit, "the step's own exit code");
            assertEquals("failed", running.store.students().get(0).steps().get(3).report().outcome());
        }
    }

    @Test
    void withoutAClass_nothingIsAddedToTheStep() {
        int exit = ClassReporter.of(lab, console).reporting(extra -> {
            assertEquals(List.of(), extra);
            return 3;
        });
        assertEquals(3, exit);
    }

    @Test
    void leave_stopsTheReporting() {
        joinedTo(URI.create("http://127.0.0.1:1/"));
        assertEquals(0, LabCli.execute("class", "leave", "--state-dir", lab.toString(), "--lang", "en"));
        assertFalse(Files.exists(ClassMembership.file(lab)));
    }

    private int join(String url, String code, String name) {
        return LabCli.execute("class", "join", url, "--code", code, "--name", name, "--state-dir", lab.toString(), "--lang", "en");
    }

    private void joinedTo(URI server) {
        try {
            new ClassMembership(server, "TEST-CODE", "Minsu", "minsu-0123456789abcdef").write(lab);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the class costs a command: making its reporter when it starts, sending at its end. */
    private long timeToSend() {
        long start = System.nanoTime();
        ClassReporter reporter = ClassReporter.of(lab, console);
        long made = System.nanoTime();
        assertTrue(made - start < 50_000_000, "making the reporter reads nothing on the command's thread: " + (made - start) / 1_000_000 + " ms");
        reporter.send(List.of(passed(1)));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Reads one HTTP request whole (headers and Content-Length bytes), answers 200, returns what came. */
    private static String answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            int length = -1;
            while (true) {
                request.write(in.read());
                String text = request.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    if (length < 0) {
                        length = Integer.parseInt(text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                                .findFirst().orElse("content-length: 0").substring(15).trim());
                    }
                    if (request.size() >= end + 4 + length) {
                        break;
                    }
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return request.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String output(Runnable command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.run();
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
