///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:s3
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 2: public-read bucket policy, website hosting with an error document, the web client uploaded.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.AccountPublicAccessBlock;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.ErrorHints;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.SiteFiles;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketWebsiteResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Step 2 of the seed: "버킷 정책 (Public Access 부여) → 정적 웹 사이트 호스팅 활성화 (인덱스 문서와
 * 오류 문서) → 웹 파일 업로드 후 호스팅 확인".
 */
public class HostWebsite implements LabStep {

    /** The web client, relative to the kit's root. */
    static final String SITE_FOLDER = SiteFiles.FOLDER;

    /** A single-page app answers every path itself, so the error document is the app too. */
    static final String INDEX_DOCUMENT = "index.html";

    /** The path of a deep link into the chat, which only the error document can answer. */
    static final String DEEP_LINK = "rooms/general";

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
        String policy = s3.getBucketPolicy(b -> b.bucket(bucket)).policy();
        lab.done(Text.of("Bucket policy, read back: %s", "버킷 정책을 다시 읽은 결과: %s"), describePolicy(policy));
        enableWebsiteHosting(s3, bucket);
        GetBucketWebsiteResponse website = s3.getBucketWebsite(b -> b.bucket(bucket));
        lab.done(Text.of("Website hosting, read back: index document %s, error document %s",
                "정적 웹 사이트 호스팅을 다시 읽은 결과: 인덱스 문서 %s, 오류 문서 %s"), indexDocument(website), errorDocument(website));
        Path site = lab.settings().projectRoot().resolve(SITE_FOLDER);
        int uploaded = uploadSite(s3, bucket, site);
        lab.say(Text.of("Uploaded %d changed file(s) of %s", "%2$s에서 바뀐 파일 %1$d개를 올렸습니다"), uploaded, SITE_FOLDER);
        List<String> keys = siteKeys(site);
        List<String> wrong = new ArrayList<>();
        for (String key : keys) {
            Stored stored = stored(s3, bucket, key);
            if (stored == null) {
                wrong.add(key + ": missing");
            } else if (!browserAccepts(key, stored.contentType())) {
                wrong.add(key + ": " + stored.contentType());
            }
        }
        if (wrong.isEmpty()) {
            lab.done(Text.of("Read back with HeadObject: all %d site files are in the bucket, each with a "
                    + "Content-Type a browser accepts",
                    "HeadObject로 다시 읽은 결과: 사이트 파일 %d개가 모두 버킷에 있고, 저마다 브라우저가 받아들이는 Content-Type입니다"), keys.size());
        } else {
            lab.console().failure(Text.of("Read back with HeadObject: %s", "HeadObject로 다시 읽은 결과: %s"),
                    String.join("; ", wrong));
        }
        lab.say(Text.of("Open %s", "브라우저에서 여세요: %s"), lab.websiteUrl(bucket));
    }

    static String indexDocument(GetBucketWebsiteResponse website) {
        return website.indexDocument() == null ? "(none)" : website.indexDocument().suffix();
    }

    static String errorDocument(GetBucketWebsiteResponse website) {
        return website.errorDocument() == null ? "(none)" : website.errorDocument().key();
    }

    /**
     * The bucket policy of the seed (made there with the policy generator): everyone ("*")
     * may read every object. Its Resource is the ARN of the bucket's objects, "/*" included.
     */
    static String publicReadPolicy(String bucket) {
        // TODO(step2): Return the bucket policy as JSON: Version "2012-10-17", one statement that
        //   allows the principal "*" the action "s3:GetObject" on the ARN of every object in the
        //   bucket. What does an S3 object's ARN look like? (the step's README explains ARNs)
        // TODO-ko: 버킷 정책을 JSON으로 반환하세요: Version "2012-10-17", 주체 "*"에게 버킷의 모든 객체 ARN에 대한
        //   "s3:GetObject" 동작을 허용하는 문 하나. S3 객체의 ARN은 어떻게 생겼을까요? (단계의 README가 ARN을 설명합니다)
        // BEGIN SOLUTION
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "PublicReadGetObject",
                      "Effect": "Allow",
                      "Principal": "*",
                      "Action": "s3:GetObject",
                      "Resource": "arn:aws:s3:::%s/*"
                    }
                  ]
                }
                """.formatted(bucket);
        // END SOLUTION
    }

    static void enableWebsiteHosting(S3Client s3, String bucket) {
        // TODO(step2): Turn on static website hosting with index.html as the index document AND
        //   as the error document, so that a deep link such as /rooms/general still loads the
        //   single-page app. Look up PutBucketWebsiteRequest and WebsiteConfiguration.
        // TODO-ko: 정적 웹 사이트 호스팅을 켜고 index.html을 인덱스 문서와 오류 문서로 지정해서 /rooms/general 같은 딥 링크도
        //   단일 페이지 앱을 열게 하세요. PutBucketWebsiteRequest와 WebsiteConfiguration을 찾아보세요.
        // BEGIN SOLUTION
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w
                .indexDocument(i -> i.suffix(INDEX_DOCUMENT))
                .errorDocument(e -> e.key(INDEX_DOCUMENT))));
        // END SOLUTION
    }

    /**
     * The client's configuration: step 8 publishes the real one (the chat's URLs), so step 2
     * uploads its placeholder only where there is none yet, and a re-run never undoes step 8.
     */
    static final String CONFIG_FILE = SiteFiles.CONFIG_FILE;

    /** Uploads every file of the site whose content or Content-Type changed. */
    static int uploadSite(S3Client s3, String bucket, Path site) throws IOException {
        int uploaded = 0;
        for (String key : siteKeys(site)) {
            Path file = site.resolve(key);
            byte[] body = Files.readAllBytes(file);
            Stored stored = stored(s3, bucket, key);
            boolean keepPublished = key.equals(CONFIG_FILE) && stored != null
                    && browserAccepts(key, stored.contentType());
            boolean same = stored != null && stored.etag().equals(md5Hex(body)) && contentType(key)
                    .equals(stored.contentType());
            if (!keepPublished && !same) {
                uploadFile(s3, bucket, key, body);
                uploaded++;
            }
        }
        return uploaded;
    }

    /**
     * Uploads one file of the site under {@code key}, with the Content-Type of its extension:
     * S3 serves back exactly the type it was given, and a browser trusts it.
     */
    static void uploadFile(S3Client s3, String bucket, String key, byte[] body) {
        // TODO(step2): Upload `body` to the bucket under `key` with PutObject, and send the
        //   Content-Type that contentType(key) picks (without one, S3 stores binary/octet-stream and a
        //   browser downloads the page or refuses to run app.js). Look up PutObjectRequest (its
        //   contentType) and RequestBody.fromBytes.
        // TODO-ko: PutObject로 `body`를 버킷의 `key`에 올리면서 contentType(key)가 고른 Content-Type을 보내세요(없으면 S3가
        //   binary/octet-stream으로 저장해 브라우저가 페이지를 내려받거나 app.js를 실행하지 않습니다). PutObjectRequest(contentType)와
        //   RequestBody.fromBytes를 찾아보세요.
        // BEGIN SOLUTION
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType(key)), RequestBody.fromBytes(body));
        // END SOLUTION
    }

    /** The keys of the site's files, as the bucket holds them: paths relative to the site folder. */
    static List<String> siteKeys(Path site) throws IOException {
        return SiteFiles.keys(site);
    }

    static String contentType(String key) {
        return SiteFiles.contentType(key);
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
    public void check(Lab lab, Checks checks) throws IOException {
        S3Client s3 = lab.s3();
        String bucket = lab.names().siteBucket();
        URI site = lab.websiteUrl(bucket);
        List<String> keys = siteKeys(lab.settings().projectRoot().resolve(SITE_FOLDER));
        // Root causes first: a policy that opens index.html only must fail here, not blame the error document below.
        checks.check(Texts.PUBLIC_READ_POLICY.with(bucket), () -> policyOutcome(s3, bucket));
        checks.check(Texts.DOCUMENTS.with(INDEX_DOCUMENT), () -> documentsOutcome(s3, bucket));
        checks.check(Texts.UPLOADED.with(SITE_FOLDER, keys.size()), () -> uploadedOutcome(s3, bucket, keys));
        checks.check(Texts.READABLE, () -> readableOutcome(lab, bucket, site, keys));
        checks.check(Texts.BROWSER_TYPES, () -> contentTypesOutcome(lab, site, keys));
        checks.check(Texts.PAGE.with(site), () -> pageOutcome(lab.web().get(site), 200, Texts.NOT_THE_PAGE));
        checks.check(Texts.DEEP_LINK_PAGE.with(DEEP_LINK),
                () -> pageOutcome(lab.web().get(site.resolve(DEEP_LINK)), 404, Texts.NO_DEEP_LINK_PAGE));
        checks.check(Texts.REST_READABLE, () -> restReadableOutcome(lab, bucket));
    }

    static Outcome policyOutcome(S3Client s3, String bucket) throws IOException {
        String policy = bucketPolicy(s3, bucket);
        if (policy == null) {
            return Outcome.fail(Texts.NO_POLICY);
        }
        Text problem = policyProblem(policy, bucket);
        return problem == null ? Outcome.pass(Text.of(describePolicy(policy), describePolicy(policy)))
                : Outcome.fail(problem);
    }

    static Outcome documentsOutcome(S3Client s3, String bucket) {
        GetBucketWebsiteResponse website = s3.getBucketWebsite(b -> b.bucket(bucket));
        String index = indexDocument(website);
        String error = errorDocument(website);
        if (!INDEX_DOCUMENT.equals(index)) {
            return Outcome.fail(Texts.indexDocumentIs(index));
        }
        if (!INDEX_DOCUMENT.equals(error)) {
            return Outcome.fail(Texts.errorDocumentIs(error));
        }
        return Outcome.pass(Texts.documents(index, error));
    }

    /**
     * Listed, not read: a bucket policy that denies s3:GetObject on a file denies it to its owner
     * too (as AWS does), and that mistake is the next check's to name.
     */
    static Outcome uploadedOutcome(S3Client s3, String bucket, List<String> keys) {
        Set<String> listed = new HashSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(object -> listed.add(object.key()));
        List<String> missing = keys.stream().filter(key -> !listed.contains(key)).toList();
        return Outcome.when(missing.isEmpty(), Texts.missing(missing));
    }

    static Outcome readableOutcome(Lab lab, String bucket, URI site, List<String> keys) {
        for (String key : keys) {
            HttpResponse<String> answer = lab.web().get(site.resolve(key));
            if (answer.statusCode() != 200) {
                return Outcome.fail(unreadable(lab, bucket, key, answer));
            }
        }
        return Outcome.pass(Texts.allReadable(keys.size()));
    }

    static Outcome contentTypesOutcome(Lab lab, URI site, List<String> keys) {
        for (String key : keys) {
            String type = lab.web().get(site.resolve(key)).headers().firstValue("Content-Type").orElse("(none)");
            if (!browserAccepts(key, type)) {
                return Outcome.fail(Texts.servedAs(key, type, refusal(key), contentType(key)));
            }
        }
        return Outcome.pass();
    }

    /** The website's answer must be {@code status} with the chat's page. */
    static Outcome pageOutcome(HttpResponse<String> page, int status, Text hint) {
        return Outcome.when(page.statusCode() == status && isChatPage(page.body()), hint.with(page.statusCode()));
    }

    static Outcome restReadableOutcome(Lab lab, String bucket) {
        int status = lab.web().get(lab.objectUrl(bucket, INDEX_DOCUMENT)).statusCode();
        return Outcome.when(status == 200, Texts.anonymousGetAnswered(status));
    }

    /** The bucket's policy, or null when it has none. */
    static String bucketPolicy(S3Client s3, String bucket) {
        try {
            return s3.getBucketPolicy(b -> b.bucket(bucket)).policy();
        } catch (S3Exception e) {
            if ("NoSuchBucketPolicy".equals(e.awsErrorDetails().errorCode())) {
                return null;
            }
            throw e;
        }
    }

    /** Why a site file the bucket holds does not reach an anonymous browser. */
    private static Text unreadable(Lab lab, String bucket, String key, HttpResponse<String> answer) {
        Text seen = Texts.unreadable(key, answer.statusCode());
        if (answer.statusCode() == 403) {
            return restrictsPublicBuckets(lab, bucket) ? Texts.restricted(seen) : Texts.deniedAlone(seen);
        }
        Text hint = ErrorHints.hintForHttp(answer.statusCode(), answer.body()).orElse(Text.of("", ""));
        return Text.of(seen.en() + ". " + hint.en(), seen.ko() + ". " + hint.ko());
    }

    /**
     * Whether RestrictPublicBuckets is on for the bucket or its account (a setting that cannot be
     * read counts as off).
     */
    private static boolean restrictsPublicBuckets(Lab lab, String bucket) {
        PublicAccessBlockConfiguration ofBucket;
        try {
            ofBucket = lab.s3().getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        } catch (S3Exception e) {
            ofBucket = null;
        }
        PublicAccessBlockConfiguration ofAccount;
        try {
            ofAccount = AccountPublicAccessBlock.read(lab).orElse(null);
        } catch (IOException e) {
            ofAccount = null;
        }
        return AccountPublicAccessBlock.flagsOn(ofBucket).contains("RestrictPublicBuckets")
                || AccountPublicAccessBlock.flagsOn(ofAccount).contains("RestrictPublicBuckets");
    }

    /**
     * The types a browser accepts for each extension of the site: a module script must have a
     * JavaScript MIME type, a stylesheet text/css, an SVG image/svg+xml (the HTML standard's
     * "strict MIME type checking"); an HTML page served as anything else is downloaded.
     */
    static final Map<String, Set<String>> BROWSER_TYPES = Map.of(
            "html", Set.of("text/html"),
            "js", Set.of("text/javascript", "application/javascript", "application/x-javascript",
                    "application/ecmascript", "text/ecmascript"),
            "css", Set.of("text/css"),
            "svg", Set.of("image/svg+xml"),
            "png", Set.of("image/png"),
            "json", Set.of("application/json"),
            "ico", Set.of("image/x-icon", "image/vnd.microsoft.icon"),
            "txt", Set.of("text/plain"));

    static boolean browserAccepts(String key, String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        Set<String> accepted = BROWSER_TYPES.get(extension(key));
        return accepted == null ? !mediaType.isEmpty() : accepted.contains(mediaType);
    }

    private static String extension(String key) {
        return key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    /** What a browser does with a file of the wrong type. */
    private static Text refusal(String key) {
        return Texts.refusal(extension(key));
    }

    /** One statement of a bucket policy, its values as lists whether the JSON had a string or an array. */
    record Statement(String effect, List<String> principals, List<String> actions, List<String> resources,
            boolean conditional) {

        boolean publicAllow() {
            return effect.equals("Allow") && principals.contains("*") && !conditional;
        }

        @Override
        public String toString() {
            return effect + " " + String.join(",", principals) + " " + String.join(",", actions) + " on "
                    + String.join(",", resources)
                    + (conditional ? " (with a Condition)" : "");
        }
    }

    static List<Statement> statements(String policyJson) throws IOException {
        JsonNode statements = new ObjectMapper().readTree(policyJson).path("Statement");
        List<Statement> result = new ArrayList<>();
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            List<String> principals = new ArrayList<>();
            JsonNode principal = statement.path("Principal");
            if (principal.isTextual()) {
                principals.add(principal.asText());
            } else {
                // {"AWS": "*"} and {"AWS": ["*"]} mean everyone too; a named account, role or service does not.
                principal.properties().forEach(e -> values(e.getValue()).forEach(v -> principals.add(
                        v.equals("*") && e.getKey().equals("AWS") ? "*" : e.getKey() + ":" + v)));
            }
            if (!statement.path("NotPrincipal").isMissingNode()) {
                principals.add("NotPrincipal");
            }
            List<String> actions = new ArrayList<>(values(statement.path("Action")));
            values(statement.path("NotAction")).forEach(a -> actions.add("NotAction:" + a));
            List<String> resources = new ArrayList<>(values(statement.path("Resource")));
            values(statement.path("NotResource")).forEach(r -> resources.add("NotResource:" + r));
            result.add(new Statement(statement.path("Effect").asText(), principals, actions, resources,
                    !statement.path("Condition").isMissingNode()));
        }
        return result;
    }

    /** The policy as one line: what each statement allows or denies, to whom, on what. */
    static String describePolicy(String policyJson) throws IOException {
        return String.join("; ", statements(policyJson).stream().map(Statement::toString).toList());
    }

    /**
     * What is wrong with the bucket's policy for a public website, or null: the site needs
     * everyone (anonymous browsers) to read every object, and no one outside to do more.
     */
    static Text policyProblem(String policyJson, String bucket) throws IOException {
        List<Statement> statements = statements(policyJson);
        List<Statement> everyone = statements.stream().filter(Statement::publicAllow).toList();
        if (everyone.isEmpty()) {
            boolean conditional = statements.stream()
                    .anyMatch(st -> st.effect().equals("Allow") && st.principals().contains("*") && st.conditional());
            if (conditional) {
                return Texts.CONDITIONAL;
            }
            return Texts.grantsTo(statements.stream().filter(st -> st.effect().equals("Allow"))
                    .map(st -> String.join(",", st.principals())).toList());
        }
        List<String> more = everyone.stream().flatMap(st -> st.actions().stream())
                .filter(a -> !a.equalsIgnoreCase("s3:GetObject")).distinct().toList();
        if (!more.isEmpty()) {
            return Texts.moreThanRead(more);
        }
        String anyObject = "arn:aws:s3:::" + bucket + "/chatlab-any-" + Long.toHexString(System.nanoTime()) + "/x.js";
        boolean everyObject = everyone.stream().flatMap(st -> st.resources().stream())
                .anyMatch(r -> covers(r, anyObject));
        if (!everyObject) {
            return Texts.opensOnly(String.join(", ", everyone.stream().flatMap(st -> st.resources().stream())
                    .toList()), bucket);
        }
        return null;
    }

    /** True when a policy value (with * and ? wildcards) covers {@code wanted}. */
    private static boolean covers(String pattern, String wanted) {
        String regex = "\\Q" + pattern.replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q") + "\\E";
        return wanted.matches(regex);
    }

    private static List<String> values(JsonNode valueOrArray) {
        List<String> values = new ArrayList<>();
        if (valueOrArray.isArray()) {
            valueOrArray.forEach(v -> values.add(v.asText()));
        } else if (!valueOrArray.isMissingNode()) {
            values.add(valueOrArray.asText());
        }
        return values;
    }

    /** The web client's page carries this marker, so a check knows it got the chat and not some other page. */
    static boolean isChatPage(String html) {
        return html.contains("name=\"chatlab-client\"");
    }

    /** What the checks say, in English and Korean: each check's name, then what it answers. */
    static final class Texts {

        static final Text PUBLIC_READ_POLICY = Text.of(
                "bucket policy lets everyone s3:GetObject on arn:aws:s3:::%s/*, and nothing more",
                "버킷 정책이 누구에게나 arn:aws:s3:::%s/*에 대한 s3:GetObject만 허용함");
        static final Text DOCUMENTS = Text.of("website hosting: index document and error document are %s",
                "웹 사이트 호스팅: 인덱스 문서와 오류 문서가 %s");
        static final Text UPLOADED = Text.of("every file of %s is in the bucket (%d files)", "%s의 파일 %d개가 모두 버킷에 있음");
        static final Text READABLE = Text.of("every site file is readable anonymously through the website endpoint",
                "사이트 파일마다 웹 사이트 엔드포인트에서 익명으로 읽힘");
        static final Text BROWSER_TYPES = Text.of("every site file is served with a Content-Type a browser accepts",
                "사이트 파일마다 브라우저가 받아들이는 Content-Type으로 제공됨");
        static final Text PAGE = Text.of("the website answers 200 with the page at %s", "웹 사이트가 %s에서 200과 페이지로 응답함");
        static final Text DEEP_LINK_PAGE = Text.of("a deep link (/%s) gets the page through the error document",
                "딥 링크(/%s)도 오류 문서를 통해 페이지를 받음");
        static final Text REST_READABLE = Text.of("objects are now readable anonymously on the REST endpoint too",
                "이제 REST 엔드포인트에서도 객체를 익명으로 읽을 수 있음");

        static final Text NO_POLICY = Text.of("The bucket has no policy, so every object is private: write it (TODO "
                        + "publicReadPolicy), or bucket → Permissions → Bucket policy → Edit.",
                "버킷에 정책이 없어 모든 객체가 비공개입니다: 정책을 작성하세요 (TODO publicReadPolicy), 또는 버킷 → 권한 → 버킷 정책 → 편집.");
        static final Text CONDITIONAL = Text.of("The statement for everyone has a Condition, which limits who may"
                        + " read: a website visitor can be anyone. Remove the Condition.",
                "누구에게나 주는 문에 Condition이 있어 읽을 수 있는 사람이 제한됩니다: 웹 사이트 방문자는 누구든 될 수 있습니다."
                        + " Condition을 지우세요.");
        /** With the status the website answered. */
        static final Text NOT_THE_PAGE = Text.of(
                "Got HTTP %d without the chat's page: is the site's index.html (not another page) uploaded?",
                "채팅 페이지 없이 HTTP %d 응답: 다른 페이지가 아니라 사이트의 index.html을 올렸나요?");
        static final Text NO_DEEP_LINK_PAGE = Text.of(
                "Got HTTP %d without the page: set the error document to index.html.",
                "페이지 없이 HTTP %d 응답: 오류 문서를 index.html로 지정하세요.");

        private Texts() {
        }

        static Text indexDocumentIs(String index) {
            return Text.of("The index document is " + index + ": it must be index.html, the page S3 serves for /.",
                    "인덱스 문서가 " + index + "입니다: S3가 /에 내주는 페이지인 index.html이어야 합니다.");
        }

        static Text errorDocumentIs(String error) {
            return Text.of("The error document is " + error + ": set it to index.html, so that a deep link such as /"
                            + DEEP_LINK + " (no such object: 404) still gets the single-page app. "
                            + "Console: bucket → Properties → Static website hosting → Edit → Error document.",
                    "오류 문서가 " + error + "입니다: index.html로 지정해야 /" + DEEP_LINK
                            + " 같은 딥 링크(객체가 없어 404)에도 단일 페이지 앱이 열립니다."
                            + " 콘솔: 버킷 → 속성 → 정적 웹 사이트 호스팅 → 편집 → 오류 문서.");
        }

        static Text documents(String index, String error) {
            return Text.of("index " + index + ", error " + error, "인덱스 " + index + ", 오류 " + error);
        }

        static Text missing(List<String> keys) {
            String missing = String.join(", ", keys);
            return Text.of("Missing: " + missing + ". Upload every file inside " + SITE_FOLDER
                            + " (the files, not the folder: keys such as app.js, not site/app.js),"
                            + " JavaScript modules included.",
                    "없는 파일: " + missing + ". " + SITE_FOLDER
                            + " 안의 파일을 모두 올리세요 (폴더가 아니라 파일: 키는 site/app.js가 아니라 app.js), JavaScript 모듈도 빠짐없이.");
        }

        static Text allReadable(int files) {
            return Text.of("HTTP 200 for all " + files, files + "개 모두 HTTP 200");
        }

        static Text servedAs(String key, String type, Text refusal, String contentType) {
            return Text.of(key + " is served as " + type + ": " + refusal.en() + " Upload it with Content-Type "
                            + contentType + " (SiteFiles.contentType; console: object → Actions → Edit metadata),"
                            + " or run step 2 again.",
                    key + "의 Content-Type이 " + type + "입니다: " + refusal.ko() + " 다음 Content-Type으로 올리세요: "
                            + contentType + " (SiteFiles.contentType; 콘솔: 객체 → 작업 → 메타데이터 편집). 또는 2단계를 다시 실행하세요.");
        }

        static Text anonymousGetAnswered(int status) {
            return Text.of("Anonymous GET answered " + status + ": check the bucket policy and step 1's settings.",
                    "익명 GET의 응답이 " + status + "입니다: 버킷 정책과 1단계 설정을 확인하세요.");
        }

        /** What the website endpoint answered for one file; the reason follows. */
        static Text unreadable(String key, int status) {
            return Text.of(key + " answered HTTP " + status + " through the website endpoint",
                    key + "의 웹 사이트 엔드포인트 응답이 HTTP " + status + "입니다");
        }

        static Text restricted(Text seen) {
            return Text.of(seen.en() + ": RestrictPublicBuckets (step 1) is on, for the bucket or the account, so the"
                            + " public policy reaches no anonymous visitor. Run ./lab check 1.",
                    seen.ko() + ": 버킷이나 계정의 RestrictPublicBuckets(1단계)가 켜져 있어 공개 정책이 익명 방문자에게 닿지 않습니다. "
                            + "./lab check 1을 실행하세요.");
        }

        static Text deniedAlone(Text seen) {
            return Text.of(seen.en() + ": the policy allows every object, so something denies this one: a Deny"
                            + " statement in the bucket policy, or an object encrypted with a KMS key (anonymous"
                            + " readers cannot decrypt it). Upload it again as a plain object.",
                    seen.ko() + ": 정책은 모든 객체를 허용하니 무언가가 이 객체만 막고 있습니다: 버킷 정책의 Deny 문, 또는 KMS 키로 암호화된 객체"
                            + "(익명 사용자는 복호화할 수 없음). 평범한 객체로 다시 올리세요.");
        }

        /** The policy's Allow statements name these principals, none of them everyone. */
        static Text grantsTo(List<String> others) {
            return Text.of("The policy grants to " + (others.isEmpty() ? "no one" : String.join(" and ", others))
                            + ", not to everyone: a browser asks anonymously, so the Principal must be \"*\".",
                    "정책이 " + (others.isEmpty() ? "아무에게도 허용하지 않습니다" : String.join(", ", others) + "에게만 허용합니다")
                            + ": 브라우저는 익명으로 요청하므로 Principal은 \"*\"(누구나)여야 합니다.");
        }

        static Text moreThanRead(List<String> more) {
            return Text.of("The policy lets everyone do more than read: " + String.join(", ", more)
                            + ". Anyone on the internet could then change, delete or list your objects (s3:Get* also"
                            + " reads ACLs and tags). The Action must be exactly s3:GetObject.",
                    "정책이 누구에게나 읽기보다 많은 것을 허용합니다: " + String.join(", ", more)
                            + ". 인터넷의 누구나 객체를 바꾸거나 지우거나 목록을 볼 수 있게 됩니다 (s3:Get*은 ACL과 태그도 읽습니다). "
                            + "Action은 정확히 s3:GetObject여야 합니다.");
        }

        static Text opensOnly(String granted, String bucket) {
            return Text.of("The policy opens only " + granted + ": the page's other files (app.js, style.css, ...)"
                            + " stay private and the page breaks. The Resource must be arn:aws:s3:::" + bucket
                            + "/* (every object: note the /*).",
                    "정책이 " + granted + "만 공개합니다: 페이지의 다른 파일(app.js, style.css, ...)은 비공개로 남아 페이지가 깨집니다. "
                            + "Resource는 arn:aws:s3:::" + bucket + "/* (모든 객체: /*에 주의)여야 합니다.");
        }

        /** What a browser does with a file of the wrong type, by the file's extension. */
        static Text refusal(String extension) {
            return switch (extension) {
                case "html" -> Text.of("a browser downloads the page instead of showing it.",
                        "브라우저가 페이지를 보여 주지 않고 내려받습니다.");
                case "js" -> Text.of("a browser refuses to run a script (a JavaScript module) of that type, and the"
                                + " page stays dead.",
                        "브라우저가 그런 유형의 스크립트(JavaScript 모듈)를 실행하지 않아 페이지가 움직이지 않습니다.");
                case "css" -> Text.of("a browser ignores a stylesheet of that type.", "브라우저가 그런 유형의 스타일시트를 무시합니다.");
                default -> Text.of("a browser does not use a file of that type.", "브라우저가 그런 유형의 파일을 쓰지 않습니다.");
            };
        }
    }
}
