package dev.chatlab.cli;

import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * What the solutions built under the student's own prefix. {@code lab up} and {@code lab step
 * N --solution} tag what a step's solution built with {@value #TAG_KEY} (the step numbers,
 * e.g. "1 2 8" on the bucket, which three steps shape); a student's own {@code lab step N}
 * first deletes what the solution built for step N, so that the student's code builds it and
 * the student's mistakes show. An instructor sees the same tag in the console.
 *
 * <p>Which resource carries a step's mark: 1, 2 and 8 the bucket; 3 the hosted zone; 4 the
 * role; 5 the WebSocket API; 6 the send-message function; 7 the messages table. Every
 * resource of the step is deleted when the mark is found. Step 9 carries none: its stack is
 * the same whoever deployed it, and the student's own run shows what differs as a change set.
 */
final class SolutionBuilt {

    static final String TAG_KEY = "chatlab:solution-steps";

    private final Lab lab;
    private final Names names;

    SolutionBuilt(Lab lab) {
        this.lab = lab;
        this.names = lab.names();
    }

    /** Adds step {@code number} to the mark of the resource that carries it; quietly nothing when that resource is missing. */
    void mark(int number) {
        update(number, true);
    }

    boolean isMarked(int number) {
        return marked(number).read().map(steps -> steps.contains(String.valueOf(number))).orElse(false);
    }

    /** Deletes what the solution built for step {@code number} and says so in one line. */
    void remove(int number) {
        lab.say(Text.of("Step %d was built by the solution (./lab up): deleting what it built, so that your code builds it now.",
                "%d단계는 정답(./lab up)이 만든 것입니다: 여러분의 코드가 다시 만들도록 정답이 만든 것을 지웁니다."), number);
        switch (number) {
            case 1 -> LabResources.deleteBucket(lab, names);
            case 2 -> {
                S3Client s3 = lab.s3();
                s3.deleteBucketPolicy(b -> b.bucket(names.siteBucket()));
                s3.deleteBucketWebsite(b -> b.bucket(names.siteBucket()));
                LabResources.deleteObjects(s3, names.siteBucket(), key -> !key.equals("config.js"));
                unmark(number);
            }
            case 3 -> LabResources.deleteZone(lab, names);
            case 4 -> LabResources.deleteRole(lab, names);
            case 5 -> {
                LabResources.deleteWebSocketApi(lab, names);
                LabResources.deleteRestApi(lab, names);
            }
            case 6 -> names.functions().forEach(function -> LabResources.deleteFunction(lab, names, function));
            case 7 -> {
                LabResources.deleteTable(lab, names, names.messagesTable());
                LabResources.deleteTable(lab, names, names.usersTable());
            }
            case 8 -> {
                LabResources.deleteObjects(lab.s3(), names.siteBucket(), key -> key.equals("config.js"));
                unmark(number);
            }
            default -> throw new IllegalArgumentException("no step " + number);
        }
    }

    private void unmark(int number) {
        update(number, false);
    }

    private void update(int number, boolean built) {
        Marked marked = marked(number);
        marked.read().ifPresent(steps -> {
            if (built) {
                steps.add(String.valueOf(number));
            } else {
                steps.remove(String.valueOf(number));
            }
            marked.write(String.join(" ", steps));
        });
    }

    /** The tag of the resource that carries a step's mark: read it (empty when the resource is missing), write it. */
    private interface Marked {
        Optional<TreeSet<String>> read();

        void write(String steps);
    }

    private Marked marked(int number) {
        return switch (number) {
            case 1, 2, 8 -> bucket();
            case 3 -> zone();
            case 4 -> role();
            case 5 -> webSocketApi();
            case 6 -> function();
            case 7 -> table();
            case 9 -> unmarked();
            default -> throw new IllegalArgumentException("no step " + number);
        };
    }

    /** A step whose resources carry no mark: read as missing, so nothing is marked or deleted. */
    private static Marked unmarked() {
        return new Marked() {
            @Override
            public Optional<TreeSet<String>> read() {
                return Optional.empty();
            }

            @Override
            public void write(String steps) {
                // nothing carries the mark
            }
        };
    }

    private static TreeSet<String> steps(Map<String, String> tags) {
        String value = tags.getOrDefault(TAG_KEY, "").trim();
        return value.isEmpty() ? new TreeSet<>() : new TreeSet<>(List.of(value.split(" ")));
    }

