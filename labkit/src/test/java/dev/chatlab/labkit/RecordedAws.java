package dev.chatlab.labkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AWS errors as a step meets them: a real SDK client of the service whose HTTP layer answers a
 * recorded error response, so the exception has the SDK's type, error details and stack.
 */
final class RecordedAws {

    private static final String REQUEST_ID = "<RequestId>4442587FB7D0A2F9</RequestId><HostId>abc</HostId>";

    private RecordedAws() {
    }

    static Throwable s3Error(int status, String code, String message, Consumer<S3Client> call) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message + "</Message>"
                + REQUEST_ID + "</Error>";
        return xmlError(S3Client.builder(), status, body, call);
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable> Throwable xmlError(
            B builder, int status, String body, Consumer<C> call) {
        return error(builder, status, Map.of("Content-Type", "application/xml"), body, call);
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable> Throwable jsonError(
            B builder, int status, Map<String, String> headers, String body, Consumer<C> call) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/x-amz-json-1.0");
        return error(builder, status, all, body, call);
    }

    /** Calls {@code call} on a real SDK client whose HTTP layer answers the recorded response. */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends AutoCloseable> Throwable error(
            B builder, int status, Map<String, String> headers, String body, Consumer<C> call) {
        SdkHttpClient recorded = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                return new ExecutableHttpRequest() {
                    @Override
                    public HttpExecuteResponse call() {
                        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
                        headers.forEach(response::putHeader);
                        return HttpExecuteResponse.builder().response(response.build())
                                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                                .build();
                    }

                    @Override
                    public void abort() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
        builder.httpClient(recorded);
        builder.credentialsProvider(AnonymousCredentialsProvider.create());
        builder.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (!(builder instanceof IamClientBuilder)
                && !(builder instanceof Route53ClientBuilder)) {
            builder.region(Region.AP_NORTHEAST_2);
        }
        try (C client = builder.build()) {
            return assertThrows(AwsServiceException.class, () -> call.accept(client));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
