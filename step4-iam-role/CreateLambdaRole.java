///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:iam
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 4: the execution role of the chat's Lambda functions, with least privilege.

import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import dev.chatlab.labkit.TrustPolicies;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Step 4 of the seed: "IAM Role 생성 — 로직을 처리할 Lambda에 권한을 부여". Where the seed
 * attaches broad managed policies, this role gets exactly what the four functions do.
 */
public class CreateLambdaRole implements LabStep {

    static final String BASIC_EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    public static void main(String[] args) {
        StepRunner.main(new CreateLambdaRole(), args);
    }

    @Override
    public int number() {
        return 4;
    }

    @Override
    public Text title() {
        return Text.of("The Lambda functions' IAM role (least privilege)", "Lambda 함수의 IAM 역할 (최소 권한)");
    }

    @Override
    public void run(Lab lab) {
        IamClient iam = lab.client(IamClient.builder());
        Names names = lab.names();
        String role = names.lambdaRole();
        if (roleExists(iam, role)) {
            iam.updateAssumeRolePolicy(b -> b.roleName(role).policyDocument(trustPolicy()));
            lab.say(Text.of("Role %s exists: its trust policy is updated.", "역할 %s 이(가) 이미 있어 신뢰 정책만 고칩니다."), role);
        } else {
            iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(trustPolicy())
                    .description("Serverless Chat Lab: what the chat's four Lambda functions may do")
                    .tags(tags(names.tags())));
            lab.waitFor(Text.of("role " + role, "역할 " + role), () -> iam.waiter().waitUntilRoleExists(b -> b.roleName(role)));
            lab.done(Text.of("Created role %s, trusted by lambda.amazonaws.com", "역할 %s 을(를) 만들었습니다 (lambda.amazonaws.com 이 맡을 수 있음)"), role);
        }
        iam.attachRolePolicy(b -> b.roleName(role).policyArn(BASIC_EXECUTION_POLICY));
        lab.done(Text.of("Attached AWSLambdaBasicExecutionRole (write logs to CloudWatch)", "AWSLambdaBasicExecutionRole 연결 (CloudWatch 에 로그 쓰기)"));
        String account = lab.accountId();
        iam.putRolePolicy(b -> b.roleName(role).policyName(names.lambdaPolicy())
                .policyDocument(chatPolicy(lab.region().id(), account, names.usersTable(), names.messagesTable())));
        lab.done(Text.of("Inline policy %s: the two tables and the WebSocket connections, nothing else",
                "인라인 정책 %s: 두 테이블과 WebSocket 연결만, 그 밖에는 없음"), names.lambdaPolicy());
    }

    static boolean roleExists(IamClient iam, String role) {
        try {
            iam.getRole(b -> b.roleName(role));
            return true;
        } catch (NoSuchEntityException e) {
            return false;
        }
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** WHO may use the role: the trust policy. Only the Lambda service may assume it. */
    static String trustPolicy() {
        // TODO(step4): Return the trust policy: Version "2012-10-17", one statement that allows the
        //   service principal "lambda.amazonaws.com" the action "sts:AssumeRole". A trust policy has
        //   a Principal and no Resource (the role itself is the resource).
        throw Todo.missing("step4", "Return the trust policy: Version \"2012-10-17\", one statement that allows the service principal \"lambda.amazonaws.com\" the action \"sts:AssumeRole\".");
    }

    /**
     * WHAT the role may do: the permission policy. Each action the functions call, on exactly
     * the ARNs they call it on (PROTOCOL.md): connect puts a user; disconnect finds it through
     * the index and deletes it; send-message reads the room's users, writes the message, posts
     * to the connections and deletes the gone ones; get-messages queries the history.
     */
    static String chatPolicy(String region, String account, String usersTable, String messagesTable) {
        // TODO(step4): Return the least-privilege policy: allow dynamodb:PutItem, DeleteItem
        //   and Query on the users table AND its indexes ("<table ARN>/index/*"); dynamodb:PutItem and
        //   Query on the messages table; execute-api:ManageConnections on
        //   "arn:aws:execute-api:<region>:<account>:*/*/POST/@connections/*". A table's ARN is
        //   arn:aws:dynamodb:<region>:<account>:table/<name>.
        throw Todo.missing("step4", "Return the least-privilege policy: allow dynamodb:PutItem, DeleteItem and Query on the users table AND its indexes (\"<table ARN>/index/*\"); dynamodb:PutItem and Query on the messages table; execute-api:ManageConnections on \"arn:aws:execute-api:<region>:<account>:*/*/POST/@connections/*\".");
    }

    @Override
    public void check(Lab lab, Checks checks) {
        IamClient iam = lab.client(IamClient.builder());
        Names names = lab.names();
        var exists = checks.check(Text.of("role %s exists", "역할 %s 이(가) 있음").with(names.lambdaRole()),
                () -> Outcome.when(roleExists(iam, names.lambdaRole()), Text.of("Run ./lab step 4, or IAM → Roles → Create role → AWS service → Lambda.",
                        "./lab step 4 를 실행하거나 IAM → 역할 → 역할 만들기 → AWS 서비스 → Lambda.")));
        if (exists.failed()) {
            return;
        }
        Role role = iam.getRole(b -> b.roleName(names.lambdaRole())).role();
        checks.check(Text.of("its trust policy lets lambda.amazonaws.com assume it", "신뢰 정책이 lambda.amazonaws.com 의 역할 맡기를 허용함"), () -> {
            String trust = URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
            return Outcome.when(TrustPolicies.allowsServiceToAssume(trust, "lambda.amazonaws.com"), Text.of(
                    "The trust policy must allow Principal {\"Service\": \"lambda.amazonaws.com\"} the action sts:AssumeRole.",
                    "신뢰 정책은 Principal {\"Service\": \"lambda.amazonaws.com\"} 에게 sts:AssumeRole 을 허용해야 합니다."));
        });
        checks.check(Text.of("AWSLambdaBasicExecutionRole is attached (logs)", "AWSLambdaBasicExecutionRole 이 연결됨 (로그)"), () -> Outcome.when(
                iam.listAttachedRolePolicies(b -> b.roleName(names.lambdaRole())).attachedPolicies().stream()
                        .anyMatch(p -> p.policyArn().equals(BASIC_EXECUTION_POLICY)),
                Text.of("Attach the AWS managed policy AWSLambdaBasicExecutionRole: without it the functions write no logs.",
                        "AWS 관리형 정책 AWSLambdaBasicExecutionRole 을 연결하세요: 없으면 함수가 로그를 남기지 못합니다.")));
        String account = lab.accountId();
        String region = lab.region().id();
        String users = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + names.usersTable();
        String messages = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + names.messagesTable();
        String connection = "arn:aws:execute-api:" + region + ":" + account + ":abc123/dev/POST/@connections/Xyz=";
        List<String[]> needed = List.of(
                new String[] {"dynamodb:PutItem", users}, new String[] {"dynamodb:DeleteItem", users},
                new String[] {"dynamodb:Query", users},
                new String[] {"dynamodb:Query", users + "/index/connectionId-index"},
                new String[] {"dynamodb:PutItem", messages}, new String[] {"dynamodb:Query", messages},
                new String[] {"execute-api:ManageConnections", connection},
                new String[] {"logs:PutLogEvents", "arn:aws:logs:" + region + ":" + account + ":log-group:/aws/lambda/chat-connect:*"});
        List<String[]> forbidden = List.of(
                new String[] {"dynamodb:DeleteTable", users}, new String[] {"dynamodb:Scan", messages},
                new String[] {"dynamodb:DeleteItem", messages}, new String[] {"s3:GetObject", "arn:aws:s3:::" + names.siteBucket() + "/index.html"},
                new String[] {"iam:CreateRole", "arn:aws:iam::" + account + ":role/anything"});
        checks.check(Text.of("policy simulation: the %d actions the functions need are allowed", "정책 시뮬레이션: 함수에 필요한 동작 %d개가 허용됨").with(needed.size()), () -> {
            List<String> denied = simulate(iam, role.arn(), needed, false);
            return Outcome.when(denied.isEmpty(), Text.of("Not allowed: " + denied + ". Add them to the inline policy (mind the /index/* ARN).",
                    "허용되지 않음: " + denied + ". 인라인 정책에 추가하세요 (/index/* ARN 에 주의)."));
        });
        checks.check(Text.of("policy simulation: %d things the functions never do are denied", "정책 시뮬레이션: 함수가 하지 않는 동작 %d개가 거부됨").with(forbidden.size()), () -> {
            List<String> allowed = simulate(iam, role.arn(), forbidden, true);
            return Outcome.when(allowed.isEmpty(), Text.of("Allowed although no function needs it: " + allowed
                            + ". Least privilege: list actions and table ARNs one by one, no dynamodb:* or \"Resource\": \"*\".",
                    "어느 함수도 필요 없는데 허용됨: " + allowed + ". 최소 권한: dynamodb:* 나 \"Resource\": \"*\" 대신 동작과 테이블 ARN 을 하나씩 적으세요."));
        });
    }

    /** Answers the action/resource pairs whose decision is NOT what is expected. */
    static List<String> simulate(IamClient iam, String roleArn, List<String[]> pairs, boolean expectDenied) {
        List<String> unexpected = new ArrayList<>();
        for (String[] pair : pairs) {
            EvaluationResult result = iam.simulatePrincipalPolicy(b -> b.policySourceArn(roleArn)
                    .actionNames(pair[0]).resourceArns(pair[1])).evaluationResults().get(0);
            boolean allowed = result.evalDecision() == PolicyEvaluationDecisionType.ALLOWED;
            if (allowed == expectDenied) {
                unexpected.add(pair[0] + " on " + pair[1]);
            }
        }
        return unexpected;
    }
}
