///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:cloudformation
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:route53
//DEPS software.amazon.awssdk:apigateway
//DEPS software.amazon.awssdk:apigatewayv2
//DEPS org.seleniumhq.selenium:selenium-chrome-driver:4.52.0
//DEPS org.seleniumhq.selenium:selenium-support:4.52.0
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 9: the whole chat from one AWS SAM template, deployed through a CloudFormation change set.

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Eventually;
import dev.chatlab.labkit.FunctionsJar;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.RemovableStep;
import dev.chatlab.labkit.SiteFiles;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import dev.chatlab.labkit.chat.ChatSite;
import dev.chatlab.labkit.chat.ChatVerification;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Step 9 of the seed, "Serverless로 만들어보기": the chat of steps 2-8 as code. template.yaml
 * declares it; this script does what {@code sam deploy} does: package the functions' jar,
 * upload it, create a change set, show it, execute it, follow the stack's events, then put the
 * website's files and config.js (from the stack's outputs) into the stack's bucket.
 */
public class DeployStack implements RemovableStep {

    static final String TEMPLATE = "template.yaml";
    /**
     * The template's CodeUri lines that name a local file: what sam deploy uploads and replaces
     * with its s3:// address.
     */
    static final Pattern LOCAL_CODE_URI = Pattern.compile("(?m)^(\\s*CodeUri:\\s*)(?!s3://)(\\S+)\\s*$");
    static final String WEBSITE_URL = "WebsiteURL";
    static final String WEBSOCKET_URL = "WebSocketURL";
    static final String REST_URL = "RestURL";
    static final String WEBSITE_BUCKET = "WebsiteBucketName";
    static final List<String> OUTPUTS = List.of(WEBSITE_URL, WEBSOCKET_URL, REST_URL, WEBSITE_BUCKET);
    /**
     * What CloudFormation says when a change set holds no change (what sam deploy reports as "No
     * changes to deploy").
     */
    static final String NO_CHANGES = "didn't contain changes";
    /** How often the stack's events are read: often enough to look live, as the console's Events tab does. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** How long a stack operation may take: the SDK's CloudFormation waiters give up after an hour too. */
    static final Duration STACK_PATIENCE = Duration.ofHours(1);
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public static void main(String[] args) {
        StepRunner.main(new DeployStack(), args);
    }

    @Override
    public int number() {
        return 9;
    }

    @Override
    public Text title() {
        return Text.of("Build it serverless: the whole chat from one SAM template",
                "Serverless로 만들어보기: SAM 템플릿 하나로 채팅 전체를");
    }

