package dev.chatlab.labkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every lab command and step script takes. The launcher passes them on to the
 * step scripts, so {@code ./lab step 1 --target aws --profile class} reaches the script.
 */
public class LabOptions {

    @Option(names = "--target", description = "local (default) or aws")
    public String target = "local";

    @Option(names = "--profile", description = "AWS profile for --target aws (default: the default credential chain)")
    public String profile;

    @Option(names = "--region", description = "AWS region (default: ${DEFAULT-VALUE})")
    public String region = "ap-northeast-2";

    @Option(names = "--lang", description = "ko or en (default: from the locale)")
    public String lang;

    @Option(names = "--prefix", description = "prefix of the lab's resource names (default: made up once, kept in .lab/)")
    public String prefix;

    @Option(names = "--domain", description = "the lab's domain for step 3 (default locally: <prefix>.chatlab.test; on AWS: none, step 3 is skipped)")
    public String domain;

    @Option(names = "--endpoint", description = "localcloud's URL for --target local (default: http://localhost:4566 or $LAB_ENDPOINT)")
    public String endpoint;

    @Option(names = "--report-json", description = "also write the check results as JSON to this file")
    public Path reportJson;

    /** The options as arguments again, to hand on to a step script. */
    public List<String> toArguments() {
        List<String> args = new ArrayList<>(List.of("--target", target, "--region", region));
        addIfSet(args, "--profile", profile);
        addIfSet(args, "--lang", lang);
        addIfSet(args, "--prefix", prefix);
        addIfSet(args, "--domain", domain);
        addIfSet(args, "--endpoint", endpoint);
        return args;
    }

    private static void addIfSet(List<String> args, String name, String value) {
        if (value != null && !value.isBlank()) {
            args.add(name);
            args.add(value);
        }
    }
}
