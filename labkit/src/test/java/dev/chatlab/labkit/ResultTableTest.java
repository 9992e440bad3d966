package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result table a student reads after a step: one line a check, the hint under a failure, a count. */
class ResultTableTest {

    static final List<CheckResult> RESULTS = List.of(
            new CheckResult("bucket exists", CheckResult.Status.PASS, ""),
            new CheckResult("bucket is in ap-northeast-2", CheckResult.Status.PASS, "S3 says ap-northeast-2"),
            new CheckResult("policy allows s3:GetObject", CheckResult.Status.FAIL, "Run ./lab step 2"),
            new CheckResult("domain resolves", CheckResult.Status.SKIP, "no domain"));

    static String print(Lang lang, boolean colour, List<CheckResult> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable.print(new Console(new PrintStream(out, true, StandardCharsets.UTF_8), colour, lang), results);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void print_marksEachLine_putsTheHintUnderTheFailure_andCounts() {
        assertEquals("""
                  ✔ bucket exists
                  ✔ bucket is in ap-northeast-2 (S3 says ap-northeast-2)
                  ✘ policy allows s3:GetObject
                      → Run ./lab step 2
                  ↷ domain resolves — no domain
                  2/4 checks passed · 1 failed · 1 skipped
                """, print(Lang.EN, false, RESULTS));
    }

    @Test
    void print_inKorean_countsInKorean() {
        String table = print(Lang.KO, false, RESULTS);
        assertEquals("  확인 2/4 통과 · 1 실패 · 1 건너뜀", table.lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void print_withColour_paintsTheMarksOnly() {
        String table = print(Lang.EN, true, List.of(RESULTS.get(0)));
        assertEquals("  \u001b[32m✔\u001b[0m bucket exists", table.lines().findFirst().orElseThrow());
    }

    @Test
    void print_aPercentSignInAName_isPrintedAsItIs() {
        String table = print(Lang.EN, false, List.of(new CheckResult("100% of the files", CheckResult.Status.PASS, "")));
        assertEquals("  ✔ 100% of the files", table.lines().findFirst().orElseThrow());
    }
}
