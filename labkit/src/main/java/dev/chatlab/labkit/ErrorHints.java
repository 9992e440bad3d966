package dev.chatlab.labkit;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * AWS errors a student meets, turned into lessons: one table from an AWS error code (and the
 * words of its message, and the operation that failed) to a hint in Korean and English that
 * names the fix. {@link StepRunner} prints the hint when a step stops, {@link Checks} adds it
 * when a check throws; an error the table does not know keeps its raw text only.
 *
 * <p>The first matching rule wins, so a specific message ("cannot be assumed by Lambda") sits
 * above the general rule of its code (InvalidParameterValueException).
 */
public final class ErrorHints {

    /**
     * One lesson: the error codes it applies to, optionally the operation (an SDK method name
     * such as {@code putBucketPolicy}, compared without case) and a pattern found in the message.
     */
    private record Rule(Set<String> codes, String operation, Pattern message, Text hint) {

        boolean matches(String code, String failedOperation, String text) {
            return code != null && codes.contains(code)
                    && (operation == null || operation.equalsIgnoreCase(failedOperation))
                    && (message == null || message.matcher(text).find());
        }
    }

    private static Rule rule(String codes, String operation, String messageRegex, String en, String ko) {
        return new Rule(Set.of(codes.split("\\|")), operation,
                messageRegex == null ? null : Pattern.compile(messageRegex, Pattern.CASE_INSENSITIVE), Text.of(en, ko));
    }

    private static Rule code(String codes, String en, String ko) {
        return rule(codes, null, null, en, ko);
    }

    private static Rule message(String codes, String messageRegex, String en, String ko) {
        return rule(codes, null, messageRegex, en, ko);
    }

    private static Rule operation(String codes, String operation, String en, String ko) {
        return rule(codes, operation, null, en, ko);
    }

