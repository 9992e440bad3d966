package dev.chatlab.localcloud.services.s3;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.policy.PolicyDocument;
import dev.chatlab.localcloud.protocol.AccountAndRegion;
import dev.chatlab.localcloud.services.s3.access.BucketPolicyValidator;
import dev.chatlab.localcloud.services.s3.access.CannedAcl;
import dev.chatlab.localcloud.services.s3.access.PublicPolicyAnalyzer;
import dev.chatlab.localcloud.services.s3.model.Bucket;
import dev.chatlab.localcloud.services.s3.model.ObjectListing;
import dev.chatlab.localcloud.services.s3.model.ObjectMetadata;
import dev.chatlab.localcloud.services.s3.model.PublicAccessBlock;
import dev.chatlab.localcloud.services.s3.model.S3Errors;
import dev.chatlab.localcloud.services.s3.model.StoredObject;
import dev.chatlab.localcloud.services.s3.model.WebsiteConfiguration;
import dev.chatlab.localcloud.storage.Documents;
import dev.chatlab.localcloud.storage.Storage;
import dev.chatlab.localcloud.storage.StoredMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * S3's logic: buckets, their configuration, objects. It never sees HTTP; every refusal is an
 * {@link AwsException} with S3's code. State lives in {@link Storage} maps: "s3.buckets"
 * (name to Bucket JSON), "s3.objects" ("bucket/key" to ObjectMetadata JSON), "s3.object-data"
 * ("bucket/key" to the bytes), "s3.object-files" ("bucket/key" to the file of a body kept on
 * disk, {@link ObjectBodies}), "s3.uploads", "s3.upload-part-files" and "s3.upload-parts" for multipart uploads
 * ({@link MultipartUploads}).
 * Writes are serialised by one lock: S3 traffic in a lab is light, and check-then-write
 * sequences (BucketNotEmpty, BucketAlreadyOwnedByYou) must not interleave.
 */
public final class S3Service {

    public static final int MAX_KEY_BYTES = 1024;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");
    private static final Set<String> OWNERSHIPS = Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter");
    private static final String INCOMPATIBLE = " location constraint is incompatible for the region specific endpoint this request was sent to.";

    private final Storage storage;
    private final Clock clock;
    private final Documents<Bucket> buckets;
    private final Documents<ObjectMetadata> objects;
    private final StoredMap<String, byte[]> data;
    /** "bucket/key" to the name of its body's file ({@link ObjectBodies}), for an object whose body is in a file. */
    private final StoredMap<String, String> files;
    /** Null for a cloud in memory: every body is in the store then. */
    private final ObjectBodies bodies;
    private final MultipartUploads multipart;
    /** The account's own settings (S3 Control): one account, so one entry, under {@link #ACCOUNT_BLOCK}. */
    private final Documents<PublicAccessBlock> account;
    private final Object writeLock = new Object();

    public S3Service(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
        this.buckets = storage.documents("s3.buckets", Bucket.class);
        this.objects = storage.documents("s3.objects", ObjectMetadata.class);
        this.data = storage.map("s3.object-data");
        this.files = storage.map("s3.object-files");
        this.bodies = ObjectBodies.in(storage).orElse(null);
        this.multipart = new MultipartUploads(this, storage, clock, bodies);
        if (bodies != null) {
            Set<String> recorded = new HashSet<>(files.values());
            recorded.addAll(multipart.partFiles());
            bodies.sweepUnrecorded(recorded);
        }
        this.account = storage.documents("s3.account", PublicAccessBlock.class);
    }

    // ---------------------------------------------------------------- buckets