    @Override
    public void run(Lab lab) throws IOException, InterruptedException {
        Path folder = lab.stepFolder("step9-serverless");
        String declared = Files.readString(folder.resolve(TEMPLATE));
        // The template's own TODOs first: half a template would only fail later, in a less telling way.
        Todo.requireDone(declared);
        CloudFormationClient cfn = lab.client(CloudFormationClient.builder());
        String stackName = lab.names().stack();
        Optional<Stack> existing = stack(cfn, stackName);
        if (existing.isPresent() && existing.get().stackStatus() == StackStatus.ROLLBACK_COMPLETE) {
            // A stack whose creation rolled back holds nothing and can only be deleted (the console says the same).
            lab.say(Text.of("Stack %s is ROLLBACK_COMPLETE (its creation failed: %s): deleting it to create it again.",
                    "스택 %s가 ROLLBACK_COMPLETE입니다(생성 실패: %s). 지우고 다시 만듭니다."), stackName, firstFailure(cfn, stackName)
                            .orElse("?"));
            delete(lab);
            existing = Optional.empty();
        }
        ChangeSetType type = changeSetType(existing);
        Path jar = FunctionsJar.build(lab, folder.resolve("../step6-lambdas").normalize());
        String codeUri = uploadArtifact(lab.s3(), lab.names().artifactsBucket(), jar, lab);
        String template = withCodeUri(declared, codeUri);
        String changeSetName = "chatlab-" + System.currentTimeMillis();
        String changeSetId = createChangeSet(cfn, stackName, changeSetName, template, parameters(lab), type,
                lab.names().tags());
        DescribeChangeSetResponse changeSet = waitForChangeSet(lab, cfn, changeSetId);
        if (changeSet.statusReason() != null && changeSet.statusReason().contains(NO_CHANGES)) {
            cfn.deleteChangeSet(b -> b.changeSetName(changeSetId));
            lab.done(Text.of("No changes: stack %s already is what %s declares (the change set was empty).",
                    "변경 없음: 스택 %s는 이미 %s가 선언한 그대로입니다(변경 세트가 비었습니다)."), stackName, TEMPLATE);
        } else {
            if (!"CREATE_COMPLETE".equals(changeSet.statusAsString())) {
                throw new IllegalStateException("change set " + changeSetName + " is " + changeSet.statusAsString()
                        + ": " + changeSet.statusReason());
            }
            showChanges(lab, changeSet.changes());
            String since = latestEventId(cfn, stackName);
            cfn.executeChangeSet(b -> b.changeSetName(changeSetId));
            Stack done = followEvents(lab, cfn, stackName, since);
            if (done.stackStatus() != StackStatus.CREATE_COMPLETE
                    && done.stackStatus() != StackStatus.UPDATE_COMPLETE) {
                throw new IllegalStateException("stack " + stackName + " ended " + done.stackStatusAsString() + ": "
                        + firstFailure(cfn, stackName).orElse(String.valueOf(done.stackStatusReason())));
            }
        }
        Map<String, String> outputs = outputs(stack(cfn, stackName).orElseThrow());
        outputs.forEach((key, value) -> lab.say(Text.of("Output %s: %s", "출력 %s: %s"), key, value));
        publishSite(lab, outputs);
    }

