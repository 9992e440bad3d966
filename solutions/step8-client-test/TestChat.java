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
//DESCRIPTION Step 8: publish the web client's configuration, then test the whole chat: two clients, history, errors, disconnects, and a real browser.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.HeadlessBrowser;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Names;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import dev.chatlab.labkit.chat.ChatConnection;
import dev.chatlab.labkit.chat.ChatEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Step 8 of the seed: the S3-hosted client talks to the serverless backend. This step
 * tells the client where the backend is (config.js) and proves the whole chat works.
 */
public class TestChat implements LabStep {

    static final Duration PATIENCE = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();
    /** Selenium warns that it has no DevTools bindings for this Chromium: the test never uses them. Held here, as JUL keeps loggers weakly. */

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
        lab.s3().putObject(b -> b.bucket(bucket).key("config.js").contentType("text/javascript; charset=utf-8").cacheControl("no-cache"),
                RequestBody.fromString(configScript(endpoints)));
        // What the bucket now holds, read back: the URLs as the page will read them.
        String published = lab.s3().getObjectAsBytes(b -> b.bucket(bucket).key("config.js")).asUtf8String();
        lab.done(Text.of("Published config.js: REST %s, WebSocket %s", "config.js 게시: REST %s, WebSocket %s"),
                configValue(published, "restUrl").orElse("(none)"), configValue(published, "webSocketUrl").orElse("(none)"));
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

    /** The value of {@code key: "..."} in a config.js, if it sets one. */
    static Optional<String> configValue(String script, String key) {
        Matcher matcher = Pattern.compile("[\"']?" + key + "[\"']?\\s*:\\s*[\"'`]([^\"'`]+)[\"'`]").matcher(script);
        return matcher.find() ? Optional.of(matcher.group(1).replaceAll("/+$", "")) : Optional.empty();
    }

    /**
     * What is wrong with the API a config.js URL names: an API that does not exist (deleted, or
     * another lab's), one without a deployment on its stage, or simply another one than this lab's.
     */
    static Optional<Text> apiProblem(Lab lab, String key, String named, String wanted) {
        Optional<String> apiId = ChatEndpoints.apiIdOf(named);
        String stage = ChatEndpoints.stageOf(named).orElse("");
        Text republish = Text.of(" Run ./lab step 8 to publish this lab's URLs (" + key + " " + wanted + ").",
                " ./lab step 8을 실행해 이 실습의 주소를 게시하세요(" + key + " " + wanted + ").");
        if (apiId.isEmpty()) {
            return Optional.of(Text.of("config.js's " + key + " " + named + " is no API Gateway URL." + republish.en(),
                    "config.js의 " + key + " 값(" + named + ")은 API Gateway 주소가 아닙니다." + republish.ko()));
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
            return Optional.of(Text.of("config.js's " + key + " names API " + apiId.get() + ", which does not exist (deleted, or another lab's)."
                            + republish.en(),
                    "config.js의 " + key + " 값이 가리키는 API(" + apiId.get() + ")는 없습니다(지웠거나 다른 실습의 것)." + republish.ko()));
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
            return Optional.of(Text.of("config.js's " + key + " names API " + apiId.get() + ", which is not deployed to stage " + stage
                            + ": a browser gets no answer there. Deploy it (step 6: CreateDeployment) or publish this lab's deployed API." + republish.en(),
                    "config.js의 " + key + " 값이 가리키는 API(" + apiId.get() + ")는 스테이지(" + stage
                            + ")에 배포되지 않았습니다. 브라우저가 응답을 받지 못합니다. 배포하거나(6단계: CreateDeployment) 이 실습의 배포된 API를 게시하세요." + republish.ko()));
        }
        if (!named.equals(wanted)) {
            return Optional.of(Text.of("config.js's " + key + " is " + named + ", not this lab's API." + republish.en(),
                    "config.js의 " + key + " 값(" + named + ")은 이 실습의 API가 아닙니다." + republish.ko()));
        }
        return Optional.empty();
    }

