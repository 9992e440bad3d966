///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:dynamodb
//DEPS software.amazon.awssdk:apigateway
//DEPS software.amazon.awssdk:apigatewayv2
//DEPS org.seleniumhq.selenium:selenium-chrome-driver:4.52.0
//DEPS org.seleniumhq.selenium:selenium-support:4.52.0
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 8: the web client's configuration published, then the whole chat tested, in a real browser too.

import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Eventually;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import dev.chatlab.labkit.chat.BrowserChecks;
import dev.chatlab.labkit.chat.ChatEndpoints;
import dev.chatlab.labkit.chat.ChatSite;
import dev.chatlab.labkit.chat.RoomChecks;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Step 8 of the seed: the S3-hosted client talks to the serverless backend. This step
 * tells the client where the backend is (config.js) and proves the whole chat works.
 */
public class TestChat implements LabStep {

    public static void main(String[] args) {
        StepRunner.main(new TestChat(), args);
    }

    @Override
    public int number() {
        return 8;
    }

    @Override
    public Text title() {
        return Text.of("Configure the client and test the chat end to end", "클라이언트 설정과 채팅 종단 간 테스트");
    }

    @Override
    public void run(Lab lab) {
        ChatEndpoints endpoints = ChatEndpoints.discover(lab);
        String bucket = lab.names().siteBucket();
        // no-cache: a browser must see a new config.js at once, not a cached placeholder.
        lab.s3().putObject(b -> b.bucket(bucket).key("config.js").contentType("text/javascript; charset=utf-8")
                .cacheControl("no-cache"),
                RequestBody.fromString(configScript(endpoints)));
        // What the bucket now holds, read back: the URLs as the page will read them.
        String published = lab.s3().getObjectAsBytes(b -> b.bucket(bucket).key("config.js")).asUtf8String();
        lab.done(Text.of("Published config.js: REST %s, WebSocket %s", "config.js 게시: REST %s, WebSocket %s"),
                ChatSite.configValue(published, "restUrl").orElse("(none)"),
                        ChatSite.configValue(published, "webSocketUrl").orElse("(none)"));
        lab.say(Text.of("Open the chat: %s", "채팅을 여세요: %s"), lab.websiteUrl(bucket));
    }

    /** The client reads window.CHAT_CONFIG: where the REST API (history) and the WebSocket API (live) are. */
    static String configScript(ChatEndpoints endpoints) {
        // TODO(step8): Return the JavaScript of config.js: it sets window.CHAT_CONFIG to an object
        //   with restUrl (endpoints.restUrl()) and webSocketUrl (endpoints.webSocketUrl()), as the
        //   client's app.js reads them.
        // TODO-ko: config.js의 JavaScript를 돌려주세요. window.CHAT_CONFIG에 restUrl
        //   (endpoints.restUrl())과 webSocketUrl(endpoints.webSocketUrl())을 가진 객체를 넣습니다.
        //   클라이언트의 app.js가 이 두 값을 읽습니다.
        // BEGIN SOLUTION
        return "// Published by step 8 of the Serverless Chat Lab.\n"
                + "window.CHAT_CONFIG = {\n"
                + "  restUrl: \"" + endpoints.restUrl() + "\",\n"
                + "  webSocketUrl: \"" + endpoints.webSocketUrl() + "\"\n"
                + "};\n";
        // END SOLUTION
    }

    @Override
    public void check(Lab lab, Checks checks) {
        ChatEndpoints endpoints = ChatEndpoints.discover(lab);
        URI site = lab.websiteUrl(lab.names().siteBucket());
        CheckResult config = checks.check(Texts.CONFIG.with(lab.names().stage()),
                () -> configOutcome(lab, site, endpoints));
        // The browser loads the site while the two clients test the APIs; its checks come after theirs (skipped, and
        // no browser started, when config.js is wrong: see below).
        try (BrowserChecks browser = config.failed() ? BrowserChecks.unopened(site) : BrowserChecks.open(site);
                RoomChecks members = RoomChecks.join(checks, endpoints, "check")) {
            members.checkDelivery();
            members.checkHistory(site);
            members.checkMalformedFrame();
            DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
            String usersTable = lab.names().usersTable();
            int before = membersOf(dynamo, usersTable, members.room());
            awaitIndexed(dynamo, usersTable, members.room());
            members.closeSecond();
            members.checkJoined(Texts.CLOSED_LEAVES.with(usersTable),
                    () -> closedLeavesOutcome(lab, dynamo, members.room(), before));
            if (config.failed()) {
                // The page connects where config.js says: it would wait its patience out to fail as the check above
                // did.
                browser.skip(checks, Texts.CONFIG_WRONG);
            } else {
                browser.check(checks, members);
            }
        }
    }

