package dev.chatlab.localcloud.services.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Builds a function's deployment package in the test, as a student's build would: the handler
 * sources compiled for Java 17 against aws-lambda-java-core and -events, the classes at the
 * zip's root and the events library under {@code lib/} (Lambda's layout).
 */
final class HandlerPackages {

    private HandlerPackages() {
    }

    /** A zip of the compiled sources (class name to source) and lib/aws-lambda-java-events.jar. */
    static SdkBytes zip(Map<String, String> sources) {
        return SdkBytes.fromByteArray(zipBytes(sources));
    }

    static byte[] zipBytes(Map<String, String> sources) {
        Path classes = compile(sources);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("lib/aws-lambda-java-events.jar"));
            zip.write(Files.readAllBytes(location(APIGatewayProxyRequestEvent.class)));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Path compile(Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try {
            Path out = Files.createTempDirectory("handler-classes");
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, source) -> units.add(new SimpleJavaFileObject(
                    URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            }));
            String classpath = location(RequestHandler.class) + java.io.File.pathSeparator + location(APIGatewayProxyRequestEvent.class);
            List<String> options = List.of("--release", "17", "-d", out.toString(), "-classpath", classpath, "-proc:none");
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            boolean ok = compiler.getTask(new java.io.PrintWriter(errors, true), null, null, options, null, units).call();
            if (!ok) {
                throw new IllegalStateException("test handler does not compile: " + errors);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
