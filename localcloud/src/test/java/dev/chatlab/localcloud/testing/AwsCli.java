package dev.chatlab.localcloud.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The AWS CLI pointed at a test cloud as a student points it ({@code --endpoint-url}, the lab's
 * keys, the lab's region), with no profile or config file of the machine's in the way.
 */
public final class AwsCli {

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private final String aws;
    private final TestCloud cloud;
    private final Path work;

    public AwsCli(String aws, TestCloud cloud, Path work) {
        this.aws = aws;
        this.cloud = cloud;
        this.work = work;
    }

    /** The {@code aws} executable; the test is skipped (not failed) where it is not installed (CI installs it). */
    public static String required() {
        String aws = findOnPath("aws");
        Assumptions.assumeTrue(aws != null, "the AWS CLI (aws) is not on the PATH");
        return aws;
    }

    /** The executable's absolute path, or null when it is not on the PATH. */
    public static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            for (String candidate : List.of(name, name + ".exe", name + ".cmd")) {
                File file = new File(directory, candidate);
                if (file.isFile() && file.canExecute()) {
                    return file.getAbsolutePath();
                }
            }
        }
        return null;
    }

    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(aws, "--endpoint-url", cloud.endpoint().toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "ap-northeast-2");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    public Result ok(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertEquals(0, result.exitCode(), "aws " + String.join(" ", args) + "\n" + result);
        return result;
    }
}