    private static final List<Rule> RULES = List.of(
            // S3: the bucket policy (step 2) and Block Public Access (step 1)
            message("MalformedPolicy", "does not apply to any resource",
                    "The policy's Resource must name the objects, not the bucket: arn:aws:s3:::<bucket>/* (s3:GetObject acts on objects, so add /*).",
                    "정책의 Resource는 버킷이 아니라 객체를 가리켜야 합니다: arn:aws:s3:::<버킷>/* (s3:GetObject는 객체에 대한 동작이므로 /*를 붙이세요)."),
            message("MalformedPolicy", "invalid resource",
                    "The policy's Resource must be an ARN of this bucket's objects, arn:aws:s3:::<bucket>/* (check the bucket name and the arn:aws:s3::: prefix).",
                    "정책의 Resource는 이 버킷 객체의 ARN, arn:aws:s3:::<버킷>/* 여야 합니다 (버킷 이름과 arn:aws:s3::: 접두사를 확인하세요)."),
            message("MalformedPolicy", "invalid principal",
                    "Principal must be \"*\" (everyone) or {\"AWS\": \"*\"}: check the spelling of the Principal element.",
                    "Principal은 \"*\"(누구나) 또는 {\"AWS\": \"*\"}여야 합니다: Principal 요소의 철자를 확인하세요."),
            message("MalformedPolicy", "invalid action",
                    "An Action is misspelled: S3 actions look like s3:GetObject (service prefix, colon, operation name).",
                    "Action 철자가 틀렸습니다: S3 동작은 s3:GetObject처럼 씁니다 (서비스 접두사, 콜론, 작업 이름)."),
            message("MalformedPolicy", "valid JSON|invalid Json|first byte",
                    "The policy is not valid JSON: check quotes, commas and braces (the console's policy generator avoids typos).",
                    "정책이 올바른 JSON이 아닙니다: 따옴표, 쉼표, 중괄호를 확인하세요 (콘솔의 정책 생성기를 쓰면 오타를 피할 수 있습니다)."),
            code("MalformedPolicy",
                    "S3 refused the policy document: compare it with the step 2 README's policy (Version, Statement, Effect, Principal, Action, Resource).",
                    "S3가 정책 문서를 거절했습니다: 2단계 README의 정책과 비교하세요 (Version, Statement, Effect, Principal, Action, Resource)."),
            message("AccessDenied", "BlockPublicPolicy",
                    "Block Public Access (BlockPublicPolicy) is still on, so S3 refuses a public policy: do step 1 first (./lab step 1, or bucket → Permissions → Block public access → Edit → untick all four).",
                    "퍼블릭 액세스 차단(BlockPublicPolicy)이 아직 켜져 있어 S3가 공개 정책을 거절합니다: 1단계를 먼저 하세요 (./lab step 1, 또는 버킷 → 권한 → 퍼블릭 액세스 차단 → 편집 → 네 가지 모두 해제)."),
            operation("AccessDenied", "putBucketPolicy",
                    "S3 refused a public policy: Block Public Access (BlockPublicPolicy) is most likely still on, at the bucket or the account. Do step 1 first (./lab step 1), then run this step again.",
                    "S3가 공개 정책을 거절했습니다: 버킷이나 계정의 퍼블릭 액세스 차단(BlockPublicPolicy)이 아직 켜져 있을 가능성이 큽니다. 1단계를 먼저 한 뒤(./lab step 1) 이 단계를 다시 실행하세요."),
            code("AccessControlListNotSupported",
                    "This bucket does not use ACLs (Object Ownership: bucket owner enforced): make objects public with the bucket policy (step 2), not with a public-read ACL.",
                    "이 버킷은 ACL을 쓰지 않습니다 (객체 소유권: 버킷 소유자 적용): public-read ACL이 아니라 버킷 정책(2단계)으로 객체를 공개하세요."),
            message("AccessDenied|AccessDeniedException", "iam:PassRole",
                    "Your own user may not pass the role to Lambda: it needs iam:PassRole on the chat's role (ask the account's administrator).",
                    "내 사용자에게 역할을 Lambda에 넘길 권한이 없습니다: 채팅 역할에 대한 iam:PassRole 권한이 필요합니다 (계정 관리자에게 요청하세요)."),
            code("AccessDenied|AccessDeniedException|UnauthorizedOperation",
                    "Your credentials may not do this: check which user you are (aws sts get-caller-identity) and that its policy allows the action named above.",
                    "이 자격 증명으로는 이 작업을 할 수 없습니다: 어느 사용자인지(aws sts get-caller-identity), 그 정책이 위에 나온 동작을 허용하는지 확인하세요."),
            code("NoSuchBucket",
                    "The bucket does not exist (yet): run ./lab step 1, and check the bucket's name (it carries the lab's prefix).",
                    "버킷이 (아직) 없습니다: ./lab step 1을 실행하고, 버킷 이름을 확인하세요 (실습 접두사가 붙습니다)."),
            code("BucketAlreadyExists",
                    "Bucket names are global across all AWS accounts and this one is taken by someone else: choose another prefix (--prefix) or domain.",
                    "버킷 이름은 모든 AWS 계정에서 하나뿐인데 이 이름은 다른 사람이 쓰고 있습니다: 다른 접두사(--prefix)나 도메인을 고르세요."),
            code("BucketAlreadyOwnedByYou",
                    "You already own this bucket: nothing to create. Check first (HeadBucket) and keep the existing bucket, as the step does when run twice.",
                    "이미 내 버킷입니다: 새로 만들 필요가 없습니다. 먼저 확인하고(HeadBucket) 있는 버킷을 그대로 쓰세요 (단계를 두 번 실행할 때처럼)."),
            code("IllegalLocationConstraintException|InvalidLocationConstraint",
                    "The LocationConstraint must be the region the request goes to (and us-east-1 takes none): use the lab's region in CreateBucketConfiguration.",
                    "LocationConstraint는 요청을 보내는 리전이어야 합니다 (us-east-1에는 넣지 않습니다): CreateBucketConfiguration에 실습 리전을 쓰세요."),
            code("InvalidBucketName",
                    "Bucket names are 3-63 characters of lowercase letters, digits, dots and hyphens: no capitals, no underscores.",
                    "버킷 이름은 소문자, 숫자, 점, 하이픈으로 된 3~63자입니다: 대문자와 밑줄은 쓸 수 없습니다."),
            code("PermanentRedirect|AuthorizationHeaderMalformed",
                    "The bucket lives in another region than the one the lab uses: run with that region (--region) or create the bucket again in the lab's region.",
                    "버킷이 실습에서 쓰는 리전과 다른 리전에 있습니다: 그 리전으로 실행하거나(--region) 실습 리전에 버킷을 다시 만드세요."),
            code("NoSuchWebsiteConfiguration",
                    "Static website hosting is off: run ./lab step 2 (bucket → Properties → Static website hosting → Enable).",
                    "정적 웹 사이트 호스팅이 꺼져 있습니다: ./lab step 2를 실행하세요 (버킷 → 속성 → 정적 웹 사이트 호스팅 → 활성화)."),
            code("NoSuchBucketPolicy",
                    "The bucket has no policy yet, so nothing is public: run ./lab step 2 (bucket → Permissions → Bucket policy).",
                    "버킷에 아직 정책이 없어 아무것도 공개되지 않았습니다: ./lab step 2를 실행하세요 (버킷 → 권한 → 버킷 정책)."),
            code("NoSuchKey",
                    "That file is not in the bucket: upload the site (./lab step 2) and check the key's exact name (keys are case-sensitive).",
                    "그 파일이 버킷에 없습니다: 사이트를 올리고(./lab step 2) 키 이름을 정확히 확인하세요 (대소문자를 구분합니다)."),

            // Credentials, for every service
            code("InvalidAccessKeyId|SignatureDoesNotMatch|UnrecognizedClientException|InvalidClientTokenId|IncompleteSignature",
                    "AWS does not accept these credentials: run aws configure (or aws sso login) again, or pass the right --profile.",
                    "AWS가 이 자격 증명을 받아들이지 않습니다: aws configure(또는 aws sso login)를 다시 하거나 올바른 --profile을 주세요."),
            code("ExpiredToken|ExpiredTokenException|RequestExpired",
                    "The session's credentials expired: log in again (aws sso login) and run the step again.",
                    "세션의 자격 증명이 만료되었습니다: 다시 로그인하고(aws sso login) 단계를 다시 실행하세요."),

            // IAM (step 4)
            operation("NoSuchEntity", "getRole",
                    "The role does not exist (yet): run ./lab step 4, and check the role's name (it carries the lab's prefix).",
                    "역할이 (아직) 없습니다: ./lab step 4를 실행하고, 역할 이름을 확인하세요 (실습 접두사가 붙습니다)."),
            message("NoSuchEntity", "role",
                    "The role does not exist (yet): run ./lab step 4, and check the role's name (it carries the lab's prefix).",
                    "역할이 (아직) 없습니다: ./lab step 4를 실행하고, 역할 이름을 확인하세요 (실습 접두사가 붙습니다)."),
            code("NoSuchEntity",
                    "IAM has no such role, policy or user: check the name, and run ./lab step 4 first.",
                    "IAM에 그런 역할, 정책, 사용자가 없습니다: 이름을 확인하고 ./lab step 4를 먼저 실행하세요."),
            code("EntityAlreadyExists",
                    "The role already exists: read it (GetRole) and update what differs instead of creating it again.",
                    "역할이 이미 있습니다: 다시 만들지 말고 읽어서(GetRole) 다른 부분만 고치세요."),
            message("MalformedPolicyDocument", "principal",
                    "The trust policy's Principal must be {\"Service\": \"lambda.amazonaws.com\"} with the action sts:AssumeRole.",
                    "신뢰 정책의 Principal은 {\"Service\": \"lambda.amazonaws.com\"}, 동작은 sts:AssumeRole이어야 합니다."),
            code("MalformedPolicyDocument",
                    "IAM refused the policy document: check its JSON and its elements (Version \"2012-10-17\", Statement, Effect, Action, Resource) against the step 4 README.",
                    "IAM이 정책 문서를 거절했습니다: JSON과 요소(Version \"2012-10-17\", Statement, Effect, Action, Resource)를 4단계 README와 비교하세요."),

            // Lambda (step 6)
            message("InvalidParameterValueException", "cannot be assumed by Lambda",
                    "Lambda cannot assume the role: its trust policy must allow lambda.amazonaws.com sts:AssumeRole (step 4). A role created seconds ago needs a few seconds in IAM first; the step retries that.",
                    "Lambda가 역할을 맡을 수 없습니다: 역할의 신뢰 정책이 lambda.amazonaws.com에 sts:AssumeRole을 허용해야 합니다 (4단계). 방금 만든 역할은 IAM에 퍼지기까지 몇 초가 걸리며, 단계가 다시 시도합니다."),
            message("InvalidParameterValueException", "runtime parameter|runtime.*(not supported|deprecated)",
                    "AWS no longer accepts that runtime for new functions: use java21 (or java25).",
                    "AWS는 새 함수에 그 런타임을 더 이상 받지 않습니다: java21(또는 java25)을 쓰세요."),
            message("InvalidParameterValueException", "unzipped size|zipped file size|request must be smaller",
                    "The function's package is too large for a direct upload: upload the jar to S3 and point the function at it, or slim its dependencies.",
                    "함수 패키지가 직접 올리기에 너무 큽니다: jar를 S3에 올려 가리키게 하거나 의존성을 줄이세요."),
            message("InvalidParameterValueException", "timeout",
                    "The function's timeout is out of range: Lambda takes 1 to 900 seconds (the chat's functions use 15).",
                    "함수 제한 시간이 범위를 벗어났습니다: Lambda는 1~900초를 받습니다 (채팅 함수는 15초)."),
            message("InvalidParameterValueException", "memory",
                    "The function's memory is out of range: Lambda takes 128 to 10240 MB (the chat's functions use 512).",
                    "함수 메모리가 범위를 벗어났습니다: Lambda는 128~10240MB를 받습니다 (채팅 함수는 512MB)."),
            code("InvalidParameterValueException",
                    "Lambda refused a parameter of the function (the message names it): compare it with the step 6 README.",
                    "Lambda가 함수의 매개변수 하나를 거절했습니다 (메시지에 이름이 있습니다): 6단계 README와 비교하세요."),
            message("ResourceConflictException", "statement id|already exists.*statement|StatementId",
                    "That permission statement already exists: read the policy (GetPolicy) and keep it, or remove it first (RemovePermission) to change it.",
                    "그 권한 문(statement)이 이미 있습니다: 정책을 읽어(GetPolicy) 그대로 두거나, 바꾸려면 먼저 지우세요(RemovePermission)."),
            message("ResourceConflictException", "update is in progress|Pending|in progress",
                    "The function is still being created or updated: wait for it (waiter functionActiveV2 / functionUpdatedV2) before the next change.",
                    "함수를 아직 만들거나 고치는 중입니다: 다음 변경 전에 기다리세요 (waiter functionActiveV2 / functionUpdatedV2)."),
            message("ResourceConflictException", "already exist",
                    "The function already exists: update its code and configuration instead of creating it again.",
                    "함수가 이미 있습니다: 다시 만들지 말고 코드와 구성을 고치세요."),
            operation("ResourceNotFoundException", "getPolicy",
                    "The function has no resource policy yet: nothing may invoke it. Grant API Gateway lambda:InvokeFunction (AddPermission, SourceArn = the API's ARN), step 6.",
                    "함수에 아직 리소스 정책이 없어 아무도 호출할 수 없습니다: API Gateway에 lambda:InvokeFunction을 허용하세요 (AddPermission, SourceArn = API의 ARN), 6단계."),
            message("ResourceNotFoundException", "function",
                    "The Lambda function does not exist (yet): run ./lab step 6, and check the function's name (it carries the lab's prefix).",
                    "Lambda 함수가 (아직) 없습니다: ./lab step 6을 실행하고, 함수 이름을 확인하세요 (실습 접두사가 붙습니다)."),
            code("ResourceNotReadyException",
                    "The function is not active yet (state Pending): wait with the functionActiveV2 waiter before invoking it.",
                    "함수가 아직 활성 상태가 아닙니다 (Pending): 호출하기 전에 functionActiveV2 waiter로 기다리세요."),

            // DynamoDB (step 7)
            message("ResourceNotFoundException", "table|non-existent|Requested resource not found",
                    "The DynamoDB table does not exist, or is still being created: run ./lab step 7 (and wait until the table is ACTIVE), and check the table's name.",
                    "DynamoDB 테이블이 없거나 아직 만드는 중입니다: ./lab step 7을 실행하고 (테이블이 ACTIVE가 될 때까지 기다리고), 테이블 이름을 확인하세요."),
            message("ResourceInUseException", "already exists",
                    "The table already exists: read it (DescribeTable) and keep it; a table's key schema cannot change, so a wrong one must be deleted and created again.",
                    "테이블이 이미 있습니다: 읽어서(DescribeTable) 그대로 쓰세요. 키 스키마는 바꿀 수 없으니 틀렸다면 지우고 다시 만들어야 합니다."),
            code("ResourceInUseException",
                    "The table is still being created, updated or deleted: wait until it is ACTIVE (waitUntilTableExists) before the next change.",
                    "테이블을 아직 만들거나 고치거나 지우는 중입니다: 다음 변경 전에 ACTIVE가 될 때까지 기다리세요 (waitUntilTableExists)."),
            message("ValidationException", "key element does not match the schema|Missing the key|Type mismatch for key|key schema",
                    "The item's keys do not match the table's key schema: ChatMessages is roomId (S) + sortKey (S), ChatUsers is roomId (S) + connectionId (S) (PROTOCOL.md).",
                    "항목의 키가 테이블의 키 스키마와 맞지 않습니다: ChatMessages는 roomId(S) + sortKey(S), ChatUsers는 roomId(S) + connectionId(S)입니다 (PROTOCOL.md)."),
            message("ValidationException", "does not have the specified index",
                    "The table has no index of that name: ChatUsers needs the GSI connectionId-index (partition key connectionId), step 7.",
                    "테이블에 그 이름의 인덱스가 없습니다: ChatUsers에는 GSI connectionId-index(파티션 키 connectionId)가 있어야 합니다 (7단계)."),
            message("ValidationException", "ReadCapacityUnits|WriteCapacityUnits|ProvisionedThroughput|BillingMode",
                    "The lab's tables are on-demand: BillingMode PAY_PER_REQUEST, with no ProvisionedThroughput.",
                    "실습의 테이블은 온디맨드입니다: BillingMode PAY_PER_REQUEST, ProvisionedThroughput 없이."),
            message("ValidationException", "ExpressionAttribute|KeyConditionExpression|attribute name is a reserved keyword|unused in expressions|undefined",
                    "An expression and its placeholders disagree: every :value and #name in the expression needs an entry, and reserved words need a #name.",
                    "표현식과 자리 표시자가 맞지 않습니다: 표현식의 :값과 #이름마다 항목이 있어야 하고, 예약어는 #이름으로 써야 합니다."),
            code("ConditionalCheckFailedException",
                    "The write's condition failed: an item with this key already exists (no message may overwrite another).",
                    "쓰기 조건이 맞지 않았습니다: 이 키의 항목이 이미 있습니다 (메시지는 다른 메시지를 덮어쓰지 않습니다)."),

            // API Gateway (steps 5, 6, 8)
            message("NotFoundException", "API identifier|api|route|integration|stage|resource",
                    "API Gateway has no such API, route, integration or stage: run ./lab step 5, and use the ids it printed.",
                    "API Gateway에 그런 API, 라우트, 통합, 스테이지가 없습니다: ./lab step 5를 실행하고 거기서 출력한 ID를 쓰세요."),
            message("BadRequestException", "no routes|doesn't contain any methods|no methods",
                    "A deployment needs routes (or methods) with integrations: wire the routes first (step 6), then deploy.",
                    "배포하려면 통합이 연결된 라우트(또는 메서드)가 있어야 합니다: 라우트를 먼저 연결하고(6단계) 배포하세요."),
            code("ConflictException",
                    "That API Gateway resource already exists: reuse it (or update it) instead of creating another.",
                    "그 API Gateway 리소스가 이미 있습니다: 새로 만들지 말고 있는 것을 쓰거나 고치세요."),
            code("GoneException",
                    "That WebSocket connection is gone (410): delete its row from ChatUsers and go on with the other connections.",
                    "그 WebSocket 연결은 이미 끊겼습니다 (410): ChatUsers에서 그 연결의 항목을 지우고 나머지 연결로 계속하세요."),
            operation("ForbiddenException", "postToConnection",
                    "API Gateway refused to post to the connection: the role needs execute-api:ManageConnections, and the callback URL must be https://<api>.execute-api.<region>.amazonaws.com/<stage>.",
                    "API Gateway가 연결로 보내기를 거절했습니다: 역할에 execute-api:ManageConnections가 있어야 하고, 콜백 URL은 https://<api>.execute-api.<리전>.amazonaws.com/<스테이지> 형식이어야 합니다."),
            code("TooManyRequestsException|ThrottlingException|Throttling|SlowDown|ProvisionedThroughputExceededException",
                    "AWS is throttling: wait a few seconds and run the step again (the SDK already retried).",
                    "AWS가 요청 속도를 제한하고 있습니다: 몇 초 기다린 뒤 단계를 다시 실행하세요 (SDK가 이미 재시도했습니다)."),

            // Route53 (step 3)
            code("NoSuchHostedZone",
                    "The hosted zone does not exist: run ./lab step 3, and use the zone's id without the /hostedzone/ prefix where an id is asked.",
                    "호스팅 영역이 없습니다: ./lab step 3을 실행하고, ID를 받는 곳에는 /hostedzone/ 접두사 없는 영역 ID를 쓰세요."),
            message("InvalidChangeBatch", "alias target|not lie within the target zone|AliasTarget",
                    "The alias target must be the S3 website endpoint of the bucket's region (s3-website.<region>.amazonaws.com) in that endpoint's hosted zone id (AWS's table; Lab.websiteEndpointPrefix and websiteZoneId).",
                    "별칭 대상은 버킷 리전의 S3 웹 사이트 엔드포인트(s3-website.<리전>.amazonaws.com)와 그 엔드포인트의 호스팅 영역 ID여야 합니다 (AWS 표, Lab.websiteEndpointPrefix와 websiteZoneId)."),
            message("InvalidChangeBatch", "already exists",
                    "The record already exists: use UPSERT instead of CREATE, so the step can run twice.",
                    "레코드가 이미 있습니다: CREATE 대신 UPSERT를 써서 단계를 여러 번 실행할 수 있게 하세요."),
            message("InvalidChangeBatch", "not found",
                    "There is no such record to delete: list the zone's records and name the one that exists (name, type and values must match exactly).",
                    "지울 레코드가 없습니다: 영역의 레코드를 확인하고 있는 레코드를 지정하세요 (이름, 유형, 값이 정확히 같아야 합니다)."),
            code("InvalidChangeBatch",
                    "Route53 refused the change batch: a record needs a name inside the zone, a type, and either values with a TTL or an AliasTarget.",
                    "Route53이 변경 배치를 거절했습니다: 레코드에는 영역 안의 이름, 유형, 그리고 TTL과 값 또는 AliasTarget이 있어야 합니다."),
            code("HostedZoneAlreadyExists",
                    "A hosted zone with this CallerReference already exists: find the zone (ListHostedZonesByName) and reuse it.",
                    "이 CallerReference로 만든 호스팅 영역이 이미 있습니다: 영역을 찾아(ListHostedZonesByName) 그대로 쓰세요."),
            code("InvalidDomainName",
                    "Route53 refused the domain name: give --domain a name you own, such as chat.example.com.",
                    "Route53이 도메인 이름을 거절했습니다: --domain에 소유한 이름(예: chat.example.com)을 주세요."));