    /** A stack that is there (or the one being created), or empty. */
    static Optional<Stack> stack(CloudFormationClient cfn, String stackName) {
        try {
            return cfn.describeStacks(b -> b.stackName(stackName)).stacks().stream().findFirst();
        } catch (CloudFormationException e) {
            if (e.awsErrorDetails() != null && String.valueOf(e.awsErrorDetails().errorMessage())
                    .contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A change set either creates the stack or updates it. A stack that is only REVIEW_IN_PROGRESS
     * (its first change set was never executed) has no resources yet: it is still created.
     */
    static ChangeSetType changeSetType(Optional<Stack> existing) {
        // TODO(step9): Answer ChangeSetType.CREATE when there is no stack yet (or it is only
        //   REVIEW_IN_PROGRESS: a first change set that was never executed), else ChangeSetType.UPDATE.
        // TODO-ko: 스택이 아직 없으면(또는 REVIEW_IN_PROGRESS뿐이면: 실행하지 않은 첫 변경 세트)
        //   ChangeSetType.CREATE를, 아니면 ChangeSetType.UPDATE를 돌려주세요.
        throw Todo.missing("step9", "Answer ChangeSetType.CREATE when there is no stack yet (or it is only REVIEW_IN_PROGRESS: a first change set that was never executed), else ChangeSetType.UPDATE.", "스택이 아직 없으면(또는 REVIEW_IN_PROGRESS뿐이면: 실행하지 않은 첫 변경 세트) ChangeSetType.CREATE를, 아니면 ChangeSetType.UPDATE를 돌려주세요.");
    }

    /**
     * Creates the change set and answers its id. The template makes an IAM role (CAPABILITY_IAM)
     * and needs the SAM transform expanded (CAPABILITY_AUTO_EXPAND): without saying so, CloudFormation refuses.
     */
    static String createChangeSet(CloudFormationClient cfn, String stackName, String changeSetName, String template,
                                  List<Parameter> parameters, ChangeSetType type, Map<String, String> tags) {
        // TODO(step9): Create the change set with cfn.createChangeSet: stackName, changeSetName,
        //   templateBody, parameters, changeSetType, the capabilities CAPABILITY_IAM and
        //   CAPABILITY_AUTO_EXPAND, and the tags (every resource of the stack gets them). Answer its id().
        // TODO-ko: cfn.createChangeSet으로 변경 세트를 만드세요: stackName, changeSetName, templateBody,
        //   parameters, changeSetType, 기능(capabilities) CAPABILITY_IAM과 CAPABILITY_AUTO_EXPAND,
        //   그리고 태그(스택의 모든 리소스가 받습니다). 응답의 id()를 돌려주세요.
        throw Todo.missing("step9", "Create the change set with cfn.createChangeSet: stackName, changeSetName, templateBody, parameters, changeSetType, the capabilities CAPABILITY_IAM and CAPABILITY_AUTO_EXPAND, and the tags (every resource of the stack gets them).", "cfn.createChangeSet으로 변경 세트를 만드세요: stackName, changeSetName, templateBody, parameters, changeSetType, 기능(capabilities) CAPABILITY_IAM과 CAPABILITY_AUTO_EXPAND, 그리고 태그(스택의 모든 리소스가 받습니다).");
    }

    /** The SDK's waiter, polling every second instead of every 30 s (a local change set is ready in a moment). */
    static DescribeChangeSetResponse waitForChangeSet(Lab lab, CloudFormationClient cfn, String changeSetId) {
        lab.waitFor(Text.of("the change set", "변경 세트"), () -> {
            try {
                return cfn.waiter().waitUntilChangeSetCreateComplete(b -> b.changeSetName(changeSetId),
                        wait -> wait.backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL))
                                .maxAttempts(600));
            } catch (SdkClientException failed) {
                return null; // FAILED: the description below says why (an empty change set is FAILED too)
            }
        });
        return cfn.describeChangeSet(b -> b.changeSetName(changeSetId));
    }

    /** The change set's changes as the console lists them: action, logical id, type, replacement. */
    static void showChanges(Lab lab, List<Change> changes) {
        lab.say(Text.of("Change set: %d change(s)", "변경 세트: 변경 %d개"), changes.size());
        for (Change change : changes) {
            var resource = change.resourceChange();
            String replacement = resource.replacementAsString() == null ? "" : "  replacement: "
                    + resource.replacementAsString();
            lab.console().detail(String.format("  %-7s %-28s %-36s%s", resource.actionAsString(),
                    resource.logicalResourceId(),
                    resource.resourceType(), replacement));
        }
    }

    /** The newest event of the stack before the operation, so that only this operation's events are shown. */
    static String latestEventId(CloudFormationClient cfn, String stackName) {
        List<StackEvent> events = cfn.describeStackEvents(b -> b.stackName(stackName)).stackEvents();
        return events.isEmpty() ? "" : events.get(0).eventId();
    }

    /**
     * Prints the stack's new events as they happen (oldest first), until the operation ends;
     * answers the stack. The SDK's CloudFormation waiters look at the status only (and each
     * operation has its own), so this waits on the status itself, printing the events between
     * two looks, for as long as the SDK's waiters would.
     */
    static Stack followEvents(Lab lab, CloudFormationClient cfn, String stackName, String since) {
        Set<String> shown = new HashSet<>();
        return Eventually.await(Text.of("stack " + stackName + " to finish", "스택 " + stackName + " 작업 완료"),
                STACK_PATIENCE, POLL, () -> statusAfterEvents(lab, cfn, stackName, since, shown),
                stack -> !stack.stackStatusAsString().endsWith("_IN_PROGRESS")).orElseThrow();
    }

    /** Reads the stack, then prints the events not {@code shown} yet since {@code since}; answers the stack. */
    static Stack statusAfterEvents(Lab lab, CloudFormationClient cfn, String stackName, String since,
            Set<String> shown) {
        // The status first, then the events: when the status says done, the events read after it hold the last ones.
        Stack stack = stack(cfn, stackName)
                .orElseThrow(() -> new IllegalStateException("stack " + stackName + " disappeared"));
        List<StackEvent> fresh = new ArrayList<>();
        for (StackEvent event : cfn.describeStackEvents(b -> b.stackName(stackName)).stackEvents()) {
            if (event.eventId().equals(since)) {
                break;
            }
            if (shown.add(event.eventId())) {
                fresh.add(event);
            }
        }
        Collections.reverse(fresh); // DescribeStackEvents answers newest first
        for (StackEvent event : fresh) {
            lab.console().detail(String.format("  %s  %-30s %-36s %-20s %s", TIME.format(event.timestamp()),
                    event.logicalResourceId(), event.resourceType(), event.resourceStatusAsString(),
                    event.resourceStatusReason() == null ? "" : event.resourceStatusReason()));
        }
        return stack;
    }

    /** The reason of the stack's first failed resource in its latest operation, as the Events tab shows it. */
    static Optional<String> firstFailure(CloudFormationClient cfn, String stackName) {
        List<StackEvent> events = new ArrayList<>(cfn.describeStackEvents(b -> b.stackName(stackName)).stackEvents());
        Collections.reverse(events);
        int start = 0;
        for (int i = 0; i < events.size(); i++) {
            StackEvent event = events.get(i);
            if (event.logicalResourceId().equals(stackName) && event.resourceStatusAsString()
                    .matches("(CREATE|UPDATE)_IN_PROGRESS")) {
                start = i;
            }
        }
        return events.subList(start, events.size()).stream()
                .filter(e -> e.resourceStatusAsString().endsWith("_FAILED"))
                .findFirst().map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": "
                + e.resourceStatusReason());
    }

