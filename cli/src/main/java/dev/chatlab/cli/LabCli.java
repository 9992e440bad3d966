package dev.chatlab.cli;

import dev.chatlab.cli.classroom.ClassCommand;
import dev.chatlab.labkit.Errors;
import dev.chatlab.labkit.WebClient;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lab}: the Serverless Chat Lab's one command. */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "Serverless Chat Lab " + Kit.VERSION,
        description = {"Build a serverless chat on AWS step by step, on the local cloud (default) or a real account (--target aws).",
                "Start with: ./lab up   then: ./lab step 1"},
        subcommands = {UpCommand.class, StepCommand.class, CheckCommand.class, CloudCommand.class, DoctorCommand.class,
                ChatCommand.class, LogsCommand.class, TeardownCommand.class, BenchCommand.class, ExercisesCommand.class,
                HintCommand.class, VerifyCommand.class, ClassCommand.class})
public final class LabCli implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a lab command in this JVM and answers its exit code (what the tests call). */
    public static int execute(String... args) {
        WebClient.allowHostHeader();
        CommandLine commandLine = new CommandLine(new LabCli());
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            // Problems a person can fix (a port in use, a missing build) print as one line, not a stack trace.
            System.err.println("lab: " + Errors.describe(error));
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