    @Override
    public void check(Lab lab, Checks checks) throws Exception {
        ChatEndpoints endpoints = ChatEndpoints.discover(lab);
        URI site = lab.websiteUrl(lab.names().siteBucket());
        checks.check(Text.of("the site's config.js names both APIs, deployed to stage %s", "사이트의 config.js가 스테이지 %s에 배포된 두 API를 가리킴")
                .with(lab.names().stage()), () -> {
            HttpResponse<String> config = lab.web().get(site.resolve("config.js"));
            if (config.statusCode() != 200) {
                return Outcome.fail(Text.of("Got HTTP " + config.statusCode() + " for config.js: run ./lab step 8 to publish it.",
                        "config.js의 응답이 HTTP " + config.statusCode() + "입니다. ./lab step 8로 게시하세요."));
            }
            for (String key : List.of("restUrl", "webSocketUrl")) {
                URI wanted = key.equals("restUrl") ? endpoints.restUrl() : endpoints.webSocketUrl();
                Optional<String> named = configValue(config.body(), key);
                if (named.isEmpty()) {
                    return Outcome.fail(Text.of("config.js sets no " + key + " (still step 2's placeholder?): run ./lab step 8.",
                            "config.js에 " + key + " 값이 없습니다(아직 2단계의 자리 표시자?). ./lab step 8을 실행하세요."));
                }
                Optional<Text> problem = apiProblem(lab, key, named.get(), wanted.toString());
                if (problem.isPresent()) {
                    return Outcome.fail(problem.get());
                }
            }
            return Outcome.pass();
        });
        String room = "check-" + UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newHttpClient();
        try (ChatConnection alice = ChatConnection.open(http, endpoints.webSocketUrl(), room, "alice");
             ChatConnection bob = ChatConnection.open(http, endpoints.webSocketUrl(), room, "bob")) {
            String text = "hello from alice " + room;
            alice.send(room, text);
            checks.check(Text.of("a message reaches both members of the room", "메시지가 방의 두 사람 모두에게 도착함"), () -> {
                boolean toAlice = alice.await(f -> text.equals(f.json().path("text").asText()), PATIENCE) != null;
                boolean toBob = bob.await(f -> text.equals(f.json().path("text").asText()), PATIENCE) != null;
                return Outcome.when(toAlice && toBob, Text.of("alice got it: " + toAlice + ", bob got it: " + toBob
                                + ". Read the send function's log: ./lab logs send-message, or CloudWatch Logs " + Names.logGroup(lab.names().sendMessageFunction()) + ".",
                        "alice 수신: " + toAlice + ", bob 수신: " + toBob + ". 전송 함수의 로그를 보세요: ./lab logs send-message, 또는 CloudWatch Logs "
                                + Names.logGroup(lab.names().sendMessageFunction()) + "."));
            });
            checks.check(Text.of("the history (REST) returns it, with CORS", "기록(REST)이 메시지를 돌려주고 CORS 헤더가 있음"), () -> {
                HttpResponse<String> history = http.send(HttpRequest.newBuilder(endpoints.historyUrl(room, 50)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode body = history.statusCode() == 200 ? JSON.readTree(history.body()) : JSON.createObjectNode();
                boolean found = body.path("messages").findValuesAsText("text").contains(text);
                boolean cors = history.headers().firstValue("Access-Control-Allow-Origin").isPresent();
                return Outcome.when(found && cors, Text.of("HTTP " + history.statusCode() + ", message found: " + found + ", CORS header: " + cors,
                        "HTTP " + history.statusCode() + ", 메시지 찾음: " + found + ", CORS 헤더: " + cors));
            });
            checks.check(Text.of("a malformed frame gets an error frame (bad_request)", "잘못된 프레임에는 오류 프레임(bad_request)이 옴"), () -> {
                bob.sendRaw("{\"action\":\"sendMessage\",\"roomId\":\"" + room + "\"}");
                var error = bob.await(f -> f.type().equals("error"), PATIENCE);
                return Outcome.when(error != null && "bad_request".equals(error.json().path("code").asText()), Text.of(
                        "Expected {\"type\":\"error\",\"code\":\"bad_request\"}, got " + (error == null ? "nothing" : error.json()),
                        "{\"type\":\"error\",\"code\":\"bad_request\"}를 기대했지만 받은 것: " + (error == null ? "없음" : error.json())));
            });
            DynamoDbClient dynamo = lab.client(DynamoDbClient.builder());
            int before = membersOf(dynamo, lab.names().usersTable(), room);
            bob.close();
            checks.check(Text.of("a closed connection leaves %s", "닫힌 연결이 %s에서 사라짐").with(lab.names().usersTable()), () -> {
                int after = before;
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (after >= before && System.nanoTime() < deadline) {
                    Thread.sleep(100); // $disconnect runs asynchronously after the close
                    after = membersOf(dynamo, lab.names().usersTable(), room);
                }
                return Outcome.when(before == 2 && after == 1, Text.of("Members before the close: " + before + ", after: " + after
                        + ". Is the $disconnect route connected to " + lab.names().disconnectFunction() + "?", "닫기 전 인원: " + before + ", 후: " + after
                        + ". $disconnect 라우트가 " + lab.names().disconnectFunction() + "에 연결되어 있나요?"));
            });
        }
        checkInBrowser(lab, checks, site);
    }

    static int membersOf(DynamoDbClient dynamo, String table, String room) {
        return dynamo.query(b -> b.tableName(table).keyConditionExpression("roomId = :r").consistentRead(true)
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(room)))).count();
    }

