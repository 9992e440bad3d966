package dev.chatlab.cli.mistakes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.labkit.AccountPublicAccessBlock;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/** Step 1's mistakes, made as a console user makes them: a Block Public Access setting left on. */
class Step1MistakesTest {

    private final MistakeLab mistakes = MistakeLab.shared();
    private final S3Client s3 = mistakes.lab().s3();
    private final String bucket = mistakes.lab().names().siteBucket();

    @ParameterizedTest
    @ValueSource(strings = {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"})
    void oneBucketSettingLeftOn_failsTheBucketCheck_namingTheFlag(String flag) {
        try {
            s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(PublicAccessBlockConfiguration.builder()
                    .blockPublicAcls(flag.equals("BlockPublicAcls"))
                    .ignorePublicAcls(flag.equals("IgnorePublicAcls"))
                    .blockPublicPolicy(flag.equals("BlockPublicPolicy"))
                    .restrictPublicBuckets(flag.equals("RestrictPublicBuckets"))
                    .build()));
            mistakes.assertFailsFirstOn(1, "Block Public Access of the bucket", "Still on: " + flag);
        } finally {
            allOff();
        }
        mistakes.assertPasses(1);
    }

    @Test
    void blockPublicPolicyOn_hintSaysWhatItBreaksInStep2() {
        try {
            s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)
                    .blockPublicAcls(false).ignorePublicAcls(false).restrictPublicBuckets(false)));
            mistakes.assertFailsFirstOn(1, "Block Public Access of the bucket", "refused with AccessDenied");
        } finally {
            allOff();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"BlockPublicPolicy", "RestrictPublicBuckets"})
    void accountSettingOn_failsTheAccountCheck_namingTheFlag(String flag) throws IOException {
        try {
            AccountPublicAccessBlock.write(mistakes.lab(), PublicAccessBlockConfiguration.builder()
                    .blockPublicAcls(false).ignorePublicAcls(false)
                    .blockPublicPolicy(flag.equals("BlockPublicPolicy")).restrictPublicBuckets(flag.equals("RestrictPublicBuckets")).build());
            mistakes.assertFailsFirstOn(1, "Block Public Access of the account", "Still on: " + flag);
        } finally {
            AccountPublicAccessBlock.write(mistakes.lab(), null);
        }
        mistakes.assertPasses(1);
    }

    @Test
    void wronglyCompletedExercise_runPrintsTheFlagItLeftOn_readBackFromTheCloud() {
        try {
            String printed = mistakes.run(1, source -> source.replace(".blockPublicPolicy(false)", ".blockPublicPolicy(true)"));
            assertTrue(printed.contains("Block Public Access of the bucket, read back: still on: BlockPublicPolicy"), printed);
            assertTrue(!printed.contains("all four settings off"), printed);
        } finally {
            allOff();
        }
        mistakes.assertPasses(1);
    }

    private void allOff() {
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(false)
                .ignorePublicAcls(false).blockPublicPolicy(false).restrictPublicBuckets(false)));
    }
}
