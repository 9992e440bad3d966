///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:s3
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 1: create the lab's S3 bucket and turn off its four Block Public Access settings.

import dev.chatlab.labkit.AccountPublicAccessBlock;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Step 1 of the seed: "S3 버킷 만들기 — 모든 퍼블릭 액세스 차단 해제".
 * The bucket will hold the chat's web page; step 2 makes its objects public.
 */
public class CreateBucket implements LabStep {

    /** An object the check puts into the bucket to try to read it anonymously, and deletes again. */
    static final String PROBE_KEY = "chatlab-probe.txt";

    public static void main(String[] args) {
        StepRunner.main(new CreateBucket(), args);
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public Text title() {
        return Text.of("S3 bucket with public access unblocked", "S3 버킷 만들기와 퍼블릭 액세스 차단 해제");
    }

    @Override
    public void run(Lab lab) {
        S3Client s3 = lab.s3();
        String bucket = lab.names().siteBucket();
        if (bucketExists(s3, bucket)) {
            lab.say(Text.of("Bucket %s already exists: keeping it.", "버킷이 이미 있어 그대로 씁니다: %s"), bucket);
        } else {
            createBucket(s3, bucket, lab.region());
            lab.waitFor(Text.of("bucket " + bucket, "버킷 " + bucket), () -> s3.waiter()
                    .waitUntilBucketExists(b -> b.bucket(bucket)));
            lab.done(Text.of("Created bucket %s; S3 says it lives in %s", "버킷을 만들었습니다: %s (S3가 알려 준 리전: %s)"), bucket,
                    bucketRegion(s3, bucket));
        }
        unblockPublicAccess(s3, bucket);
        List<String> stillOn = AccountPublicAccessBlock.flagsOn(publicAccessBlock(s3, bucket));
        if (stillOn.isEmpty()) {
            lab.done(Text.of("Block Public Access of the bucket, read back: all four settings off",
                    "버킷의 퍼블릭 액세스 차단을 다시 읽어 보니 네 가지 설정이 모두 꺼져 있습니다"));
        } else {
            lab.console().failure(Text.of("Block Public Access of the bucket, read back: still on: %s",
                    "버킷의 퍼블릭 액세스 차단을 다시 읽어 보니 아직 켜져 있습니다: %s"), String.join(", ", stillOn));
        }
        tagBucket(s3, bucket, lab.names().tags());
        lab.say(Text.of("Objects are still private: unblocking allows a public policy, it grants nothing (step 2 "
                + "grants).",
                "객체는 아직 비공개입니다: 차단 해제는 공개 정책을 '허용'할 뿐, 아무것도 '부여'하지 않습니다 (부여는 2단계)."));
    }

    /** The region S3 says the bucket is in: GetBucketLocation answers an empty constraint for us-east-1. */
    static String bucketRegion(S3Client s3, String bucket) {
        String location = s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString();
        return location == null || location.isEmpty() ? "us-east-1" : location;
    }

    static boolean bucketExists(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e; // 403: the name is taken by someone else's bucket (names are global)
        }
    }

    static void createBucket(S3Client s3, String bucket, Region region) {
        // TODO(step1): Create the bucket in the lab's region. Outside us-east-1, S3's API wants a
        //   CreateBucketConfiguration whose LocationConstraint is that region (the AWS CLI and raw
        //   API calls fail without it; the Java SDK fills it in from the client's region, but say
        //   it yourself). Look up CreateBucketRequest and CreateBucketConfiguration in the SDK docs.
        // TODO-ko: 실습 리전에 버킷을 만드세요. us-east-1이 아닌 리전에서는 S3 API에 그 리전을 LocationConstraint로 담은
        //   CreateBucketConfiguration이 필요합니다(AWS CLI나 API를 직접 부르면 없을 때 실패하고, Java SDK는 클라이언트의 리전으로
        //   채워 주지만 직접 적으세요). SDK 문서에서 CreateBucketRequest와 CreateBucketConfiguration을 찾아보세요.
        // BEGIN SOLUTION
        if (region.equals(Region.US_EAST_1)) {
            s3.createBucket(b -> b.bucket(bucket));
        } else {
            s3.createBucket(b -> b.bucket(bucket)
                    .createBucketConfiguration(CreateBucketConfiguration.builder()
                            .locationConstraint(BucketLocationConstraint.fromValue(region.id()))
                            .build()));
        }
        // END SOLUTION
    }

