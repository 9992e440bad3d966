package dev.chatlab.labkit.chat;

import dev.chatlab.labkit.CheckResult;
import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.HeadlessBrowser;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.Text;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A chat's page tested in a real browser: two pages open the site, join one room and each sees
 * the other's message; then a message that looks like HTML must show as its characters, never
 * become markup. It drives the page through the hooks PROTOCOL.md lists ("The website"); a page
 * without them, or a machine without Chromium and ChromeDriver, skips both checks with the reason.
 * The two pages are two windows of one browser: a second Chromium would cost a second of CPU
 * for nothing a second window does not show as well.
 *
 * <p>{@link #open} takes the browser and loads the site in both windows in the background, so
 * that the loading (a second or two of Chromium's work) happens while the clients' checks of
 * {@link RoomChecks} wait on the APIs; {@link #check} then joins, chats and reports, after them.
 *
 * <p>Selenium is an optional dependency of labkit: whoever calls this (step 8's script, the lab
 * command) brings it.
 */
public final class BrowserChecks implements AutoCloseable {

    private static final String MESSAGES = "#messages [data-message-id]";
    private static final Text CHATTED = Text.of("two browser pages chat through the website", "브라우저 두 페이지가 웹 사이트로 대화함");
    private static final Text LITERAL = Text.of("the page shows a message as text, never as HTML", "페이지가 메시지를 HTML이 아닌 글자 그대로 보여 줌");

    private final URI site;
    /** The two windows with the site loaded (or what stopped that); empty without a browser on this machine. */
    private final Optional<CompletableFuture<List<Page>>> loading;
    private boolean closed;

    private BrowserChecks(URI site, Optional<CompletableFuture<List<Page>>> loading) {
        this.site = site;
        this.loading = loading;
    }

    /**
     * Starts loading {@code site} in two windows of a browser, in the background, when the machine
     * has one. Whoever opens it checks ({@link #check}) or skips ({@link #skip(Checks, Text)}),
     * and closes it.
     */
    public static BrowserChecks open(URI site) {
        return new BrowserChecks(site, HeadlessBrowser.locate().map(browser -> CompletableFuture.supplyAsync(
                () -> load(browser, site), task -> {
                    Thread loader = new Thread(task, "browser-pages");
                    loader.setDaemon(true);
                    loader.start();
                })));
    }

    /**
     * No browser, for a page whose checks are already known to be skipped ({@link #skip(Checks, Text)}):
     * starting Chromium and loading two windows only to quit it costs seconds of CPU for nothing.
     */
    public static BrowserChecks unopened(URI site) {
        return new BrowserChecks(site, Optional.empty());
    }

    /** Both windows with the site loaded; a browser that started but failed on the way is quit. */
    private static List<Page> load(HeadlessBrowser browser, URI site) {
        WebDriver started = browser.start();
        try {
            List<Page> pages = List.of(Page.current(started), Page.newWindow(started));
            for (Page page : pages) {
                page.focused().get(site.toString());
            }
            return pages;
        } catch (RuntimeException e) {
            started.quit();
            throw e;
        }
    }

    /**
     * The page's two checks, after {@code members}' checks: when those clients could not even
     * join, neither can a page, and the table fails on the join alone.
     */
    public void check(Checks checks, RoomChecks members) {
        Text reason = !members.joined() ? RoomChecks.NOT_JOINED
                : !members.delivered() ? RoomChecks.NOT_DELIVERED
                : loading.isEmpty() ? Text.of("no Chromium + ChromeDriver on this machine (apt-get install chromium chromium-driver)",
                        "이 컴퓨터에 Chromium과 ChromeDriver가 없습니다(apt-get install chromium chromium-driver)")
                : null;
        if (reason != null) {
            skip(checks, reason);
            return;
        }
        String room = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        List<Page> pages = new ArrayList<>();
        CheckResult chatted = checks.check(CHATTED, () -> {
            pages.addAll(loaded());
            Page first = pages.get(0);
            Page second = pages.get(1);
            // ben fills in his form while ana's page connects: each then must be open, ana's first.
            Optional<Outcome> notJoined = submitJoin(first, site, room, "ana")
                    .or(() -> submitJoin(second, site, room, "ben"))
                    .or(() -> awaitOpen(first, site, "ana"))
                    .or(() -> awaitOpen(second, site, "ben"));
            if (notJoined.isPresent()) {
                return notJoined.get();
            }
            say(first, "hi ben, from ana");
            say(second, "hi ana, from ben");
            Deadline deadline = Deadline.in(RoomChecks.PATIENCE);
            boolean secondSeesFirst = sees(second, "hi ben, from ana", deadline);
            boolean firstSeesSecond = sees(first, "hi ana, from ben", deadline);
            return Outcome.when(secondSeesFirst && firstSeesSecond, Text.of(
                    "ben saw ana: " + secondSeesFirst + ", ana saw ben: " + firstSeesSecond + " (open " + site + " yourself to see why)",
                    "ben이 ana를 봄: " + secondSeesFirst + ", ana가 ben을 봄: " + firstSeesSecond + " (" + site + " 주소를 직접 열어 보세요)"));
        });
        if (chatted.status() != CheckResult.Status.PASS) {
            checks.skip(LITERAL, chatted.status() == CheckResult.Status.SKIP ? Text.of(chatted.detail(), chatted.detail())
                    : Text.of("the pages could not chat", "두 페이지가 대화하지 못했습니다"));
        } else {
            checks.check(LITERAL, () -> showsAsText(pages.get(0), pages.get(1)));
        }
        close();
    }

    /** The loaded windows, or what stopped the browser from loading them, thrown as it was thrown. */
    private List<Page> loaded() throws Exception {
        try {
            return loading.orElseThrow().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Both of the page's checks skipped for {@code reason} (what would make them fail is already failing above), the browser quit. */
    public void skip(Checks checks, Text reason) {
        checks.skip(CHATTED, reason);
        checks.skip(LITERAL, reason);
        close();
    }

    /** Quits the browser once it has loaded (or failed to), the first time only; nothing without one. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            loading.ifPresent(pages -> pages.thenAccept(loaded -> loaded.get(0).browser().quit()).exceptionally(error -> null).join());
        }
    }

    /**
     * One window of the browser. Selenium acts on one window at a time, so every use of a page
     * starts by switching to it ({@link #focused()}).
     */
    private record Page(WebDriver browser, String window) {

        static Page current(WebDriver browser) {
            return new Page(browser, browser.getWindowHandle());
        }

        static Page newWindow(WebDriver browser) {
            return current(browser.switchTo().newWindow(WindowType.WINDOW));
        }

        WebDriver focused() {
            return browser.switchTo().window(window);
        }
    }

    /** ana sends markup; ben's page must show exactly those characters, with no element made of them and no script run. */
    private static Outcome showsAsText(Page first, Page second) {
        String markup = "<img src=x onerror=\"document.body.dataset.chatlabInjected='yes'\"> <b>bold?</b>";
        int before = second.focused().findElements(By.cssSelector(MESSAGES)).size();
        say(first, markup);
        boolean shownAsText = markup.equals(newestText(second, before));
        Object injected = ((JavascriptExecutor) second.focused()).executeScript(
                "return document.body.dataset.chatlabInjected || document.querySelectorAll('#messages img, #messages b').length;");
        boolean ran = "yes".equals(injected) || (injected instanceof Number n && n.longValue() > 0);
        return Outcome.when(shownAsText && !ran, Text.of(
                "ben's page " + (ran ? "turned the message into HTML (its <img> ran onerror)" : "did not show the message as its characters")
                        + ": a message is user data. Put it into the page with textContent, never innerHTML (the lab's app.js: renderMessage/node),"
                        + " or anyone in the room can run script in everyone's browser.",
                "ben의 페이지가 " + (ran ? "메시지를 HTML로 바꿨습니다(<img>의 onerror가 실행됨)" : "메시지를 글자 그대로 보여 주지 않았습니다")
                        + ". 메시지는 사용자 데이터입니다. innerHTML이 아니라 textContent로 넣으세요(실습의 app.js: renderMessage/node)."
                        + " 그러지 않으면 방의 누구나 모두의 브라우저에서 스크립트를 실행할 수 있습니다."));
    }

    /** Waits up to PATIENCE, looking every 50 ms (Selenium's default 500 ms would add seconds to the check). */
    private static WebDriverWait waitAtMost(WebDriver page) {
        return waitAtMost(page, RoomChecks.PATIENCE);
    }

    private static WebDriverWait waitAtMost(WebDriver page, Duration patience) {
        return new WebDriverWait(page, patience, Duration.ofMillis(50));
    }

    /**
     * Fills in and sends the page's join form for {@code room} (the site loaded). Empty when it
     * did; else the check's outcome: skipped for a page without the lab client's hooks, failed
     * for one whose form never shows.
     */
    private static Optional<Outcome> submitJoin(Page window, URI site, String room, String nickname) {
        WebDriver page = window.focused();
        if (page.findElements(By.id("join-form")).isEmpty()) {
            return Optional.of(Outcome.skip(Text.of("the page at " + site + " has none of the lab client's hooks (#join-form, #messages: PROTOCOL.md, The website)",
                    site + "의 페이지에 실습 클라이언트의 훅(#join-form, #messages: PROTOCOL.md, The website)이 없습니다")));
        }
        try {
            waitAtMost(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("nickname"))).clear();
            page.findElement(By.id("nickname")).sendKeys(nickname);
            page.findElement(By.id("room")).clear();
            page.findElement(By.id("room")).sendKeys(room);
            page.findElement(By.cssSelector("#join-form button[type=submit]")).click();
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of(notConnected(page, site, nickname));
        }
    }

    /** Waits until the page that sent its join form is connected: empty when it is, else the check's failure. */
    private static Optional<Outcome> awaitOpen(Page window, URI site, String nickname) {
        WebDriver page = window.focused();
        try {
            waitAtMost(page).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "open"));
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of(notConnected(page, site, nickname));
        }
    }

    private static Outcome notConnected(WebDriver page, URI site, String nickname) {
        String state = page.findElements(By.id("connection-status")).stream().map(status -> status.getDomAttribute("data-state")).findFirst().orElse("none");
        String banner = page.findElements(By.id("chat-error")).stream().filter(WebElement::isDisplayed).map(WebElement::getText).findFirst().orElse("");
        return Outcome.fail(Text.of(nickname + "'s page did not connect within " + RoomChecks.PATIENCE.toSeconds() + " s (connection state: " + state
                        + (banner.isBlank() ? "" : ", the page says: " + banner.replace('\n', ' ')) + "). Open " + site + " yourself to see why.",
                nickname + "의 페이지가 " + RoomChecks.PATIENCE.toSeconds() + "초 안에 연결되지 않았습니다(연결 상태: " + state
                        + (banner.isBlank() ? "" : ", 페이지의 안내: " + banner.replace('\n', ' ')) + "). " + site + " 주소를 직접 열어 보세요."));
    }

    private static void say(Page window, String text) {
        WebDriver page = window.focused();
        page.findElement(By.id("message-input")).sendKeys(text);
        page.findElement(By.cssSelector("#composer button[type=submit]")).click();
    }

    /** The text of the newest message once the page shows more than {@code before} messages, or null. */
    private static String newestText(Page window, int before) {
        WebDriver page = window.focused();
        try {
            waitAtMost(page).until(driver -> driver.findElements(By.cssSelector(MESSAGES)).size() > before);
        } catch (TimeoutException e) {
            return null;
        }
        List<WebElement> texts = page.findElements(By.cssSelector(MESSAGES + " .text"));
        return texts.isEmpty() ? null : texts.get(texts.size() - 1).getText();
    }

    private static boolean sees(Page window, String text, Deadline deadline) {
        try {
            waitAtMost(window.focused(), deadline.left()).until(driver -> driver.findElements(By.cssSelector(MESSAGES + " .text"))
                    .stream().anyMatch(element -> element.getText().equals(text)));
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