    /**
     * CreateBucket. {@code endpointRegion} is the region the request was signed for (the endpoint
     * it was "sent to"); {@code locationConstraint} is null when the request had no
     * CreateBucketConfiguration (or an empty one).
     */
    public Bucket createBucket(String name, String endpointRegion, String locationConstraint,
                               String cannedAcl, boolean explicitGrants, String objectOwnership) {
        BucketNames.check(name);
        if (objectOwnership != null && !OWNERSHIPS.contains(objectOwnership)) {
            throw S3Errors.invalidArgument("Invalid x-amz-object-ownership header: " + objectOwnership, "x-amz-object-ownership", objectOwnership);
        }
        CannedAcl.checkForNewBucket(cannedAcl, objectOwnership, explicitGrants);
        String region = bucketRegion(endpointRegion, locationConstraint);
        synchronized (writeLock) {
            Optional<Bucket> existing = findBucket(name);
            if (existing.isPresent()) {
                if (endpointRegion.equals("us-east-1") && existing.get().region().equals("us-east-1")) {
                    return existing.get(); // us-east-1's legacy behaviour: 200 OK for your own bucket
                }
                throw new AwsException("BucketAlreadyOwnedByYou", 409,
                        "Your previous request to create the named bucket succeeded and you already own it.").withDetail("BucketName", name);
            }
            Bucket bucket = new Bucket(name, region, clock.millis(), Map.of(), PublicAccessBlock.ALL, null, null,
                    objectOwnership == null ? Bucket.BUCKET_OWNER_ENFORCED : objectOwnership,
                    cannedAcl == null ? "private" : cannedAcl);
            save(bucket);
            return bucket;
        }
    }

    private static String bucketRegion(String endpointRegion, String constraint) {
        if (endpointRegion.equals("us-east-1")) {
            if (constraint == null) {
                return "us-east-1";
            }
            if (constraint.equals("EU")) {
                return "eu-west-1";
            }
            if (constraint.equals("us-east-1") || !REGION.matcher(constraint).matches()) {
                throw new AwsException("InvalidLocationConstraint", 400, "The specified location-constraint is not valid")
                        .withDetail("LocationConstraint", constraint);
            }
            return constraint;
        }
        if (constraint == null) {
            throw new AwsException("IllegalLocationConstraintException", 400, "The unspecified" + INCOMPATIBLE);
        }
        if (!REGION.matcher(constraint).matches() && !constraint.equals("EU")) {
            throw new AwsException("InvalidLocationConstraint", 400, "The specified location-constraint is not valid")
                    .withDetail("LocationConstraint", constraint);
        }
        if (!constraint.equals(endpointRegion)) {
            throw new AwsException("IllegalLocationConstraintException", 400, "The " + constraint + INCOMPATIBLE);
        }
        return constraint;
    }

    public Optional<Bucket> findBucket(String name) {
        return name == null ? Optional.empty() : buckets.get(name);
    }

    public Bucket bucket(String name) {
        return findBucket(name).orElseThrow(() -> S3Errors.noSuchBucket(name));
    }

    public List<Bucket> listBuckets() {
        return buckets.values().toList();
    }

    public void deleteBucket(String name) {
        List<String> dropped;
        synchronized (writeLock) {
            bucket(name);
            if (objects.keysStartingWith(name + "/").findFirst().isPresent()) {
                throw new AwsException("BucketNotEmpty", 409, "The bucket you tried to delete is not empty").withDetail("BucketName", name);
            }
            dropped = storage.atomically(() -> {
                buckets.remove(name);
                return multipart.removeAllOf(name);
            });
        }
        discardWhenDurable(dropped);
    }

    private void save(Bucket bucket) {
        buckets.put(bucket.name(), bucket);
    }

    private void update(String name, UnaryOperator<Bucket> change) {
        synchronized (writeLock) {
            save(change.apply(bucket(name)));
        }
    }

    /** {@code fromCloudFormation}: the aws:cloudformation:* tags CloudFormation puts on its stacks' buckets are allowed. */
    public void putBucketTagging(String name, Map<String, String> tags, boolean fromCloudFormation) {
        bucket(name);
        Tags.checkBucketTags(tags, fromCloudFormation);
        update(name, bucket -> bucket.withTags(tags));
    }

    public Map<String, String> bucketTagging(String name) {
        Bucket bucket = bucket(name);
        if (bucket.tags().isEmpty()) {
            throw new AwsException("NoSuchTagSet", 404, "The TagSet does not exist").withDetail("BucketName", name);
        }
        return bucket.tags();
    }

    public void deleteBucketTagging(String name) {
        update(name, bucket -> bucket.withTags(Map.of()));
    }

