package dev.chatlab.cli.classroom;

import dev.chatlab.labkit.LabSettings;
import dev.chatlab.labkit.LabState;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Target;
import dev.chatlab.labkit.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The IAM policy an instructor attaches to every student's IAM user in an account a class
 * shares: each user may build, check and tear down exactly the lab whose prefix the pattern
 * gives them ({@code chat-${aws:username}}), and nothing of a classmate's. The names come from
 * {@link Names}, with the pattern as the prefix, so that the policy names what the steps create.
 *
 * <p>Exact names, never {@code <prefix>-*}: user "kim"'s {@code chat-kim-*} would also match user
 * "kim-lee"'s {@code chat-kim-lee-connect}. What has an id instead of a name (API Gateway) is
 * scoped by the lab's tag where AWS evaluates tags; what AWS scopes neither way is listed in
 * {@link #unscoped()}.
 */
public final class ClassPolicy {

    public static final String DEFAULT_PATTERN = "chat-${aws:username}";
    static final String LOGS_POLICY = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{aws:(username|userid|PrincipalTag/[A-Za-z0-9_.:/=+@-]+)}");

    private final String pattern;
    private final String region;
    private final Names names;

    /** @throws IllegalArgumentException when a user's prefix from {@code pattern} could not be a lab's prefix */
    public ClassPolicy(String pattern, String region) {
        String sample = VARIABLE.matcher(pattern).replaceAll("student");
        if (!pattern.contains("${") || !LabState.isValidPrefix(sample) || sample.contains("${")) {
            throw new IllegalArgumentException(("--prefix-pattern must be lower-case letters, digits and '-' with one policy variable such as"
                    + " ${aws:username}, e.g. %s; '%s' is not").formatted(DEFAULT_PATTERN, pattern));
        }
        this.pattern = pattern;
        this.region = region;
        this.names = new Names(new LabSettings(Target.AWS, region, null, null, pattern, null, null, null, null));
    }

    /** The prefix one user gets: the pattern with {@code ${aws:username}} replaced. */
    public String prefixOf(String username) {
        return pattern.replace("${aws:username}", username);
    }

    public String json() {
        PolicyDocument policy = new PolicyDocument();
        policy.allow("ReadWhatTheChecksList", List.of("sts:GetCallerIdentity", "s3:ListAllMyBuckets", "s3:GetAccountPublicAccessBlock",
                "dynamodb:ListTables", "lambda:ListFunctions", "iam:ListRoles", "logs:DescribeLogGroups", "route53:ListHostedZones",
                "route53:ListHostedZonesByName", "tag:GetResources"), List.of("*"));
        policy.allow("ListApis", List.of("apigateway:GET"), List.of(apigateway("/restapis"), apigateway("/apis")));
        String bucket = "arn:aws:s3:::" + names.siteBucket();
        policy.allow("OwnBucket", List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket", "s3:GetBucketLocation",
                "s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock", "s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:DeleteBucketPolicy",
                "s3:PutBucketWebsite", "s3:GetBucketWebsite", "s3:DeleteBucketWebsite", "s3:PutBucketTagging", "s3:GetBucketTagging"), List.of(bucket));
        policy.allow("OwnBucketsObjects", List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"), List.of(bucket + "/*"));
        List<String> tables = new ArrayList<>();
        for (String table : List.of(names.usersTable(), names.messagesTable())) {
            tables.add(arn("dynamodb", "table/" + table));
            tables.add(arn("dynamodb", "table/" + table + "/index/*"));
        }
        policy.allow("OwnTables", List.of("dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:DescribeTable", "dynamodb:UpdateTable",
                "dynamodb:TagResource", "dynamodb:ListTagsOfResource", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"), tables);
        String role = "arn:aws:iam::*:role/" + names.lambdaRole();
        policy.allow("OwnRole", List.of("iam:CreateRole", "iam:GetRole", "iam:DeleteRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole",
                "iam:ListRoleTags", "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy", "iam:ListRolePolicies",
                "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy", "iam:SimulatePrincipalPolicy"), List.of(role));
        policy.allow("OwnRoleGetsOnlyTheLogsPolicy", List.of("iam:AttachRolePolicy"), List.of(role),
                Map.of("ArnEquals", Map.of("iam:PolicyARN", LOGS_POLICY)));
        policy.allow("PassOwnRoleToLambdaOnly", List.of("iam:PassRole"), List.of(role),
                Map.of("StringEquals", Map.of("iam:PassedToService", "lambda.amazonaws.com")));
        policy.allow("OwnFunctions", List.of("lambda:CreateFunction", "lambda:DeleteFunction", "lambda:GetFunction",
                "lambda:GetFunctionConfiguration", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:AddPermission",
                "lambda:RemovePermission", "lambda:GetPolicy", "lambda:InvokeFunction", "lambda:TagResource", "lambda:ListTags"),
                names.functions().stream().map(f -> arn("lambda", "function:" + f)).toList());
        policy.allow("OwnFunctionsLogs", List.of("logs:FilterLogEvents", "logs:GetLogEvents", "logs:DeleteLogGroup"),
                names.functions().stream().flatMap(f -> List.of(arn("logs", "log-group:" + Names.logGroup(f)), arn("logs", "log-group:" + Names.logGroup(f) + ":*")).stream()).toList());
        policy.allow("CreateApisTaggedWithOwnPrefix", List.of("apigateway:POST"), List.of(apigateway("/restapis"), apigateway("/apis")),
                Map.of("StringEquals", Map.of("aws:RequestTag/" + Names.TAG_KEY, pattern)));
        policy.allow("OwnApisByTag", List.of("apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE"),
                List.of(apigateway("/restapis/*"), apigateway("/apis/*"), apigateway("/tags/*")),
                Map.of("StringEquals", Map.of("aws:ResourceTag/" + Names.TAG_KEY, pattern)));
        policy.allow("WebSocketApiPartsAwsDoesNotScope", List.of("apigateway:GET", "apigateway:POST", "apigateway:PATCH", "apigateway:DELETE"),
                List.of("routes", "integrations", "deployments", "stages").stream()
                        .flatMap(part -> List.of(apigateway("/apis/*/" + part), apigateway("/apis/*/" + part + "/*")).stream()).toList());
        return policy.json();
    }

    /** What AWS lets no policy scope to one student, so that the instructor knows. */
    public static List<Text> unscoped() {
        return List.of(
                Text.of("WebSocket APIs' routes, integrations, deployments and stages: AWS evaluates a tag only on the API itself (REST APIs'"
                        + " parts inherit it, WebSocket APIs' do not), so a student could change a classmate's routes if they looked up its id.",
                        "WebSocket API의 라우트, 통합, 배포, 스테이지: AWS는 API 자체의 태그만 평가하므로(REST API의 하위 리소스는 태그를 물려받지만"
                                + " WebSocket API는 아닙니다) 학생이 다른 학생 API의 ID를 찾아 라우트를 바꿀 수 있습니다."),
                Text.of("Route53: a hosted zone has an id, not a name, and CreateHostedZone takes no condition on the zone's name; the policy"
                        + " only lets students read. On AWS step 3 needs a registered domain anyway: run the class without --domain (step 3 is skipped).",
                        "Route53: 호스팅 영역에는 이름이 아니라 ID가 있고 CreateHostedZone에는 영역 이름 조건이 없어서, 정책은 읽기만 허용합니다."
                                + " AWS에서 3단계는 어차피 등록된 도메인이 필요하니 --domain 없이 진행하세요(3단계는 건너뜁니다)."),
                Text.of("The role's inline policy: IAM cannot limit what a student writes into it, and their functions run as that role. A"
                        + " student can give their own functions more than the chat needs; a permissions boundary on the role would cap it (not set"
                        + " up by the lab).",
                        "역할의 인라인 정책: 학생이 무엇을 적는지 IAM이 제한할 수 없고, 학생의 함수는 그 역할로 실행됩니다. 학생은 자기 함수에"
                                + " 채팅에 필요한 것보다 많은 권한을 줄 수 있습니다. 역할에 권한 경계를 두면 막을 수 있습니다(실습은 설정하지 않습니다)."),
                Text.of("The list and read calls the checks and teardown need (ListTables, ListFunctions, ListRoles, ListAllMyBuckets,"
                        + " DescribeLogGroups, GetApis): they show every student's names, never their data.",
                        "확인과 정리에 필요한 목록, 읽기 호출(ListTables, ListFunctions, ListRoles, ListAllMyBuckets, DescribeLogGroups,"
                                + " GetApis): 모든 학생의 이름이 보이지만 데이터는 보이지 않습니다."));
    }

    String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":*:" + resource;
    }

    String apigateway(String path) {
        return "arn:aws:apigateway:" + region + "::" + path;
    }

    Names names() {
        return names;
    }

    String region() {
        return region;
    }
}
