package dev.chatlab.cli.classroom;

import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab class export --url URL --code CODE --to DIR}: the class as CSV, JSON and JUnit XML. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a class server's class into DIR as class.csv, class.json and class-junit.xml.")
final class ExportCommand extends ClassSubcommand {

    @Option(names = "--url", required = true, description = "the class server's address (http://localhost:8088)")
    String url;

    @Option(names = "--code", required = true, description = "the class code")
    String code;

    @Option(names = "--to", required = true, description = "the folder to write the files into (made if missing)")
    Path to;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<URI> server = serverAddress(url);
        if (server.isEmpty()) {
            return 2;
        }
        Optional<ClassClient.Answer> answer = ask(server.get(), code, ClassClient::readClass);
        if (answer.isEmpty()) {
            return 2;
        }
        if (!answer.get().ok()) {
            return refused(answer.get());
        }
        ClassView view = ClassJson.MAPPER.readValue(answer.get().body(), ClassView.class);
        List<Path> written = new ClassExport(view).writeTo(to);
        long reports = view.students().stream().mapToLong(student -> student.steps().size()).sum();
        console().success(Text.of("The class (%d students, %d step reports) is in:", "수업 기록 (학생 %d 명, 단계 보고 %d 개):"),
                view.students().size(), reports);
        written.forEach(file -> console().plain("    " + file));
        return 0;
    }
}
