package dev.chatlab.cli.classroom;

import dev.chatlab.labkit.StepReport;
import java.util.List;
import java.util.Map;

/**
 * The class as the page, the API and the export show it: one column per step, one row per
 * student with the last report of each step (a step never reported is missing: "not yet").
 * Student ids are not part of it.
 */
public record ClassView(List<StepColumn> steps, List<StudentRow> students) {

    public record StepColumn(int number, String title) {
    }

    /** @param lastReport when the server last heard from this student (ISO-8601, UTC), or null */
    public record StudentRow(String name, String lastReport, Map<Integer, StepEntry> steps) {
    }

    /** @param receivedAt when the server received the report (its clock, not the student's) */
    public record StepEntry(String receivedAt, String kit, StepReport report) {
    }
}
