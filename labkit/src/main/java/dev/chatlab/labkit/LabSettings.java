package dev.chatlab.labkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The resolved settings of one run: options, then what {@code .lab/lab.properties} remembers,
 * then the defaults.
 *
 * @param domain the lab's domain (the Route53 zone of step 3), or null when there is none
 */
public record LabSettings(Target target, String region, String profile, Lang lang, String prefix, String domain,
                          URI localEndpoint, Path projectRoot, Path stateDirectory) {

    public static final String LOCAL_DOMAIN_SUFFIX = ".chatlab.test";

    public static LabSettings resolve(LabOptions options) {
        Path root = ProjectLayout.root();
        return resolve(options, root, ProjectLayout.stateDirectory(root));
    }

    public static LabSettings resolve(LabOptions options, Path root, Path stateDir) {
        LabState state = LabState.in(stateDir);
        Target target = Target.parse(options.target);
        String prefix = options.prefix != null ? options.prefix : state.prefix();
        if (!LabState.isValidPrefix(prefix)) {
            throw new IllegalArgumentException("--prefix must be 3-32 lower-case letters, digits or '-', not '" + prefix + "'");
        }
        if (options.prefix != null && !options.prefix.equals(state.get("prefix"))) {
            state.set("prefix", options.prefix);
        }
        String domain = resolveDomain(options, state, target, prefix);
        String endpoint = options.endpoint != null ? options.endpoint
                : System.getenv().getOrDefault("LAB_ENDPOINT", "http://localhost:4566");
        return new LabSettings(target, options.region, options.profile, Lang.resolve(options.lang), prefix, domain,
                URI.create(endpoint), root, stateDir);
    }

    /**
     * A domain given once is remembered, because step 1 names the bucket after it and step 3
     * must use the same one. Locally every lab has one under the reserved .test TLD.
     */
    private static String resolveDomain(LabOptions options, LabState state, Target target, String prefix) {
        String key = "domain." + target.id();
        if (options.domain != null && !options.domain.isBlank()) {
            String domain = options.domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            state.set(key, domain);
            return domain;
        }
        if (state.get(key) != null) {
            return state.get(key);
        }
        return target == Target.LOCAL ? prefix + LOCAL_DOMAIN_SUFFIX : null;
    }

    public boolean isLocal() {
        return target == Target.LOCAL;
    }
}
