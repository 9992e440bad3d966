package dev.chatlab.labkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a Chromium and its ChromeDriver are installed, for step 8's browser test. The lab
 * never downloads a browser: it uses the one the machine's packages installed (Debian/Ubuntu:
 * {@code apt-get install chromium chromium-driver}), and skips the browser test without one.
 */
public record HeadlessBrowser(Path browser, Path driver) {

    static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    static final List<String> DRIVERS = List.of("chromedriver");

    public static Optional<HeadlessBrowser> locate() {
        return findOnPath(BROWSERS).flatMap(browser -> findOnPath(DRIVERS).map(driver -> new HeadlessBrowser(browser, driver)));
    }

    /** The first of {@code names} found as an executable on PATH. */
    public static Optional<Path> findOnPath(List<String> names) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : names) {
                for (String candidate : List.of(name, name + ".exe")) {
                    Path file = Path.of(dir, candidate);
                    if (Files.isExecutable(file) && !Files.isDirectory(file)) {
                        return Optional.of(file);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The flags that let Chromium run headless as root in a closed network, and quietly. */
    public static List<String> flags() {
        return List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,900");
    }
}