    /** The site's config.js, read as a browser reads it: both URLs there, each naming this lab's deployed API. */
    static Outcome configOutcome(Lab lab, URI site, ChatEndpoints endpoints) {
        HttpResponse<String> config = lab.web().get(site.resolve("config.js"));
        if (config.statusCode() != 200) {
            return Outcome.fail(Texts.configAnswered(config.statusCode()));
        }
        for (String key : List.of("restUrl", "webSocketUrl")) {
            URI wanted = key.equals("restUrl") ? endpoints.restUrl() : endpoints.webSocketUrl();
            Optional<String> named = ChatSite.configValue(config.body(), key);
            if (named.isEmpty()) {
                return Outcome.fail(Texts.noValue(key));
            }
            Optional<Text> problem = apiProblem(lab, key, named.get(), wanted.toString());
            if (problem.isPresent()) {
                return Outcome.fail(problem.get());
            }
        }
        return Outcome.pass();
    }

    /**
     * What is wrong with the API a config.js URL names: an API that does not exist (deleted, or
     * another lab's), one without a deployment on its stage, or simply another one than this lab's.
     */
    static Optional<Text> apiProblem(Lab lab, String key, String named, String wanted) {
        Optional<String> apiId = ChatEndpoints.apiIdOf(named);
        String stage = ChatEndpoints.stageOf(named).orElse("");
        Text republish = Texts.republish(key, wanted);
        if (apiId.isEmpty()) {
            return Optional.of(Texts.notAnApiUrl(key, named, republish));
        }
        boolean rest = key.equals("restUrl");
        ApiGatewayClient restApis = lab.client(ApiGatewayClient.builder());
        ApiGatewayV2Client webSocketApis = lab.client(ApiGatewayV2Client.builder());
        try {
            if (rest) {
                restApis.getRestApi(b -> b.restApiId(apiId.get()));
            } else {
                webSocketApis.getApi(b -> b.apiId(apiId.get()));
            }
        } catch (software.amazon.awssdk.services.apigateway.model.NotFoundException
                 | software.amazon.awssdk.services.apigatewayv2.model.NotFoundException notFound) {
            return Optional.of(Texts.noSuchApi(key, apiId.get(), republish));
        }
        String deployment;
        try {
            deployment = stage.isEmpty() ? null : rest
                    ? restApis.getStage(b -> b.restApiId(apiId.get()).stageName(stage)).deploymentId()
                    : webSocketApis.getStage(b -> b.apiId(apiId.get()).stageName(stage)).deploymentId();
        } catch (software.amazon.awssdk.services.apigateway.model.NotFoundException
                 | software.amazon.awssdk.services.apigatewayv2.model.NotFoundException noStage) {
            deployment = null;
        }
        if (deployment == null) {
            return Optional.of(Texts.notDeployed(key, apiId.get(), stage, republish));
        }
        if (!named.equals(wanted)) {
            return Optional.of(Texts.notThisLabs(key, named, republish));
        }
        return Optional.empty();
    }

    /** $disconnect runs asynchronously after the close: the room loses its member a moment later. */
    static Outcome closedLeavesOutcome(Lab lab, DynamoDbClient dynamo, String room, int before) {
        int after = Eventually.await(Texts.LEAVES_ROOM, RoomChecks.PATIENCE,
                () -> membersOf(dynamo, lab.names().usersTable(), room), now -> now < before).value();
        return Outcome.when(before == 2 && after == 1, Texts.membersBeforeAfter(before, after,
                lab.names().disconnectFunction()));
    }

    /**
     * Waits, within the patience, until the users table's index shows every member of the room:
     * $disconnect finds a connection through connectionId-index, which is eventually consistent
     * (a moment behind the table, on AWS and in localcloud), so a client that left the moment it
     * joined could stay listed. A missing index is left to the checks to report.
     */
    static void awaitIndexed(DynamoDbClient dynamo, String table, String room) {
        try {
            List<String> connections = dynamo.query(b -> b.tableName(table).keyConditionExpression("roomId = :r")
                    .consistentRead(true).expressionAttributeValues(Map.of(":r", AttributeValue.fromS(room))))
                    .items().stream().map(item -> item.get("connectionId").s()).toList();
            Eventually.await(Texts.INDEX_LISTS_ROOM, RoomChecks.PATIENCE,
                    () -> connections.stream().allMatch(connection -> indexed(dynamo, table, connection)),
                    Boolean::booleanValue);
        } catch (DynamoDbException e) {
            // no such table or index: the checks say what is wrong
        }
    }

