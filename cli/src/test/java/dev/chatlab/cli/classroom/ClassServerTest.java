package dev.chatlab.cli.classroom;

import static dev.chatlab.cli.classroom.RunningClass.failed;
import static dev.chatlab.cli.classroom.RunningClass.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.StepReport;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class server as the lab command and a whole room reach it: over HTTP, with good and bad input. */
class ClassServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MINSU = "minsu-0123456789abcdef";
    private static final String JIWOO = "jiwoo-0123456789abcdef";

    @TempDir
    Path directory;

    RunningClass running;

    @BeforeEach
    void start() {
        running = RunningClass.start(directory);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    ClassView view() throws IOException {
        HttpResponse<String> answer = running.get("api/class");
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readValue(answer.body(), ClassView.class);
    }

    @Test
    void join_thenReport_showsTheStudentsStepsInTheClass() throws IOException {
        HttpResponse<String> joined = running.post("api/join", "{\"name\":\"  Minsu Kim \",\"student\":\"" + MINSU + "\"}",
                RequestGuard.CODE_HEADER, running.code());
        assertEquals(200, joined.statusCode(), joined.body());
        assertEquals("Minsu Kim", view().students().get(0).name());

        assertEquals(200, running.report("Minsu Kim", MINSU, passed(1), failed(2, "the policy lets everyone read", "add s3:GetObject")).statusCode());

        ClassView.StudentRow minsu = view().students().get(0);
        assertEquals("passed", minsu.steps().get(1).report().outcome());
        assertEquals("failed", minsu.steps().get(2).report().outcome());
        assertEquals("add s3:GetObject", minsu.steps().get(2).report().results().get(1).detail());
        assertTrue(minsu.lastReport() != null);
    }

    @Test
    void report_ofAStepAgain_replacesItsLastReport() throws IOException {
        running.report("Minsu", MINSU, failed(1, "the bucket exists", "run step 1"));
        running.report("Minsu", MINSU, passed(1));
        assertEquals("passed", view().students().get(0).steps().get(1).report().outcome());
    }

    @Test
    void report_withAWrongOrNoCode_is401AndChangesNothing() throws IOException {
        String body = ClassJson.write(new ClassReport("Minsu", MINSU, "0.1.0", List.of(passed(1))));
        HttpResponse<String> wrong = running.post("api/reports", body, RequestGuard.CODE_HEADER, "WRONG-CODE");
        HttpResponse<String> none = running.post("api/reports", body);
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("WrongClassCode"), wrong.body());
        assertEquals(401, none.statusCode());
        assertEquals(List.of(), view().students());
    }

    @Test
    void code_isComparedWithoutCaseAndDashes() {
        String body = ClassJson.write(new ClassReport("Minsu", MINSU, "0.1.0", List.of(passed(1))));
        assertEquals(200, running.post("api/reports", body, RequestGuard.CODE_HEADER, "test code").statusCode());
    }

    @Test
    void report_sentByAPageOfAnotherSite_is403() throws IOException {
        String body = ClassJson.write(new ClassReport("Minsu", MINSU, "0.1.0", List.of(passed(1))));
        HttpResponse<String> foreign = running.post("api/reports", body, RequestGuard.CODE_HEADER, running.code(),
                "Origin", "https://evil.example");
        HttpResponse<String> crossSite = running.post("api/reports", body, RequestGuard.CODE_HEADER, running.code(),
                "Sec-Fetch-Site", "cross-site");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals(403, crossSite.statusCode(), crossSite.body());
        assertEquals(List.of(), view().students());
    }

    @Test
    void report_asAForm_is415() {
        HttpResponse<String> form = running.post("api/reports", "name=x", RequestGuard.CODE_HEADER, running.code(),
                "Content-Type", "text/plain");
        assertEquals(415, form.statusCode(), form.body());
    }

    @Test
    void loopbackServer_refusesAnotherHost_asDnsRebindingSendsIt() {
        HttpResponse<String> rebound = running.get("api/class", "Host", "attacker.example:" + running.server.port());
        assertEquals(403, rebound.statusCode());
        assertTrue(rebound.body().contains("not a name of this machine"), rebound.body());
        assertEquals(200, running.get("api/class", "Host", "localhost:" + running.server.port()).statusCode());
    }

    @Test
    void malformedReports_get400WithTheReason_andTheOthersStay() throws IOException {
        running.report("Jiwoo", JIWOO, passed(1));
        StepReport good = passed(1);
        List<String> bad = List.of(
                "{not json",
                ClassJson.write(new ClassReport("Minsu", MINSU, "0.1.0", List.of(withStep(good, 0)))),
                ClassJson.write(new ClassReport("Minsu", MINSU, "0.1.0", List.of(withStep(good, 10)))),
                ClassJson.write(new ClassReport("Minsu", MINSU, "0.1.0", List.of(new StepReport(1, "t", "local", "p", "great", "", List.of())))),
                ClassJson.write(new ClassReport("Minsu", MINSU, "0.1.0", List.of(new StepReport(1, "t", "local", "p", "passed", "",
                        Collections.nCopies(ReportRules.MAX_RESULTS + 1, new CheckResult("c", CheckResult.Status.PASS, "")))))),
                ClassJson.write(new ClassReport("", MINSU, "0.1.0", List.of(good))),
                ClassJson.write(new ClassReport("x".repeat(ReportRules.MAX_NAME + 1), MINSU, "0.1.0", List.of(good))),
                ClassJson.write(new ClassReport("Min\u202Esu", MINSU, "0.1.0", List.of(good))),
                ClassJson.write(new ClassReport("Minsu", "short", "0.1.0", List.of(good))),
                ClassJson.write(new ClassReport("Minsu", MINSU, "0.1.0", List.of())),
                "{\"name\":\"Minsu\",\"student\":\"" + MINSU + "\",\"kit\":\"0.1.0\",\"reports\":[],\"awsSecretAccessKey\":\"x\"}");
        for (String body : bad) {
            HttpResponse<String> answer = running.post("api/reports", body, RequestGuard.CODE_HEADER, running.code());
            assertEquals(400, answer.statusCode(), body + " -> " + answer.body());
            assertTrue(answer.body().contains("\"error\":\"BadReport\""), answer.body());
        }
        assertEquals(List.of("Jiwoo"), view().students().stream().map(ClassView.StudentRow::name).toList());
    }

    @Test
    void oversizedReport_is413_andTheOthersStay() throws IOException {
        running.report("Jiwoo", JIWOO, passed(1));
        String huge = ClassJson.write(new ClassReport("Minsu", MINSU, "0.1.0", List.of(failed(1, "c", "h".repeat(ReportRules.MAX_BODY_BYTES)))));
        HttpResponse<String> answer = running.post("api/reports", huge, RequestGuard.CODE_HEADER, running.code());
        assertEquals(413, answer.statusCode(), answer.body());
        assertEquals(1, view().students().size());
    }

    @Test
    void aNameTakenByAnotherStudent_is409() throws IOException {
        running.report("Minsu", MINSU, passed(1));
        HttpResponse<String> other = running.report("minsu", JIWOO, failed(1, "c", "h"));
        assertEquals(409, other.statusCode());
        assertTrue(other.body().contains("join with another --name"), other.body());
        assertEquals("passed", view().students().get(0).steps().get(1).report().outcome());
    }

    @Test
    void aStudentCalledScript_isKeptAsText() throws IOException {
        running.report("<script>alert(1)</script>", MINSU, failed(1, "<b>check</b>", "<img src=x onerror=alert(1)>"));
        String json = running.get("api/class").body();
        ClassView.StudentRow row = JSON.readValue(json, ClassView.class).students().get(0);
        assertEquals("<script>alert(1)</script>", row.name());
        assertEquals("<img src=x onerror=alert(1)>", row.steps().get(1).report().results().get(1).detail());
    }

    @Test
    void page_isServedWithAStrictContentSecurityPolicy() {
        for (String path : List.of("", "app.js", "app.css", "api/class")) {
            HttpResponse<String> answer = running.get(path);
            assertEquals(200, answer.statusCode(), path);
            String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("default-src 'none'") && policy.contains("script-src 'self'")
                    && policy.contains("frame-ancestors 'none'"), path + ": " + policy);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""));
        }
        String script = running.get("app.js").body();
        assertTrue(!script.contains(".innerHTML") && script.contains("textContent"), "the page writes students' texts as text");
        assertTrue(!running.get("").body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "the page loads nothing from elsewhere");
    }

    @Test
    void openToTheNetwork_everyRequestNeedsTheCode_theCookieCarriesItForThePage() {
        running.close();
        running = RunningClass.openToTheNetwork(directory);
        for (String path : List.of("", "app.js", "api/class", "api/events")) {
            HttpResponse<String> answer = running.get(path);
            assertEquals(401, answer.statusCode(), path + ": " + answer.body());
        }
        assertEquals(401, running.get("?code=WRONG-CODE").statusCode());
        HttpResponse<String> page = running.get("?code=" + running.code());
        assertEquals(200, page.statusCode());
        String cookie = page.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertEquals(200, running.get("app.js", "Cookie", cookie.substring(0, cookie.indexOf(';'))).statusCode());
        assertEquals(200, running.get("api/class", RequestGuard.CODE_HEADER, running.code()).statusCode());
        assertEquals(200, running.get("api/class", "Host", "class.example", RequestGuard.CODE_HEADER, running.code()).statusCode(),
                "on the network students may name the machine as they like");
    }

    @Test
    void restart_keepsTheClassAndItsCode() throws IOException {
        String code = running.code();
        running.report("Minsu", MINSU, passed(1), failed(2, "the policy lets everyone read", "add s3:GetObject"));
        running = running.restart();
        assertEquals(code, running.code());
        ClassView.StudentRow minsu = view().students().get(0);
        assertEquals("Minsu", minsu.name());
        assertEquals("failed", minsu.steps().get(2).report().outcome());
        assertEquals(200, running.report("Minsu", MINSU, passed(2)).statusCode(), "the student's id is kept too");
    }

    @Test
    void unknownPathsAndMethods_getJsonErrors() {
        assertEquals(404, running.get("nothing").statusCode());
        assertEquals(405, running.get("api/reports").statusCode());
    }

    private static StepReport withStep(StepReport report, int step) {
        return new StepReport(step, report.title(), report.target(), report.prefix(), report.outcome(), report.message(), report.results());
    }
}
