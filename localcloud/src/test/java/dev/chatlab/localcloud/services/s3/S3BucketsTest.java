package dev.chatlab.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.RoutingRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** Bucket operations through the unchanged SDK, pinned to what S3 answers in ap-northeast-2. */
class S3BucketsTest {

    static TestCloud cloud;
    static S3Client s3;
    static S3Client usEast1;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
        s3 = S3Testing.client(cloud);
        usEast1 = cloud.client(S3Client.builder()).forcePathStyle(true).region(Region.US_EAST_1).build();
    }

    @AfterAll
    static void stop() {
        s3.close();
        usEast1.close();
        cloud.close();
    }

    static void create(String name) {
        S3Testing.create(s3, name);
    }

    static S3Exception s3Error(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(S3Exception.class, call);
    }

    @Test
    void createBucket_withMatchingLocationConstraint_isInThatRegion() {
        create("located-bucket");
        s3.headBucket(b -> b.bucket("located-bucket"));
        assertEquals("ap-northeast-2", s3.getBucketLocation(b -> b.bucket("located-bucket")).locationConstraintAsString());
        assertEquals("ap-northeast-2", s3.headBucket(b -> b.bucket("located-bucket")).bucketRegion());
    }

    /** The SDK adds the client's region as LocationConstraint by itself, so this goes over the wire as the CLI sends it. */
    @Test
    void createBucket_withoutLocationConstraintOutsideUsEast1_isIllegalLocationConstraint() {
        HttpResponse<String> answer = signedRaw("PUT", "/no-constraint-bucket", "");
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("<Code>IllegalLocationConstraintException</Code>"), answer.body());
        assertTrue(answer.body().contains("<Message>The unspecified location constraint is incompatible for the region specific endpoint "
                + "this request was sent to.</Message>"), answer.body());
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("no-constraint-bucket")));
    }

    @Test
    void createBucket_withAnotherRegionsConstraint_isIllegalLocationConstraint() {
        S3Exception e = s3Error(() -> s3.createBucket(b -> b.bucket("other-region-bucket")
                .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))));
        assertEquals("IllegalLocationConstraintException", e.awsErrorDetails().errorCode());
        assertEquals("The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void createBucket_inUsEast1_needsNoConstraint_andRefusesUsEast1AsConstraint() {
        usEast1.createBucket(b -> b.bucket("virginia-bucket"));
        assertEquals("", usEast1.getBucketLocation(b -> b.bucket("virginia-bucket")).locationConstraintAsString());
        S3Exception e = s3Error(() -> usEast1.createBucket(b -> b.bucket("virginia-bucket-2")
                .createBucketConfiguration(c -> c.locationConstraint("us-east-1"))));
        assertEquals("InvalidLocationConstraint", e.awsErrorDetails().errorCode());
        // us-east-1 answers 200 when you create a bucket you already own there (legacy behaviour)
        usEast1.createBucket(b -> b.bucket("virginia-bucket"));
    }

    @Test
    void createBucket_twice_isBucketAlreadyOwnedByYou() {
        create("twice-bucket");
        BucketAlreadyOwnedByYouException e = assertThrows(BucketAlreadyOwnedByYouException.class, () -> create("twice-bucket"));
        assertEquals(409, e.statusCode());
    }

    /** The SDK refuses most bad names before sending, so these go over the wire directly. */
    @Test
    void createBucket_badNames_areInvalidBucketName() {
        String config = "<CreateBucketConfiguration><LocationConstraint>ap-northeast-2</LocationConstraint></CreateBucketConfiguration>";
        for (String name : List.of("ab", "Upper-Case", "under_score", "-leading", "trailing-", "two..dots", "192.168.5.4",
                "xn--punycode", "a".repeat(64), "bucket-s3alias", "sthree-bucket")) {
            HttpResponse<String> answer = signedRaw("PUT", "/" + name, config);
            assertEquals(400, answer.statusCode(), name);
            assertTrue(answer.body().contains("<Code>InvalidBucketName</Code>"), answer.body());
        }
    }

    @Test
    void listBuckets_listsCreatedBucketsWithTheirRegion() {
        create("listed-bucket");
        List<Bucket> buckets = s3.listBuckets().buckets();
        Bucket listed = buckets.stream().filter(b -> b.name().equals("listed-bucket")).findFirst().orElseThrow();
        assertEquals("ap-northeast-2", listed.bucketRegion());
        assertTrue(listed.creationDate() != null);
    }

    @Test
    void deleteBucket_withObjects_isBucketNotEmpty_andEmptyBucketDeletes() {
        create("full-bucket");
        s3.putObject(b -> b.bucket("full-bucket").key("x"), RequestBody.fromString("x"));
        S3Exception e = s3Error(() -> s3.deleteBucket(b -> b.bucket("full-bucket")));
        assertEquals("BucketNotEmpty", e.awsErrorDetails().errorCode());
        assertEquals(409, e.statusCode());
        s3.deleteObject(b -> b.bucket("full-bucket").key("x"));
        s3.deleteBucket(b -> b.bucket("full-bucket"));
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("full-bucket")));
    }

    @Test
    void deleteBucket_missing_isNoSuchBucket() {
        assertThrows(NoSuchBucketException.class, () -> s3.deleteBucket(b -> b.bucket("never-created-bucket")));
    }

    @Test
    void bucketTagging_roundTrips_andWithoutTagsIsNoSuchTagSet() {
        create("tagged-bucket");
        S3Exception none = s3Error(() -> s3.getBucketTagging(b -> b.bucket("tagged-bucket")));
        assertEquals("NoSuchTagSet", none.awsErrorDetails().errorCode());
        s3.putBucketTagging(b -> b.bucket("tagged-bucket").tagging(t -> t.tagSet(
                Tag.builder().key("project").value("chatlab").build(), Tag.builder().key("owner").value("student1").build())));
        assertEquals(List.of("project=chatlab", "owner=student1"), s3.getBucketTagging(b -> b.bucket("tagged-bucket")).tagSet().stream()
                .map(t -> t.key() + "=" + t.value()).collect(Collectors.toList()));
        s3.deleteBucketTagging(b -> b.bucket("tagged-bucket"));
        assertEquals("NoSuchTagSet", s3Error(() -> s3.getBucketTagging(b -> b.bucket("tagged-bucket"))).awsErrorDetails().errorCode());
    }

    @Test
    void bucketTagging_duplicateKeys_isInvalidTag() {
        create("dup-tag-bucket");
        S3Exception e = s3Error(() -> s3.putBucketTagging(b -> b.bucket("dup-tag-bucket").tagging(t -> t.tagSet(
                Tag.builder().key("k").value("1").build(), Tag.builder().key("k").value("2").build()))));
        assertEquals("InvalidTag", e.awsErrorDetails().errorCode());
    }

    @Test
    void newBucket_hasAllFourBlockPublicAccessSettingsOn_andBucketOwnerEnforced() {
        create("fresh-bucket");
        GetPublicAccessBlockResponse block = s3.getPublicAccessBlock(b -> b.bucket("fresh-bucket"));
        PublicAccessBlockConfiguration config = block.publicAccessBlockConfiguration();
        assertTrue(config.blockPublicAcls() && config.ignorePublicAcls() && config.blockPublicPolicy() && config.restrictPublicBuckets());
        assertEquals(ObjectOwnership.BUCKET_OWNER_ENFORCED,
                s3.getBucketOwnershipControls(b -> b.bucket("fresh-bucket")).ownershipControls().rules().get(0).objectOwnership());
    }

    @Test
    void publicAccessBlock_putGetDelete() {
        create("pab-bucket");
        s3.putPublicAccessBlock(b -> b.bucket("pab-bucket").publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(false).ignorePublicAcls(false).blockPublicPolicy(false).restrictPublicBuckets(true)));
        PublicAccessBlockConfiguration config = s3.getPublicAccessBlock(b -> b.bucket("pab-bucket")).publicAccessBlockConfiguration();
        assertFalse(config.blockPublicAcls());
        assertFalse(config.blockPublicPolicy());
        assertTrue(config.restrictPublicBuckets());
        s3.deletePublicAccessBlock(b -> b.bucket("pab-bucket"));
        S3Exception e = s3Error(() -> s3.getPublicAccessBlock(b -> b.bucket("pab-bucket")));
        assertEquals("NoSuchPublicAccessBlockConfiguration", e.awsErrorDetails().errorCode());
        assertEquals(404, e.statusCode());
    }

    @Test
    void putBucketWebsite_storesIndexErrorAndRoutingRulesFaithfully() {
        create("website-config-bucket");
        assertEquals("NoSuchWebsiteConfiguration", s3Error(() -> s3.getBucketWebsite(b -> b.bucket("website-config-bucket")))
                .awsErrorDetails().errorCode());
        s3.putBucketWebsite(b -> b.bucket("website-config-bucket").websiteConfiguration(w -> w
                .indexDocument(i -> i.suffix("index.html")).errorDocument(e -> e.key("error.html"))
                .routingRules(RoutingRule.builder().condition(c -> c.keyPrefixEquals("docs/"))
                        .redirect(d -> d.replaceKeyPrefixWith("documents/").httpRedirectCode("302")).build())));
        var website = s3.getBucketWebsite(b -> b.bucket("website-config-bucket"));
        assertEquals("index.html", website.indexDocument().suffix());
        assertEquals("error.html", website.errorDocument().key());
        assertEquals("docs/", website.routingRules().get(0).condition().keyPrefixEquals());
        assertEquals("documents/", website.routingRules().get(0).redirect().replaceKeyPrefixWith());
        assertEquals("302", website.routingRules().get(0).redirect().httpRedirectCode());
        s3.deleteBucketWebsite(b -> b.bucket("website-config-bucket"));
        assertEquals("NoSuchWebsiteConfiguration", s3Error(() -> s3.getBucketWebsite(b -> b.bucket("website-config-bucket")))
                .awsErrorDetails().errorCode());
    }

    @Test
    void putBucketWebsite_redirectAllRequestsTo_roundTrips() {
        create("redirect-all-bucket");
        s3.putBucketWebsite(b -> b.bucket("redirect-all-bucket").websiteConfiguration(w -> w
                .redirectAllRequestsTo(r -> r.hostName("example.com").protocol("https"))));
        var website = s3.getBucketWebsite(b -> b.bucket("redirect-all-bucket"));
        assertEquals("example.com", website.redirectAllRequestsTo().hostName());
        assertEquals("https", website.redirectAllRequestsTo().protocolAsString());
    }

    @Test
    void putBucketWebsite_indexSuffixWithSlash_isInvalidArgument() {
        create("bad-website-bucket");
        S3Exception e = s3Error(() -> s3.putBucketWebsite(b -> b.bucket("bad-website-bucket").websiteConfiguration(w -> w
                .indexDocument(i -> i.suffix("pages/index.html")))));
        assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
    }

    // Bad input on the wire: signed-looking raw requests (localcloud does not verify signatures).

    private static HttpResponse<String> signedRaw(String method, String path, String body) {
        return S3Testing.signedRaw(cloud, method, path, body);
    }

    @Test
    void putBucketTagging_malformedXml_isMalformedXml_andNothingIsStored() {
        create("malformed-xml-bucket");
        HttpResponse<String> answer = signedRaw("PUT", "/malformed-xml-bucket?tagging", "<Tagging><TagSet><Tag><Key>k</Key>");
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("<Code>MalformedXML</Code>"), answer.body());
        assertEquals("NoSuchTagSet", s3Error(() -> s3.getBucketTagging(b -> b.bucket("malformed-xml-bucket"))).awsErrorDetails().errorCode());
    }

    @Test
    void createBucket_malformedConfiguration_isMalformedXml() {
        HttpResponse<String> answer = signedRaw("PUT", "/malformed-config-bucket", "<CreateBucketConfiguration><Loc");
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("<Code>MalformedXML</Code>"), answer.body());
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("malformed-config-bucket")));
    }

    @Test
    void unknownMethod_isMethodNotAllowed() {
        create("patch-bucket");
        HttpResponse<String> answer = signedRaw("PATCH", "/patch-bucket", "");
        assertEquals(405, answer.statusCode());
        assertTrue(answer.body().contains("<Code>MethodNotAllowed</Code>"), answer.body());
    }

    @Test
    void unsupportedSubresourceRead_answersAsForABucketWithoutIt() {
        create("cors-bucket");
        HttpResponse<String> answer = signedRaw("GET", "/cors-bucket?cors", "");
        assertEquals(404, answer.statusCode());
        assertTrue(answer.body().contains("<Code>NoSuchCORSConfiguration</Code>"), answer.body());
    }

    @Test
    void anonymousListBuckets_isAccessDenied() {
        HttpResponse<String> answer = cloud.get("/");
        assertEquals(403, answer.statusCode());
        assertTrue(answer.body().contains("<Code>AccessDenied</Code>"), answer.body());
    }

    @Test
    void requestSignedForAnotherRegion_isPermanentRedirectNamingTheBucketsRegion() {
        create("seoul-only-bucket");
        S3Exception e = s3Error(() -> usEast1.listObjectsV2(b -> b.bucket("seoul-only-bucket")));
        assertEquals(301, e.statusCode());
        assertEquals("PermanentRedirect", e.awsErrorDetails().errorCode());
        assertEquals("ap-northeast-2", e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(""));
        // GetBucketLocation answers from any region, and a cross-region client follows the redirect
        assertEquals("ap-northeast-2", usEast1.getBucketLocation(b -> b.bucket("seoul-only-bucket")).locationConstraintAsString());
        try (S3Client crossRegion = cloud.client(S3Client.builder()).forcePathStyle(true).region(Region.US_EAST_1)
                .crossRegionAccessEnabled(true).build()) {
            assertEquals(0, crossRegion.listObjectsV2(b -> b.bucket("seoul-only-bucket")).keyCount());
        }
    }
}
