package dev.chatlab.localcloud.services.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
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
public final class HandlerPackages {

    private HandlerPackages() {
    }

    /** A zip of the compiled sources (class name to source) and lib/aws-lambda-java-events.jar. */
    static SdkBytes zip(Map<String, String> sources) {
        return SdkBytes.fromByteArray(zipBytes(sources));
    }

    public static byte[] zipBytes(Map<String, String> sources) {
        return zipBytes(sources, List.of());
    }

    /** The AWS SDK's jars (and what they need) as the test runs with them, for functions that call AWS. */
    static List<Path> sdkJars() {
        List<Path> jars = new ArrayList<>();
        try {
            var manifests = HandlerPackages.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                String url = manifests.nextElement().toString();
                if (url.startsWith("jar:file:") && (url.contains("/software/amazon/awssdk/") || url.contains("/org/reactivestreams/")
                        || url.contains("/org/slf4j/slf4j-api/"))) {
                    jars.add(Path.of(URI.create(url.substring(4, url.indexOf("!/")))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jars;
    }

    /** A zip of the compiled sources with {@code libraries} under lib/, as a shaded build's dependencies would be. */
    static byte[] zipBytes(Map<String, String> sources, List<Path> libraries) {
        Path classes = compile(sources, libraries);
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
            for (Path library : libraries) {
                zip.putNextEntry(new ZipEntry("lib/" + library.getFileName()));
                zip.write(Files.readAllBytes(library));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Path compile(Map<String, String> sources, List<Path> libraries) {
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
            StringBuilder classpath = new StringBuilder(location(RequestHandler.class) + File.pathSeparator
                    + location(APIGatewayProxyRequestEvent.class));
            libraries.forEach(library -> classpath.append(File.pathSeparator).append(library));
            List<String> options = List.of("--release", "17", "-d", out.toString(), "-classpath", classpath.toString(), "-proc:none");
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            boolean ok = compiler.getTask(new PrintWriter(errors, true), null, null, options, null, units).call();
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
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