    public void putPublicAccessBlock(String name, PublicAccessBlock block) {
        update(name, bucket -> bucket.withPublicAccessBlock(block));
    }

    public PublicAccessBlock publicAccessBlock(String name) {
        Bucket bucket = bucket(name);
        if (bucket.publicAccessBlock() == null) {
            throw new AwsException("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found")
                    .withDetail("BucketName", name);
        }
        return bucket.publicAccessBlock();
    }

    public void deletePublicAccessBlock(String name) {
        update(name, bucket -> bucket.withPublicAccessBlock(null));
    }

    // ---------------------------------------------------------------- the account's Block Public Access (S3 Control)

    private static final String ACCOUNT_BLOCK = "publicAccessBlock";

    /** S3 Control's GetPublicAccessBlock: NoSuchPublicAccessBlockConfiguration while the account has none (AWS's default). */
    public PublicAccessBlock accountPublicAccessBlock() {
        return account.get(ACCOUNT_BLOCK).orElseThrow(() ->
                new AwsException("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found")
                        .withDetail("AccountId", AccountAndRegion.ACCOUNT_ID));
    }

    public void putAccountPublicAccessBlock(PublicAccessBlock block) {
        account.put(ACCOUNT_BLOCK, block);
    }

    public void deleteAccountPublicAccessBlock() {
        account.remove(ACCOUNT_BLOCK);
    }

    /** What is in force for a bucket: its own settings, and the account's, which win where they are on. */
    public PublicAccessBlock blockInForce(Bucket bucket) {
        return bucket.effectivePublicAccessBlock().or(account.get(ACCOUNT_BLOCK).orElse(PublicAccessBlock.NONE));
    }

    /** PutBucketPolicy: S3's validation, then BlockPublicPolicy's refusal of a public policy. */
    public void putBucketPolicy(String name, String policyJson) {
        Bucket bucket = bucket(name);
        PolicyDocument policy = BucketPolicyValidator.validate(name, policyJson);
        if (blockInForce(bucket).blockPublicPolicy() && PublicPolicyAnalyzer.isPublic(policy)) {
            throw S3Errors.accessDenied();
        }
        update(name, current -> current.withPolicy(policyJson));
    }

    public String bucketPolicy(String name) {
        Bucket bucket = bucket(name);
        if (bucket.policy() == null) {
            throw new AwsException("NoSuchBucketPolicy", 404, "The bucket policy does not exist").withDetail("BucketName", name);
        }
        return bucket.policy();
    }

    public void deleteBucketPolicy(String name) {
        update(name, bucket -> bucket.withPolicy(null));
    }

    /** GetBucketPolicyStatus: whether the policy is public in the sense of Block Public Access. */
    public boolean bucketPolicyIsPublic(String name) {
        String policy = bucketPolicy(name);
        return PublicPolicyAnalyzer.isPublic(BucketPolicyValidator.validate(name, policy));
    }

    public void putBucketWebsite(String name, WebsiteConfiguration website) {
        update(name, bucket -> bucket.withWebsite(website));
    }

    public WebsiteConfiguration bucketWebsite(String name) {
        Bucket bucket = bucket(name);
        if (bucket.website() == null) {
            throw new AwsException("NoSuchWebsiteConfiguration", 404, "The specified bucket does not have a website configuration")
                    .withDetail("BucketName", name);
        }
        return bucket.website();
    }

    public void deleteBucketWebsite(String name) {
        update(name, bucket -> bucket.withWebsite(null));
    }

    public void putOwnershipControls(String name, String ownership) {
        if (ownership == null || !OWNERSHIPS.contains(ownership)) {
            throw S3Errors.malformedXml();
        }
        update(name, bucket -> bucket.withObjectOwnership(ownership));
    }

    public String ownershipControls(String name) {
        Bucket bucket = bucket(name);
        if (bucket.objectOwnership() == null) {
            throw new AwsException("OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found")
                    .withDetail("BucketName", name);
        }
        return bucket.objectOwnership();
    }

    public void deleteOwnershipControls(String name) {
        update(name, bucket -> bucket.withObjectOwnership(null));
    }

