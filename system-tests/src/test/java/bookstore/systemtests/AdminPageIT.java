package bookstore.systemtests;

import static bookstore.systemtests.Poll.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bookstore.api.Item;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NotFoundException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The admin page in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}) against the shared cluster. Logs in, sees every replica with its role, flushes
 * the cache, adds an item and changes its price and reads both back from the public API, then kills
 * a backup with {@code ./bookstore kill} and watches the page mark it down within the heartbeat
 * bound, and caught up after {@code ./bookstore restart}. Screenshots of each step go to {@code
 * target/screenshots/}. The steps build on one another, in order, in one browser.
 */
@ClusterTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPageIT {
  /**
   * How long after a SIGKILL the page may take to show a replica down: the front end's heartbeat
   * finds the closed port within one interval (1 s) or after 3 missed ones (3 s), and the page
   * refreshes every second; plus a second for a machine under load.
   */
  static final Duration DOWN_BOUND = Duration.ofSeconds(5);

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static WebDriver browser;
  private final Cluster cluster;

  AdminPageIT(Cluster cluster) {
    this.cluster = cluster;
  }

  @BeforeAll
  static void openBrowser() throws IOException {
    String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
    String chromedriver = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
    // .ci/run installs both; on a machine without them this test says so and is skipped
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(chromium)) && Files.isExecutable(Path.of(chromedriver)),
        "no "
            + chromium
            + " or "
            + chromedriver
            + ": apt-get install chromium chromium-driver to run the admin page's browser test");
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    // the flags that keep Chromium from calling out of this machine (its closed network refuses
    // them)
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1100",
        "--user-data-dir="
            + Files.createTempDirectory(Path.of("target"), "chromium-profile").toAbsolutePath());
    ChromeDriverService driver =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(driver, options);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void logsInThroughTheFormAndSeesEveryReplicaWithItsRole() {
    browser.get(cluster.frontendUrl() + "/admin");
    waitFor(
        "the login form",
        Duration.ofSeconds(10),
        () -> !browser.findElements(By.id("login:user")).isEmpty());
    assertTrue(browser.getCurrentUrl().endsWith("/admin/login.xhtml"), browser.getCurrentUrl());
    screenshot("01-login");

    browser.findElement(By.id("login:user")).sendKeys("admin");
    browser.findElement(By.id("login:password")).sendKeys("not the password");
    browser.findElement(By.id("login:submit")).click();
    waitFor(
        "the refusal",
        Duration.ofSeconds(10),
        () -> text(By.id("login:messages")).contains("wrong user name or password"));

    browser.findElement(By.id("login:password")).sendKeys(cluster.adminPassword());
    browser.findElement(By.id("login:submit")).click();
    waitFor(
        "every replica with a role",
        Duration.ofSeconds(15),
        () ->
            roles("catalog").size() == Cluster.REPLICAS
                && roles("order").size() == Cluster.REPLICAS
                && !roles("catalog").contains("-")
                && !roles("order").contains("-"));
    for (String service : List.of("catalog", "order")) {
      List<String> roles = roles(service);
      assertEquals(
          1, roles.stream().filter("primary"::equals).count(), service + " roles " + roles);
      assertEquals(
          Cluster.REPLICAS - 1,
          roles.stream().filter("backup"::equals).count(),
          service + " roles " + roles);
    }
    screenshot("02-replicas");
  }

  @Test
  @Order(2)
  void flushingTheCacheDropsItsEntries() {
    for (int id = 1; id <= 7; id++) {
      Http.get(cluster.frontendUrl() + "/api/books/" + id); // fills the cache
    }
    waitFor("cached entries on the page", Duration.ofSeconds(5), () -> cacheEntries() >= 7);
    browser.findElement(By.id("cache:flush")).click();
    waitFor("the entry count dropping to 0", Duration.ofSeconds(5), () -> cacheEntries() == 0);
    waitFor(
        "the flush in the events",
        Duration.ofSeconds(5),
        () -> text(By.id("events")).contains("cache flushed"));
  }

  @Test
  @Order(3)
  void anItemAddedAndRepricedOnThePageIsWhatThePublicApiSells() {
    String title = "Admin page " + System.nanoTime();
    browser.findElement(By.id("add:title")).sendKeys(title);
    browser.findElement(By.id("add:topic")).sendKeys("admin page");
    browser.findElement(By.id("add:stock")).sendKeys("12");
    browser.findElement(By.id("add:newPrice")).sendKeys("3.50");
    browser.findElement(By.id("add:submit")).click();
    waitFor(
        "the add form's confirmation",
        Duration.ofSeconds(15),
        () -> text(By.id("add")).contains(title));
    Matcher added = Pattern.compile("added: #(\\d+)").matcher(text(By.id("add")));
    assertTrue(added.find(), text(By.id("add")));
    String id = added.group(1);
    Item item = Http.body(Http.get(cluster.frontendUrl() + "/api/books/" + id), Item.class);
    assertEquals(title, item.title());
    assertEquals(12, item.stock());

    BigDecimal price =
        new BigDecimal(ThreadLocalRandom.current().nextInt(1000, 9999)).movePointLeft(2);
    browser.findElement(By.id("price:item")).sendKeys(id);
    browser.findElement(By.id("price:amount")).sendKeys(price.toPlainString());
    browser.findElement(By.id("price:submit")).click();
    waitFor(
        "the price form's confirmation",
        Duration.ofSeconds(15),
        () -> text(By.id("price")).contains("price of item " + id + " is now " + price));
    String confirmation = "price of item " + id + " is now " + price;
    assertEquals(
        1,
        text(By.id("price")).split(java.util.regex.Pattern.quote(confirmation), -1).length - 1,
        "the confirmation is shown once, as the form's message");
    assertEquals(
        0,
        price.compareTo(
            Http.body(Http.get(cluster.frontendUrl() + "/api/books/" + id), Item.class).price()));

    browser.findElement(By.id("restock:quantity")).sendKeys("0");
    browser.findElement(By.id("restock:submit")).click();
    waitFor(
        "the form's validation messages",
        Duration.ofSeconds(10),
        () ->
            text(By.id("restock")).contains("which item?")
                && text(By.id("restock")).contains("at least 1 unit"));
    screenshot("03-forms");
  }

  @Test
  @Order(4)
  void aKilledBackupIsMarkedDownWithinTheHeartbeatBoundAndCaughtUpAfterItsRestart() {
    String backup = "catalog-1"; // the highest id is primary: replica 1 is a backup
    assertEquals("backup", roles("catalog").get(0));
    cluster.kill(backup);
    long killedAt = System.nanoTime();
    waitFor(backup + " marked down", DOWN_BOUND, () -> rowClass(backup).equals("dead"));
    System.out.printf(
        "the page showed %s down %d ms after its kill%n",
        backup, (System.nanoTime() - killedAt) / 1_000_000);
    assertTrue(text(By.id("events")).contains(backup + " is down"), text(By.id("events")));
    screenshot("04-backup-down");

    Http.admin(
        "POST",
        cluster.frontendUrl() + "/api/admin/items/3/restock",
        "{\"quantity\":5}"); // a write it misses
    cluster.restart(backup);
    waitFor(
        backup + " alive and at the primary's sequence and digest",
        Duration.ofSeconds(30),
        () -> {
          String primary = "catalog-" + Cluster.REPLICAS;
          return rowClass(backup).equals("alive")
              && cell(backup, "sequence").equals(cell(primary, "sequence"))
              && !cell(backup, "digest").isEmpty()
              && cell(backup, "digest").equals(cell(primary, "digest"));
        });
    screenshot("05-caught-up");
  }

  private static List<String> roles(String service) {
    return retried(
        () ->
            browser.findElements(By.cssSelector("#replicas-" + service + " td.role")).stream()
                .map(WebElement::getText)
                .toList());
  }

  private static int cacheEntries() {
    return Integer.parseInt(text(By.id("cache-entries")).strip());
  }

  private static String rowClass(String node) {
    return retried(() -> browser.findElement(By.id("replica-" + node)).getDomAttribute("class"));
  }

  private static String cell(String node, String column) {
    return retried(
        () ->
            browser
                .findElement(By.cssSelector("#replica-" + node + " td." + column))
                .getText()
                .strip());
  }

  private static String text(By element) {
    return retried(() -> browser.findElement(element).getText());
  }

  /** Reads the page again when its once-a-second refresh replaced an element while it was read. */
  private static <T> T retried(java.util.function.Supplier<T> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (StaleElementReferenceException replaced) {
        if (attempt == 5) {
          throw replaced;
        }
      }
    }
  }

  private static void waitFor(
      String what, Duration deadline, java.util.function.BooleanSupplier condition) {
    try {
      await(what)
          .atMost(deadline)
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(
              NotFoundException.class) // an element not on the page yet: read again
          .until(condition::getAsBoolean);
    } catch (RuntimeException notSeen) {
      screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
      throw notSeen;
    }
  }

  private static void screenshot(String name) {
    try {
      File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
      Files.copy(
          shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      System.out.println("no screenshot " + name + ": " + e);
    }
  }
}
