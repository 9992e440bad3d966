package dev.chatlab.cli.classroom;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lab class ...}: a class's live progress (serve, join, leave, export). */
@Command(name = "class", mixinStandardHelpOptions = true,
        description = {"A class: the instructor serves a live page of everyone's progress and exports it, students join it (and may leave).",
                "Instructor: ./lab class serve   Student: ./lab class join URL --code CODE --name NAME"},
        subcommands = {ServeCommand.class, JoinCommand.class, LeaveCommand.class, ExportCommand.class})
public final class ClassCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
