package dev.chatlab.cli.classroom;

import dev.chatlab.cli.Kit;
import dev.chatlab.cli.classroom.ClassView.StepColumn;
import dev.chatlab.labkit.Text;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab class serve}: the instructor's class server and its live page, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the class: a live page of every student's steps, and the address students join.",
                "Only this machine can reach it unless --bind opens it to the classroom network; then every request needs the class code."})
final class ServeCommand extends ClassSubcommand {

    @Option(names = "--port", description = "the port (default: ${DEFAULT-VALUE})")
    int port = 8088;

    @Option(names = "--bind", description = "the address to listen on (default: ${DEFAULT-VALUE}, this machine only); 0.0.0.0 for the classroom network")
    String bind = "127.0.0.1";

    @Option(names = "--code", description = "the class code (default: the one this class had, else a new one)")
    String code;

    @Option(names = "--data", description = "where the class is kept (default: .lab/class)")
    Path data;

    @Override
    public Integer call() throws InterruptedException {
        Optional<ClassCode> given;
        try {
            given = Optional.ofNullable(code).map(ClassCode::new);
        } catch (IllegalArgumentException e) {
            console().failure(Text.of("--code needs %d-%d letters or digits (dashes and spaces are left out)",
                    "--code 에는 글자나 숫자가 %d-%d 개 있어야 합니다 (대시와 빈칸은 세지 않습니다)"), ClassCode.MIN_LENGTH, ClassCode.MAX_LENGTH);
            return 2;
        }
        boolean loopback;
        try {
            loopback = RequestGuard.isLoopback(bind);
        } catch (IllegalArgumentException e) {
            console().failure(Text.of("--bind %s: no such address", "--bind %s: 그런 주소가 없습니다"), bind);
            return 2;
        }
        Path directory = data != null ? data.toAbsolutePath() : kit().stateDirectory().resolve("class");
        ClassStore store;
        try {
            store = ClassStore.open(directory);
        } catch (IllegalStateException e) {
            console().failure(Text.of("Cannot open the class in %s: is another class server using it? (%s)",
                    "%s 의 수업 기록을 열 수 없습니다. 다른 수업 서버가 쓰고 있나요? (%s)"), directory, e.getCause().getMessage());
            return 2;
        }
        ClassServer server;
        try {
            ClassCode classCode = store.code(given);
            server = ClassServer.start(new ClassServer.Settings(bind, port, !loopback, columns(kit()),
                    language().name().toLowerCase(Locale.ROOT)), store, classCode);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
        }, "class-server-stop"));
        announce(server, loopback, directory);
        server.join();
        return 0;
    }

    private void announce(ClassServer server, boolean loopback, Path directory) {
        String shownCode = server.code().shown();
        console().heading(Text.of("Class server", "수업 서버"));
        List<String> hosts = loopback ? List.of(bind.contains(":") ? "[" + bind + "]" : bind) : networkAddresses();
        for (String host : hosts) {
            String page = server.pageAddress(host) + (loopback ? "" : "?code=" + server.code().value());
            console().success(Text.of("the class's live page: %s", "수업 실시간 페이지: %s"), page);
        }
        console().info(Text.of("class code: %s", "수업 코드: %s"), shownCode);
        console().info(Text.of("students join with:", "학생들은 이렇게 참여합니다:"));
        for (String host : hosts) {
            console().plain("    ./lab class join " + server.pageAddress(host).toString().replaceAll("/$", "")
                    + " --code " + shownCode + " --name \"" + Text.of("YOUR NAME", "이름").in(language()) + "\"");
        }
        if (loopback) {
            console().info(Text.of("Only this machine can reach it; --bind 0.0.0.0 opens it to the classroom network.",
                    "이 컴퓨터에서만 접속할 수 있습니다. 교실 네트워크에 열려면 --bind 0.0.0.0 을 주세요."));
        } else {
            console().info(Text.of("Open to the network: every request needs the class code. The code travels unencrypted (HTTP): use it on the classroom's network only.",
                    "네트워크에 열려 있습니다: 모든 요청에 수업 코드가 필요합니다. 코드는 암호화되지 않은 HTTP로 오가므로 교실 네트워크에서만 쓰세요."));
        }
        console().info(Text.of("The class is kept in %s (a restart shows it again); Ctrl-C stops the server.",
                "수업 기록은 %s 에 남습니다 (다시 시작해도 그대로 보입니다). Ctrl-C 로 서버를 멈춥니다."), directory);
    }

    /** The kit's steps, as the page's columns before anyone reported. */
    static List<StepColumn> columns(Kit kit) {
        return kit.stepFolders().stream().map(folder -> {
            String name = folder.getFileName().toString();
            return new StepColumn(Kit.stepNumber(folder), name.substring(name.indexOf('-') + 1));
        }).toList();
    }

    /** The machine's IPv4 addresses students can reach (the wildcard bind listens on all of them). */
    private List<String> networkAddresses() {
        if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
            return List.of(bind.contains(":") ? "[" + bind + "]" : bind);
        }
        try {
            List<String> addresses = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(ServeCommand::isUp)
                    .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                    .map(InetAddress::getHostAddress).toList();
            return addresses.isEmpty() ? List.of("127.0.0.1") : addresses;
        } catch (SocketException e) {
            return List.of("127.0.0.1");
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
