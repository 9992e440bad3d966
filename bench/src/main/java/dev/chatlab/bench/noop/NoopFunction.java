package dev.chatlab.bench.noop;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Deploys {@link NoopHandler} as a Lambda function, built at run time as a student's build
 * would package it: the class at the zip's root and aws-lambda-java-core under {@code lib/}
 * (Lambda's layout), with an execution role that trusts Lambda and a resource policy that
 * lets API Gateway invoke it. {@link #close} deletes all of it.
 */
public final class NoopFunction implements AutoCloseable {

    /** The trust policy of a function's execution role: Lambda may assume it. */
    public static final String TRUST_LAMBDA = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}
            """;

    private final LambdaClient lambda;
    private final IamClient iam;
    private final String name;
    private final String arn;

    private NoopFunction(LambdaClient lambda, IamClient iam, String name, String arn) {
        this.lambda = lambda;
        this.iam = iam;
        this.name = name;
        this.arn = arn;
    }

    /** Creates the role and the function, waits until it is Active and allows API Gateway to invoke it. */
    public static NoopFunction deploy(LambdaClient lambda, IamClient iam, String name, int memoryMegabytes) {
        String role = iam.createRole(b -> b.roleName(name + "-role").assumeRolePolicyDocument(TRUST_LAMBDA)).role().arn();
        SdkBytes zip = SdkBytes.fromByteArray(packageBytes());
        String arn = lambda.createFunction(b -> b.functionName(name).runtime("java21").role(role)
                .handler(NoopHandler.class.getName()).memorySize(memoryMegabytes).timeout(10).code(c -> c.zipFile(zip))).functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        lambda.addPermission(b -> b.functionName(name).statementId("apigateway").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com"));
        return new NoopFunction(lambda, iam, name, arn);
    }

    /** The integration URI of API Gateway's AWS_PROXY integrations for this function. */
    public String integrationUri(String region) {
        return "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + arn + "/invocations";
    }

    /** The deployment package: NoopHandler.class at its path and lib/aws-lambda-java-core.jar. */
    static byte[] packageBytes() {
        return packageBytes(NoopHandler.class, true);
    }

    /**
     * A deployment package of one handler class, at its path in the zip, as a student's build of
     * a handler without dependencies makes it; with {@code bundleCore}, aws-lambda-java-core under
     * {@code lib/} too. Lambda's Java runtime (and localcloud's) has that library on the
     * classpath anyway, so bundling it only changes what a build ships.
     */
    public static byte[] packageBytes(Class<?> handlerClass, boolean bundleCore) {
        String classFile = handlerClass.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
             InputStream handler = handlerClass.getClassLoader().getResourceAsStream(classFile)) {
            if (handler == null) {
                throw new IllegalStateException(classFile + " is not on the class path");
            }
            zip.putNextEntry(new ZipEntry(classFile));
            handler.transferTo(zip);
            zip.closeEntry();
            if (bundleCore) {
                Path core = jarOf(RequestStreamHandler.class);
                zip.putNextEntry(new ZipEntry("lib/" + core.getFileName()));
                zip.write(Files.readAllBytes(core));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        lambda.deleteFunction(b -> b.functionName(name));
        iam.deleteRole(b -> b.roleName(name + "-role"));
    }
}
