package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.testing.TestCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.iam.IamClient;

/** One in-memory cloud and an IAM client per test class; subclasses add their own setup in a later @BeforeAll. */
abstract class WithIamCloud {

    static final String LAMBDA_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    static TestCloud cloud;
    static IamClient iam;

    @BeforeAll
    static void startCloud() {
        cloud = TestCloud.start();
        iam = cloud.client(IamClient.builder()).build();
    }

    @AfterAll
    static void stopCloud() {
        iam.close();
        cloud.close();
    }
}
