package dev.chatlab.cli.classroom;

import dev.chatlab.labkit.Text;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab class join URL --code CODE --name NAME}: from now on, this lab's steps and checks report to the class. */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = {"Join your instructor's class: from then on ./lab step N and ./lab check send their results to it.",
                "Sent: your name, the step, its checks' names, outcomes and hints, target, prefix and the kit's version; never credentials, code or what your resources hold."})
final class JoinCommand extends ClassSubcommand {

    @Parameters(index = "0", paramLabel = "URL", description = "the class server's address, as the instructor shows it (http://...:8088)")
    String url;

    @Option(names = "--code", required = true, description = "the class code the instructor gives")
    String code;

    @Option(names = "--name", required = true, description = "your name as the class page shows it (1-40 characters)")
    String name;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<URI> address = serverAddress(url);
        if (address.isEmpty()) {
            return 2;
        }
        URI server = address.get();
        String shown;
        try {
            shown = ReportRules.name(name);
        } catch (ClassServerError e) {
            console().failure(Text.of("--name needs 1-%d characters, without control characters",
                    "--name 에는 제어 문자 없이 1-%d 글자가 필요합니다"), ReportRules.MAX_NAME);
            return 2;
        }
        Path state = kit().stateDirectory();
        // The same name in the same class again (a second join) keeps its id, so the row stays this student's.
        String student = ClassMembership.read(state)
                .filter(joined -> joined.url().equals(server) && ReportRules.key(joined.name()).equals(ReportRules.key(shown)))
                .map(ClassMembership::student).orElseGet(ClassMembership::newStudentId);
        Optional<ClassClient.Answer> answered = ask(server, code, client -> client.join(shown, student));
        if (answered.isEmpty()) {
            return 2;
        }
        ClassClient.Answer answer = answered.get();
        if (answer.status() == 409) {
            console().failure(Text.of("The class server refused the name: %s", "수업 서버가 이름을 받지 않았습니다: %s"), answer.message());
            console().hint(Text.of("Someone in the class uses \"%s\" already: join with another --name (add your student number).",
                    "이 수업에서 누군가 \"%s\" 을(를) 이미 씁니다: 다른 --name 으로 참여하세요 (학번을 붙이면 됩니다).").format(language(), shown));
            return 2;
        }
        if (!answer.ok()) {
            return refused(answer);
        }
        new ClassMembership(server, code, shown, student).write(state);
        console().success(Text.of("Joined the class at %s as %s.", "%s 수업에 %s(으)로 참여했습니다."), server, shown);
        console().info(Text.of("From now on ./lab step N and ./lab check send their results there: the step, the checks' names,"
                        + " outcomes and hints, target, prefix and the kit's version; never credentials, code or what your resources hold.",
                "이제부터 ./lab step N 과 ./lab check 가 결과를 그곳으로 보냅니다: 단계, 확인 항목의 이름, 결과와 힌트, 대상, 접두사,"
                        + " 키트 버전. 자격 증명, 코드, 리소스의 내용은 절대 보내지 않습니다."));
        console().info(Text.of("A class server that is down never slows your commands. ./lab class leave stops the reporting.",
                "수업 서버가 꺼져 있어도 명령이 느려지지 않습니다. ./lab class leave 로 보내기를 멈춥니다."));
        return 0;
    }
}
