package dev.chatlab.cli.classroom;

import dev.chatlab.cli.Kit;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Errors;
import dev.chatlab.labkit.Lang;
import dev.chatlab.labkit.Text;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * What {@code lab class serve|join|leave|export} share: the reader's language, the lab's state
 * directory, talking to a class server. Not the cloud's options: none of them talks to a cloud.
 */
abstract class ClassSubcommand implements Callable<Integer> {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

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

    /** The class server's address from what was typed; empty, after saying what one looks like, when it is none. */
    Optional<URI> serverAddress(String typed) {
        try {
            return Optional.of(ClassMembership.serverAddress(typed));
        } catch (IllegalArgumentException e) {
            console().failure(Text.of("%s is not the address of a class server (it looks like http://192.168.0.10:8088)",
                    "%s 는 수업 서버의 주소가 아닙니다 (http://192.168.0.10:8088 같은 모양입니다)"), typed);
            return Optional.empty();
        }
    }

    /**
     * What the class server answered to {@code call}, made with a client of {@code code}; empty,
     * after saying why, when it could not be reached or did not take the code.
     */
    Optional<ClassClient.Answer> ask(URI server, String code, Function<ClassClient, CompletableFuture<ClassClient.Answer>> call)
            throws InterruptedException {
        ClassClient.Answer answer;
        try {
            answer = call.apply(new ClassClient(server, code, TIMEOUT)).get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            console().failure(Text.of("Cannot reach the class server at %s (%s).", "%s 의 수업 서버에 닿지 않습니다 (%s)."), server,
                    Errors.describe(e.getCause() == null ? e : e.getCause()));
            console().hint(Text.of("Is the address right, and does ./lab class serve run there (with --bind for the classroom network)?",
                    "주소가 맞는지, 그곳에서 ./lab class serve 가 (교실 네트워크용 --bind 로) 실행 중인지 확인하세요.").in(language()));
            return Optional.empty();
        }
        if (answer.status() == 401) {
            console().failure(Text.of("The class server says the class code is not right.", "수업 서버가 수업 코드가 맞지 않다고 합니다."));
            console().hint(Text.of("Ask the instructor for the code (letters and digits; case and dashes do not matter).",
                    "강사에게 코드를 물어보세요 (글자와 숫자, 대소문자와 대시는 상관없습니다).").in(language()));
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    /** Says that the server refused, with its reason; the exit code of a command that could not do its work. */
    int refused(ClassClient.Answer answer) {
        console().failure(Text.of("The class server refused (HTTP %d): %s", "수업 서버가 거절했습니다 (HTTP %d): %s"), answer.status(), answer.message());
        return 2;
    }

    Console console() {
        if (console == null) {
            console = new Console(language());
        }
        return console;
    }
}
