package dev.chatlab.cli;

import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.ResultTable;
import dev.chatlab.labkit.Text;
import java.util.List;
import java.util.Scanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lab teardown}: deletes what the steps created, and only that: the resources of the
 * lab's exact names (its prefix, a dash, the resource's own name), and of those that take tags
 * only the ones that carry the lab's tag. Another student's lab in the same account, even one
 * whose prefix starts with this one's, is never touched. On AWS this is what stops the bill.
 */
@Command(name = "teardown", mixinStandardHelpOptions = true, description = "Delete every resource the lab created (tagged or named with the lab's prefix), nothing else.")
final class TeardownCommand extends LabCommand {

    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation (on AWS it asks)")
    boolean yes;

    @Override
    public Integer call() {
        Names names = new Names(settings());
        if (!settings().isLocal() && !yes && !confirmed(names)) {
            console().info(Text.of("Nothing deleted.", "아무것도 지우지 않았습니다."));
            return 1;
        }
        if (settings().isLocal()) {
            ensureCloud();
        }
        Checks results = new Checks(settings().lang());
        try (Lab lab = new Lab(settings(), console())) {
            // Step 9's stack first: CloudFormation deletes what it made, in the order it needs.
            StepScript.of(kit(), 9).ifPresent(stackStep -> results.check(
                    Text.of("stack %s (step 9) and everything it made", "스택 %s(9단계)와 그것이 만든 모든 것").with(names.stack()),
                    () -> Outcome.when(runScript(stackStep.solution(), List.of("--delete")) == 0,
                            Text.of("The stack could not be deleted: read its events above (console: CloudFormation → the stack → Events).",
                                    "스택을 지우지 못했습니다. 위의 이벤트를 읽으세요(콘솔: CloudFormation → 스택 → 이벤트)."))));
            results.check(Text.of("bucket %s (step 9's artifacts)", "버킷 %s(9단계의 아티팩트)").with(names.artifactsBucket()),
                    () -> LabResources.deleteBucket(lab, names, names.artifactsBucket()));
            results.check(Text.of("WebSocket API %s", "WebSocket API %s").with(names.webSocketApi()), () -> LabResources.deleteWebSocketApi(lab, names));
            results.check(Text.of("REST API %s", "REST API %s").with(names.restApi()), () -> LabResources.deleteRestApi(lab, names));
            for (String function : names.functions()) {
                results.check(Text.of("function %s and its logs", "함수 %s 와 로그").with(function), () -> LabResources.deleteFunction(lab, names, function));
            }
            for (String table : List.of(names.messagesTable(), names.usersTable())) {
                results.check(Text.of("table %s", "테이블 %s").with(table), () -> LabResources.deleteTable(lab, names, table));
            }
            results.check(Text.of("role %s", "역할 %s").with(names.lambdaRole()), () -> LabResources.deleteRole(lab, names));
            if (names.domain() != null) {
                results.check(Text.of("hosted zone %s", "호스팅 영역 %s").with(names.domain()), () -> LabResources.deleteZone(lab, names));
            }
            results.check(Text.of("bucket %s and its objects", "버킷 %s 과 객체").with(names.siteBucket()), () -> LabResources.deleteBucket(lab, names));
            names.functions().stream().filter(function -> !LabResources.functionExists(lab, function))
                    .forEach(function -> LabResources.deleteLogGroup(lab, function));
            console().heading(Text.of("Teardown", "정리"));
            ResultTable.print(console(), results.results());
            Checks left = new Checks(settings().lang());
            LeftBehind.check(lab, left);
            console().heading(Text.of("What is left (read back from the cloud)", "남은 것 (클라우드에서 다시 읽음)"));
            ResultTable.print(console(), left.results());
            boolean failed = results.results().stream().anyMatch(CheckResult::failed) || !left.allPassed();
            return failed ? 1 : 0;
        }
    }

    private boolean confirmed(Names names) {
        console().info(Text.of("This deletes the lab's resources (prefix %s) in AWS account of profile %s, region %s. Type the prefix to go on:",
                "AWS (프로필 %2$s, 리전 %3$s) 에서 실습 리소스(접두사 %1$s)를 지웁니다. 계속하려면 접두사를 입력하세요:"),
                names.prefix(), settings().profile() == null ? "default" : settings().profile(), settings().region());
        Scanner in = new Scanner(System.in);
        return in.hasNextLine() && in.nextLine().trim().equals(names.prefix());
    }

}
