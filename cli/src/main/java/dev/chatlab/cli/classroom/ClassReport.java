package dev.chatlab.cli.classroom;

import dev.chatlab.labkit.StepReport;
import java.util.List;

/**
 * What a student's {@code lab} sends to the class server: who (the name shown in the grid and
 * the random id that keeps the name theirs), the kit's version, and the step reports, nothing
 * else (no credentials, no code, no resource contents: see {@link ReportRules#fit}).
 *
 * @param student a random id made up at {@code lab class join}; the server never shows it
 */
public record ClassReport(String name, String student, String kit, List<StepReport> reports) {
}
