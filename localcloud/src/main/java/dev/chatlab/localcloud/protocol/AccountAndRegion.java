package dev.chatlab.localcloud.protocol;

import dev.chatlab.localcloud.http.AwsRequest;

/**
 * The account and region a request is served in, decided here once for every service.
 * <ul>
 *   <li>The region is the one the caller signed for (the SigV4 credential scope), as each of
 *       AWS's regional endpoints serves its own region. A request without a signature (an
 *       anonymous S3 read, a browser's call to an invoke URL) names none and is served in
 *       {@value #DEFAULT_REGION}, the region AWS's global endpoints answer in (S3's
 *       {@code s3.amazonaws.com}, STS's {@code sts.amazonaws.com}).</li>
 *   <li>The account is the one account of a localcloud, {@value #ACCOUNT_ID}, whoever signed:
 *       AWS would know it from the access key, and every key here belongs to that account.</li>
 * </ul>
 */
public final class AccountAndRegion {

    /** The account every local resource belongs to, as in ARNs: arn:aws:iam::000000000000:role/x. */
    public static final String ACCOUNT_ID = "000000000000";
    /** The region of a request that names none. */
    public static final String DEFAULT_REGION = "us-east-1";

    private AccountAndRegion() {
    }

    public static String regionOf(AwsRequest request) {
        return CredentialScope.of(request).map(CredentialScope::region).orElse(DEFAULT_REGION);
    }

    public static String accountOf(AwsRequest request) {
        return ACCOUNT_ID;
    }
}
