package dev.chatlab.cli;

import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.Text;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Deleting the lab's resources, one kind at a time, and only those that are the lab's: each
 * is found by its exact name from {@link Names} (never by a name prefix, so that the lab of
 * prefix chat-ab never touches chat-abc's), and those that take tags must also carry the
 * lab's tag. {@code lab teardown} deletes them all; a student's own {@code lab step N} deletes the
 * ones the solution built for that step (see {@link SolutionBuilt}).
 */
final class LabResources {

    private LabResources() {
    }

    static Outcome deleted() {
        return Outcome.pass(Text.of("deleted", "삭제함"));
    }

    static Outcome absent() {
        return Outcome.skip(Text.of("not there", "없음"));
    }

    static Outcome notOurs() {
        return Outcome.skip(Text.of("exists but lacks the lab's tag: left alone", "있지만 실습 태그가 없어 그대로 둠"));
    }

    static Outcome deleteWebSocketApi(Lab lab, Names names) {
        ApiGatewayV2Client v2 = lab.client(ApiGatewayV2Client.builder());
        var apis = v2.getApis(b -> b.maxResults("500")).items().stream().filter(a -> a.name().equals(names.webSocketApi())).toList();
        apis.forEach(api -> v2.deleteApi(b -> b.apiId(api.apiId())));
        return apis.isEmpty() ? absent() : deleted();
    }

    static Outcome deleteRestApi(Lab lab, Names names) {
        ApiGatewayClient rest = lab.client(ApiGatewayClient.builder());
        var apis = rest.getRestApis(b -> b.limit(500)).items().stream().filter(a -> a.name().equals(names.restApi())).toList();
        apis.forEach(api -> rest.deleteRestApi(b -> b.restApiId(api.id())));
        return apis.isEmpty() ? absent() : deleted();
    }

    static Outcome deleteFunction(Lab lab, Names names, String function) {
        LambdaClient lambda = lab.client(LambdaClient.builder());
        String arn;
        try {
            arn = lambda.getFunction(b -> b.functionName(function)).configuration().functionArn();
        } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
            return absent();
        }
        if (!isOurs(lambda.listTags(b -> b.resource(arn)).tags(), names)) {
            return notOurs();
        }
        // DeleteFunction is done when it answers (Lambda has no DELETING state): nothing to wait for.
        lambda.deleteFunction(b -> b.functionName(function));
        deleteLogGroup(lab, function);
        return deleted();
    }

    /**
     * Deletes {@code function}'s log group when there is one (a function that never ran has none).
     * Teardown calls it again at its end: an invocation still running when its function was
     * deleted (a $disconnect of a connection the API's deletion closed) writes its last lines
     * after, and that makes the log group anew, on AWS as locally.
     */
    static boolean functionExists(Lab lab, String function) {
        try {
            lab.client(LambdaClient.builder()).getFunction(b -> b.functionName(function));
            return true;
        } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
            return false;
        }
    }

    static void deleteLogGroup(Lab lab, String function) {
        try {
            lab.client(CloudWatchLogsClient.builder()).deleteLogGroup(b -> b.logGroupName(Names.logGroup(function)));
        } catch (ResourceNotFoundException e) {
            // no logs to delete
        }
    }

    static Outcome deleteTable(Lab lab, Names names, String table) {
        DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
        String arn;
        try {
            arn = dynamo.describeTable(b -> b.tableName(table)).table().tableArn();
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            return absent();
        }
        var tags = dynamo.listTagsOfResource(b -> b.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        if (!isOurs(tags, names)) {
            return notOurs();
        }
        dynamo.deleteTable(b -> b.tableName(table));
        // A table stays DELETING for a while, listed and in the way of a new one of the same name.
        lab.waitFor(Text.of("table " + table + " to be deleted", "테이블 " + table + " 삭제 대기"),
                () -> dynamo.waiter().waitUntilTableNotExists(b -> b.tableName(table), lab.polling()));
        return deleted();
    }

    static Outcome deleteRole(Lab lab, Names names) {
        IamClient iam = lab.client(IamClient.builder());
        String role = names.lambdaRole();
        try {
            iam.getRole(b -> b.roleName(role));
        } catch (NoSuchEntityException e) {
            return absent();
        }
        iam.listAttachedRolePolicies(b -> b.roleName(role)).attachedPolicies()
                .forEach(p -> iam.detachRolePolicy(b -> b.roleName(role).policyArn(p.policyArn())));
        iam.listRolePolicies(b -> b.roleName(role)).policyNames()
                .forEach(p -> iam.deleteRolePolicy(b -> b.roleName(role).policyName(p)));
        iam.deleteRole(b -> b.roleName(role));
        return deleted();
    }

    static Outcome deleteZone(Lab lab, Names names) {
        Route53Client route53 = lab.client(Route53Client.builder());
        String dnsName = names.domain() + ".";
        HostedZone zone = route53.listHostedZonesByName(b -> b.dnsName(dnsName).maxItems("1")).hostedZones().stream()
                .filter(z -> z.name().equals(dnsName)).findFirst().orElse(null);
        if (zone == null) {
            return absent();
        }
        String id = zone.id().replace("/hostedzone/", "");
        Map<String, String> tags = route53.listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(id))
                .resourceTagSet().tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        if (!isOurs(tags, names)) {
            return notOurs();
        }
        List<ResourceRecordSet> records = route53.listResourceRecordSets(b -> b.hostedZoneId(id)).resourceRecordSets().stream()
                .filter(r -> !(r.name().equals(dnsName) && (r.type() == RRType.SOA || r.type() == RRType.NS))).toList();
        if (!records.isEmpty()) {
            route53.changeResourceRecordSets(b -> b.hostedZoneId(id).changeBatch(c -> c.changes(records.stream()
                    .map(r -> Change.builder().action("DELETE").resourceRecordSet(r).build()).toList())));
        }
        String change = route53.deleteHostedZone(b -> b.id(id)).changeInfo().id();
        // The zone leaves the listings at once; its name servers forget it when the change is INSYNC.
        lab.waitFor(Text.of("the zone's deletion to reach its name servers", "영역 삭제가 네임 서버에 반영되기"),
                () -> route53.waiter().waitUntilResourceRecordSetsChanged(b -> b.id(change), lab.polling()));
        return deleted();
    }

    static Outcome deleteBucket(Lab lab, Names names) {
        return deleteBucket(lab, names, names.siteBucket());
    }

    /** Deletes {@code bucket} with its objects when it carries the lab's tag. */
    static Outcome deleteBucket(Lab lab, Names names, String bucket) {
        S3Client s3 = lab.s3();
        Map<String, String> tags;
        try {
            tags = s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().stream()
                    .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && "NoSuchBucket".equals(e.awsErrorDetails().errorCode())) {
                return absent();
            }
            if ("NoSuchTagSet".equals(e.awsErrorDetails().errorCode())) {
                return notOurs();
            }
            throw e;
        }
        if (!isOurs(tags, names)) {
            return notOurs();
        }
        deleteObjects(s3, bucket, key -> true);
        s3.deleteBucket(b -> b.bucket(bucket));
        return deleted();
    }

    /** Deletes the bucket's objects whose keys {@code which} accepts, a page (up to 1,000) per request. */
    static void deleteObjects(S3Client s3, String bucket, Predicate<String> which) {
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket))) {
            List<ObjectIdentifier> keys = page.contents().stream().map(o -> o.key()).filter(which)
                    .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys)));
            }
        }
    }

    static boolean isOurs(Map<String, String> tags, Names names) {
        return names.prefix().equals(tags.get(Names.TAG_KEY));
    }
}
