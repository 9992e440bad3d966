package dev.chatlab.labkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Where a Chromium and its ChromeDriver are installed, for step 8's browser test. The lab
 * never downloads a browser: it uses the one the machine's packages installed (Debian/Ubuntu:
 * {@code apt-get install chromium chromium-driver}), and skips the browser test without one.
 */
public record HeadlessBrowser(Path browser, Path driver) {

    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    /** Browsers started ahead of their use (see {@link #startEarly}), not yet taken by {@link #start()}. */
    private static final Deque<CompletableFuture<WebDriver>> EARLY = new ArrayDeque<>();

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

    /**
     * Starts {@code count} browsers in the background for the next {@link #start()} calls of this
     * JVM, when the machine has one: starting Chromium takes seconds, which {@code lab check --all}
     * spends checking steps 1-7 instead of waiting for it at step 8. Not taken, they quit with the JVM.
     */
    public static synchronized void startEarly(int count) {
        Optional<HeadlessBrowser> found = locate();
        if (found.isEmpty() || count <= 0) {
            return;
        }
        if (EARLY.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(HeadlessBrowser::quitUntaken));
        }
        for (int i = 0; i < count; i++) {
            EARLY.add(CompletableFuture.supplyAsync(found.get()::launch));
        }
    }

    private static synchronized void quitUntaken() {
        for (CompletableFuture<WebDriver> untaken : EARLY) {
            untaken.thenAccept(WebDriver::quit).exceptionally(error -> null).join();
        }
        EARLY.clear();
    }

    /** A headless Chromium driven through ChromeDriver: one started early, or a new one. The caller quits it. */
    public WebDriver start() {
        CompletableFuture<WebDriver> started;
        synchronized (HeadlessBrowser.class) {
            started = EARLY.poll();
        }
        if (started != null) {
            try {
                return started.join();
            } catch (CompletionException e) {
                // Started early and failed: the launch below fails again with the cause, where it is expected.
            }
        }
        return launch();
    }

    private WebDriver launch() {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions().setBinary(browser.toFile()).addArguments(flags());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** The flags that let Chromium run headless as root in a closed network, and quietly. */
    public static List<String> flags() {
        return List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // step 8's two pages are two windows of one browser: the one not in front must not be slowed down
                "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows", "--disable-renderer-backgrounding",
                "--window-size=1200,900");
    }
}
