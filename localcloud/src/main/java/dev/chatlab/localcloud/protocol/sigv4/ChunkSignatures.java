package dev.chatlab.localcloud.protocol.sigv4;

import dev.chatlab.localcloud.protocol.sigv4.SignatureFailure.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chunk signatures of an aws-chunked upload signed as {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}
 * (with or without {@code -TRAILER}): each chunk {@code <hex size>;chunk-signature=<sig>\r\n<bytes>\r\n}
 * is signed over the previous signature (the Authorization header's "seed" signature for the
 * first) and the chunk's SHA-256, so no chunk can be changed, dropped or reordered; with a
 * trailer, {@code x-amz-trailer-signature} signs the trailing headers the same way. A body that is
 * not aws-chunked at all is left to S3's decoder, which answers IncompleteBody for it.
 */
final class ChunkSignatures {

    private static final String EMPTY_SHA256 = SigningKeys.sha256Hex(new byte[0]);
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature:";

    private final byte[] signingKey;
    private final SignedRequest signed;
    private String previous;

    ChunkSignatures(byte[] signingKey, SignedRequest signed) {
        this.signingKey = signingKey;
        this.signed = signed;
        this.previous = signed.signature();
    }

    void verify(byte[] body) {
        int trailer = AwsChunks.walk(body, (header, offset, size) -> checkChunk(header, SigningKeys.sha256Hex(body, offset, size)));
        if (trailer >= 0) {
            verifyTrailer(new String(body, trailer, body.length - trailer, StandardCharsets.US_ASCII));
        }
    }

    /** The same check over a body in a file, read once as a stream; a body that is not aws-chunked is left to S3 as above. */
    void verify(Path file) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            String trailer = AwsChunks.walk(file, (header, size, data) -> {
                sha256.reset();
                for (int read = data.read(buffer); read > 0; read = data.read(buffer)) {
                    sha256.update(buffer, 0, read);
                }
                checkChunk(header, HexFormat.of().formatHex(sha256.digest()));
            });
            if (trailer != null) {
                verifyTrailer(trailer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body from " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chunk's signature, from its line ({@code 400;chunk-signature=...}), over the SHA-256 of its bytes. */
    private void checkChunk(String header, String chunkSha256Hex) {
        int at = header.indexOf(CHUNK_SIGNATURE);
        check(at < 0 ? "" : header.substring(at + CHUNK_SIGNATURE.length()).trim(),
                "AWS4-HMAC-SHA256-PAYLOAD", EMPTY_SHA256 + "\n" + chunkSha256Hex);
    }

    /** The trailing headers up to x-amz-trailer-signature, each as {@code name:value\n}, signed after the last chunk. */
    private void verifyTrailer(String trailer) {
        int at = trailer.indexOf(TRAILER_SIGNATURE);
        if (at < 0) {
            return;
        }
        StringBuilder headers = new StringBuilder();
        for (String line : trailer.substring(0, at).split("\r\n")) {
            if (!line.isEmpty()) {
                headers.append(line.trim()).append('\n');
            }
        }
        String signature = trailer.substring(at + TRAILER_SIGNATURE.length()).split("\r\n", 2)[0].trim();
        check(signature, "AWS4-HMAC-SHA256-TRAILER", SigningKeys.sha256Hex(headers.toString()));
    }

    private void check(String given, String algorithm, String hashes) {
        String stringToSign = algorithm + "\n" + signed.amzDate() + "\n" + signed.scope() + "\n" + previous + "\n" + hashes;
        if (!SigningKeys.same(SigningKeys.hmacHex(signingKey, stringToSign), given)) {
            throw new SignatureFailure(Kind.MISMATCH, false, "The request signature we calculated does not match the signature you provided."
                    + " Check your key and signing method.")
                    .detail("AWSAccessKeyId", signed.accessKeyId()).detail("StringToSign", stringToSign).detail("SignatureProvided", given);
        }
        previous = given;
    }
}
