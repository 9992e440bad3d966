package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.labkit.AccountPublicAccessBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketWebsiteResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * Step 2's mistakes, made as a console user makes them: a bucket policy that opens too little,
 * to the wrong principal or too much; website hosting without its error document; a site file
 * missing, unreadable or of a type a browser refuses. Each fails first on the check that names it.
 */
class Step2MistakesTest {

    private final MistakeLab mistakes = MistakeLab.shared();
    private final S3Client s3 = mistakes.lab().s3();
    private final String bucket = mistakes.lab().names().siteBucket();

    static Stream<String> siteFiles() throws IOException {
        Path site = Path.of(System.getProperty("user.dir")).getParent().resolve("step2-static-hosting/site");
        try (Stream<Path> files = Files.walk(site)) {
            return files.filter(Files::isRegularFile).map(f -> site.relativize(f).toString().replace('\\', '/')).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/index.html", "/assets/*", "/index*"})
    void policyOpensLessThanEveryObject_failsThePolicyCheckFirst(String objects) {
        withPolicy(statement("\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + objects + "\""),
                () -> mistakes.assertFailsFirstOn(2, "bucket policy", "arn:aws:s3:::" + bucket + "/* (every object"));
    }

    @Test
    void policyForOneAccountOnly_failsThePolicyCheck_sayingEveryone() {
        withPolicy(statement("{\"AWS\":\"arn:aws:iam::000000000000:root\"}", "\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\""),
                () -> mistakes.assertFailsFirstOn(2, "bucket policy", "Principal must be \"*\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"s3:*\"", "\"s3:Get*\"", "[\"s3:GetObject\",\"s3:PutObject\"]", "[\"s3:GetObject\",\"s3:ListBucket\"]"})
    void policyGrantsMoreThanReading_failsThePolicyCheck(String actions) {
        String resources = actions.contains("ListBucket")
                ? "[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]" : "\"arn:aws:s3:::" + bucket + "/*\"";
        withPolicy(statement("\"*\"", actions, resources), () -> mistakes.assertFailsFirstOn(2, "bucket policy", "more than read"));
    }

    @Test
    void everyoneWrittenAsAwsList_passes() {
        withPolicy(statement("{\"AWS\":[\"*\"]}", "\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\""), () -> mistakes.assertPasses(2));
    }

    @Test
    void websiteWithoutErrorDocument_failsTheWebsiteCheck() {
        GetBucketWebsiteResponse original = s3.getBucketWebsite(b -> b.bucket(bucket));
        try {
            s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
            mistakes.assertFailsFirstOn(2, "error document", "error document is (none): set it to index.html");
        } finally {
            s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w.indexDocument(original.indexDocument())
                    .errorDocument(original.errorDocument())));
        }
        mistakes.assertPasses(2);
    }

    @ParameterizedTest
    @MethodSource("siteFiles")
    void siteFileMissing_failsTheFilesCheck(String key) {
        ResponseBytes<GetObjectResponse> original = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            mistakes.assertFailsFirstOn(2, "is in the bucket", "Missing: " + key);
        } finally {
            restore(key, original);
        }
        mistakes.assertPasses(2);
    }

    @ParameterizedTest
    @MethodSource("siteFiles")
    void siteFileDeniedToEveryone_failsTheAnonymousReadCheck(String key) {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statementOnly("\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\"")
                + ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/" + key + "\"}]}";
        withPolicy(policy, () -> mistakes.assertFailsFirstOn(2, "readable anonymously through the website", key + " answered HTTP 403"));
    }

    @Test
    void accountRestrictsPublicBuckets_failsTheAnonymousReadCheck_namingTheSetting() throws IOException {
        try {
            AccountPublicAccessBlock.write(mistakes.lab(), PublicAccessBlockConfiguration.builder()
                    .blockPublicAcls(false).ignorePublicAcls(false).blockPublicPolicy(false).restrictPublicBuckets(true).build());
            mistakes.assertFailsFirstOn(2, "readable anonymously through the website", "RestrictPublicBuckets (step 1) is on, for the bucket or the account");
        } finally {
            AccountPublicAccessBlock.write(mistakes.lab(), null);
        }
        mistakes.assertPasses(2);
    }

    @ParameterizedTest
    @MethodSource("siteFiles")
    void siteFileOfTheWrongType_failsTheContentTypeCheck(String key) {
        ResponseBytes<GetObjectResponse> original = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.fromBytes(original.asByteArray()));
            mistakes.assertFailsFirstOn(2, "Content-Type", key + " is served as application/octet-stream");
        } finally {
            restore(key, original);
        }
        mistakes.assertPasses(2);
    }

    @Test
    void wronglyCompletedExercise_runPrintsWhatItDid_readBackFromTheCloud() {
        UnaryOperator<String> wrong = source -> source
                .replace("\"Resource\": \"arn:aws:s3:::%s/*\"", "\"Resource\": \"arn:aws:s3:::%s/index.html\"")
                .replace(".errorDocument(e -> e.key(INDEX_DOCUMENT))", "");
        try {
            String printed = mistakes.run(2, wrong);
            assertTrue(printed.contains("Bucket policy, read back: Allow * s3:GetObject on arn:aws:s3:::" + bucket + "/index.html"), printed);
            assertTrue(printed.contains("index document index.html, error document (none)"), printed);
            assertTrue(!printed.contains("/*"), printed);
        } finally {
            mistakes.run(2, UnaryOperator.identity());
        }
        mistakes.assertPasses(2);
    }

    private void withPolicy(String policy, Runnable assertion) {
        String original = s3.getBucketPolicy(b -> b.bucket(bucket)).policy();
        try {
            s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
            assertion.run();
        } finally {
            s3.putBucketPolicy(b -> b.bucket(bucket).policy(original));
        }
        mistakes.assertPasses(2);
    }

    private void restore(String key, ResponseBytes<GetObjectResponse> original) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(original.response().contentType()), RequestBody.fromBytes(original.asByteArray()));
    }

    private static String statement(String principal, String actions, String resources) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statementOnly(principal, actions, resources) + "]}";
    }

    private static String statementOnly(String principal, String actions, String resources) {
        return "{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":" + actions + ",\"Resource\":" + resources + "}";
    }
}
