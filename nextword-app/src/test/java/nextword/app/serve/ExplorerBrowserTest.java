package nextword.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in headless Chromium (Debian's chromium and chromium-driver): load the page, type a prompt,
 * see the probability bars, reshape them with the temperature, append a token by clicking and one by
 * sampling, see both pictures drawn, and save a screenshot as nextword-app/target/explorer.png.
 */
class ExplorerBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void promptBarsAppendSampleAndScreenshot() throws Exception {
        requireChromium();
        try (TestServer s = TestServer.tiny()) {
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1250");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
            WebDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                driver.get(s.url() + "/");
                wait.until(d -> !d.findElements(By.cssSelector("#bars li.candidate")).isEmpty());

                WebElement prompt = driver.findElement(By.id("prompt"));
                prompt.clear();
                prompt.sendKeys("Hello, worl");
                wait.until(d -> d.findElement(By.id("status")).getText().equals("11 tokens"));
                List<WebElement> bars = driver.findElements(By.cssSelector("#bars li.candidate"));
                assertEquals(20, bars.size(), "twenty candidates, as bars");
                assertEquals(11, driver.findElements(By.cssSelector("#tokens span")).size());

                // the temperature reshapes the bars without retyping
                String before = topValue(driver);
                ((JavascriptExecutor) driver).executeScript(
                        "const t = document.getElementById('temperature'); t.value = '0.3'; t.dispatchEvent(new Event('input'));");
                wait.until(d -> !topValue(d).equals(before));
                assertTrue(percent(topValue(driver)) > percent(before), "a lower temperature sharpens the top candidate");

                // click the likeliest token: it is appended, the loop of the essay by hand
                WebElement first = driver.findElements(By.cssSelector("#bars li.candidate")).getFirst();
                first.click();
                wait.until(d -> d.findElement(By.id("status")).getText().equals("12 tokens"));
                String afterClick = prompt.getAttribute("value");
                assertEquals(12, afterClick.length());
                assertTrue(afterClick.startsWith("Hello, worl"));

                driver.findElement(By.id("sample")).click();
                wait.until(d -> d.findElement(By.id("status")).getText().equals("13 tokens"));
                assertTrue(prompt.getAttribute("value").startsWith(afterClick));

                assertTrue(inkedPixels(driver, "attention") > 500, "the attention heatmap is drawn");
                assertTrue(inkedPixels(driver, "meaning") > 100, "meaning space is drawn");
                new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("layer"))).selectByIndex(1);
                wait.until(d -> d.findElement(By.id("status")).getText().equals("13 tokens"));

                Path shot = Path.of("target", "explorer.png");
                Files.createDirectories(shot.getParent());
                Path png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
                Files.move(png, shot, StandardCopyOption.REPLACE_EXISTING);
                assertTrue(Files.size(shot) > 10_000, "a real screenshot");
                assertNotEquals("", driver.findElement(By.id("model")).getText());
            } finally {
                driver.quit();
            }
        }
    }

    /** Read in one script: the bars are rebuilt on every answer, so a found element can go stale before it is read. */
    private static String topValue(WebDriver d) {
        return (String) ((JavascriptExecutor) d).executeScript("return document.querySelector('#bars li.candidate .value').textContent;");
    }

    private static double percent(String s) {
        return Double.parseDouble(s.replace("%", ""));
    }

    /** Pixels of a canvas that something was drawn on. */
    private static long inkedPixels(WebDriver d, String canvas) {
        Object n = ((JavascriptExecutor) d).executeScript("""
                const c = document.getElementById(arguments[0]);
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
                return n;""", canvas);
        return ((Number) n).longValue();
    }

    /** Skips without Chromium, with the reason; under CI (CI=true) its absence is a failure, not a skip. */
    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) return;
        String why = "headless Chromium missing: apt-get install chromium chromium-driver (.ci/run installs them)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why);
        assumeTrue(false, why);
    }
}