    static void tagBucket(S3Client s3, String bucket, Map<String, String> tags) {
        List<Tag> tagSet = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tagSet)));
    }

    static void unblockPublicAccess(S3Client s3, String bucket) {
        // TODO(step1): Turn off all four Block Public Access settings of the bucket (the console's
        //   "Block all public access" checkbox). Look up PutPublicAccessBlockRequest and
        //   PublicAccessBlockConfiguration: which four flags are there?
        // TODO-ko: 버킷의 퍼블릭 액세스 차단 설정 네 가지를 모두 끄세요(콘솔의 "모든 퍼블릭 액세스 차단" 체크박스).
        //   PutPublicAccessBlockRequest와 PublicAccessBlockConfiguration을 찾아보세요: 플래그 네 개는 무엇인가요?
        // BEGIN SOLUTION
        s3.putPublicAccessBlock(b -> b.bucket(bucket)
                .publicAccessBlockConfiguration(PublicAccessBlockConfiguration.builder()
                        .blockPublicAcls(false)
                        .ignorePublicAcls(false)
                        .blockPublicPolicy(false)
                        .restrictPublicBuckets(false)
                        .build()));
        // END SOLUTION
    }

    @Override
    public void check(Lab lab, Checks checks) {
        S3Client s3 = lab.s3();
        String bucket = lab.names().siteBucket();
        if (checks.check(Texts.EXISTS.with(bucket),
                () -> Outcome.when(bucketExists(s3, bucket), Texts.RUN_STEP_1)).failed()) {
            return;
        }
        checks.check(Texts.IN_REGION.with(lab.region()), () -> inRegion(s3, bucket, lab.region()));
        checks.check(Texts.BUCKET_UNBLOCKED,
                () -> allFourOff(publicAccessBlock(s3, bucket), Texts.BUCKET_READ_BACK, Texts.BUCKET_SETTINGS));
        accountLevelCheck(lab, checks);
        checks.check(Texts.TAGGED, () -> Outcome.when(tagged(s3, bucket, lab.names().tags()), Texts.TAG_AGAIN));
        checks.check(Texts.NOT_PUBLIC_YET, () -> notReadableAnonymously(lab, s3, bucket));
    }

    /**
     * The account's own Block Public Access wins over the bucket's: with it on, step 2's policy
     * is refused whatever the bucket says. A student may not be allowed to read it (a class
     * account): then the line is skipped with the reason, since the student cannot fix it either.
     */
    static void accountLevelCheck(Lab lab, Checks checks) {
        Optional<PublicAccessBlockConfiguration> account;
        try {
            account = AccountPublicAccessBlock.read(lab);
        } catch (IOException e) {
            checks.skip(Texts.ACCOUNT_UNBLOCKED, Texts.accountUnreadable(e.getMessage()));
            return;
        }
        checks.check(Texts.ACCOUNT_UNBLOCKED,
                () -> allFourOff(account.orElse(null), Texts.ACCOUNT_READ_BACK, Texts.ACCOUNT_SETTINGS));
    }

    static Outcome inRegion(S3Client s3, String bucket, Region labRegion) {
        String region = bucketRegion(s3, bucket);
        return Outcome.when(region.equals(labRegion.id()), Texts.cannotMove(region, labRegion));
    }

    /** Passes when none of the four settings is on; else names each one on and {@code where} to turn it off. */
    static Outcome allFourOff(PublicAccessBlockConfiguration settings, Text readBack, Text where) {
        List<String> on = AccountPublicAccessBlock.flagsOn(settings);
        return on.isEmpty() ? Outcome.pass(readBack) : Outcome.fail(stillOn(on, where));
    }

    static boolean tagged(S3Client s3, String bucket, Map<String, String> labTags) {
        return tags(s3, bucket).stream().anyMatch(t -> labTags.getOrDefault(t.key(), "").equals(t.value()));
    }

    /**
     * Puts a probe object, reads it without credentials and deletes it again: before step 2 that
     * read must be refused (403). A bucket with a policy is past step 2, where this no longer holds.
     */
    static Outcome notReadableAnonymously(Lab lab, S3Client s3, String bucket) {
        if (hasBucketPolicy(s3, bucket)) {
            return Outcome.skip(Texts.STEP_2_DONE);
        }
        s3.putObject(b -> b.bucket(bucket).key(PROBE_KEY).contentType("text/plain"), RequestBody.fromString("probe"));
        int status;
        try {
            status = lab.web().get(lab.objectUrl(bucket, PROBE_KEY)).statusCode();
        } finally {
            s3.deleteObject(b -> b.bucket(bucket).key(PROBE_KEY));
        }
        return status == 403 ? Outcome.pass(Texts.ANONYMOUS_REFUSED) : Outcome.fail(Texts.anonymousAnswered(status));
    }

    /**
     * The hint for settings still on: each one named with what it would break in step 2, then where
     * to turn it off.
     */
    static Text stillOn(List<String> on, Text where) {
        StringBuilder en = new StringBuilder("Still on: ");
        StringBuilder ko = new StringBuilder("아직 켜져 있음: ");
        for (String flag : on) {
            Text effect = Texts.effectOf(flag);
            en.append(flag).append(" (").append(effect.en()).append("); ");
            ko.append(flag).append(" (").append(effect.ko()).append("); ");
        }
        return Text.of(en + "turn off: " + where.en() + ".", ko + "끄는 곳: " + where.ko() + ".");
    }

    /** The bucket's tags; a bucket that never had any answers NoSuchTagSet, which means none. */
    static List<Tag> tags(S3Client s3, String bucket) {
        try {
            return s3.getBucketTagging(b -> b.bucket(bucket)).tagSet();
        } catch (S3Exception e) {
            if ("NoSuchTagSet".equals(e.awsErrorDetails().errorCode())) {
                return List.of();
            }
            throw e;
        }
    }

    static PublicAccessBlockConfiguration publicAccessBlock(S3Client s3, String bucket) {
        try {
            return s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        } catch (S3Exception e) {
            if ("NoSuchPublicAccessBlockConfiguration".equals(e.awsErrorDetails().errorCode())) {
                return null; // no configuration at all: nothing is blocked
            }
            throw e;
        }
    }

    static boolean hasBucketPolicy(S3Client s3, String bucket) {
        try {
            s3.getBucketPolicy(b -> b.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            if ("NoSuchBucketPolicy".equals(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }

    /** What the checks say, in English and Korean: each check's name, then what it answers. */
    static final class Texts {

        static final Text EXISTS = Text.of("bucket %s exists", "버킷이 있음: %s");
        static final Text IN_REGION = Text.of("bucket is in %s", "버킷이 %s 리전에 있음");
        static final Text BUCKET_UNBLOCKED = Text.of("Block Public Access of the bucket: all four settings off",
                "버킷의 퍼블릭 액세스 차단: 네 가지 설정이 모두 꺼짐");
        static final Text ACCOUNT_UNBLOCKED = Text.of("Block Public Access of the account: all four settings off",
                "계정의 퍼블릭 액세스 차단: 네 가지 설정이 모두 꺼짐");
        static final Text TAGGED = Text.of("bucket carries the lab's tag", "버킷에 실습 태그가 있음");
        static final Text NOT_PUBLIC_YET = Text.of("objects are NOT readable anonymously yet",
                "객체는 아직 익명으로 읽을 수 없음");

        static final Text RUN_STEP_1 = Text.of(
                "Run ./lab step 1, or create the bucket in the console (S3 → Create bucket).",
                "./lab step 1을 실행하거나 콘솔에서 버킷을 만드세요 (S3 → 버킷 만들기).");
        static final Text BUCKET_READ_BACK = Text.of("GetPublicAccessBlock: all four false",
                "GetPublicAccessBlock: 네 가지 모두 false");
        static final Text BUCKET_SETTINGS = Text.of(
                "bucket → Permissions → Block public access (bucket settings) → Edit → untick all four",
                "버킷 → 권한 → 퍼블릭 액세스 차단(버킷 설정) → 편집 → 네 가지 모두 해제");
        static final Text ACCOUNT_READ_BACK = Text.of("S3 Control GetPublicAccessBlock: none on",
                "S3 Control GetPublicAccessBlock: 켜진 설정 없음");
        static final Text ACCOUNT_SETTINGS = Text.of(
                "S3 → Block Public Access settings for this account → Edit → untick all four (an organization's"
                        + " policy may forbid it: then ask the account's owner, or use another account)",
                "S3 → 이 계정에 대한 퍼블릭 액세스 차단 설정 → 편집 → 네 가지 모두 해제"
                        + " (조직 정책이 막고 있다면 계정 소유자에게 요청하거나 다른 계정을 쓰세요)");
        static final Text TAG_AGAIN = Text.of(
                "Run ./lab step 1 again: it tags the bucket so that ./lab teardown finds it.",
                "./lab step 1을 다시 실행하세요: ./lab teardown이 찾을 수 있도록 태그를 붙입니다.");
        static final Text STEP_2_DONE = Text.of(
                "the bucket already has a policy (step 2 done): this holds before step 2",
                "버킷에 이미 정책이 있습니다 (2단계 완료): 2단계 이전에 확인하는 항목입니다");
        static final Text ANONYMOUS_REFUSED = Text.of("anonymous GET answered 403", "익명 GET이 403으로 거절됨");

        private Texts() {
        }

        static Text cannotMove(String region, Region labRegion) {
            return Text.of("The bucket is in %s. A bucket cannot move: delete it and create it again in %s.",
                    "버킷이 %s 리전에 있습니다. 버킷은 옮길 수 없으니 지우고 %s 리전에 다시 만드세요.").with(region, labRegion);
        }

        static Text accountUnreadable(String why) {
            return Text.of("cannot read the account's settings (%s): ask the account's owner whether they are off",
                    "계정 설정을 읽을 수 없습니다 (%s): 계정 소유자에게 꺼져 있는지 물어보세요").with(why);
        }

        static Text anonymousAnswered(int status) {
            return Text.of("Anonymous GET answered %d instead of 403: something grants public read.",
                    "익명 GET의 응답이 403이 아니라 %d입니다: 무언가가 공개 읽기를 허용하고 있습니다.").with(status);
        }

        /** What a setting still on does to step 2. */
        static Text effectOf(String flag) {
            return switch (flag) {
                case "BlockPublicPolicy" -> Text.of("step 2's public bucket policy is refused with AccessDenied",
                        "2단계의 공개 버킷 정책이 AccessDenied로 거절됨");
                case "RestrictPublicBuckets" -> Text.of(
                        "a public policy is accepted but anonymous visitors still get 403",
                        "공개 정책은 받아들여지지만 익명 방문자는 여전히 403을 받음");
                case "BlockPublicAcls" -> Text.of("public ACLs are refused", "공개 ACL이 거절됨");
                default -> Text.of("public ACLs are ignored", "공개 ACL이 무시됨");
            };
        }
    }
}
