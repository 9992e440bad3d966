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
import dev.chatlab.labkit.PolicyDocuments;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import dev.chatlab.labkit.TrustPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
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
    static final String LAMBDA = "lambda.amazonaws.com";

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
        // Both documents first: a TODO left in either stops the run before the role changes.
        String trust = trustPolicy();
        String permissions = chatPolicy(lab.region().id(), lab.accountId(), names.usersTable(), names.messagesTable(),
                names.stage());
        if (!roleExists(iam, role)) {
            iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(trust)
                    .description("Serverless Chat Lab: what the chat's four Lambda functions may do")
                    .tags(tags(names.tags())));
            lab.waitFor(Text.of("role " + role, "역할 " + role), () -> iam.waiter()
                    .waitUntilRoleExists(b -> b.roleName(role), lab.polling()));
        } else {
            String current = iam.getRole(b -> b.roleName(role)).role().assumeRolePolicyDocument();
            if (!PolicyDocuments.same(current, trust)) {
                iam.updateAssumeRolePolicy(b -> b.roleName(role).policyDocument(trust));
                lab.say(Text.of("The trust policy of %s differed (it trusted %s): replaced.",
                        "%s의 신뢰 정책이 달라서 바꿨습니다 (전에 믿은 주체: %s)."),
                        role, TrustPolicies.trustedPrincipals(PolicyDocuments.decoded(current)));
            }
        }
        lab.done(Text.of("Role %s, trusted by %s", "역할 %s, 맡을 수 있는 주체: %s"), role,
                TrustPolicies.trustedPrincipals(PolicyDocuments.decoded(iam.getRole(b -> b.roleName(role)).role()
                        .assumeRolePolicyDocument())));

        for (AttachedPolicy attached : attachedPolicies(iam, role)) {
            if (!attached.policyArn().equals(BASIC_EXECUTION_POLICY)) {
                iam.detachRolePolicy(b -> b.roleName(role).policyArn(attached.policyArn()));
                lab.say(Text.of("Detached %s: the inline policy below is all the functions need.",
                        "%s 분리: 함수에 필요한 것은 아래 인라인 정책이 다 줍니다."),
                        attached.policyName());
            }
        }
        iam.attachRolePolicy(b -> b.roleName(role).policyArn(BASIC_EXECUTION_POLICY));
        lab.done(Text.of("Managed policies attached: %s", "연결된 관리형 정책: %s"),
                attachedPolicies(iam, role).stream().map(AttachedPolicy::policyName).toList());

        for (String inline : inlinePolicies(iam, role)) {
            if (!inline.equals(names.lambdaPolicy())) {
                iam.deleteRolePolicy(b -> b.roleName(role).policyName(inline));
                lab.say(Text.of("Deleted the inline policy %s: only %s stays.", "인라인 정책 %s 삭제: %s만 남깁니다."), inline,
                        names.lambdaPolicy());
            }
        }
        String current = inlinePolicy(iam, role, names.lambdaPolicy());
        if (current == null || !PolicyDocuments.same(current, permissions)) {
            iam.putRolePolicy(b -> b.roleName(role).policyName(names.lambdaPolicy()).policyDocument(permissions));
            if (current != null) {
                lab.say(Text.of("The inline policy %s differed: replaced.", "인라인 정책 %s: 내용이 달라서 바꿨습니다."),
                        names.lambdaPolicy());
            }
        }
        lab.done(Text.of("Inline policy %s, as IAM holds it:", "인라인 정책 %s (IAM에 저장된 그대로):"), names.lambdaPolicy());
        PolicyDocuments.statements(inlinePolicy(iam, role, names.lambdaPolicy())).forEach(lab.console()::detail);
    }

    static List<AttachedPolicy> attachedPolicies(IamClient iam, String role) {
        return iam.listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies().stream().toList();
    }

    static List<String> inlinePolicies(IamClient iam, String role) {
        return iam.listRolePoliciesPaginator(b -> b.roleName(role)).policyNames().stream().toList();
    }

    /** The inline policy's document, decoded, or null when the role has none of that name. */
    static String inlinePolicy(IamClient iam, String role, String name) {
        try {
            return PolicyDocuments.decoded(iam.getRolePolicy(b -> b.roleName(role).policyName(name)).policyDocument());
        } catch (NoSuchEntityException e) {
            return null;
        }
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
        // TODO-ko: 신뢰 정책을 반환하세요: Version "2012-10-17", 서비스 주체 "lambda.amazonaws.com"에 동작
        //   "sts:AssumeRole"을 허용하는 문 하나. 신뢰 정책에는 Principal이 있고 Resource는 없습니다(역할
        //   자신이 리소스입니다).
        // BEGIN SOLUTION
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": { "Service": "lambda.amazonaws.com" },
                      "Action": "sts:AssumeRole"
                    }
                  ]
                }
                """;
        // END SOLUTION
    }

    /**
     * WHAT the role may do: the permission policy. Each action the functions call, on exactly
     * the ARNs they call it on (PROTOCOL.md): connect puts a user; disconnect finds it through
     * the index and deletes it; send-message reads the room's users, writes the message, posts
     * to the connections and deletes the gone ones; get-messages queries the history. The
     * tables are named with the lab's prefix, so in an account shared by a class the role
     * reaches this student's tables only. The WebSocket API does not exist yet (step 5 makes
     * it, and its ARN holds its id, not its name), and ManageConnections takes no tag
     * condition: the tightest ARN now is any API's stage {@code stage}, method POST.
     */
    static String chatPolicy(String region, String account, String usersTable, String messagesTable, String stage) {
        // TODO(step4): Return the least-privilege policy: allow dynamodb:PutItem, DeleteItem
        //   and Query on the users table AND its indexes ("<table ARN>/index/*"); dynamodb:PutItem and
        //   Query on the messages table; execute-api:ManageConnections on
        //   "arn:aws:execute-api:<region>:<account>:*/<stage>/POST/@connections/*". A table's ARN is
        //   arn:aws:dynamodb:<region>:<account>:table/<name>, and the names carry your prefix.
        // TODO-ko: 최소 권한 정책을 반환하세요: 사용자 테이블과 그 인덱스("<테이블 ARN>/index/*")에
        //   dynamodb:PutItem, DeleteItem, Query, 메시지 테이블에 dynamodb:PutItem, Query,
        //   "arn:aws:execute-api:<region>:<account>:*/<stage>/POST/@connections/*"에 execute-api:ManageConnections를
        //   허용. 테이블의 ARN은 arn:aws:dynamodb:<region>:<account>:table/<이름>이고, 이름에는 접두사가 붙습니다.
        // BEGIN SOLUTION
        String users = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + usersTable;
        String messages = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + messagesTable;
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "ChatUsers",
                      "Effect": "Allow",
                      "Action": ["dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"],
                      "Resource": ["%1$s", "%1$s/index/*"]
                    },
                    {
                      "Sid": "ChatMessages",
                      "Effect": "Allow",
                      "Action": ["dynamodb:PutItem", "dynamodb:Query"],
                      "Resource": "%2$s"
                    },
                    {
                      "Sid": "PostToConnections",
                      "Effect": "Allow",
                      "Action": "execute-api:ManageConnections",
                      "Resource": "arn:aws:execute-api:%3$s:%4$s:*/%5$s/POST/@connections/*"
                    }
                  ]
                }
                """.formatted(users, messages, region, account, stage);
        // END SOLUTION
    }

    /** One thing a function does, on one ARN, and which function does it (for the hint). */
    record Need(String action, String resource, Text who) {
    }

    /** What the four functions call, on exactly which ARN (PROTOCOL.md, and the functions of step 6). */
    static List<Need> needs(String region, String account, Names names) {
        String users = tableArn(region, account, names.usersTable());
        String messages = tableArn(region, account, names.messagesTable());
        String connect = names.connectFunction();
        String disconnect = names.disconnectFunction();
        String send = names.sendMessageFunction();
        String history = names.getMessagesFunction();
        return List.of(
                new Need("dynamodb:PutItem", users, Text.of(connect + " stores a connection", connect + "가 연결을 저장")),
                new Need("dynamodb:DeleteItem", users,
                        Text.of(disconnect + " and " + send + " delete a connection", disconnect + "와 " + send
                        + "가 연결을 삭제")),
                new Need("dynamodb:Query", users, Text.of(send + " reads a room's connections", send + "가 방의 연결을 읽음")),
                new Need("dynamodb:Query", users + "/index/" + CONNECTION_INDEX,
                        Text.of(disconnect + " finds a connection's room: an index has its own ARN, <users table "
                        + "ARN>/index/*",
                        disconnect + "가 연결의 방을 찾음: 인덱스의 ARN은 따로 있습니다, <사용자 테이블 ARN>/index/*")),
                new Need("dynamodb:PutItem", messages, Text.of(send + " stores a message", send + "가 메시지를 저장")),
                new Need("dynamodb:Query", messages,
                        Text.of(history + " reads a room's history", history + "가 방의 기록을 읽음")),
                new Need("execute-api:ManageConnections", "arn:aws:execute-api:" + region + ":" + account + ":abc123/"
                        + names.stage() + "/POST/@connections/Xyz=",
                        Text.of(send + " posts to each connection", send + "가 각 연결로 보냄")),
                new Need("logs:PutLogEvents", "arn:aws:logs:" + region + ":" + account + ":log-group:"
                        + Names.logGroup(connect) + ":*",
                        Text.of("every function writes its logs (AWSLambdaBasicExecutionRole)",
                                "모든 함수가 로그를 씀 (AWSLambdaBasicExecutionRole)")));
    }

    /**
     * DynamoDB actions a policy may hand out on a table; only those in {@link #needs} may be
     * allowed on the chat's.
     */
    static final List<String> DYNAMODB_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:Query",
                    "dynamodb:Scan",
            "dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete",
            "dynamodb:DescribeTable", "dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable",
                    "dynamodb:UpdateTimeToLive",
            "dynamodb:CreateBackup", "dynamodb:ExportTableToPointInTime", "dynamodb:TagResource");

    static final String CONNECTION_INDEX = "connectionId-index";

    /** What the functions do on a table: none of it may be allowed on a table that is not the chat's. */
    static final List<String> TABLE_PROBES = List.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query");

    static String tableArn(String region, String account, String table) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table;
    }

    @Override
    public void check(Lab lab, Checks checks) {
        IamClient iam = lab.client(IamClient.builder());
        Names names = lab.names();
        String roleName = names.lambdaRole();
        if (checks.check(Texts.EXISTS.with(roleName),
                () -> Outcome.when(roleExists(iam, roleName), Texts.runStep4(roleName))).failed()) {
            return;
        }
        Role role = iam.getRole(b -> b.roleName(roleName)).role();
        checks.check(Texts.TRUSTS_LAMBDA_ONLY, () -> trustOutcome(role));
        List<AttachedPolicy> attached = attachedPolicies(iam, roleName);
        checks.check(Texts.LOGS_POLICY, () -> Outcome.when(
                attached.stream().anyMatch(p -> p.policyArn().equals(BASIC_EXECUTION_POLICY)),
                Texts.attachLogsPolicy(roleName)));
        String account = lab.accountId();
        String region = lab.region().id();
        List<Need> needs = needs(region, account, names);
        Text broaderPolicies = broaderPolicies(iam, roleName, attached, names.lambdaPolicy());
        checks.check(Texts.NEEDS_ALLOWED.with(needs.size()),
                () -> needsOutcome(iam, role, needs, names.lambdaPolicy()));
        checks.check(Texts.NO_OTHER_TABLE,
                () -> otherTablesOutcome(iam, role, region, account, names, broaderPolicies));
        checks.check(Texts.ONLY_NEEDED_ACTIONS,
                () -> extraActionsOutcome(iam, role, region, account, names, needs, broaderPolicies));
        checks.check(Texts.NO_OTHER_SERVICE,
                () -> otherServicesOutcome(iam, role, otherServices(region, account, names, role), broaderPolicies));
    }

    /** The trust policy: Lambda may assume the role, and no one else. */
    static Outcome trustOutcome(Role role) {
        String trust = PolicyDocuments.decoded(role.assumeRolePolicyDocument());
        List<String> trusted = TrustPolicies.trustedPrincipals(trust);
        if (!TrustPolicies.allowsServiceToAssume(trust, LAMBDA)) {
            return Outcome.fail(Texts.notLambda(trusted, role.roleName()));
        }
        List<String> others = trusted.stream().filter(p -> !p.equals(LAMBDA)).toList();
        return Outcome.when(others.isEmpty(), Texts.alsoTrusts(others, role.roleName()));
    }

    static Outcome needsOutcome(IamClient iam, Role role, List<Need> needs, String chatPolicy) {
        List<Need> denied = needs.stream()
                .filter(n -> !allowed(iam, role.arn(), n.resource(), List.of(n.action())).contains(n.action()))
                .toList();
        return Outcome.when(denied.isEmpty(), Texts.notAllowed(denied, chatPolicy));
    }

    /**
     * Another table of the account, and a table of a lab whose prefix begins with this one's: what
     * a wildcard in a table's name reaches in a class's shared account.
     */
    static Outcome otherTablesOutcome(IamClient iam, Role role, String region, String account, Names names,
            Text broaderPolicies) {
        Text nameTheArns = Texts.nameTheArns(tableArn(region, account, names.usersTable()),
                tableArn(region, account, names.messagesTable()), broaderPolicies);
        String otherTable = tableArn(region, account, names.prefix() + "-not-the-chat");
        List<String> allowedElsewhere = allowed(iam, role.arn(), otherTable, TABLE_PROBES);
        if (!allowedElsewhere.isEmpty()) {
            return Outcome.fail(Texts.allowedOnOtherTable(otherTable, allowedElsewhere, nameTheArns));
        }
        String classmatesTable = tableArn(region, account, names.prefix() + "x-ChatUsers");
        List<String> allowedOnClassmates = allowed(iam, role.arn(), classmatesTable, TABLE_PROBES);
        return Outcome.when(allowedOnClassmates.isEmpty(),
                Texts.allowedOnClassmates(classmatesTable, allowedOnClassmates, nameTheArns));
    }

    /** On each of the chat's tables and its index, the actions allowed that no function calls. */
    static Outcome extraActionsOutcome(IamClient iam, Role role, String region, String account, Names names,
            List<Need> needs, Text broaderPolicies) {
        String users = tableArn(region, account, names.usersTable());
        String messages = tableArn(region, account, names.messagesTable());
        List<String> extra = new ArrayList<>();
        boolean wildcard = false;
        for (String resource : List.of(users, users + "/index/" + CONNECTION_INDEX, messages)) {
            List<String> probes = resource.contains("/index/") ? List.of("dynamodb:Query", "dynamodb:Scan")
                    : DYNAMODB_ACTIONS;
            List<String> allowed = allowed(iam, role.arn(), resource, probes);
            List<String> unneeded = allowed.stream().filter(action -> needs.stream()
                    .noneMatch(n -> n.action().equals(action) && n.resource().equals(resource)))
                    .map(a -> a.substring("dynamodb:".length())).toList();
            boolean all = allowed.size() == DYNAMODB_ACTIONS.size();
            wildcard |= all;
            if (!unneeded.isEmpty()) {
                extra.add(shortArn(resource) + ": " + (all ? "every action" : String.join(", ", unneeded)));
            }
        }
        return Outcome.when(extra.isEmpty(), Texts.extraActions(extra, wildcard, broaderPolicies));
    }

    /** An action on a resource, for the policy simulator. */
    record Probe(String action, String resource) {
    }

    /** Actions of other services, each on a resource of this lab, none of which a function needs. */
    static List<Probe> otherServices(String region, String account, Names names, Role role) {
        return List.of(
                new Probe("s3:GetObject", "arn:aws:s3:::" + names.siteBucket() + "/index.html"),
                new Probe("s3:PutObject", "arn:aws:s3:::" + names.siteBucket() + "/index.html"),
                new Probe("iam:CreateRole", "arn:aws:iam::" + account + ":role/anything"),
                new Probe("iam:PassRole", role.arn()),
                new Probe("lambda:UpdateFunctionCode", "arn:aws:lambda:" + region + ":" + account + ":function:"
                        + names.connectFunction()),
                new Probe("logs:DeleteLogGroup", "arn:aws:logs:" + region + ":" + account + ":log-group:"
                        + Names.logGroup(names.connectFunction()) + ":*"));
    }

    static Outcome otherServicesOutcome(IamClient iam, Role role, List<Probe> unneeded, Text broaderPolicies) {
        List<String> allowed = unneeded.stream()
                .filter(p -> !allowed(iam, role.arn(), p.resource(), List.of(p.action())).isEmpty())
                .map(p -> p.action() + " on " + p.resource()).toList();
        return Outcome.when(allowed.isEmpty(), Texts.otherServicesAllowed(allowed, broaderPolicies));
    }

    /**
     * The policies beside the two the lab puts on the role, each named with the command that
     * removes it: where a broad grant usually comes from (the seed's AmazonDynamoDBFullAccess).
     */
    static Text broaderPolicies(IamClient iam, String role, List<AttachedPolicy> attached, String chatPolicy) {
        List<String> detach = attached.stream().filter(p -> !p.policyArn().equals(BASIC_EXECUTION_POLICY))
                .map(p -> p.policyName() + " (aws iam detach-role-policy --role-name " + role + " --policy-arn "
                + p.policyArn() + ")").toList();
        List<String> delete = inlinePolicies(iam, role).stream().filter(n -> !n.equals(chatPolicy))
                .map(n -> n + " (aws iam delete-role-policy --role-name " + role + " --policy-name " + n + ")")
                .toList();
        List<String> all = new ArrayList<>(detach);
        all.addAll(delete);
        return all.isEmpty() ? Text.of("", "") : Texts.alsoHas(all);
    }

    /**
     * The actions (of {@code actions}) that the role's policies allow on {@code resource}, by
     * SimulatePrincipalPolicy.
     */
    static List<String> allowed(IamClient iam, String roleArn, String resource, List<String> actions) {
        return iam.simulatePrincipalPolicyPaginator(b -> b.policySourceArn(roleArn).actionNames(actions)
                .resourceArns(resource))
                .evaluationResults().stream()
                .filter(r -> r.evalDecision() == PolicyEvaluationDecisionType.ALLOWED)
                .map(EvaluationResult::evalActionName).toList();
    }

    /** "table/ChatUsers/index/*" for a DynamoDB ARN; other ARNs as they are. */
    static String shortArn(String arn) {
        return arn.startsWith("arn:aws:dynamodb:") ? arn.substring(arn.lastIndexOf(':') + 1) : arn;
    }

    /** What the checks say, in English and Korean: each check's name, then what it answers. */
    static final class Texts {

        static final Text EXISTS = Text.of("role %s exists", "역할 %s 있음");
        static final Text TRUSTS_LAMBDA_ONLY = Text.of("only lambda.amazonaws.com may assume it (trust policy)",
                "lambda.amazonaws.com만 역할을 맡을 수 있음 (신뢰 정책)");
        static final Text LOGS_POLICY = Text.of("AWSLambdaBasicExecutionRole is attached (logs)",
                "AWSLambdaBasicExecutionRole 연결됨 (로그)");
        static final Text NEEDS_ALLOWED = Text.of("policy simulation: the %d actions the functions need are allowed",
                "정책 시뮬레이션: 함수에 필요한 동작 %d개 허용됨");
        static final Text NO_OTHER_TABLE = Text.of(
                "policy simulation: nothing is allowed on another table (no \"Resource\": \"*\")",
                "정책 시뮬레이션: 다른 테이블에서는 모두 거부됨 (\"Resource\": \"*\" 없음)");
        static final Text ONLY_NEEDED_ACTIONS = Text.of(
                "policy simulation: on the chat's tables, only those actions (no dynamodb:*)",
                "정책 시뮬레이션: 채팅 테이블에서도 그 동작만 허용됨 (dynamodb:* 없음)");
        static final Text NO_OTHER_SERVICE = Text.of(
                "policy simulation: nothing of other services (S3, IAM, Lambda, logs)",
                "정책 시뮬레이션: 다른 서비스(S3, IAM, Lambda, 로그)는 거부됨");

        private Texts() {
        }

        static Text runStep4(String role) {
            return Text.of("Run ./lab step 4, or IAM → Roles → Create role → AWS service → Lambda, named " + role
                            + ".",
                    "./lab step 4를 실행하거나 IAM → 역할 → 역할 만들기 → AWS 서비스 → Lambda, 이름은 " + role + ".");
        }

        /** How to put the trust policy right, after what is wrong with it. */
        static Text trustFix(String role) {
            return Text.of(" Run ./lab step 4 again (it replaces the trust policy), or the role → Trust relationships"
                            + " → Edit trust policy: Principal {\"Service\": \"lambda.amazonaws.com\"}, Action"
                            + " sts:AssumeRole; CLI: aws iam update-assume-role-policy --role-name " + role
                            + " --policy-document file://trust.json.",
                    " ./lab step 4를 다시 실행하거나 (신뢰 정책을 바꿈) 역할 → 신뢰 관계 → 신뢰 정책 편집:"
                            + " Principal {\"Service\": \"lambda.amazonaws.com\"}, Action sts:AssumeRole;"
                            + " CLI: aws iam update-assume-role-policy --role-name " + role
                            + " --policy-document file://trust.json.");
        }

        static Text notLambda(List<String> trusted, String role) {
            Text fix = trustFix(role);
            return Text.of("It trusts " + trusted + ", not lambda.amazonaws.com: Lambda cannot run the functions as"
                            + " this role (step 6 fails with \"The role defined for the function cannot be assumed"
                            + " by Lambda\")." + fix.en(),
                    "이 역할을 맡을 수 있는 주체: " + trusted + ". lambda.amazonaws.com이 없어서 Lambda가 이 역할로 함수를 실행할 수 없습니다"
                            + " (6단계가 \"The role defined for the function cannot be assumed by Lambda\"로 실패)."
                            + fix.ko());
        }

        static Text alsoTrusts(List<String> others, String role) {
            Text fix = trustFix(role);
            return Text.of("It also trusts " + others + ": whoever can hand this role to that principal gets the"
                            + " chat's tables. Trust lambda.amazonaws.com alone." + fix.en(),
                    "lambda.amazonaws.com 말고도 " + others
                            + "도 이 역할을 맡을 수 있어서, 그쪽으로 역할을 넘길 수 있는 누구나 채팅 테이블을 쓸 수 있습니다."
                            + " lambda.amazonaws.com 하나만 믿으세요." + fix.ko());
        }

        static Text attachLogsPolicy(String role) {
            return Text.of("Attach the AWS managed policy AWSLambdaBasicExecutionRole (role → Add permissions → Attach"
                            + " policies, or ./lab step 4): without it the functions write no logs."
                            + " CLI: aws iam attach-role-policy --role-name " + role + " --policy-arn "
                            + BASIC_EXECUTION_POLICY,
                    "AWS 관리형 정책 AWSLambdaBasicExecutionRole을 연결하세요 (역할 → 권한 추가 → 정책 연결, 또는 ./lab step 4):"
                            + " 없으면 함수가 로그를 남기지 못합니다."
                            + " CLI: aws iam attach-role-policy --role-name " + role + " --policy-arn "
                            + BASIC_EXECUTION_POLICY);
        }

        static Text notAllowed(List<Need> denied, String chatPolicy) {
            String list = denied.stream()
                    .map(n -> n.action() + " on " + shortArn(n.resource()) + " (" + n.who().en() + ")")
                    .collect(Collectors.joining("; "));
            String listKo = denied.stream()
                    .map(n -> shortArn(n.resource()) + "에 " + n.action() + " (" + n.who().ko() + ")")
                    .collect(Collectors.joining("; "));
            return Text.of("Not allowed: " + list + ". Add each to the inline policy " + chatPolicy
                            + " (./lab step 4 writes it).",
                    "허용되지 않음: " + listKo + ". 인라인 정책 " + chatPolicy + "에 각각 추가하세요 (./lab step 4가 씁니다).");
        }

        /** The ARNs a policy should name instead of a wildcard, then the role's other policies. */
        static Text nameTheArns(String users, String messages, Text broaderPolicies) {
            return Text.of(" Name the ARNs: " + shortArn(users) + " and " + shortArn(users) + "/index/*, "
                            + shortArn(messages) + "." + broaderPolicies.en(),
                    " ARN을 적으세요: " + shortArn(users) + ", " + shortArn(users) + "/index/*, " + shortArn(messages)
                            + "." + broaderPolicies.ko());
        }

        static Text allowedOnOtherTable(String table, List<String> allowed, Text nameTheArns) {
            return Text.of("Allowed on " + shortArn(table) + ", a table that is not the chat's: " + allowed
                            + ". The Resource is \"*\" (or table/*, or your prefix and a *): a bug in any"
                            + " function could then write to every table of the account." + nameTheArns.en(),
                    "채팅 테이블이 아닌 " + shortArn(table) + "에서 허용됨: " + allowed
                            + ". Resource가 \"*\"(또는 table/*, 접두사 뒤의 *)이면 어느 함수의 버그 하나로 계정의 모든 테이블에 쓸 수 있습니다."
                            + nameTheArns.ko());
        }

        static Text allowedOnClassmates(String table, List<String> allowed, Text nameTheArns) {
            return Text.of("Allowed on " + shortArn(table) + ", the table of another lab (a classmate's, in an"
                            + " account a class shares): " + allowed
                            + ". A wildcard in the table's name (table/*ChatUsers, table/chat-*, your prefix"
                            + " without its dash) reaches other students' tables." + nameTheArns.en(),
                    "다른 실습(계정을 함께 쓰는 반이라면 다른 학생)의 테이블 " + shortArn(table) + "에서 허용됨: " + allowed
                            + ". 테이블 이름의 와일드카드(table/*ChatUsers, table/chat-*, 대시 없는 접두사)는 다른 학생의 테이블까지 닿습니다."
                            + nameTheArns.ko());
        }

        static Text extraActions(List<String> extra, boolean wildcard, Text broaderPolicies) {
            return Text.of("Allowed although no function calls it: " + String.join("; ", extra) + "."
                            + (wildcard ? " That is dynamodb:* (or a full-access policy): the functions could"
                                    + " delete the tables." : "")
                            + " List the actions one by one: PutItem, DeleteItem, Query on the users table (Query on"
                            + " its index); PutItem, Query on the messages table." + broaderPolicies.en(),
                    "어느 함수도 호출하지 않는데 허용됨: " + String.join("; ", extra).replace("every action", "모든 동작") + "."
                            + (wildcard ? " dynamodb:*(또는 전체 권한 정책)입니다: 함수가 테이블을 지울 수도 있습니다." : "")
                            + " 동작을 하나씩 적으세요: 사용자 테이블에 PutItem, DeleteItem, Query (인덱스에는 Query),"
                            + " 메시지 테이블에 PutItem, Query." + broaderPolicies.ko());
        }

        static Text otherServicesAllowed(List<String> allowed, Text broaderPolicies) {
            return Text.of("Allowed although no function needs it: " + allowed
                            + ". A statement with \"Action\": \"*\" (or s3:*, iam:*), or a broad managed policy,"
                            + " gives it." + broaderPolicies.en(),
                    "어느 함수도 필요 없는데 허용됨: " + allowed
                            + ". \"Action\": \"*\"(또는 s3:*, iam:*)인 문이나 넓은 관리형 정책 때문입니다."
                            + broaderPolicies.ko());
        }

        /** The role's policies beside the lab's two, each with the command that removes it. */
        static Text alsoHas(List<String> policies) {
            return Text.of(" The role also has " + policies
                            + ": remove them (role → Permissions → select → Remove), or run ./lab step 4 again.",
                    " 역할에 다른 정책도 있습니다: " + policies + ". 지우세요 (역할 → 권한 → 선택 → 제거), 또는 ./lab step 4를 다시 실행하세요.");
        }
    }
}
