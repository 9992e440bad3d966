package dev.chatlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./lab hint N climbs one rung a call, remembers where it is, and keeps the solution for --solution. */
class HintCommandTest {

    static final List<String> SOLUTION = List.of(
            "class Step {",
            "    static void website(S3Client s3, String bucket) {",
            "        // TODO(step2): Turn on website hosting. Look up",
            "        //   PutBucketWebsiteRequest.",
            "        // BEGIN SOLUTION",
            "        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix(\"index.html\"))));",
            "        // END SOLUTION",
            "    }",
            "    static String policy(String bucket) {",
            "        // TODO(step2): Return the policy.",
            "        // BEGIN SOLUTION",
            "        return \"\"\"",
            "                {\"Effect\": \"Allow\", \"Resource\": \"arn:aws:s3:::%s/*\", \"Max\": 10}",
            "                \"\"\".formatted(bucket);",
            "        // END SOLUTION",
            "    }",
            "}");

    @Test
    void regions_giveTheTaskTheCallsAndASkeletonWithoutTheValues() {
        List<TodoRegions.Region> regions = TodoRegions.parse(Path.of("Step.java"), SOLUTION);

        assertEquals(2, regions.size());
        TodoRegions.Region website = regions.get(0);
        assertEquals("Turn on website hosting. Look up PutBucketWebsiteRequest.", website.task());
        assertEquals(List.of("putBucketWebsite(…)", "bucket(…)", "websiteConfiguration(…)", "indexDocument(…)", "suffix(…)"), website.calls());
        assertFalse(String.join("\n", website.skeleton()).contains("index.html"), "the value is the student's to find");
        TodoRegions.Region policy = regions.get(1);
        assertEquals(List.of("\"Effect\"", "\"Resource\"", "\"Max\"", "formatted(…)"), policy.calls().subList(0, 4));
        String shape = String.join("\n", policy.skeleton());
        assertTrue(shape.contains("\"Effect\": \"…\"") && shape.contains("\"\"\""), shape);
        assertFalse(shape.contains("arn:aws:s3"), shape);
    }

    @Test
    void firstUnfinished_isTheFirstRegionWhoseThrowIsStillInTheExercise(@TempDir Path exercise) throws IOException {
        List<TodoRegions.Region> regions = TodoRegions.parse(Path.of("Step.java"), SOLUTION);
        String both = ExerciseGenerator.exerciseOf(String.join("\n", SOLUTION).replace("class Step", "import dev.chatlab.labkit.Todo;\nclass Step"), "Step.java");
        Files.writeString(exercise.resolve("Step.java"), both);
        assertEquals(regions.get(0), TodoRegions.firstUnfinished(regions, exercise).orElseThrow());

        // The student completes the first TODO (the comment stays, the throw goes).
        String firstDone = both.replaceFirst("throw Todo\\.missing\\(\"step2\", \"Turn on website hosting\\.\"\\);", "s3.putBucketWebsite(b -> b.bucket(bucket));");
        Files.writeString(exercise.resolve("Step.java"), firstDone);
        assertEquals(regions.get(1), TodoRegions.firstUnfinished(regions, exercise).orElseThrow());
    }

    @Test
    void hint_climbsOneRungACall_thenPointsAtTheSolution_whichShowsTheSolutionsCode(@TempDir Path state) {
        TodoRegions.Region first = TodoRegions.firstUnfinished(
                TodoRegions.of(Kit.locate(state).solutions().resolve("step2-static-hosting")),
                Kit.locate(state).root().resolve("step2-static-hosting")).orElseThrow();

        assertTrue(hint(state).contains("Hint 1 of 3"));
        assertTrue(hint(state).contains("Hint 2 of 3"));
        String third = hint(state);
        assertTrue(third.contains("Hint 3 of 3") && third.contains("…"), third);
        assertTrue(hint(state).contains("./lab hint 2 --solution"), "no fourth hint: the last resort is named");
        assertTrue(Files.exists(state.resolve("hints.json")), "the ladder is remembered in .lab/");
        String solution = hint(state, "--solution");
        assertTrue(solution.contains(first.solution().get(0).trim()), solution);
    }

    private static String hint(Path state, String... more) {
        List<String> args = new ArrayList<>(List.of("hint", "2", "--state-dir", state.toString(), "--lang", "en"));
        args.addAll(List.of(more));
        LabRun run = LabRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.output());
        return run.output();
    }
}
