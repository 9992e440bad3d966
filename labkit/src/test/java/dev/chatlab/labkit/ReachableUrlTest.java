package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CloudFormation output as AWS forms it (step 9's WebsiteURL and RestURL), turned into the
 * address that reaches the same bucket or API on the lab's target.
 */
class ReachableUrlTest {

    @TempDir
    Path state;

    private Lab lab(String target) {
        LabOptions options = new LabOptions();
        options.lang = "en";
        options.prefix = "reach-test";
        options.target = target;
        options.endpoint = "http://localhost:4900";
        return new Lab(LabSettings.resolve(options, state, state.resolve(".lab")), new Console(new PrintStream(System.out), false, Lang.EN));
    }

    @Test
    void websiteUrlOfAStackOutput_isLocalcloudsWebsiteOfThatBucket() {
        try (Lab lab = lab("local")) {
            assertEquals("http://reach-test-serverless-websitebucket-abc.s3-website.ap-northeast-2.localhost:4900/",
                    lab.reachableUrl("http://reach-test-serverless-websitebucket-abc.s3-website.ap-northeast-2.amazonaws.com").toString());
            assertEquals("http://serverless.reach-test.chatlab.test.s3-website.ap-northeast-2.localhost:4900/",
                    lab.reachableUrl("http://serverless.reach-test.chatlab.test.s3-website.ap-northeast-2.amazonaws.com").toString(),
                    "a bucket named like a domain keeps its dots");
        }
    }

    @Test
    void restUrlOfAStackOutput_isLocalcloudsStageUrlOfThatApi() {
        try (Lab lab = lab("local")) {
            assertEquals("http://localhost:4900/_aws/execute-api/y1ao3014ku/Prod",
                    lab.reachableUrl("https://y1ao3014ku.execute-api.ap-northeast-2.amazonaws.com/Prod").toString());
        }
    }

    @Test
    void urlsThatAlreadyReachTheirTarget_stayAsTheyAre() {
        try (Lab lab = lab("local")) {
            assertEquals("ws://localhost:4900/_aws/execute-api/xyf384o37y/dev", lab.reachableUrl("ws://localhost:4900/_aws/execute-api/xyf384o37y/dev").toString());
        }
        try (Lab lab = lab("aws")) {
            assertEquals("https://y1ao3014ku.execute-api.ap-northeast-2.amazonaws.com/Prod",
                    lab.reachableUrl("https://y1ao3014ku.execute-api.ap-northeast-2.amazonaws.com/Prod").toString());
            assertEquals("http://b.s3-website.ap-northeast-2.amazonaws.com", lab.reachableUrl("http://b.s3-website.ap-northeast-2.amazonaws.com").toString());
        }
    }
}