    /**
     * Two real browser pages open the site, join one room, and each sees the other's message;
     * then a message that looks like HTML must show as its characters, never become markup.
     */
    static void checkInBrowser(Lab lab, Checks checks, URI site) {
        Text name = Text.of("two browser pages chat through the website", "브라우저 두 페이지가 웹 사이트로 대화함");
        Text literal = Text.of("the page shows a message as text, never as HTML", "페이지가 메시지를 HTML이 아닌 글자 그대로 보여 줌");
        Optional<HeadlessBrowser> browser = HeadlessBrowser.locate();
        if (browser.isEmpty()) {
            Text reason = Text.of("no Chromium + ChromeDriver on this machine (apt-get install chromium chromium-driver)",
                    "이 컴퓨터에 Chromium과 ChromeDriver가 없습니다(apt-get install chromium chromium-driver)");
            checks.skip(name, reason);
            checks.skip(literal, reason);
            return;
        }
        String room = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        WebDriver first = browser.get().start();
        WebDriver second = browser.get().start();
        try {
            boolean chatted = checks.check(name, () -> {
                join(first, site, room, "ana");
                join(second, site, room, "ben");
                say(first, "hi ben, from ana");
                say(second, "hi ana, from ben");
                boolean secondSeesFirst = sees(second, "hi ben, from ana");
                boolean firstSeesSecond = sees(first, "hi ana, from ben");
                return Outcome.when(secondSeesFirst && firstSeesSecond, Text.of(
                        "ben saw ana: " + secondSeesFirst + ", ana saw ben: " + firstSeesSecond + " (open " + site + " yourself to see why)",
                        "ben이 ana를 봄: " + secondSeesFirst + ", ana가 ben을 봄: " + firstSeesSecond + " (" + site + " 주소를 직접 열어 보세요)"));
            }).status() == CheckResult.Status.PASS;
            if (!chatted) {
                checks.skip(literal, Text.of("the pages could not chat", "두 페이지가 대화하지 못했습니다"));
                return;
            }
            checks.check(literal, () -> {
                String markup = "<img src=x onerror=\"document.body.dataset.chatlabInjected='yes'\"> <b>bold?</b>";
                int before = second.findElements(By.cssSelector("#messages [data-message-id]")).size();
                say(first, markup);
                boolean shownAsText = markup.equals(newestText(second, before));
                Object injected = ((JavascriptExecutor) second).executeScript(
                        "return document.body.dataset.chatlabInjected || document.querySelectorAll('#messages img, #messages b').length;");
                boolean ran = "yes".equals(injected) || (injected instanceof Number n && n.longValue() > 0);
                return Outcome.when(shownAsText && !ran, Text.of(
                        "ben's page " + (ran ? "turned the message into HTML (its <img> ran onerror)" : "did not show the message as its characters")
                                + ": a message is user data. Put it into the page with textContent, never innerHTML (app.js, renderMessage/node),"
                                + " or anyone in the room can run script in everyone's browser.",
                        "ben의 페이지가 " + (ran ? "메시지를 HTML로 바꿨습니다(<img>의 onerror가 실행됨)" : "메시지를 글자 그대로 보여 주지 않았습니다")
                                + ". 메시지는 사용자 데이터입니다. innerHTML이 아니라 textContent로 넣으세요(app.js의 renderMessage/node)."
                                + " 그러지 않으면 방의 누구나 모두의 브라우저에서 스크립트를 실행할 수 있습니다."));
            });
        } finally {
            first.quit();
            second.quit();
        }
    }

    /** Waits up to PATIENCE, looking every 50 ms (Selenium's default 500 ms would add seconds to the check). */
    static WebDriverWait waitAtMost(WebDriver page) {
        return new WebDriverWait(page, PATIENCE, Duration.ofMillis(50));
    }

    static void join(WebDriver page, URI site, String room, String nickname) {
        page.get(site.resolve("rooms/" + room).toString());
        WebDriverWait wait = waitAtMost(page);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nickname"))).clear();
        page.findElement(By.id("nickname")).sendKeys(nickname);
        page.findElement(By.id("room")).clear();
        page.findElement(By.id("room")).sendKeys(room);
        page.findElement(By.cssSelector("#join-form button[type=submit]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "open"));
    }

    static void say(WebDriver page, String text) {
        page.findElement(By.id("message-input")).sendKeys(text);
        page.findElement(By.cssSelector("#composer button[type=submit]")).click();
    }

    /** The text of the newest message once the page shows more than {@code before} messages, or null. */
    static String newestText(WebDriver page, int before) {
        try {
            waitAtMost(page).until(driver -> driver.findElements(By.cssSelector("#messages [data-message-id]")).size() > before);
        } catch (org.openqa.selenium.TimeoutException e) {
            return null;
        }
        List<WebElement> texts = page.findElements(By.cssSelector("#messages [data-message-id] .text"));
        return texts.isEmpty() ? null : texts.get(texts.size() - 1).getText();
    }

    static boolean sees(WebDriver page, String text) {
        try {
            waitAtMost(page).until(driver -> driver.findElements(By.cssSelector("#messages [data-message-id] .text"))
                    .stream().anyMatch(element -> element.getText().equals(text)));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }
}
