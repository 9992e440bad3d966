package dev.chatlab.cli.classroom;

import static dev.chatlab.cli.classroom.RunningClass.failed;
import static dev.chatlab.cli.classroom.RunningClass.passed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatlab.labkit.HeadlessBrowser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The instructor's page in a real (headless) browser: the grid follows the students' reports by itself. */
class ClassPageTest {

    private static final String MINSU = "minsu-0123456789abcdef";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    RunningClass running;
    WebDriver page;

    @BeforeEach
    void open() {
        Optional<HeadlessBrowser> browser = HeadlessBrowser.locate();
        Assumptions.assumeTrue(browser.isPresent(), "needs Chromium and ChromeDriver (apt-get install chromium chromium-driver)");
        running = RunningClass.start(directory);
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions().setBinary(browser.get().browser().toFile()).addArguments(HeadlessBrowser.flags());
        page = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(browser.get().driver().toFile()).build(), options);
        page.get(running.uri().toString());
        new WebDriverWait(page, PATIENCE).until(d -> "open".equals(d.findElement(By.id("connection")).getDomAttribute("data-state")));
    }

    @AfterEach
    void close() {
        if (page != null) {
            page.quit();
        }
        if (running != null) {
            running.close();
        }
    }

    @Test
    void cells_followAStudentsChecks_withoutReloading() {
        assertEquals(200, running.report("Minsu", MINSU, failed(1, "the bucket is in ap-northeast-2",
                "delete it and run step 1 with --region ap-northeast-2")).statusCode());
        WebElement first = awaitState("Minsu", 1, "failed");
        String hover = first.getDomProperty("title");
        assertTrue(hover.contains("the bucket is in ap-northeast-2") && hover.contains("--region ap-northeast-2"), hover);
        assertEquals("none", cell("Minsu", 2).getDomAttribute("data-state"), "a step never reported is 'not yet'");

        running.report("Minsu", MINSU, passed(1));
        awaitState("Minsu", 1, "passed");
        assertTrue(page.findElement(By.id("totals")).getText().contains("1/1"), page.findElement(By.id("totals")).getText());
        assertEquals("open", page.findElement(By.id("connection")).getDomAttribute("data-state"), "the page stays connected");
    }

    @Test
    void aStudentCalledScript_staysText() {
        String name = "<script>document.body.id='n'</script>";
        String hint = "<img src=x onerror=\"document.body.id='h'\">";
        assertEquals(200, running.report(name, MINSU, failed(1, "<b>bold?</b>", hint)).statusCode());
        WebElement cell = awaitState(name, 1, "failed");
        assertEquals(name, row(name).findElement(By.className("name")).getText());
        assertTrue(cell.getDomProperty("title").contains(hint));
        assertEquals("", ((JavascriptExecutor) page).executeScript("return document.body.id"), "no student's text ran as code");
        assertTrue(page.findElements(By.cssSelector("#students img, #students script, #students b")).isEmpty());
    }

    private WebElement awaitState(String student, int step, String state) {
        return new WebDriverWait(page, PATIENCE).until(d -> {
            WebElement cell = cell(student, step);
            return cell != null && state.equals(cell.getDomAttribute("data-state")) ? cell : null;
        });
    }

    private WebElement cell(String student, int step) {
        WebElement row = row(student);
        return row == null ? null : row.findElement(By.cssSelector("td[data-step='" + step + "']"));
    }

    private WebElement row(String student) {
        return page.findElements(By.cssSelector("#students tr")).stream()
                .filter(tr -> student.equals(tr.getDomAttribute("data-student"))).findFirst().orElse(null);
    }
}
