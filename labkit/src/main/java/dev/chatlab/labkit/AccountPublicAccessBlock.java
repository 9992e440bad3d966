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
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * The account's own Block Public Access, which wins over every bucket's: S3 Control's
 * Get/Put/DeletePublicAccessBlock ({@code /v20180820/configuration/publicAccessBlock} on
 * {@code <account>.s3-control.<region>.amazonaws.com}, or localcloud's one port). These are the
 * lab's only S3 Control calls, so they are signed here with the SDK's SigV4 signer rather than
 * pulling the s3control module into every step script.
 */
public final class AccountPublicAccessBlock {

    private static final String PATH = "/v20180820/configuration/publicAccessBlock";
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
        Answer answer = send(lab, SdkHttpMethod.GET, null);
        if (answer.status() == 404 && answer.body().contains("NoSuchPublicAccessBlockConfiguration")) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw new IOException("S3 Control GetPublicAccessBlock answered " + answer.status() + ": " + answer.body());
        }
        return Optional.of(parse(answer.body()));
    }

    /**
     * Sets the account's settings (null: deletes them), as an administrator does in the console
     * (S3 → Block Public Access settings for this account). No step calls it: a lab must never
     * change a whole account; the mistake tests use it to make the account-level mistake.
     */
    public static void write(Lab lab, PublicAccessBlockConfiguration config) throws IOException {
        String body = config == null ? null : "<PublicAccessBlockConfiguration xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\">"
                + "<BlockPublicAcls>" + Boolean.TRUE.equals(config.blockPublicAcls()) + "</BlockPublicAcls>"
                + "<IgnorePublicAcls>" + Boolean.TRUE.equals(config.ignorePublicAcls()) + "</IgnorePublicAcls>"
                + "<BlockPublicPolicy>" + Boolean.TRUE.equals(config.blockPublicPolicy()) + "</BlockPublicPolicy>"
                + "<RestrictPublicBuckets>" + Boolean.TRUE.equals(config.restrictPublicBuckets()) + "</RestrictPublicBuckets>"
                + "</PublicAccessBlockConfiguration>";
        Answer answer = send(lab, config == null ? SdkHttpMethod.DELETE : SdkHttpMethod.PUT, body);
        if (answer.status() / 100 != 2) {
            throw new IOException("S3 Control " + (config == null ? "Delete" : "Put") + "PublicAccessBlock answered " + answer.status() + ": " + answer.body());
        }
    }

    private record Answer(int status, String body) {
    }

    /**
     * One signed S3 Control call: on AWS to the account's own host, locally to localcloud's one
     * port (which tells S3 Control from a bucket by the path and the account header).
     */
    private static Answer send(Lab lab, SdkHttpMethod method, String body) throws IOException {
        String account = lab.accountId();
        String region = lab.region().id();
        URI base = lab.settings().isLocal() ? lab.settings().localEndpoint() : URI.create("https://" + account + ".s3-control." + region + ".amazonaws.com");
        AwsCredentials credentials = lab.credentials().resolveCredentials();
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(method)
                .uri(base.resolve(PATH))
                .putHeader("x-amz-account-id", account)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials).request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try (SdkHttpClient http = ApacheHttpClient.create()) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(body == null ? null : ContentStreamProvider.fromByteArray(payload)).build()).call();
            try (InputStream in = response.responseBody().orElse(null)) {
                return new Answer(response.httpResponse().statusCode(), in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
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
