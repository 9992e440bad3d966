///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:s3
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 2: bucket policy for public reads, static website hosting with an error document, upload the web client.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketWebsiteResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Step 2 of the seed: "버킷 정책 (Public Access 부여) → 정적 웹 사이트 호스팅 활성화 (인덱스 문서와
 * 오류 문서) → 웹 파일 업로드 후 호스팅 확인".
 */
public class HostWebsite implements LabStep {

    /** The web client, relative to the kit's root. */
    static final String SITE_FOLDER = "step2-static-hosting/site";

    /** A single-page app answers every path itself, so the error document is the app too. */
    static final String INDEX_DOCUMENT = "index.html";

    /** The path of a deep link into the chat, which only the error document can answer. */
    static final String DEEP_LINK = "rooms/general";

    static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    public static void main(String[] args) {
        StepRunner.main(new HostWebsite(), args);
    }

    @Override
    public int number() {
        return 2;
    }

    @Override
    public Text title() {
        return Text.of("Static website hosting", "S3 정적 웹 사이트 호스팅");
    }

    @Override
    public void run(Lab lab) throws IOException {
        S3Client s3 = lab.s3();
        String bucket = lab.names().siteBucket();
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicReadPolicy(bucket)));
        lab.done(Text.of("Bucket policy: anyone may s3:GetObject on arn:aws:s3:::%s/*", "버킷 정책: 누구나 arn:aws:s3:::%s/* 에 s3:GetObject 가능"), bucket);
        enableWebsiteHosting(s3, bucket);
        lab.done(Text.of("Website hosting on: index and error document %s", "정적 웹 사이트 호스팅 켬: 인덱스·오류 문서 %s"), INDEX_DOCUMENT);
        Path site = lab.settings().projectRoot().resolve(SITE_FOLDER);
        int uploaded = uploadSite(s3, bucket, site);
        lab.done(Text.of("Uploaded %d changed file(s) of %s", "%2$s 에서 바뀐 파일 %1$d개를 올렸습니다"), uploaded, SITE_FOLDER);
        lab.say(Text.of("Open %s", "브라우저에서 여세요: %s"), lab.websiteUrl(bucket));
    }

    /**
     * The bucket policy of the seed (made there with the policy generator): everyone ("*")
     * may read every object. Its Resource is the ARN of the bucket's objects, "/*" included.
     */
    static String publicReadPolicy(String bucket) {
        // TODO(step2): Return the bucket policy as JSON: Version "2012-10-17", one statement that
        //   allows the principal "*" the action "s3:GetObject" on the ARN of every object in the
        //   bucket. What does an S3 object's ARN look like? (the step's README explains ARNs)
        throw Todo.missing("step2", "Return the bucket policy as JSON: Version \"2012-10-17\", one statement that allows the principal \"*\" the action \"s3:GetObject\" on the ARN of every object in the bucket.");
    }

    static void enableWebsiteHosting(S3Client s3, String bucket) {
        // TODO(step2): Turn on static website hosting with index.html as the index document AND
        //   as the error document, so that a deep link such as /rooms/general still loads the
        //   single-page app. Look up PutBucketWebsiteRequest and WebsiteConfiguration.
        throw Todo.missing("step2", "Turn on static website hosting with index.html as the index document AND as the error document, so that a deep link such as /rooms/general still loads the single-page app.");
    }

    /**
     * The client's configuration: step 8 publishes the real one (the chat's URLs), so step 2
     * uploads its placeholder only where there is none yet, and a re-run never undoes step 8.
     */
    static final String CONFIG_FILE = "config.js";

    /** Uploads every file of the site whose content or Content-Type changed. */
    static int uploadSite(S3Client s3, String bucket, Path site) throws IOException {
        if (!Files.isDirectory(site)) {
            throw new IOException("the web client folder " + site + " is missing");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(site)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int uploaded = 0;
        for (Path file : files) {
            String key = site.relativize(file).toString().replace('\\', '/');
            byte[] body = Files.readAllBytes(file);
            Stored stored = stored(s3, bucket, key);
            boolean keepPublished = key.equals(CONFIG_FILE) && stored != null;
            boolean same = stored != null && stored.etag().equals(md5Hex(body)) && contentType(key).equals(stored.contentType());
            if (!keepPublished && !same) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType(key)), RequestBody.fromBytes(body));
                uploaded++;
            }
        }
        return uploaded;
    }

    static String contentType(String key) {
        String extension = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** What the bucket holds under a key: its ETag (the MD5 of a simple upload) and Content-Type. */
    record Stored(String etag, String contentType) {
    }

    private static Stored stored(S3Client s3, String bucket, String key) {
        try {
            var head = s3.headObject(b -> b.bucket(bucket).key(key));
            return new Stored(head.eTag().replace("\"", ""), head.contentType());
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    static String md5Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void check(Lab lab, Checks checks) {
        S3Client s3 = lab.s3();
        String bucket = lab.names().siteBucket();
        URI site = lab.websiteUrl(bucket);
        checks.check(Text.of("bucket policy lets anyone s3:GetObject on %s/*", "버킷 정책이 누구에게나 %s/* 의 s3:GetObject 를 허용함").with(bucket), () -> {
            String policy = s3.getBucketPolicy(b -> b.bucket(bucket)).policy();
            return Outcome.when(grantsPublicRead(policy, bucket), Text.of(
                    "The policy must allow Principal \"*\" the action s3:GetObject on arn:aws:s3:::" + bucket + "/* (note the /*).",
                    "정책은 Principal \"*\" 에게 arn:aws:s3:::" + bucket + "/* 에 대한 s3:GetObject 를 허용해야 합니다 (/* 에 주의)."));
        });
        checks.check(Text.of("website hosting: index and error document are %s", "웹 사이트 호스팅: 인덱스·오류 문서가 %s").with(INDEX_DOCUMENT), () -> {
            GetBucketWebsiteResponse website = s3.getBucketWebsite(b -> b.bucket(bucket));
            boolean index = website.indexDocument() != null && INDEX_DOCUMENT.equals(website.indexDocument().suffix());
            boolean error = website.errorDocument() != null && INDEX_DOCUMENT.equals(website.errorDocument().key());
            return Outcome.when(index && error, Text.of(
                    "Console: bucket → Properties → Static website hosting → Edit: index document and error document both index.html.",
                    "콘솔: 버킷 → 속성 → 정적 웹 사이트 호스팅 → 편집: 인덱스 문서와 오류 문서 모두 index.html."));
        });
        checks.check(Text.of("the website answers 200 with the page at %s", "웹 사이트가 %s 에서 200 과 페이지로 응답함").with(site), () -> {
            HttpResponse<String> page = lab.web().get(site);
            return Outcome.when(page.statusCode() == 200 && isChatPage(page.body()), Text.of(
                    "Got HTTP " + page.statusCode() + ". Check that index.html was uploaded and the policy allows reads.",
                    "HTTP " + page.statusCode() + " 응답. index.html 을 올렸는지, 정책이 읽기를 허용하는지 확인하세요."));
        });
        checks.check(Text.of("a deep link (/%s) gets the page through the error document", "딥 링크(/%s)도 오류 문서를 통해 페이지를 받음").with(DEEP_LINK), () -> {
            HttpResponse<String> page = lab.web().get(site.resolve(DEEP_LINK));
            return Outcome.when(page.statusCode() == 404 && isChatPage(page.body()), Text.of(
                    "Got HTTP " + page.statusCode() + " without the page: set the error document to index.html.",
                    "페이지 없이 HTTP " + page.statusCode() + " 응답: 오류 문서를 index.html 로 지정하세요."));
        });
        checks.check(Text.of("files have the Content-Type a browser needs", "파일마다 브라우저가 필요로 하는 Content-Type 이 있음"), () -> {
            String type = s3.headObject(b -> b.bucket(bucket).key(INDEX_DOCUMENT)).contentType();
            return Outcome.when(type != null && type.startsWith("text/html"), Text.of(
                    "index.html has Content-Type " + type + ": a browser would download it instead of showing it.",
                    "index.html 의 Content-Type 이 " + type + " 입니다: 브라우저가 보여 주지 않고 내려받습니다."));
        });
        checks.check(Text.of("objects are now readable anonymously", "이제 객체를 익명으로 읽을 수 있음"), () -> {
            int status = lab.web().get(lab.objectUrl(bucket, INDEX_DOCUMENT)).statusCode();
            return Outcome.when(status == 200, Text.of("Anonymous GET answered " + status + ": check the bucket policy and step 1's settings.",
                    "익명 GET 이 " + status + " 로 응답: 버킷 정책과 1단계 설정을 확인하세요."));
        });
    }

    static boolean grantsPublicRead(String policyJson, String bucket) throws IOException {
        JsonNode statements = new ObjectMapper().readTree(policyJson).path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            boolean allow = statement.path("Effect").asText().equals("Allow");
            JsonNode principal = statement.path("Principal");
            boolean everyone = principal.asText().equals("*") || matches(principal.path("AWS"), "*");
            boolean getObject = matches(statement.path("Action"), "s3:GetObject");
            boolean objects = matches(statement.path("Resource"), "arn:aws:s3:::" + bucket + "/index.html");
            if (allow && everyone && getObject && objects && statement.path("Condition").isMissingNode()) {
                return true;
            }
        }
        return false;
    }

    /** True when a policy value (a string or an array of them, with * and ? wildcards) covers {@code wanted}. */
    private static boolean matches(JsonNode valueOrArray, String wanted) {
        List<JsonNode> values = new java.util.ArrayList<>();
        if (valueOrArray.isArray()) {
            valueOrArray.forEach(values::add);
        } else {
            values.add(valueOrArray);
        }
        for (JsonNode value : values) {
            String pattern = "\\Q" + value.asText().replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q") + "\\E";
            if (!value.isMissingNode() && wanted.matches(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** The web client's page carries this marker, so a check knows it got the chat and not some other page. */
    static boolean isChatPage(String html) {
        return html.contains("name=\"chatlab-client\"");
    }
}
