package dev.chatlab.cli.classroom;

import dev.chatlab.cli.Kit;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Lang;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * What {@code lab class serve|join|export} share: the reader's language and the lab's state
 * directory. Not the cloud's options: none of them talks to a cloud.
 */
abstract class ClassSubcommand implements Callable<Integer> {

    @Option(names = "--lang", description = "ko or en (default: from the locale)")
    String lang;

    @Option(names = "--state-dir", hidden = true, description = "where the lab keeps its state (default: .lab)")
    Path stateDirectory;

    private Console console;

    Kit kit() {
        return Kit.locate(stateDirectory);
    }

    Lang language() {
        return Lang.resolve(lang);
    }

    Console console() {
        if (console == null) {
            console = new Console(language());
        }
        return console;
    }
}