    /** What localcloud and the SDK say without an AWS error code: no credentials, no network. */
    private static final List<Rule> CLIENT_RULES = List.of(
            message("client", "Unable to load credentials|Unable to load region",
                    "No AWS credentials or region found: run aws configure (or aws sso login), or pass --profile; on localcloud this never happens.",
                    "AWS 자격 증명이나 리전을 찾지 못했습니다: aws configure(또는 aws sso login)를 하거나 --profile을 주세요."),
            message("client", "UnknownHost|Connect to .* failed|timed out",
                    "The cloud did not answer: check the network (and for localcloud, ./lab cloud status).",
                    "클라우드가 응답하지 않았습니다: 네트워크를 확인하세요 (localcloud라면 ./lab cloud status)."));

    private ErrorHints() {
    }

    /** The hint for an error thrown by an AWS SDK call, if the table knows it. */
    public static Optional<Text> hintFor(Throwable error) {
        return hintFor(error, null);
    }

    /**
     * The hint for an error, with the operation that failed; {@code null} reads it from the
     * error's stack (the SDK client's method, such as {@code putBucketPolicy}).
     */
    public static Optional<Text> hintFor(Throwable error, String operation) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
                String code = aws.awsErrorDetails().errorCode();
                String text = String.valueOf(aws.awsErrorDetails().errorMessage());
                String failed = operation != null ? operation : operationOf(aws);
                return RULES.stream().filter(r -> r.matches(code, failed, text)).map(Rule::hint).findFirst();
            }
            if (cause instanceof SdkClientException client) {
                String text = String.valueOf(client.getMessage());
                return CLIENT_RULES.stream().filter(r -> r.matches("client", null, text)).map(Rule::hint).findFirst();
            }
        }
        return Optional.empty();
    }

    /**
     * The hint for an HTTP answer a student's browser or a check gets from the lab's endpoints:
     * an API Gateway invoke URL or an S3 website.
     */
    public static Optional<Text> hintForHttp(int status, String body) {
        String text = body == null ? "" : body;
        if (status == 500 && text.contains("Internal server error")) {
            return Optional.of(Text.of(
                    "API Gateway could not call the function: most often the invoke permission is missing (lambda:AddPermission for apigateway.amazonaws.com, SourceArn covering this API); else the function failed (./lab logs).",
                    "API Gateway가 함수를 호출하지 못했습니다: 대개 호출 권한이 없습니다 (apigateway.amazonaws.com에 대한 lambda:AddPermission, 이 API를 덮는 SourceArn). 아니면 함수가 실패했습니다 (./lab logs)."));
        }
        if (status == 502) {
            return Optional.of(Text.of(
                    "The function answered something API Gateway cannot use: a proxy integration needs {statusCode, headers, body} with body a string (./lab logs shows the function's error).",
                    "함수의 응답을 API Gateway가 쓸 수 없습니다: 프록시 통합에는 body가 문자열인 {statusCode, headers, body}가 필요합니다 (함수 오류는 ./lab logs)."));
        }
        if (status == 504 || text.contains("Endpoint request timed out")) {
            return Optional.of(Text.of(
                    "The function did not answer within API Gateway's 29 s: a Java cold start needs memory (512 MB) and a timeout above it (15 s); check ./lab logs.",
                    "함수가 API Gateway의 29초 안에 답하지 않았습니다: Java 콜드 스타트에는 메모리(512MB)와 넉넉한 제한 시간(15초)이 필요합니다. ./lab logs를 확인하세요."));
        }
        if (status == 403 && text.contains("Missing Authentication Token")) {
            return Optional.of(Text.of(
                    "No such route on this stage: check the path (/<stage>/rooms/<roomId>/messages) and that the API was deployed after its methods were made.",
                    "이 스테이지에 그런 경로가 없습니다: 경로(/<스테이지>/rooms/<roomId>/messages)와, 메서드를 만든 뒤 API를 배포했는지 확인하세요."));
        }
        if (text.contains("NoSuchWebsiteConfiguration")) {
            return hintFor(bare("NoSuchWebsiteConfiguration"));
        }
        if (status == 403 && text.contains("AccessDenied")) {
            return Optional.of(Text.of(
                    "The object is not public: the bucket policy must allow everyone s3:GetObject on arn:aws:s3:::<bucket>/*, and Block Public Access must be off (steps 1-2).",
                    "객체가 공개되지 않았습니다: 버킷 정책이 누구에게나 arn:aws:s3:::<버킷>/* 의 s3:GetObject를 허용하고, 퍼블릭 액세스 차단이 꺼져 있어야 합니다 (1·2단계)."));
        }
        if (text.contains("NoSuchKey")) {
            return hintFor(bare("NoSuchKey"));
        }
        if (text.contains("NoSuchBucket")) {
            return hintFor(bare("NoSuchBucket"));
        }
        return Optional.empty();
    }

    /**
     * The error's one line ({@link Errors#describe}) with its hint after an arrow, in both
     * languages; an error the table does not know keeps its raw text only.
     */
    public static Text explain(Throwable error) {
        String raw = Errors.describe(error);
        return hintFor(error).map(hint -> Text.of(raw + " → " + hint.en(), raw + " → " + hint.ko())).orElse(Text.of(raw, raw));
    }

    /** The SDK client method that threw: the sync clients' {@code Default*Client} frame of the stack. */
    static String operationOf(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            String type = frame.getClassName();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            if (type.startsWith("software.amazon.awssdk.services.") && simple.startsWith("Default") && simple.endsWith("Client")) {
                return frame.getMethodName();
            }
        }
        return null;
    }

    /** An error with only a code, for the website's error pages that name one. */
    private static AwsServiceException bare(String code) {
        return AwsServiceException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("").build())
                .build();
    }
}