    /** The template's parameters: the lab's hosted zone (step 3) and a name in it, when the lab has both. */
    static List<Parameter> parameters(Lab lab) {
        String host = lab.names().stackSiteHost();
        if (host == null) {
            return List.of();
        }
        String zoneName = lab.names().domain() + ".";
        Optional<String> zoneId = lab.client(Route53Client.builder())
                .listHostedZonesByName(b -> b.dnsName(zoneName).maxItems("1"))
                .hostedZones().stream().filter(zone -> zone.name().equals(zoneName)).findFirst()
                .map(zone -> zone.id().replace("/hostedzone/", ""));
        return zoneId.map(id -> List.of(Parameter.builder().parameterKey("HostedZoneId").parameterValue(id).build(),
                Parameter.builder().parameterKey("SiteDomainName").parameterValue(host).build())).orElse(List.of());
    }

    static String sha256Hex(byte[] code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Uploads the jar to the artifacts bucket under its SHA-256 (as sam deploy keys it by content:
     * the same jar is the same key, so an unchanged jar changes nothing in the stack); answers its s3:// address.
     */
    static String uploadArtifact(S3Client s3, String bucket, Path jar, Lab lab) throws IOException {
        byte[] code = Files.readAllBytes(jar);
        String key = "chat-functions-" + sha256Hex(code).substring(0, 32) + ".jar";
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception missing) {
            // us-east-1 takes no LocationConstraint; every other region needs its own (as step 1).
            String region = lab.region().id();
            s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(
                    region.equals("us-east-1") ? null : CreateBucketConfiguration.builder().locationConstraint(region)
                            .build()));
            s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(lab.names().tags().entrySet().stream()
                    .map(tag -> software.amazon.awssdk.services.s3.model.Tag.builder().key(tag.getKey())
                    .value(tag.getValue()).build()).toList())));
        }
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception missing) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(code));
            lab.done(Text.of("Uploaded %s to s3://%s/%s", "%s를 s3://%s/%s에 올렸습니다"), jar.getFileName(), bucket, key);
        }
        return "s3://" + bucket + "/" + key;
    }

    /** The template with its local CodeUri replaced by the uploaded jar's address (what sam package writes). */
    static String withCodeUri(String template, String codeUri) {
        return LOCAL_CODE_URI.matcher(template).replaceAll("$1" + Matcher.quoteReplacement(codeUri));
    }

    /** The stack's outputs by key. */
    static Map<String, String> outputs(Stack stack) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output output : stack.outputs()) {
            outputs.put(output.outputKey(), output.outputValue());
        }
        return outputs;
    }

    /** Step 2's site and step 8's config.js, into the stack's bucket, with the URLs of the stack's outputs. */
    static void publishSite(Lab lab, Map<String, String> outputs) throws IOException {
        String bucket = outputs.get(WEBSITE_BUCKET);
        Path site = lab.settings().projectRoot().resolve(SiteFiles.FOLDER);
        int uploaded = 0;
        for (String key : SiteFiles.keys(site)) {
            if (!key.equals(SiteFiles.CONFIG_FILE)) {
                lab.s3().putObject(b -> b.bucket(bucket).key(key).contentType(SiteFiles.contentType(key)),
                        RequestBody.fromFile(site.resolve(key)));
                uploaded++;
            }
        }
        // no-cache, as step 8: a browser must see a new config.js at once.
        lab.s3().putObject(b -> b.bucket(bucket).key(SiteFiles.CONFIG_FILE)
                .contentType(SiteFiles.contentType(SiteFiles.CONFIG_FILE)).cacheControl("no-cache"),
                RequestBody.fromString(configScript(lab, outputs)));
        String published = lab.s3().getObjectAsBytes(b -> b.bucket(bucket).key(SiteFiles.CONFIG_FILE)).asUtf8String();
        lab.done(Text.of("Site: %d files and config.js in %s; config.js: REST %s, WebSocket %s",
                        "사이트: 파일 %d개와 config.js를 %s에 올림. config.js: REST %s, WebSocket %s"), uploaded, bucket,
                ChatSite.configValue(published, "restUrl").orElse("(none)"),
                        ChatSite.configValue(published, "webSocketUrl").orElse("(none)"));
        lab.say(Text.of("Open the chat: %s", "채팅을 여세요: %s"), lab.reachableUrl(outputs.get(WEBSITE_URL)));
    }

    /** config.js (PROTOCOL.md, The website) with the stack's two URLs, as this target reaches them. */
    static String configScript(Lab lab, Map<String, String> outputs) throws JsonProcessingException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("restUrl", lab.reachableUrl(outputs.get(REST_URL)).toString());
        config.put("webSocketUrl", lab.reachableUrl(outputs.get(WEBSOCKET_URL)).toString());
        return "// Published by step 9 of the Serverless Chat Lab from stack outputs.\nwindow.CHAT_CONFIG = "
                + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + ";\n";
    }

    @Override
    public void delete(Lab lab) {
        CloudFormationClient cfn = lab.client(CloudFormationClient.builder());
        String stackName = lab.names().stack();
        Optional<Stack> existing = stack(cfn, stackName);
        if (existing.isEmpty()) {
            lab.done(Text.of("Stack %s does not exist: nothing to delete.", "스택 %s가 없습니다. 지울 것이 없습니다."), stackName);
            return;
        }
        if (existing.get().outputs() != null) {
            String bucket = outputs(existing.get()).get(WEBSITE_BUCKET);
            if (bucket != null) {
                emptyBucket(lab.s3(), bucket); // CloudFormation deletes only an empty bucket
            }
        }
        String since = latestEventId(cfn, stackName);
        String stackId = existing.get().stackId();
        cfn.deleteStack(b -> b.stackName(stackName));
        followEvents(lab, cfn, stackId, since);
        Stack gone = stack(cfn, stackId).orElseThrow();
        if (gone.stackStatus() != StackStatus.DELETE_COMPLETE) {
            throw new IllegalStateException("stack " + stackName + " is " + gone.stackStatusAsString() + ": "
                    + firstFailure(cfn, stackId).orElse(""));
        }
        lab.done(Text.of("Deleted stack %s and everything it made (%s).", "스택 %s와 그것이 만든 모든 것을 지웠습니다(%s)."),
                stackName, gone.stackStatusAsString());
    }

    static void emptyBucket(S3Client s3, String bucket) {
        try {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()
                    .forEach(object -> s3.deleteObject(b -> b.bucket(bucket).key(object.key())));
        } catch (S3Exception gone) {
            // the bucket is gone already: CloudFormation counts it as deleted
        }
    }

    @Override
    public void check(Lab lab, Checks checks) {
        CloudFormationClient cfn = lab.client(CloudFormationClient.builder());
        String stackName = lab.names().stack();
        Optional<Stack> stack = stack(cfn, stackName);
        if (checks.check(Texts.COMPLETE.with(stackName), () -> stackOutcome(cfn, stackName, stack)).failed()) {
            checks.skip(Texts.OUTPUTS_NAME, Texts.NOT_COMPLETE);
            checks.skip(Texts.CHAT_WORKS, Texts.NOT_COMPLETE);
            return;
        }
        Map<String, String> outputs = outputs(stack.get());
        if (checks.check(Texts.OUTPUTS.with(String.join(", ", OUTPUTS)), () -> outputsOutcome(lab, outputs))
                .failed()) {
            checks.skip(Texts.CHAT_WORKS, Texts.OUTPUTS_MISSING);
            return;
        }
        ChatSite chat;
        try {
            chat = ChatSite.read(lab.reachableUrl(outputs.get(WEBSITE_URL)));
        } catch (ChatSite.Unusable unusable) {
            checks.check(Texts.SERVES_CHAT, () -> Outcome.fail(Texts.unusable(unusable.reason())));
            return;
        }
        checks.check(Texts.CONFIG_NAMES_APIS, () -> configOutcome(lab, chat, outputs));
        ChatVerification.check(checks, chat, "stack");
    }

    static Outcome outputsOutcome(Lab lab, Map<String, String> outputs) {
        List<String> missing = OUTPUTS.stream().filter(key -> !outputs.containsKey(key)).toList();
        return missing.isEmpty() ? Outcome.pass(Texts.WEBSITE.with(lab.reachableUrl(outputs.get(WEBSITE_URL))))
                : Outcome.fail(Texts.missingOutputs(missing));
    }

    /** The site's config.js must name the stack's APIs, not those of steps 5-8. */
    static Outcome configOutcome(Lab lab, ChatSite chat, Map<String, String> outputs) {
        String rest = lab.reachableUrl(outputs.get(REST_URL)).toString();
        String webSocket = lab.reachableUrl(outputs.get(WEBSOCKET_URL)).toString();
        boolean same = chat.endpoints().restUrl().toString().equals(rest)
                && chat.endpoints().webSocketUrl().toString().equals(webSocket);
        return Outcome.when(same, Texts.configNames(chat.endpoints().restUrl(), chat.endpoints().webSocketUrl(),
                rest, webSocket));
    }

    /** The stack's status, and for each common trouble the fix. */
    static Outcome stackOutcome(CloudFormationClient cfn, String stackName, Optional<Stack> stack) {
        if (stack.isEmpty()) {
            return Outcome.fail(Texts.noStack(stackName));
        }
        StackStatus status = stack.get().stackStatus();
        if (status == StackStatus.CREATE_COMPLETE || status == StackStatus.UPDATE_COMPLETE) {
            return Outcome.pass(Text.of(status.toString(), status.toString()));
        }
        if (stack.get().stackStatusAsString().endsWith("_IN_PROGRESS")) {
            return Outcome.fail(Texts.inProgress(stackName, status));
        }
        String failure = firstFailure(cfn, stackName).orElse(String.valueOf(stack.get().stackStatusReason()));
        return Outcome.fail(Texts.failed(stackName, status, failure));
    }

    /** What the checks say, in English and Korean: each check's name, then what it answers. */
    static final class Texts {

        static final Text COMPLETE = Text.of("stack %s is CREATE_COMPLETE or UPDATE_COMPLETE",
                "스택 %s가 CREATE_COMPLETE 또는 UPDATE_COMPLETE임");
        static final Text OUTPUTS_NAME = Text.of("the stack's outputs", "스택의 출력");
        static final Text OUTPUTS = Text.of("the stack's outputs %s", "스택의 출력 %s");
        static final Text SERVES_CHAT = Text.of("the stack's website serves the chat with its config.js",
                "스택의 웹 사이트가 config.js와 함께 채팅을 제공함");
        static final Text CONFIG_NAMES_APIS = Text.of("config.js names the stack's two APIs",
                "config.js가 스택의 두 API를 가리킴");
        static final Text CHAT_WORKS = Text.of("the stack's chat works through its website",
                "스택의 채팅이 웹 사이트를 통해 동작함");

        static final Text NOT_COMPLETE = Text.of("the stack is not complete", "스택이 완료되지 않았습니다");
        static final Text OUTPUTS_MISSING = Text.of("outputs missing", "출력이 없습니다");
        static final Text WEBSITE = Text.of("website %s", "웹 사이트 %s");

        private Texts() {
        }

        static Text missingOutputs(List<String> missing) {
            return Text.of("Missing output(s) " + missing + ": declare them in " + TEMPLATE
                            + "'s Outputs (WebsiteURL: !GetAtt WebsiteBucket.WebsiteURL; WebSocketURL and "
                            + "RestURL: the stage URLs; WebsiteBucketName: !Ref WebsiteBucket), then ./lab "
                            + "step 9.",
                    "출력 " + missing + "이(가) 없습니다. " + TEMPLATE
                            + "의 Outputs에 선언하세요(WebsiteURL: !GetAtt WebsiteBucket.WebsiteURL, WebSocketURL과 "
                            + "RestURL: 스테이지 주소, WebsiteBucketName: !Ref WebsiteBucket). 그리고 ./lab step 9.");
        }

        static Text unusable(Text reason) {
            return Text.of(reason.en() + " Run ./lab step 9: it uploads the site and config.js after the stack.",
                    reason.ko() + " ./lab step 9를 실행하세요. 스택 다음에 사이트와 config.js를 올립니다.");
        }

        static Text configNames(URI restUrl, URI webSocketUrl, String rest, String webSocket) {
            return Text.of("config.js names REST " + restUrl + " and WebSocket " + webSocketUrl
                            + ", the stack's outputs are " + rest + " and " + webSocket
                            + ": run ./lab step 9 to publish them.",
                    "config.js는 REST " + restUrl + ", WebSocket " + webSocketUrl + "을 가리키는데 스택의 출력은 "
                            + rest + ", " + webSocket + "입니다. ./lab step 9로 게시하세요.");
        }

        static Text noStack(String stackName) {
            return Text.of("Stack " + stackName
                            + " not found: run ./lab step 9 (or in the console: CloudFormation → Create stack → "
                            + "Upload a template file → " + TEMPLATE + ", stack name " + stackName + ").",
                    "스택 " + stackName + "가 없습니다. ./lab step 9를 실행하세요(콘솔: CloudFormation → 스택 생성 → 템플릿 파일 업로드 → "
                            + TEMPLATE + ", 스택 이름 " + stackName + ").");
        }

        static Text inProgress(String stackName, StackStatus status) {
            return Text.of("Stack " + stackName + " is " + status
                            + ": wait until it ends (console: CloudFormation → the stack → Events), then check again.",
                    "스택 " + stackName + "가 " + status
                            + "입니다. 끝날 때까지 기다린 뒤(콘솔: CloudFormation → 스택 → 이벤트) 다시 확인하세요.");
        }

        static Text failed(String stackName, StackStatus status, String failure) {
            return Text.of("Stack " + stackName + " is " + status + ". First failure: " + failure
                            + ". Fix that in " + TEMPLATE
                            + " and run ./lab step 9 again (a ROLLBACK_COMPLETE stack is deleted and created anew).",
                    "스택 " + stackName + "가 " + status + "입니다. 첫 실패: " + failure + ". " + TEMPLATE
                            + "에서 고친 뒤 ./lab step 9를 다시 실행하세요(ROLLBACK_COMPLETE 스택은 지우고 새로 만듭니다).");
        }
    }
}