    private static <T> Optional<T> ifExists(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404 || e.statusCode() == 400) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Marked bucket() {
        S3Client s3 = lab.s3();
        String bucket = names.siteBucket();
        return new Marked() {
            public Optional<TreeSet<String>> read() {
                return tags().map(SolutionBuilt::steps);
            }

            public void write(String steps) {
                Map<String, String> tags = new LinkedHashMap<>(tags().orElseThrow());
                tags.put(TAG_KEY, steps);
                s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
            }

            private Optional<Map<String, String>> tags() {
                try {
                    return Optional.of(s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().stream()
                            .collect(Collectors.toMap(Tag::key, Tag::value)));
                } catch (S3Exception e) {
                    if (e.awsErrorDetails() != null && "NoSuchTagSet".equals(e.awsErrorDetails().errorCode())) {
                        return Optional.of(Map.of());
                    }
                    if (e.statusCode() == 404) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }
        };
    }

    private Marked zone() {
        Route53Client route53 = lab.client(Route53Client.builder());
        Optional<String> id = names.domain() == null ? Optional.empty()
                : route53.listHostedZonesByName(b -> b.dnsName(names.domain() + ".").maxItems("1")).hostedZones().stream()
                        .filter(z -> z.name().equals(names.domain() + ".")).findFirst().map(HostedZone::id)
                        .map(zone -> zone.replace("/hostedzone/", ""));
        return new Marked() {
            public Optional<TreeSet<String>> read() {
                return id.map(zone -> steps(route53.listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE)
                        .resourceId(zone)).resourceTagSet().tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()))));
            }

            public void write(String steps) {
                id.ifPresent(zone -> route53.changeTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zone)
                        .addTags(t -> t.key(TAG_KEY).value(steps))));
            }
        };
    }

    private Marked role() {
        IamClient iam = lab.client(IamClient.builder());
        String role = names.lambdaRole();
        return new Marked() {
            public Optional<TreeSet<String>> read() {
                return ifExists(() -> iam.listRoleTags(b -> b.roleName(role)).tags()).map(tags -> steps(tags.stream()
                        .collect(Collectors.toMap(t -> t.key(), t -> t.value()))));
            }

            public void write(String steps) {
                iam.tagRole(b -> b.roleName(role).tags(t -> t.key(TAG_KEY).value(steps)));
            }
        };
    }

    private Marked webSocketApi() {
        ApiGatewayV2Client v2 = lab.client(ApiGatewayV2Client.builder());
        Optional<String> arn = v2.getApis(b -> b.maxResults("500")).items().stream().filter(a -> a.name().equals(names.webSocketApi()))
                .findFirst().map(api -> "arn:aws:apigateway:" + lab.settings().region() + "::/apis/" + api.apiId());
        return new Marked() {
            public Optional<TreeSet<String>> read() {
                return arn.map(resource -> steps(v2.getTags(b -> b.resourceArn(resource)).tags()));
            }

            public void write(String steps) {
                arn.ifPresent(resource -> v2.tagResource(b -> b.resourceArn(resource).tags(Map.of(TAG_KEY, steps))));
            }
        };
    }

    private Marked function() {
        LambdaClient lambda = lab.client(LambdaClient.builder());
        Optional<String> arn = ifExists(() -> lambda.getFunction(b -> b.functionName(names.sendMessageFunction()))
                .configuration().functionArn());
        return new Marked() {
            public Optional<TreeSet<String>> read() {
                return arn.map(resource -> steps(lambda.listTags(b -> b.resource(resource)).tags()));
            }

            public void write(String steps) {
                arn.ifPresent(resource -> lambda.tagResource(b -> b.resource(resource).tags(Map.of(TAG_KEY, steps))));
            }
        };
    }

    private Marked table() {
        DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
        Optional<String> arn = ifExists(() -> dynamo.describeTable(b -> b.tableName(names.messagesTable())).table().tableArn());
        return new Marked() {
            public Optional<TreeSet<String>> read() {
                return arn.map(resource -> steps(dynamo.listTagsOfResource(b -> b.resourceArn(resource)).tags().stream()
                        .collect(Collectors.toMap(t -> t.key(), t -> t.value()))));
            }

            public void write(String steps) {
                arn.ifPresent(resource -> dynamo.tagResource(b -> b.resourceArn(resource).tags(t -> t.key(TAG_KEY).value(steps))));
            }
        };
    }
}
