package dev.chatlab.labkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * The account's own Block Public Access, which wins over every bucket's: S3 Control's
 * GetPublicAccessBlock ({@code GET /v20180820/configuration/publicAccessBlock} on
 * {@code <account>.s3-control.<region>.amazonaws.com}). It is the one call of the lab that
 * needs S3 Control, so it is signed here with the SDK's SigV4 signer rather than pulling in the
 * s3control module for every step script.
 */
public final class AccountPublicAccessBlock {

    private static final Pattern FLAG = Pattern.compile("<(BlockPublicAcls|IgnorePublicAcls|BlockPublicPolicy|RestrictPublicBuckets)>(true|false)<");

    private AccountPublicAccessBlock() {
    }

    /**
     * The account's settings, or empty when the account has none (S3 Control answers 404
     * NoSuchPublicAccessBlockConfiguration: nothing is blocked at account level).
     *
     * @throws IOException when S3 Control refuses (for example AccessDenied: the caller may not
     *                     read the account's settings), with its status and body
     */
    public static Optional<PublicAccessBlockConfiguration> read(Lab lab) throws IOException {
        String account = lab.accountId();
        String region = lab.region().id();
        AwsCredentials credentials = lab.credentials().resolveCredentials();
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("https://" + account + ".s3-control." + region + ".amazonaws.com/v20180820/configuration/publicAccessBlock"))
                .putHeader("x-amz-account-id", account)
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        try (SdkHttpClient http = ApacheHttpClient.create()) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed).build()).call();
            String body;
            try (InputStream in = response.responseBody().orElse(null)) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = response.httpResponse().statusCode();
            if (status == 404 && body.contains("NoSuchPublicAccessBlockConfiguration")) {
                return Optional.empty();
            }
            if (status != 200) {
                throw new IOException("S3 Control GetPublicAccessBlock answered " + status + ": " + body);
            }
            return Optional.of(parse(body));
        }
    }

    /** The names of the settings that are on, in the API's order; none for no configuration at all. */
    public static List<String> flagsOn(PublicAccessBlockConfiguration config) {
        List<String> on = new ArrayList<>();
        if (config != null) {
            if (Boolean.TRUE.equals(config.blockPublicAcls())) {
                on.add("BlockPublicAcls");
            }
            if (Boolean.TRUE.equals(config.ignorePublicAcls())) {
                on.add("IgnorePublicAcls");
            }
            if (Boolean.TRUE.equals(config.blockPublicPolicy())) {
                on.add("BlockPublicPolicy");
            }
            if (Boolean.TRUE.equals(config.restrictPublicBuckets())) {
                on.add("RestrictPublicBuckets");
            }
        }
        return on;
    }

    /** The four flags of a GetPublicAccessBlock answer; a flag that is absent is off. */
    static PublicAccessBlockConfiguration parse(String xml) {
        PublicAccessBlockConfiguration.Builder config = PublicAccessBlockConfiguration.builder()
                .blockPublicAcls(false).ignorePublicAcls(false).blockPublicPolicy(false).restrictPublicBuckets(false);
        Matcher flag = FLAG.matcher(xml);
        while (flag.find()) {
            boolean on = Boolean.parseBoolean(flag.group(2));
            switch (flag.group(1)) {
                case "BlockPublicAcls" -> config.blockPublicAcls(on);
                case "IgnorePublicAcls" -> config.ignorePublicAcls(on);
                case "BlockPublicPolicy" -> config.blockPublicPolicy(on);
                default -> config.restrictPublicBuckets(on);
            }
        }
        return config.build();
    }
}
