package dev.chatlab.localcloud.protocol.sigv4;

import java.util.Optional;

/**
 * The secret behind an access key id, for {@link SignatureVerifier}: IAM users' keys and STS's
 * session keys, which IAM knows; any other id is the account root's, whose secret is {@code test}
 * (the convention local AWS tools share).
 */
@FunctionalInterface
public interface SigningSecrets {

    /** The secret the account root signs with, under any access key id localcloud did not issue. */
    String ROOT_SECRET = "test";

    /** The secret of {@code accessKeyId}; empty when the id is one that no one holds. */
    Optional<SigningSecret> find(String accessKeyId);

    /**
     * @param secretAccessKey what the signature is made with
     * @param sessionToken    for a session key, the token that must travel with it (X-Amz-Security-Token)
     * @param expired         a session key past its expiration
     */
    record SigningSecret(String secretAccessKey, Optional<String> sessionToken, boolean expired) {

        public static SigningSecret root() {
            return new SigningSecret(ROOT_SECRET, Optional.empty(), false);
        }
    }
}
