package dev.chatlab.cli.classroom;

import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Lang;
import dev.chatlab.labkit.Text;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lab class policy}: prints the IAM policy for the students' IAM users of a class that
 * shares one AWS account. The JSON goes to stdout, so that {@code > students.json} keeps only
 * it; what it allows, and what AWS lets no policy scope, goes to stderr.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Print the IAM policy (JSON, on stdout) that lets each student's IAM user do exactly the lab with their own prefix.")
final class ClassPolicyCommand extends ClassSubcommand {

    @Option(names = "--prefix-pattern", description = "each user's prefix, with an IAM policy variable (default: ${DEFAULT-VALUE})")
    String pattern = ClassPolicy.DEFAULT_PATTERN;

    @Option(names = "--region", description = "the class's region (default: ${DEFAULT-VALUE})")
    String region = "ap-northeast-2";

    @Option(names = "--stack", description = "print the second policy instead, for step 9 (the chat as a CloudFormation stack)")
    boolean stack;

    @Override
    public Integer call() {
        Lang language = language();
        Console explanation = new Console(new PrintStream(System.err, true, StandardCharsets.UTF_8), false, language);
        ClassPolicy policy;
        try {
            policy = new ClassPolicy(pattern, region);
        } catch (IllegalArgumentException e) {
            explanation.failure(Text.of("%s", "%s"), e.getMessage());
            return 2;
        }
        if (stack) {
            explainStackPolicy(explanation, policy);
            System.out.print(new StackPolicy(policy).json());
            System.out.flush();
            return 0;
        }
        explanation.heading(Text.of("IAM policy for the students of a shared account", "계정을 함께 쓰는 학생들의 IAM 정책"));
        explanation.info(Text.of("Create it as a customer managed policy (it is longer than the 2,048 characters of an inline user policy) and attach"
                        + " it to the students' group or IAM users. User kim may then build, check and tear down only the lab of prefix %s: every"
                        + " command with --target aws --prefix %s. The user names must be lower-case letters, digits and '-', because the prefix"
                        + " names an S3 bucket.",
                "고객 관리형 정책으로 만들어(사용자 인라인 정책의 한도 2,048자보다 깁니다) 학생들의 그룹이나 IAM 사용자에 붙이세요. 그러면"
                        + " 사용자 kim은 접두사 %s인 실습만 만들고 확인하고 정리할 수 있습니다. 명령마다 붙이는 옵션: --target aws --prefix %s."
                        + " 접두사가 S3 버킷 이름이 되므로 사용자 이름은 영어 소문자, 숫자, '-'여야 합니다."),
                policy.prefixOf("kim"), policy.prefixOf("kim"));
        explanation.info(Text.of("It names each resource exactly (never %s-*, which would also match user kim-lee's lab); APIs, which have ids,"
                        + " by the tag chatlab:prefix. What AWS lets no policy scope to one student:",
                "리소스마다 이름을 정확히 적습니다(%s-*는 사용자 kim-lee의 실습에도 맞으므로 쓰지 않습니다). ID를 쓰는 API는 chatlab:prefix 태그로"
                        + " 좁힙니다. AWS가 학생 한 명으로 좁히지 못하는 것:"), policy.prefixOf("kim"));
        ClassPolicy.unscoped().forEach(line -> explanation.detail("- " + line.in(language)));
        explanation.info(Text.of("Step 9 (the chat as a CloudFormation stack) needs a second policy: ./lab class policy --stack.",
                "9단계(CloudFormation 스택으로 만드는 채팅)에는 두 번째 정책이 필요합니다: ./lab class policy --stack"));
        System.out.print(policy.json());
        System.out.flush();
        return 0;
    }

    private static void explainStackPolicy(Console explanation, ClassPolicy policy) {
        explanation.heading(Text.of("IAM policy for step 9 of the students of a shared account", "계정을 함께 쓰는 학생들의 9단계 IAM 정책"));
        explanation.info(Text.of("Attach it beside the first policy (./lab class policy), as a second customer managed policy. CloudFormation"
                        + " creates a stack's resources with the student's own permissions, under names it makes up from the stack's (%s-...),"
                        + " so this policy allows what step 9's template declares on names that start with %s-; the stack's APIs are covered"
                        + " by the first policy, since the stack passes the lab's tag on to them.",
                "첫 번째 정책(./lab class policy) 옆에 두 번째 고객 관리형 정책으로 붙이세요. CloudFormation은 학생 자신의 권한으로 스택의"
                        + " 리소스를 만들고, 이름은 스택 이름으로 지어 냅니다(%s-...). 그래서 이 정책은 9단계 템플릿이 선언한 것을 %s-로 시작하는"
                        + " 이름에만 허용합니다. 스택이 실습의 태그를 API에 넘겨 주므로 API는 첫 번째 정책이 다룹니다."),
                policy.names().stack(), policy.names().stack());
    }
}
