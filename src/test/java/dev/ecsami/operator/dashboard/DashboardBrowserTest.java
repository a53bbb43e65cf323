package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.SimulatedTestProfile;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.runtime.Overrides;
import dev.ecsami.operator.runtime.RolloutCommands;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser against the simulated AWS, whose rollouts move in virtual time
 * while the pages are open. After every test the browser console has no error and no request
 * left loopback.
 */
@QuarkusTest
@TestProfile(SimulatedTestProfile.class)
class DashboardBrowserTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** Where the screenshot of the rollout page goes; -Ddashboard.screenshot=docs/dashboard-rollout.png refreshes the README's. */
    private static final Path SCREENSHOT = Path.of(System.getProperty("dashboard.screenshot",
            "target/dashboard-rollout.png"));
    private static Browser browser;

    @TestHTTPResource("/")
    URI root;

    @Inject
    RolloutCommands commands;

    @Inject
    dev.ecsami.operator.core.port.RolloutStore store;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser(true);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void noTokenAndNoEarlierLogs() {
        browser.open(root);
        browser.forgetToken();
        browser.consoleErrors();
        browser.requests();
    }

    private static RequestSpecification asOperator() {
        return RestAssured.given().contentType("application/json")
                .header("Authorization", "Bearer " + SimulatedTestProfile.OPERATOR_TOKEN);
    }

    private URI at(String path) {
        return root.resolve(path);
    }

    private String state() {
        return browser.text("#rollout-state");
    }

    @Test
    void rolloutPageShowsEveryInstanceWithItsPhasesAndMovesLiveWithoutReload() throws Exception {
        // Planned, then paused: it stands still until the page is open, however loaded the machine.
        String id = commands.start("web", Optional.empty(), Overrides.none(), new Trigger(Trigger.Kind.HTTP, "ops",
                ""), "ops", true).id();
        String reason = "watching <img src=x onerror=alert(1)> it";
        asOperator().body(java.util.Map.of("reason", reason)).post("/api/rollouts/" + id + "/pause").then()
                .statusCode(200);
        browser.open(at("rollouts/" + id));
        assertThat(state()).isEqualTo("PAUSED");
        assertThat(browser.text(".reason")).as("text from users is text").isEqualTo(reason);
        assertThat(browser.all(".reason img")).isEmpty();
        browser.script("window.sameDocument = true");

        asOperator().post("/api/rollouts/" + id + "/resume").then().statusCode(200);
        List<String> progressSeen = new ArrayList<>();
        browser.await(LIMIT, d -> {
            // The state is read before the progress: once it says SUCCEEDED, the progress read after it comes
            // from the same live part or a newer one.
            boolean done = state().equals("SUCCEEDED");
            String progress = browser.text("#progress");
            if (progressSeen.isEmpty() || !progressSeen.get(progressSeen.size() - 1).equals(progress)) {
                progressSeen.add(progress);
            }
            return done;
        });

        assertThat(browser.script("return window.sameDocument === true")).isEqualTo(true);
        assertThat(progressSeen).as("the progress the page showed while it ran").hasSizeGreaterThanOrEqualTo(2)
                .last().asString().matches("(\\d+) of \\1 replaced.*");
        Rollout done = commands.get(id);
        List<WebElement> rows = browser.all("#timeline tbody tr");
        assertThat(rows).extracting(r -> r.getAttribute("data-instance"))
                .containsExactlyElementsOf(done.steps().stream().map(s -> s.instanceId()).toList());
        List<String> columns = browser.all("#timeline thead th").stream().map(WebElement::getText).toList();
        assertThat(columns).contains("replacement boot", "DRAINING", "drained, services steadying", "terminating");
        for (WebElement row : rows) {
            assertThat(row.getAttribute("data-phase")).isEqualTo("DONE");
            List<WebElement> cells = row.findElements(By.cssSelector("td.cell"));
            assertThat(cells).hasSize(columns.size() - 6).allSatisfy(c -> assertThat(c.getText()).startsWith("+"));
            assertThat(row.findElements(By.cssSelector("svg.gantt rect"))).hasSizeGreaterThanOrEqualTo(4);
        }
        assertThat(browser.all("svg.chart polyline")).hasSize(3)
                .allSatisfy(p -> assertThat(p.getAttribute("points")).isNotBlank());
        assertThat(browser.all("svg.chart rect.pause")).isNotEmpty();
        assertThat(browser.find("#events").getText()).contains("SUCCEEDED", "DRAIN_STARTED", "PAUSED", "RESUMED");
        assertThat(browser.all("button.action")).as("no token, no action").isEmpty();
        browser.screenshot(SCREENSHOT);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
        assertCleanBrowser(List.of());
    }

    @Test
    void everyActionWorksWithAnOperatorToken() {
        // A long bake keeps it running (at 200 times the wall clock) while the buttons are clicked.
        Overrides slow = new Overrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Duration.ofMinutes(30)));
        Rollout planned = commands.start("webctl", Optional.empty(), slow,
                new Trigger(Trigger.Kind.HTTP, "test", "awaiting approval"), "test", true);
        browser.open(at("rollouts/" + planned.id()));
        browser.useToken(SimulatedTestProfile.OPERATOR_TOKEN);
        assertThat(browser.find("#whoami").getText()).isEqualTo("ops (operator)");
        assertThat(state()).isEqualTo("PLANNED");

        click("approve", true);
        browser.await(LIMIT, d -> !state().equals("PLANNED"));
        click("pause", false);
        browser.await(LIMIT, d -> state().equals("PAUSED"));
        click("resume", false);
        browser.await(LIMIT, d -> !state().equals("PAUSED"));
        click("abort", true);
        browser.await(LIMIT, d -> state().equals("ABORTED"));
        assertThat(commands.get(planned.id()).events()).extracting(e -> e.actor()).contains("ops");

        click("rollback", true);
        browser.await(LIMIT, d -> !d.getCurrentUrl().endsWith(planned.id()));
        String rollback = browser.driver.getCurrentUrl().replaceAll(".*/rollouts/", "");
        assertThat(commands.get(rollback).trigger().detail()).isEqualTo("rollback of " + planned.id());
        browser.await(LIMIT, d -> !state().isEmpty());
        leaveIdle(rollback);

        browser.open(root);
        browser.click("article[data-target=webctl] button[data-action=plan]");
        browser.await(LIMIT, d -> browser.find("#plan").isDisplayed());
        assertThat(browser.find("#plan").getText()).contains("Plan for webctl");
        browser.click("article[data-target=webctl] button[data-action=start]");
        browser.driver.switchTo().alert().accept();
        browser.await(LIMIT, d -> d.getCurrentUrl().contains("/rollouts/"));
        String started = browser.driver.getCurrentUrl().replaceAll(".*/rollouts/", "");
        assertThat(commands.get(started).trigger().source()).isEqualTo("ops");
        browser.await(LIMIT, d -> !state().isEmpty());
        leaveIdle(started);
        assertCleanBrowser(List.of());
    }

    /** How a rollout ends is the engine's business; here it only has to leave the group free again. */
    private void leaveIdle(String id) {
        try {
            commands.abort(id, "test");
        } catch (dev.ecsami.operator.core.rollout.IllegalTransition alreadyFinished) {
            assertThat(commands.get(id).state().isFinal()).isTrue();
        }
        // An aborted rollout holds its group until it has given back what it changed; the next start waits for that.
        browser.await(LIMIT, d -> !commands.get(id).holdsGroup());
    }

    private void click(String action, boolean confirms) {
        String css = "button.action[data-action=" + action + "]";
        browser.await(LIMIT, d -> browser.values(css, "disabled").equals(List.of("false")));
        browser.click(css);
        if (confirms) {
            assertThat(browser.driver.switchTo().alert().getText()).isNotBlank();
            browser.driver.switchTo().alert().accept();
        }
    }

    @Test
    void viewerTokenSeesActionsDisabledWithTheReasonAndTheApiRefusesThem() {
        browser.open(root);
        browser.useToken(SimulatedTestProfile.VIEWER_TOKEN);
        assertThat(browser.find("#whoami").getText()).isEqualTo("view (viewer)");
        String buttons = "article[data-target=demo] button.action";
        browser.await(LIMIT, d -> !browser.values(buttons, "disabled").isEmpty());
        assertThat(browser.values(buttons, "data-action")).containsExactly("plan", "start");
        assertThat(browser.values(buttons, "disabled")).containsOnly("true");
        assertThat(browser.text("article[data-target=demo] .why"))
                .isEqualTo("token 'view' has the viewer role; actions need an operator token");

        int before = commands.targets().size();
        browser.script("var b = document.querySelector('article[data-target=demo] button[data-action=start]');"
                + "b.disabled = false; b.dataset.confirm = ''; b.click();");
        browser.await(LIMIT, d -> browser.find("#notice").isDisplayed());
        assertThat(browser.text("#notice")).isEqualTo("Start rollout refused: Forbidden (403): token "
                + "'view' has the viewer role, which may only read");
        assertThat(commands.targets()).hasSize(before);
        RestAssured.given().header("Authorization", "Bearer " + SimulatedTestProfile.VIEWER_TOKEN)
                .get("/api/rollouts?target=demo").then().statusCode(200).body("total", org.hamcrest.Matchers.is(0));
        assertCleanBrowser(List.of("/api/rollouts - Failed to load resource: the server responded with a status of 403"));
    }

    @Test
    void withoutATokenThePagesReadButOfferNoActionEvenWithoutJavaScript() {
        browser.open(root);
        browser.await(LIMIT, d -> !browser.all("article[data-target=demo]").isEmpty());
        assertThat(browser.all("button.action")).isEmpty();
        assertThat(browser.find("#token-form").isDisplayed()).isTrue();
        assertThat(browser.text("article[data-target=demo] .ami-latest"))
                .contains("al2023-ami-ecs-hvm-2023.0.20261124");
        assertThat(browser.text("article[data-target=demo] .instances")).contains("3 outdated");
        assertCleanBrowser(List.of());

        try (Browser noScript = new Browser(false)) {
            noScript.open(root);
            assertThat(noScript.find("article[data-target=demo] .instances").getText()).contains("3 outdated");
            assertThat(noScript.find("article[data-target=demo] h4").getText()).startsWith("Pre-flight findings");
            assertThat(noScript.all("button.action")).isEmpty();
            assertThat(noScript.find("#token-form").isDisplayed()).isFalse();
            assertThat(noScript.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aThousandInstanceRolloutPagesItsTimelineAndEventsAndEscapesNamesFromAws() {
        Rollout big = BigRollout.of("r-big-browser", 1000, commands.now().minus(Duration.ofDays(5)));
        store.create(big);

        browser.open(at("rollouts/" + big.id()));
        assertThat(browser.all("#timeline tbody tr")).hasSize(50);
        assertThat(browser.text("#timeline-pager")).startsWith("1–50 of 1000 instances");
        assertThat(browser.all("#events tbody tr")).hasSize(50);
        assertThat(browser.all("#timeline .mark.m-forced")).hasSize(1);
        browser.click("#timeline-pager a");
        browser.await(LIMIT, d -> d.getCurrentUrl().endsWith("?page=2&events=1"));
        assertThat(browser.text("#timeline tbody tr")).startsWith("i-00000000000000050");
        assertThat(browser.all("#timeline tbody tr")).hasSize(50);
        assertThat(browser.text("dl.facts")).contains("new <b>bold</b>");
        assertThat(browser.all("dl.facts b")).isEmpty();

        String part = RestAssured.get("/parts/rollouts/" + big.id() + "?page=20").then().statusCode(200)
                .extract().asString();
        assertThat(part.length()).as("one page of a 1000-instance rollout").isLessThan(200_000);
        assertCleanBrowser(List.of());
    }

    @Test
    void pagesForbidInlineScriptAndStyleAndTheApiTellsATokenItsRole() {
        for (String path : List.of("/", "/rollouts/r-big-browser-missing", "/parts/overview")) {
            io.restassured.response.Response page = RestAssured.get(path);
            if (page.statusCode() == 200) {
                assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'")
                        .contains("style-src 'self'").doesNotContain("unsafe-inline");
                assertThat(page.asString()).doesNotContain("<script>").doesNotContainPattern("\\sstyle=")
                        .doesNotContainPattern("\\son[a-z]+=");
            }
        }
        RestAssured.given().header("Authorization", "Bearer " + SimulatedTestProfile.VIEWER_TOKEN)
                .get("/api/whoami").then().statusCode(200).body("name", org.hamcrest.Matchers.is("view"))
                .body("role", org.hamcrest.Matchers.is("viewer"));
        RestAssured.get("/api/whoami").then().statusCode(401);
    }

    private void assertCleanBrowser(List<String> expectedErrors) {
        assertThat(browser.consoleErrors()).allSatisfy(e -> assertThat(expectedErrors)
                .anySatisfy(x -> assertThat(e).contains(x)));
        assertThat(browser.requests()).isNotEmpty().allSatisfy(url -> assertThat(URI.create(url).getHost())
                .isIn("localhost", "127.0.0.1"));
    }
}
