package dev.chatlab.localcloud.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.localcloud.testing.TestCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies cannot exhaust localcloud: a body above what the service takes is refused in
 * the service's own shape before it is read, and clients that send half a body and stall hold
 * no thread, so that everyone else (the health endpoint here) is still answered.
 */
class BoundedRequestsTest {

    private static TestCloud cloud;

    @BeforeAll
    static void start() {
        cloud = TestCloud.start();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void dynamoDbBodyOver16MB_isRefusedWithJsonBeforeItIsSent() throws IOException {
        String answer = headOnly("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: " + (17 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"RequestEntityTooLarge\"") || answer.contains("#RequestEntityTooLarge"), answer);
    }

    @Test
    void s3PutOverTheSinglePutLimit_isEntityTooLargeInXml() throws IOException {
        String answer = headOnly("PUT /some-bucket/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + (300L * 1024 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("<Code>EntityTooLarge</Code>"), answer);
    }

    /**
     * A 40 MB JSON body (a 30 MB package in CreateFunction's base64) is read chunk by chunk, each
     * of Jetty's buffers handed back at once: its pool keeps no copy of the body (it kept about
     * 5,000 direct buffers after ./lab up), and a small JSON PUT after it is answered (a cap on
     * the pool once left such PUTs unanswered).
     */
    @Test
    void aLargeJsonBody_isAnswered_andLeavesNoCopyInJettysBufferPool_thenASmallPutIsAnswered() throws IOException {
        int size = 40 * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", cloud.cloud().port())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /2015-03-31/functions/no-such-function/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + size + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] prefix = "{\"ZipFile\":\"".getBytes(StandardCharsets.US_ASCII);
            byte[] piece = new byte[1024 * 1024];
            Arrays.fill(piece, (byte) 'A');
            out.write(prefix);
            for (int left = size - prefix.length - 2; left > 0; left -= piece.length) {
                out.write(piece, 0, Math.min(left, piece.length));
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 4"), answer.lines().findFirst().orElse(answer));
        }
        assertTrue(cloud.cloud().pooledBufferBytes() < 4 * 1024 * 1024, "Jetty's pool keeps " + cloud.cloud().pooledBufferBytes() + " bytes");

        String small = headOnly("PUT /2015-03-31/functions/no-such-function/configuration HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 19\r\nConnection: close\r\n\r\n{\"Description\":\"x\"}");
        assertTrue(small.startsWith("HTTP/1.1 4"), small);
    }

    @Test
    void chunkedDynamoDbBodyPassingTheLimit_isRefused() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cloud.cloud().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n"
                    + "Content-Type: application/x-amz-json-1.0\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            try {
                for (int i = 0; i < 17; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedByTheServer) {
                // it answered and stopped reading: what follows says how
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        }
    }

    /**
     * Stalled bodies hold no thread: with more of them than Jetty has threads, the health endpoint
     * answers while every one of them is still waiting, unanswered. Had they held threads, it
     * could answer only once Jetty's idle timeout (30 s) had answered some of them (400) and freed
     * theirs; so what is asserted is that none was answered, not a time, which a loaded machine
     * stretches (a bound of 5 s once failed at load 15).
     */
    @Test
    void stalledBodies_holdNoThread_healthStillAnswers() throws Exception {
        assertEquals(200, cloud.get("/_localcloud/health").statusCode()); // the client ready, so that only the server is measured
        List<Socket> stalled = new ArrayList<>();
        try {
            // more than the 256 worker threads, each a PUT that sends 10 of its 1,000 bytes and stops
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", cloud.cloud().port());
                socket.getOutputStream().write(("PUT /stalled-bucket/object-" + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Length: 1000\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }
            Thread.sleep(500);
            long begin = System.nanoTime();
            assertEquals(200, cloud.get("/_localcloud/health").statusCode());
            long millis = (System.nanoTime() - begin) / 1_000_000;
            long answered = stalled.stream().filter(BoundedRequestsTest::hasAnAnswer).count();
            assertEquals(0, answered, "health took " + millis + " ms, answered after " + answered + " stalled requests were");
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private static boolean hasAnAnswer(Socket socket) {
        try {
            return socket.getInputStream().available() > 0;
        } catch (IOException closed) {
            return true;
        }
    }

    /** Sends a request head only (its body is never sent) and answers the response. */
    private static String headOnly(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cloud.cloud().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