    /** Whether connectionId-index finds the connection (the query $disconnect makes). */
    static boolean indexed(DynamoDbClient dynamo, String table, String connectionId) {
        return dynamo.query(b -> b.tableName(table).indexName("connectionId-index")
                .keyConditionExpression("connectionId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(connectionId)))).count() > 0;
    }

    static int membersOf(DynamoDbClient dynamo, String table, String room) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("roomId = :r").consistentRead(true)
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(room)))).count();
    }

    /** What the checks say, in English and Korean: each check's name, then what it answers. */
    static final class Texts {

        static final Text CONFIG = Text.of("the site's config.js names both APIs, deployed to stage %s",
                "사이트의 config.js가 스테이지 %s에 배포된 두 API를 가리킴");
        static final Text CLOSED_LEAVES = Text.of("a closed connection leaves %s", "닫힌 연결이 %s에서 사라짐");

        static final Text CONFIG_WRONG = Text.of("the page reads config.js, which is wrong (above): fix it first",
                "페이지는 config.js를 읽는데, 그것이 틀렸습니다(위): 먼저 고치세요");
        static final Text LEAVES_ROOM = Text.of("the closed connection to leave the room", "닫힌 연결이 방에서 나감");
        static final Text INDEX_LISTS_ROOM = Text.of("the index to list every member of the room",
                "인덱스에 방의 모든 멤버가 보임");

        private Texts() {
        }

        static Text configAnswered(int status) {
            return Text.of("Got HTTP " + status + " for config.js: run ./lab step 8 to publish it.",
                    "config.js의 응답이 HTTP " + status + "입니다. ./lab step 8로 게시하세요.");
        }

        static Text noValue(String key) {
            return Text.of("config.js sets no " + key + " (still step 2's placeholder?): run ./lab step 8.",
                    "config.js에 " + key + " 값이 없습니다(아직 2단계의 자리 표시자?). ./lab step 8을 실행하세요.");
        }

        /** The end of every config.js hint: how to publish this lab's URL. */
        static Text republish(String key, String wanted) {
            return Text.of(" Run ./lab step 8 to publish this lab's URLs (" + key + " " + wanted + ").",
                    " ./lab step 8을 실행해 이 실습의 주소를 게시하세요(" + key + " " + wanted + ").");
        }

        static Text notAnApiUrl(String key, String named, Text republish) {
            return Text.of("config.js's " + key + " " + named + " is no API Gateway URL." + republish.en(),
                    "config.js의 " + key + " 값(" + named + ")은 API Gateway 주소가 아닙니다." + republish.ko());
        }

        static Text noSuchApi(String key, String apiId, Text republish) {
            return Text.of("config.js's " + key + " names API " + apiId
                            + ", which does not exist (deleted, or another lab's)." + republish.en(),
                    "config.js의 " + key + " 값이 가리키는 API(" + apiId + ")는 없습니다(지웠거나 다른 실습의 것)." + republish.ko());
        }

        static Text notDeployed(String key, String apiId, String stage, Text republish) {
            return Text.of("config.js's " + key + " names API " + apiId + ", which is not deployed to stage " + stage
                            + ": a browser gets no answer there. Deploy it (step 6: CreateDeployment) or publish "
                            + "this lab's deployed API." + republish.en(),
                    "config.js의 " + key + " 값이 가리키는 API(" + apiId + ")는 스테이지(" + stage
                            + ")에 배포되지 않았습니다. 브라우저가 응답을 받지 못합니다. 배포하거나(6단계: CreateDeployment)"
                            + " 이 실습의 배포된 API를 게시하세요." + republish.ko());
        }

        static Text notThisLabs(String key, String named, Text republish) {
            return Text.of("config.js's " + key + " is " + named + ", not this lab's API." + republish.en(),
                    "config.js의 " + key + " 값(" + named + ")은 이 실습의 API가 아닙니다." + republish.ko());
        }

        static Text membersBeforeAfter(int before, int after, String disconnectFunction) {
            return Text.of("Members before the close: " + before + ", after: " + after
                            + ". Is the $disconnect route connected to " + disconnectFunction + "?",
                    "닫기 전 인원: " + before + ", 후: " + after
                            + ". $disconnect 라우트가 " + disconnectFunction + "에 연결되어 있나요?");
        }
    }
}
