package dev.chatlab.cli;

import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.HeadlessBrowser;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.ResultTable;
import dev.chatlab.labkit.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.sts.StsClient;

/** {@code lab doctor}: what the lab needs on this machine, what is missing, and how to fix it. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Check this machine: Java, the kit's build, the target's credentials, ports, optional tools.")
final class DoctorCommand extends LabCommand {

    @Override
    public Integer call() {
        Checks checks = new Checks(settings().lang());
        checks.check(Text.of("Java 17 or newer (this is %s)", "Java 17 이상 (현재 %s)").with(Runtime.version()),
                () -> Outcome.when(Runtime.version().feature() >= 17,
                        Text.of("Install a JDK 17+ (e.g. Temurin) and put it first on PATH or set JAVA_HOME.",
                                "JDK 17 이상(예: Temurin)을 설치하고 PATH 앞쪽에 두거나 JAVA_HOME 을 지정하세요.")));
        checks.check(Text.of("the kit is built (localcloud, JBang from Maven Central)", "실습 도구가 빌드됨 (localcloud, Maven Central 의 JBang)"),
                () -> Outcome.when(Files.exists(kit().localCloudJar()) && jbangJar().isPresent(),
                        Text.of("Run ./lab again: it builds the kit with ./mvnw install.", "./lab 을 다시 실행하세요: ./mvnw install 로 빌드합니다.")));
        checks.check(Text.of("the lab's state folder %s is writable", "실습 상태 폴더 %s 에 쓸 수 있음").with(kit().stateDirectory()), () -> {
            Files.createDirectories(kit().stateDirectory());
            return Outcome.when(Files.isWritable(kit().stateDirectory()),
                    Text.of("Give yourself write access to the folder, or clone the kit somewhere you own.",
                            "폴더에 쓰기 권한을 주거나, 본인 소유의 위치에 실습을 다시 내려받으세요."));
        });
        checks.check(Text.of("target %s, region %s, prefix %s", "대상 %s, 리전 %s, 접두사 %s").with(settings().target().id(), settings().region(), settings().prefix()),
                Outcome::pass);
        if (settings().isLocal()) {
            checkLocalCloud(checks);
        } else {
            checks.check(Text.of("AWS credentials work", "AWS 자격 증명이 동작함"), () -> {
                try (Lab lab = new Lab(settings(), console())) {
                    String arn = lab.client(StsClient.builder()).getCallerIdentity().arn();
                    return Outcome.pass(Text.of(arn, arn));
                }
            });
        }
        checks.check(Text.of("a browser for step 8's browser test (optional)", "8단계 브라우저 테스트용 브라우저 (선택)"), () ->
                HeadlessBrowser.locate().map(found -> Outcome.pass(Text.of(found.browser().toString(), found.browser().toString())))
                        .orElse(Outcome.skip(Text.of("no Chromium + ChromeDriver found; step 8 skips its browser part (Debian/Ubuntu: sudo apt-get install chromium chromium-driver)",
                                "Chromium 과 ChromeDriver 를 찾지 못했습니다. 8단계는 브라우저 부분을 건너뜁니다 (Debian/Ubuntu: sudo apt-get install chromium chromium-driver)"))));
        ResultTable.print(console(), checks.results());
        return checks.results().stream().anyMatch(CheckResult::failed) ? 1 : 0;
    }

    private void checkLocalCloud(Checks checks) {
        CloudControl cloud = cloud();
        boolean running = cloud.isRunning();
        checks.check(Text.of("localcloud at %s", "localcloud (%s)").with(cloud.endpoint()), () -> running
                ? Outcome.pass(Text.of("running", "실행 중"))
                : Outcome.skip(Text.of("not running; ./lab up or ./lab cloud start starts it", "실행 중이 아님. ./lab up 이나 ./lab cloud start 로 시작합니다")));
        if (!running) {
            checks.check(Text.of("port %d is free for localcloud", "localcloud가 쓸 포트 %d: 비어 있음").with(cloud.endpoint().getPort()),
                    () -> Outcome.when(CloudControl.portIsFree(cloud.endpoint().getPort()),
                            Text.of("Another program uses it: stop it, or pass --endpoint http://localhost:<port> to every command.",
                                    "다른 프로그램이 쓰고 있습니다: 멈추거나, 모든 명령에 --endpoint http://localhost:<포트> 를 주세요.")));
            checks.check(Text.of("DNS port %d is free for localcloud", "localcloud가 쓸 DNS 포트 %d: 비어 있음").with(dnsPort),
                    () -> Outcome.when(CloudControl.portIsFree(dnsPort),
                            Text.of("Another program uses it: pass --dns-port <port>.", "다른 프로그램이 쓰고 있습니다: --dns-port <포트> 를 주세요.")));
        }
    }

    private Optional<Path> jbangJar() {
        try (Stream<Path> jars = Files.list(kit().cliLibraries())) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("jbang-cli-")).findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
