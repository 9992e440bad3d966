package dev.chatlab.localcloud.services.iam;

import dev.chatlab.localcloud.LocalCloud;
import dev.chatlab.localcloud.services.ServiceCatalog;
import dev.chatlab.localcloud.services.iam.model.SessionCredentials;
import dev.chatlab.localcloud.testing.TestCloud;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Reaches the services behind a TestCloud, for tests of the Java APIs other services call. */
public final class IamTesting {

    private IamTesting() {
    }

    /**
     * The cloud's ServiceCatalog. LocalCloud has no accessor for it (that file is shared core), so
     * tests read the field; a {@code LocalCloud.services()} accessor would make this go away.
     */
    public static ServiceCatalog catalog(TestCloud cloud) {
        try {
            var field = LocalCloud.class.getDeclaredField("services");
            field.setAccessible(true);
            return (ServiceCatalog) field.get(cloud.cloud());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("LocalCloud no longer has a 'services' field", e);
        }
    }

    /** Asserts that {@code call} fails with IAM error {@code type} and exactly {@code message}. */
    public static <T extends AwsServiceException> T assertIamError(Class<T> type, String message, Executable call) {
        T error = Assertions.assertThrows(type, call);
        Assertions.assertEquals(message, error.awsErrorDetails().errorMessage());
        return error;
    }

    /** An SDK credentials provider for credentials STS issued. */
    public static StaticCredentialsProvider provider(SessionCredentials credentials) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }
}
