package dev.chatlab.cli.classroom;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lab class ...}: a class's live progress (serve, join, leave, export), its shared AWS account (policy) and its grading (check). */
@Command(name = "class", mixinStandardHelpOptions = true,
        description = {"A class: the instructor serves a live page of everyone's progress and exports it, students join it (and may leave).",
                "Instructor: ./lab class serve   Student: ./lab class join URL --code CODE --name NAME",
                "One AWS account for the class: ./lab class policy > students.json (the students' IAM policy)",
                "After it, on AWS: ./lab class check --roster roster.csv (every student's checks, read-only)"},
        subcommands = {ServeCommand.class, JoinCommand.class, LeaveCommand.class, ExportCommand.class, ClassPolicyCommand.class, RosterCheckCommand.class})
public final class ClassCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
