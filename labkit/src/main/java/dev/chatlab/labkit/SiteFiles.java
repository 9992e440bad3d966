package dev.chatlab.labkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chat's web client (step 2's {@code site} folder) as a bucket holds it: its keys and the
 * Content-Type each needs, for step 2 and for step 9's second website.
 */
public final class SiteFiles {

    /** The web client, relative to the kit's root. */
    public static final String FOLDER = "step2-static-hosting/site";

    /** The client's configuration, which step 8 (and step 9) write with the chat's URLs. */
    public static final String CONFIG_FILE = "config.js";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private SiteFiles() {
    }

    /** The keys of the site's files, as the bucket holds them: paths relative to the site folder. */
    public static List<String> keys(Path site) throws IOException {
        if (!Files.isDirectory(site)) {
            throw new IOException("the web client folder " + site + " is missing");
        }
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(Files::isRegularFile).map(file -> site.relativize(file).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** The Content-Type a browser needs for a key, by its extension (S3 serves back exactly what it was given). */
    public static String contentType(String key) {
        String extension = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
