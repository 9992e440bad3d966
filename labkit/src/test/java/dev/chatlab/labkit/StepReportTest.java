package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report each step leaves for {@code lab check --all}, read back as it was written. */
class StepReportTest {

    @TempDir
    Path folder;

    @Test
    void write_thenRead_givesTheSameReport_creatingTheFolder() throws IOException {
        StepReport report = new StepReport(2, "Static website hosting", "local", "chat-ab12cd", "failed", "",
                List.of(new CheckResult("bucket policy is public", CheckResult.Status.FAIL, "Run ./lab step 2"),
                        new CheckResult("index.html is served", CheckResult.Status.SKIP, "no policy yet")));
        Path file = folder.resolve("reports/step2.json");
        report.write(file);
        assertEquals(report, StepReport.read(file));
    }
}