    public void putBucketAcl(String name, String cannedAcl, boolean explicitGrants) {
        Bucket bucket = bucket(name);
        CannedAcl.checkForObject(bucket, blockInForce(bucket), cannedAcl == null && !explicitGrants ? "private" : cannedAcl, explicitGrants);
        update(name, current -> current.withCannedAcl(cannedAcl == null ? "private" : cannedAcl));
    }

    // ---------------------------------------------------------------- objects

    static void checkKey(String key) {
        if (key.isEmpty()) {
            throw S3Errors.invalidArgument("Key cannot be empty", null, null);
        }
        int size = key.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_KEY_BYTES) {
            throw new AwsException("KeyTooLongError", 400, "Your key is too long")
                    .withDetail("MaxSizeAllowed", String.valueOf(MAX_KEY_BYTES)).withDetail("Size", String.valueOf(size));
        }
    }

    /**
     * PutObject. With {@code onlyIfAbsent} (the request's {@code If-None-Match: *}, S3's conditional
     * write) an existing key is 412 PreconditionFailed and nothing is written.
     */
    public ObjectMetadata putObject(String bucketName, String key, byte[] body, ObjectWrite write, boolean onlyIfAbsent) {
        Bucket bucket = bucket(bucketName);
        checkKey(key);
        CannedAcl.checkForObject(bucket, blockInForce(bucket), write.cannedAcl(), write.explicitGrants());
        verify(write, body);
        ObjectMetadata metadata = metadata(key, body.length, Checksums.md5Hex(body), write, null);
        record(bucketName, key, metadata, body, null, () -> refuseIfPresent(bucketName, key, onlyIfAbsent), List::of);
        return metadata;
    }

    /**
     * PutObject of a body in a file (streamed to disk by the HTTP layer, aws-chunked framing taken
     * off): checked against its Content-MD5 and checksum, synced and kept as a file of the state
     * directory before its metadata records it; {@code body} is moved away (or left to its caller
     * to delete when refused). A cloud in memory reads it into the store instead.
     */
    public ObjectMetadata putObject(String bucketName, String key, Path body, long size, ObjectWrite write, boolean onlyIfAbsent) {
        if (size > MAX_SINGLE_PUT_BYTES) {
            throw entityTooLarge();
        }
        if (bodies == null) {
            try {
                return putObject(bucketName, key, Files.readAllBytes(body), write, onlyIfAbsent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the request body " + body, e);
            }
        }
        Bucket bucket = bucket(bucketName);
        checkKey(key);
        CannedAcl.checkForObject(bucket, blockInForce(bucket), write.cannedAcl(), write.explicitGrants());
        ObjectMetadata metadata = metadata(key, size, verify(write, body).md5Hex(), write, null);
        record(bucketName, key, metadata, null, bodies.keep(body), () -> refuseIfPresent(bucketName, key, onlyIfAbsent), List::of);
        return metadata;
    }

    /**
     * Records {@code metadata} for {@code key} with its body, {@code bytes} in the store or the kept
     * file {@code file} (one of them null), in place of what the key held. Under the write lock,
     * {@code check} may refuse first; {@code alongside} is a change of the same atomic change and
     * answers files it dropped, which go with the key's replaced body once all is durable. A kept
     * file goes if the change fails.
     */
    void record(String bucketName, String key, ObjectMetadata metadata, byte[] bytes, String file, Runnable check,
                Supplier<List<String>> alongside) {
        List<String> dropped = new ArrayList<>();
        try {
            synchronized (writeLock) {
                bucket(bucketName); // it may have been deleted meanwhile
                check.run();
                storage.atomically(() -> {
                    dropped.addAll(alongside.get());
                    objects.put(storageKey(bucketName, key), metadata);
                    String previous = file == null ? files.remove(storageKey(bucketName, key)) : files.put(storageKey(bucketName, key), file);
                    if (bytes == null) {
                        data.remove(storageKey(bucketName, key));
                    } else {
                        data.put(storageKey(bucketName, key), bytes);
                    }
                    if (previous != null) {
                        dropped.add(previous);
                    }
                });
            }
        } catch (RuntimeException e) {
            if (file != null) {
                bodies.discard(file);
            }
            throw e;
        }
        discardWhenDurable(dropped);
    }

    /** Runs {@code change} under the lock that serialises S3's writes (the check-then-write sequences). */
    <T> T underWriteLock(Supplier<T> change) {
        synchronized (writeLock) {
            return change.get();
        }
    }

    /** S3's largest single PUT: 5 GB; above it, a multipart upload. */
    public static final long MAX_SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;

    public static AwsException entityTooLarge() {
        return new AwsException("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size");
    }

    /** Where the HTTP layer writes a PutObject's body as it arrives; empty for a cloud in memory. */
    public Optional<Path> incomingBodies() {
        return Optional.ofNullable(bodies).map(ObjectBodies::incoming);
    }

    /** A new file for a body decoded from a spooled one; only for a cloud with a state directory. */
    Path newIncomingFile() {
        return bodies.newIncomingFile();
    }

    /** Deletes the files of bodies that a change dropped, once that change is on disk (a crash before keeps them recorded). */
    void discardWhenDurable(List<String> names) {
        if (!names.isEmpty() && bodies != null) {
            storage.awaitDurable();
            names.forEach(bodies::discard);
        }
    }

    /** S3's conditional write: with {@code If-None-Match: *}, an existing key is 412 PreconditionFailed. */
    private void refuseIfPresent(String bucketName, String key, boolean onlyIfAbsent) {
        if (onlyIfAbsent && objects.contains(storageKey(bucketName, key))) {
            throw new AwsException("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold")
                    .withDetail("Condition", "If-None-Match");
        }
    }

    /** {@link #verify(ObjectWrite, byte[])} for a body in a file, read once as a stream; answers its sums. */
    static Checksums.FileSums verify(ObjectWrite write, Path body) {
        Checksums.FileSums sums = Checksums.sumsOf(body, write.checksumAlgorithm());
        if (write.contentMd5() != null) {
            Checksums.verifyContentMd5Digest(write.contentMd5(), sums.md5());
        }
        if (write.checksumAlgorithm() != null && write.checksumValue() != null) {
            Checksums.verifyComputed(write.checksumAlgorithm(), write.checksumValue(), sums.checksum());
        }
        return sums;
    }

    static void verify(ObjectWrite write, byte[] body) {
        if (write.contentMd5() != null) {
            Checksums.verifyContentMd5(write.contentMd5(), body);
        }
        if (write.checksumAlgorithm() != null && write.checksumValue() != null) {
            Checksums.verify(write.checksumAlgorithm(), write.checksumValue(), body);
        }
    }

    ObjectMetadata metadata(String key, long size, String etag, ObjectWrite write, Integer partsCount) {
        return new ObjectMetadata(key, size, etag, clock.millis(), write.headers(), write.userMetadata(),
                write.checksumAlgorithm(), write.checksumValue(), write.websiteRedirectLocation(), write.storageClass(),
                write.tags(), CannedAcl.isPublic(write.cannedAcl()), partsCount);
    }

    public Optional<ObjectMetadata> findObjectMetadata(String bucket, String key) {
        return objects.get(storageKey(bucket, key));
    }

    public ObjectMetadata headObject(String bucket, String key) {
        bucket(bucket);
        return findObjectMetadata(bucket, key).orElseThrow(() -> S3Errors.noSuchKey(key));
    }

    public Optional<StoredObject> findObject(String bucket, String key) {
        String storageKey = storageKey(bucket, key);
        return storage.atomically(() -> {
            Optional<ObjectMetadata> metadata = findObjectMetadata(bucket, key);
            String file = files.get(storageKey);
            if (metadata.isPresent() && file != null && bodies != null) {
                return Optional.of(new StoredObject(metadata.get(), null, bodies.file(file)));
            }
            byte[] bytes = data.get(storageKey);
            return metadata.isPresent() && bytes != null ? Optional.of(new StoredObject(metadata.get(), bytes)) : Optional.empty();
        });
    }

    public StoredObject getObject(String bucket, String key) {
        bucket(bucket);
        return findObject(bucket, key).orElseThrow(() -> S3Errors.noSuchKey(key));
    }

    /**
     * CopyObject. {@code replacement} is null for the COPY metadata directive (the source's
     * metadata is kept); copying an object onto itself needs REPLACE, as on S3.
     */
    public ObjectMetadata copyObject(String sourceBucket, String sourceKey, String targetBucket, String targetKey,
                                     ObjectWrite replacement, String cannedAcl) {
        Bucket target = bucket(targetBucket);
        checkKey(targetKey);
        bucket(sourceBucket);
        StoredObject source = findObject(sourceBucket, sourceKey).orElseThrow(() -> S3Errors.noSuchKey(sourceKey));
        if (replacement == null && sourceBucket.equals(targetBucket) && sourceKey.equals(targetKey)) {
            throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing "
                    + "the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        CannedAcl.checkForObject(target, blockInForce(target), cannedAcl, false);
        ObjectMetadata copied = replacement == null
                ? source.metadata().withKey(targetKey, clock.millis())
                : metadata(targetKey, source.metadata().size(), source.metadata().etag(), replacement, source.metadata().partsCount());
        if (bodies != null) {
            // on disk like a PutObject's body: copied beside the spools, synced and kept before the metadata names it
            record(targetBucket, targetKey, copied, null, bodies.keep(bodies.copyToIncoming(source, ByteRange.whole(source.metadata().size()))), () -> { }, List::of);
        } else {
            record(targetBucket, targetKey, copied, source.body(), null, () -> { }, List::of);
        }
        return copied;
    }

    /** Stores changed metadata (tags, ACL) of an existing object; its bytes stay as they are. */
    public void replaceMetadata(String bucket, ObjectMetadata metadata) {
        synchronized (writeLock) {
            headObject(bucket, metadata.key());
            objects.put(storageKey(bucket, metadata.key()), metadata);
        }
    }

    public void deleteObject(String bucket, String key) {
        bucket(bucket);
        String previous;
        synchronized (writeLock) {
            previous = storage.atomically(() -> {
                objects.remove(storageKey(bucket, key));
                data.remove(storageKey(bucket, key));
                return files.remove(storageKey(bucket, key));
            });
        }
        discardWhenDurable(previous == null ? List.of() : List.of(previous));
    }

    /**
     * Lists keys in S3's order. {@code after} is exclusive (a key, or a common prefix already
     * returned); with a delimiter, keys that share the part up to the delimiter after the prefix
     * roll up into one common prefix, which counts as one entry against {@code maxKeys}.
     * Keys come in Java's String order (UTF-16 code units); S3 orders by UTF-8 bytes, which
     * differs only for characters outside the Basic Multilingual Plane.
     */
    public ObjectListing listObjects(String bucket, String prefix, String delimiter, String after, int maxKeys) {
        bucket(bucket);
        if (maxKeys == 0) {
            return new ObjectListing(List.of(), List.of(), false, null);
        }
        String base = bucket + "/";
        String from = base + (after != null && after.compareTo(prefix) > 0 ? after : prefix);
        List<ObjectMetadata> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        Iterator<String> keys = objects.keys(from).iterator();
        while (keys.hasNext()) {
            String storageKey = keys.next();
            if (!storageKey.startsWith(base + prefix)) {
                break;
            }
            String key = storageKey.substring(base.length());
            if (after != null && key.compareTo(after) <= 0) {
                continue;
            }
            String entry = key;
            boolean rolledUp = false;
            if (delimiter != null && !delimiter.isEmpty()) {
                int at = key.indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    entry = key.substring(0, at + delimiter.length());
                    rolledUp = true;
                    if (entry.equals(last) || (after != null && entry.compareTo(after) <= 0)) {
                        continue;
                    }
                }
            }
            if (contents.size() + prefixes.size() >= maxKeys) {
                return new ObjectListing(contents, prefixes, true, last);
            }
            if (rolledUp) {
                prefixes.add(entry);
            } else {
                findObjectMetadata(bucket, key).ifPresent(contents::add);
            }
            last = entry;
        }
        return new ObjectListing(contents, prefixes, false, null);
    }

    /** Multipart uploads: CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload and their listings. */
    public MultipartUploads multipart() {
        return multipart;
    }

    private static String storageKey(String bucket, String key) {
        return bucket + "/" + key;
    }
}
