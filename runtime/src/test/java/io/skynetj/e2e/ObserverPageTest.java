package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.skynetj.lua.LuaNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The observer page in a real browser (headless Chromium from Debian's chromium and chromium-driver
 * packages) against the upgrade example: its services and managed name show, a service started
 * afterwards appears, sorting and filtering work. Saves a screenshot to target/observer-page.png.
 * Skipped, saying why, where the browser is not installed.
 */
class ObserverPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void thePageShowsTheExampleAndServicesStartedLater() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
            "no headless browser: install Debian's chromium and chromium-driver (" + CHROMIUM + ", " + DRIVER + ")");
        Path examples = LuaNode.home().resolve("service-scripts/examples/upgrade");
        try (TestNode node = new TestNode(dir).config("luaservice", examples + "/?.lua").config("console", "127.0.0.1:0").start("board_main")) {
            node.await("top:"); // the board is up and scored
            int port = node.consolePort();
            WebDriver browser = chromium();
            try {
                browser.get("http://127.0.0.1:" + port + "/");
                WebDriverWait wait = new WebDriverWait(browser, TestNode.DEADLINE);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#services tr[data-name='.board']")));
                String board = (String) script(browser, "return document.querySelector(\"#services tr[data-name='.board']\").textContent");
                assertTrue(board.contains("route ->"), board);
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("managed"), ".board"));
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("services"), "snlua board_main"));

                HttpResponse<String> started = new HttpConsole(port).post("/", "start board");
                assertEquals(200, started.statusCode(), started.body());
                String address = started.body().lines().findFirst().orElseThrow().split("\t")[0];
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#services tr[data-address='" + address + "']")));

                browser.findElement(By.cssSelector("#services th[data-key='address']")).click();
                @SuppressWarnings("unchecked") // the table is redrawn every second: read it in one go
                List<String> addresses = (List<String>) script(browser,
                    "return [...document.querySelectorAll('#services tbody tr')].map(tr => tr.dataset.address)");
                assertEquals(addresses.stream().sorted().toList(), addresses, "sorted by address");

                browser.findElement(By.id("filter")).sendKeys("board_main");
                wait.until(d -> d.findElements(By.cssSelector("#services tbody tr")).size() == 1);
                browser.findElement(By.id("filter")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
                wait.until(d -> d.findElements(By.cssSelector("#services tbody tr")).size() == addresses.size());

                wait.until(d -> d.findElements(By.cssSelector("#chart polyline")).size() == 2); // two samples of the node
                Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
                Path target = Path.of("target", "observer-page.png");
                Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
                assertTrue(Files.size(target) > 10_000, "a screenshot of the page");
            } finally {
                browser.quit();
            }
        }
    }

    private static Object script(WebDriver browser, String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
