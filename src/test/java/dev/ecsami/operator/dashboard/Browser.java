package dev.ecsami.operator.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Debian's headless chromium driven through its own chromedriver, both named by path so that
 * Selenium Manager never looks for (or downloads) a browser. Chromium resolves every host name
 * but localhost to nothing and sends everything else to a closed proxy port, so a request that
 * would leave loopback fails; the performance log records every request the pages made anyway.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    private final List<String> requested = new ArrayList<>();
    private final List<String> consoleErrors = new ArrayList<>();

    Browser(boolean javascript) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the dashboard tests need Debian's chromium and chromium-driver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver; .ci/run "
                    + "does it)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1700", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-default-apps", "--disable-sync", "--disable-extensions",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9");
        if (!javascript) {
            options.addArguments("--blink-settings=scriptEnabled=false");
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        Path managerCache = Path.of(System.getProperty("user.home"), ".cache", "selenium");
        boolean managerHadRun = Files.exists(managerCache);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        if (!managerHadRun && Files.exists(managerCache)) {
            driver.quit();
            throw new IllegalStateException("Selenium Manager ran (it created " + managerCache + "): the browser "
                    + "and driver must come from " + CHROMIUM + " and " + CHROMEDRIVER + " only");
        }
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    <T> T await(Duration limit, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, limit, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).until(d -> condition.apply(driver));
    }

    /** Clicks the first element matching, again if the live part replaced it meanwhile. */
    void click(String css) {
        await(Duration.ofSeconds(30), d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** An attribute (or DOM property, such as disabled) of every element matching, read in one step. */
    List<String> values(String css, String property) {
        Object v = script("var p = arguments[1]; return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(function (e) { return String(e[p] !== undefined ? e[p] : e.getAttribute(p)); });", css,
                property);
        return ((List<?>) v).stream().map(String::valueOf).toList();
    }

    /** The text of the first element matching, read in one step (the live part may be replaced at any time). */
    String text(String css) {
        Object t = script("var e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';", css);
        return String.valueOf(t);
    }

    void useToken(String token) {
        WebElement input = find("#token");
        input.clear();
        input.sendKeys(token);
        find("#use-token").click();
        await(Duration.ofSeconds(10), d -> !find("#whoami").getText().isEmpty());
    }

    void forgetToken() {
        script("sessionStorage.clear()");
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every URL the pages requested since the last call. */
    List<String> requests() {
        drainLogs();
        List<String> out = List.copyOf(requested);
        requested.clear();
        return out;
    }

    /** Console errors (and failed loads) since the last call. */
    List<String> consoleErrors() {
        drainLogs();
        List<String> out = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return out;
    }

    private void drainLogs() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(e.getMessage());
            }
        }
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(e.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                    requested.add(message.path("params").path("request").path("url").asText());
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
