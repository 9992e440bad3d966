package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A step's checks as the student reads them: each line named, passed, failed with its hint or skipped with a reason. */
class ChecksTest {

    static final Text BUCKET_EXISTS = Text.of("bucket exists", "버킷이 있음");
    static final Text RUN_STEP_1 = Text.of("Run ./lab step 1", "./lab step 1을 실행하세요");

    @Test
    void check_recordsEachOutcome_inOrder_inTheReadersLanguage() {
        Checks checks = new Checks(Lang.KO);
        checks.check(BUCKET_EXISTS, () -> Outcome.pass(Text.of("seen", "보임")));
        checks.check(Text.of("policy is public", "정책이 공개임"), () -> Outcome.when(false, RUN_STEP_1));
        checks.skip(Text.of("domain", "도메인"), Text.of("no domain", "도메인 없음"));

        assertEquals(List.of(new CheckResult("버킷이 있음", CheckResult.Status.PASS, "보임"),
                new CheckResult("정책이 공개임", CheckResult.Status.FAIL, "./lab step 1을 실행하세요"),
                new CheckResult("도메인", CheckResult.Status.SKIP, "도메인 없음")), checks.results());
        assertFalse(checks.allPassed());
    }

    @Test
    void check_passWithoutDetail_hasAnEmptyDetail_andReturnsItsResult() {
        Checks checks = new Checks(Lang.EN);
        CheckResult result = checks.check(BUCKET_EXISTS, Outcome::pass);
        assertEquals(new CheckResult("bucket exists", CheckResult.Status.PASS, ""), result);
        assertFalse(result.failed());
        assertTrue(checks.allPassed());
    }

    @Test
    void skippedChecks_doNotFailTheStep() {
        Checks checks = new Checks(Lang.EN);
        checks.check(BUCKET_EXISTS, () -> Outcome.skip(Text.of("step 2 done", "2단계 완료")));
        assertTrue(checks.allPassed());
    }

    @Test
    void check_whoseBodyThrows_failsWithTheErrorAndItsLesson_insteadOfAStackTrace() {
        Checks checks = new Checks(Lang.EN);
        CheckResult result = checks.check(BUCKET_EXISTS, () -> {
            throw S3Exception.builder().statusCode(404).message("The specified bucket does not exist")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchBucket")
                            .errorMessage("The specified bucket does not exist").build())
                    .build();
        });
        assertTrue(result.failed());
        assertTrue(result.detail().startsWith("NoSuchBucket: The specified bucket does not exist"), result.detail());
    }

    @Test
    void check_reachingATodo_stopsTheChecks_asTheExerciseIsNotDone() {
        Checks checks = new Checks(Lang.EN);
        Todo todo = Todo.missing("step1", "Create the bucket.");
        Todo thrown = assertThrows(Todo.class, () -> checks.check(BUCKET_EXISTS, () -> {
            throw todo;
        }));
        assertSame(todo, thrown);
        assertTrue(checks.results().isEmpty());
    }

    @Test
    void results_areACopy_thatLaterChecksDoNotChange() {
        Checks checks = new Checks(Lang.EN);
        List<CheckResult> before = checks.results();
        checks.check(BUCKET_EXISTS, Outcome::pass);
        assertTrue(before.isEmpty());
        assertEquals(1, checks.results().size());
    }
}
