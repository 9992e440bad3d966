package dev.chatlab.labkit;

import java.util.List;

/** Prints check results as a person reads them: ✔ passed, ✘ failed with the hint below, ↷ skipped with the reason. */
public final class ResultTable {

    private ResultTable() {
    }

    public static void print(Console console, List<CheckResult> results) {
        for (CheckResult result : results) {
            Text line = Text.of("%s", "%s");
            switch (result.status()) {
                case PASS -> console.success(line, result.name() + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"));
                case SKIP -> console.skipped(line, result.name() + " — " + result.detail());
                case FAIL -> {
                    console.failure(line, result.name());
                    console.hint(result.detail());
                }
                default -> throw new IllegalStateException(result.status().name());
            }
        }
        long passed = results.stream().filter(r -> r.status() == CheckResult.Status.PASS).count();
        long failed = results.stream().filter(CheckResult::failed).count();
        long skipped = results.size() - passed - failed;
        // Worded so that it never reads as a test runner's closing "N passed, N failed" line.
        console.plain(Text.of("  %d/%d checks passed · %d failed · %d skipped", "  확인 %d/%d 통과 · %d 실패 · %d 건너뜀")
                .format(console.lang(), passed, results.size(), failed, skipped));
    }
}
