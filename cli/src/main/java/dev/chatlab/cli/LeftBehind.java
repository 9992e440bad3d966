package dev.chatlab.cli;

import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.Text;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * What {@code lab teardown} checks after deleting: that nothing of the lab is left, read
 * from the cloud again, because what is left keeps costing money. A resource the lab's names
 * point at but that lacks the lab's tag (made by hand in the console) is named with the way
 * to delete it; on AWS the tagging API lists anything else that still carries the lab's tag.
 */
final class LeftBehind {

    private LeftBehind() {
    }

    static void check(Lab lab, Checks checks) {
        Names names = lab.names();
        checks.check(Text.of("no function of the lab is left", "실습의 함수가 남아 있지 않음"), () -> {
            LambdaClient lambda = lab.client(LambdaClient.builder());
            List<String> left = lambda.listFunctions().functions().stream().map(f -> f.functionName())
                    .filter(names.functions()::contains).toList();
            return gone(left, "Lambda → Functions → select → Actions → Delete", "Lambda → 함수 → 선택 → 작업 → 삭제");
        });
        checks.check(Text.of("no log group of the lab's functions is left", "실습 함수의 로그 그룹이 남아 있지 않음"), () -> {
            CloudWatchLogsClient logs = lab.client(CloudWatchLogsClient.builder());
            List<String> left = names.functions().stream().map(Names::logGroup)
                    .filter(group -> logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().stream()
                            .anyMatch(found -> found.logGroupName().equals(group))).toList();
            return gone(left, "CloudWatch → Log groups → select → Actions → Delete (logs are billed for storage)",
                    "CloudWatch → 로그 그룹 → 선택 → 작업 → 삭제 (로그는 저장 용량에 요금이 붙습니다)");
        });
        checks.check(Text.of("no table of the lab is left", "실습의 테이블이 남아 있지 않음"), () -> {
            DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
            List<String> left = dynamo.listTables().tableNames().stream()
                    .filter(List.of(names.messagesTable(), names.usersTable())::contains).toList();
            return gone(left, "DynamoDB → Tables → select → Delete", "DynamoDB → 테이블 → 선택 → 삭제");
        });
        checks.check(Text.of("no API of the lab is left", "실습의 API 가 남아 있지 않음"), () -> {
            List<String> left = new ArrayList<>();
            lab.client(ApiGatewayClient.builder()).getRestApis(b -> b.limit(500)).items().stream()
                    .filter(api -> api.name().equals(names.restApi())).forEach(api -> left.add(api.name() + " (" + api.id() + ")"));
            lab.client(ApiGatewayV2Client.builder()).getApis(b -> b.maxResults("500")).items().stream()
                    .filter(api -> api.name().equals(names.webSocketApi())).forEach(api -> left.add(api.name() + " (" + api.apiId() + ")"));
            return gone(left, "API Gateway → APIs → select → Actions → Delete", "API Gateway → API → 선택 → 작업 → 삭제");
        });
        checks.check(Text.of("the role %s is gone", "역할 %s 이 없음").with(names.lambdaRole()), () -> {
            boolean exists = lab.client(IamClient.builder()).listRoles().roles().stream().anyMatch(r -> r.roleName().equals(names.lambdaRole()));
            return gone(exists ? List.of(names.lambdaRole()) : List.of(), "IAM → Roles → select → Delete", "IAM → 역할 → 선택 → 삭제");
        });
        if (names.domain() != null) {
            checks.check(Text.of("the hosted zone %s is gone", "호스팅 영역 %s 이 없음").with(names.domain()), () -> {
                boolean exists = lab.client(Route53Client.builder()).listHostedZonesByName(b -> b.dnsName(names.domain() + ".").maxItems("1"))
                        .hostedZones().stream().anyMatch(z -> z.name().equals(names.domain() + "."));
                return gone(exists ? List.of(names.domain()) : List.of(),
                        "Route 53 → Hosted zones: delete its records, then the zone (a zone costs a monthly fee)",
                        "Route 53 → 호스팅 영역: 레코드를 지운 뒤 영역을 삭제 (영역은 매달 요금이 붙습니다)");
            });
        }
        checks.check(Text.of("the bucket %s is gone", "버킷 %s 이 없음").with(names.siteBucket()), () -> {
            boolean exists = lab.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(names.siteBucket()));
            return gone(exists ? List.of(names.siteBucket()) : List.of(), "S3 → Buckets → select → Empty, then Delete",
                    "S3 → 버킷 → 선택 → 비우기, 그다음 삭제");
        });
        if (!lab.settings().isLocal()) {
            checks.check(Text.of("nothing else in the region carries the tag %s=%s", "리전에 %s=%s 태그가 붙은 것이 더 없음")
                    .with(Names.TAG_KEY, names.prefix()), () -> {
                List<String> left = lab.client(ResourceGroupsTaggingApiClient.builder())
                        .getResourcesPaginator(b -> b.tagFilters(f -> f.key(Names.TAG_KEY).values(names.prefix())))
                        .resourceTagMappingList().stream().map(ResourceTagMapping::resourceARN).toList();
                return gone(left, "delete each in its service's console (the tagging API lists them for a while after a deletion, too)",
                        "각각을 그 서비스의 콘솔에서 삭제하세요 (삭제한 뒤에도 태그 API 는 잠시 보여 줄 수 있습니다)");
            });
        }
    }

    private static Outcome gone(List<String> left, String en, String ko) {
        return Outcome.when(left.isEmpty(), Text.of("Still there: " + String.join(", ", left) + ". Teardown did not delete it "
                + "(made without the lab's tag, or of a kind teardown does not know): " + en + ".", "아직 있습니다: " + String.join(", ", left)
                + ". teardown 이 지우지 않았습니다 (실습 태그 없이 만들었거나 teardown 이 모르는 종류): " + ko + "."));
    }
}
