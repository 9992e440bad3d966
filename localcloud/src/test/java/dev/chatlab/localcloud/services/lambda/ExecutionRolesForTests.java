package dev.chatlab.localcloud.services.lambda;

import dev.chatlab.localcloud.testing.TestCloud;

/** Creates the execution role a test function uses (a no-op while localcloud has no IAM). */
final class ExecutionRolesForTests {

    private ExecutionRolesForTests() {
    }

    static void createLambdaRole(TestCloud cloud, String name) {
        // IAM arrives with the iam branch: then this creates the role with a lambda.amazonaws.com trust policy.
    }
}
