package org.videoshop.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.videoshop.cli.video.Clip;
import org.videoshop.cli.video.VideoIO;

/**
 * {@code videoshop serve} in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), on the real bundled tiny model: upload a clip, draw on the first frame, recolour a
 * region, choose a schedule (this module's test provider) and a normalisation, run the edit to 100 % and see them
 * named in its result, play and download the result; cancel a long edit while a second waits behind it;
 * eraser, undo/redo, paste, mask and an edited frame uploaded from elsewhere; the normalisation list off under
 * {@code --no-normalize}.
 * Writes a screenshot of each step to {@code target/serve-screenshots/serve-*.png}; to refresh the ones in the docs,
 * run it with {@code -Dvideoshop.test.screenshots=../docs/images}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("videoshop.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("videoshop.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("videoshop.test.screenshots", "target/serve-screenshots"));
    /** The sample clip enlarged 3 times (96x96), so that brush strokes are not a few pixels wide. */
    static final int ZOOM = 3;

    @TempDir
    static Path dir;

    VideoshopServer server;
    ChromeDriver browser;
    WebDriverWait wait;
    Path downloads;
    Path mp4;

    @BeforeAll
    void start() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "Expected Debian's chromium and "
                + "chromium-driver at " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium "
                + "chromium-driver, as .ci/run does) but found them missing");
        Path clips = Files.createDirectories(dir.resolve("clips"));
        mp4 = ServeFixture.write(ServeFixture.sample(ZOOM), clips, "shapes.mp4");
        downloads = Files.createDirectories(dir.resolve("downloads"));
        server = VideoshopServer.start(ServeConfig.local().withPort(0).withClips(clips));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1340", "--force-device-scale-factor=1", "--hide-scrollbars");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, ServeFixture.WAIT, Duration.ofMillis(50));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            Path root = server.root();
            server.close();
            assertTrue(!Files.exists(root), "Expected the server's files to be deleted at shutdown");
        }
    }

    @Test
    void uploadDrawRunPlayDownload() throws Exception {
        open();
        browser.findElement(By.id("upload-input")).sendKeys(mp4.toAbsolutePath().toString());
        wait.until(d -> d.findElements(By.cssSelector("#filmstrip img")).size() == 8 && loadedImages() == 8);
        assertTrue(browser.findElement(By.id("facts")).getText().contains("96 × 96 px"));
        screenshot("serve-1-opened.png");

        WebElement canvas = browser.findElement(By.id("edit-canvas"));
        String before = pixel(48, 86);
        ((JavascriptExecutor) browser).executeScript(
                "const c = document.getElementById('colour'); c.value = '#ffee00';"
                        + " c.dispatchEvent(new Event('input'));");
        setRange("size", 8);
        drag(canvas, new double[][] {{0.12, 0.9}, {0.5, 0.9}, {0.88, 0.9}});
        wait.until(d -> "1".equals(body("edits")));
        String after = pixel(48, 86);
        assertNotEquals(before, after, "Expected the stroke to change the first frame");
        assertEquals("255,238,0", after, "Expected the stroke in the chosen colour");

        // recolour the disc: a lasso around it, hue shifted by 150 degrees (its yellow becomes a light blue)
        browser.findElement(By.cssSelector("[data-tool=select-lasso]")).click();
        double[][] lasso = new double[17][];
        for (int i = 0; i <= 16; i++) {
            double t = 2 * Math.PI * i / 16;
            lasso[i] = new double[] {0.215 + 0.22 * Math.cos(t), 0.235 + 0.22 * Math.sin(t)};
        }
        drag(canvas, lasso);
        setRange("hue", 150);
        String disc = pixel(20, 22);
        String outside = pixel(80, 20);
        browser.findElement(By.id("apply-recolour")).click();
        wait.until(d -> "2".equals(body("edits")));
        assertNotEquals(disc, pixel(20, 22), "Expected the recolour to change the selected disc");
        assertEquals(outside, pixel(80, 20), "Expected the recolour to leave pixels outside the lasso alone");
        screenshot("serve-2-edited.png");

        // the schedules and normalisations the server found, this module's test schedule among them
        org.openqa.selenium.support.ui.Select spacing = new org.openqa.selenium.support.ui.Select(
                browser.findElement(By.id("sigma-spacing")));
        assertEquals(List.of("karras", "exponential", "karras-rho3"), spacing.getOptions().stream()
                .map(WebElement::getText).toList());
        assertEquals("karras", spacing.getFirstSelectedOption().getText());
        spacing.selectByValue("karras-rho3");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("normalization")))
                .selectByValue("per-frame");
        browser.findElement(By.id("run-button")).click();
        WebElement job = wait.until(d -> first(d.findElements(By.cssSelector(".job"))));
        wait.until(d -> "done".equals(job.getAttribute("data-state")));
        assertEquals("100 %", job.findElement(By.cssSelector(".percent")).getText());
        String made = job.findElement(By.cssSelector(".made")).getText();
        assertTrue(made.startsWith("karras-rho3 schedule · per-frame normalisation · 13 of 25 steps · seed 42"), made);
        wait.until(d -> d.findElement(By.id("compare")).isDisplayed() && loadedCompare());
        browser.findElement(By.id("play")).click();
        wait.until(d -> d.findElement(By.id("frame-label")).getText().matches("frame [3-8] of 8"));
        browser.findElement(By.id("play")).click();
        setRange("scrub", 5);
        wait.until(d -> d.findElement(By.id("frame-label")).getText().equals("frame 6 of 8") && loadedCompare());
        screenshot("serve-3-result.png");

        browser.findElement(By.id("download-mp4")).click();
        Path video = awaitDownload(".mp4");
        Clip clip = VideoIO.read(video);
        assertEquals(8, clip.size());
        assertEquals(96, clip.width());
        assertEquals(96, clip.height());
        browser.findElement(By.id("download-png")).click();
        Path zip = awaitDownload(".zip");
        try (var frames = new java.util.zip.ZipFile(zip.toFile())) {
            assertEquals(8, frames.size());
        }
    }

    @Test
    void cancelMidEditWhileASecondJobWaits() throws Exception {
        open();
        browser.findElement(By.id("upload-input")).sendKeys(mp4.toAbsolutePath().toString());
        wait.until(d -> d.findElements(By.cssSelector("#filmstrip img")).size() == 8
                && d.findElement(By.id("run")).isDisplayed()); // shown once the first frame is in the editor
        setNumber("steps", 1000);
        setNumber("strength", 1);
        browser.findElement(By.id("run-button")).click();
        WebElement first = wait.until(d -> first(d.findElements(By.cssSelector(".job"))));
        wait.until(d -> "running".equals(first.getAttribute("data-state"))
                && Double.parseDouble(first.getAttribute("data-percent")) > 0);
        setNumber("steps", 10);
        setNumber("strength", 0.5);
        browser.findElement(By.id("run-button")).click();
        wait.until(d -> d.findElements(By.cssSelector(".job")).size() == 2);
        WebElement second = browser.findElements(By.cssSelector(".job")).get(0); // newest on top
        wait.until(d -> second.findElement(By.cssSelector(".state")).getText().equals("queued: 1 job ahead"));
        screenshot("serve-4-queued.png", "run");

        first.findElement(By.cssSelector(".cancel")).click();
        wait.until(d -> "cancelled".equals(first.getAttribute("data-state")));
        assertTrue(first.findElement(By.cssSelector(".state")).getText().matches("cancelled: stopped during (read|encode|invert|reconstruct|generate) at step \\d+"),
                first.getText());
        wait.until(d -> "done".equals(second.getAttribute("data-state")));
        assertEquals("100 %", second.findElement(By.cssSelector(".percent")).getText());
        ServeFixture.await("the queue to be empty", () -> server.pendingJobs() == 0);
        screenshot("serve-5-cancelled.png", "run");
    }

    @Test
    void eraserUndoRedoPasteMaskAndUploadedFrame() throws Exception {
        open();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("clip-select"))).selectByValue("shapes.mp4");
        browser.findElement(By.id("open-clip")).click();
        wait.until(d -> d.findElements(By.cssSelector("#filmstrip img")).size() == 8 && loadedImages() == 8);
        WebElement canvas = browser.findElement(By.id("edit-canvas"));
        String original = pixel(48, 86);
        ((JavascriptExecutor) browser).executeScript("const c = document.getElementById('colour'); c.value = "
                + "'#00ff00'; c.dispatchEvent(new Event('input'));");
        setRange("size", 8);
        drag(canvas, new double[][] {{0.3, 0.9}, {0.7, 0.9}});
        assertEquals("0,255,0", pixel(48, 86));
        browser.findElement(By.id("undo")).click();
        assertEquals(original, pixel(48, 86), "Expected undo to restore the frame");
        browser.findElement(By.id("redo")).click();
        assertEquals("0,255,0", pixel(48, 86), "Expected redo to bring the stroke back");
        browser.findElement(By.cssSelector("[data-tool=eraser]")).click();
        setRange("size", 16);
        drag(canvas, new double[][] {{0.4, 0.9}, {0.6, 0.9}});
        assertEquals(original, pixel(48, 86), "Expected the eraser to restore the original pixels");

        // paste a 20x20 magenta square, moved by a click to the frame's centre, then placed
        java.awt.image.BufferedImage square = new java.awt.image.BufferedImage(20, 20,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = square.createGraphics();
        g.setColor(new java.awt.Color(255, 0, 255));
        g.fillRect(0, 0, 20, 20);
        g.dispose();
        Path squarePng = dir.resolve("square.png");
        Files.write(squarePng, ServeFixture.png(square));
        browser.findElement(By.id("paste-input")).sendKeys(squarePng.toString());
        wait.until(d -> d.findElement(By.id("paste-place")).isEnabled());
        new Actions(browser).moveToElement(canvas, 0, 0).click().perform();
        browser.findElement(By.id("paste-place")).click();
        assertEquals("255,0,255", pixel(48, 48), "Expected the pasted image at the frame's centre");
        assertEquals(original, pixel(48, 86), "Expected the paste to cover only its square");

        // a mask is painted as a red overlay on the view, not into the edited frame
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("target"))).selectByValue("mask");
        browser.findElement(By.cssSelector("[data-tool=brush]")).click();
        String maskFree = pixel(80, 80);
        drag(canvas, new double[][] {{0.8, 0.8}, {0.85, 0.85}});
        assertNotEquals(maskFree, pixel(80, 80), "Expected the mask to show on the view");
        browser.findElement(By.id("clear-mask")).click();
        assertEquals(maskFree, pixel(80, 80), "Expected Clear mask to remove it");

        // an edited frame made elsewhere: the wrong size is refused with the server's message, the right one loads
        Path wrong = dir.resolve("wrong-size.png");
        Files.write(wrong, ServeFixture.png(ServeFixture.sampleEdit(1)));
        browser.findElement(By.id("edited-input")).sendKeys(wrong.toString());
        wait.until(d -> d.findElement(By.id("message")).isDisplayed());
        assertEquals("Expected the edited first frame of 96x96 like the video's frames but found 32x32",
                browser.findElement(By.id("message")).getText());
        Path right = dir.resolve("edited.png");
        java.awt.image.BufferedImage edited = ServeFixture.sampleEdit(ZOOM);
        Files.write(right, ServeFixture.png(edited));
        browser.findElement(By.id("edited-input")).sendKeys(right.toString());
        int rgb = edited.getRGB(20, 20);
        String expected = ((rgb >> 16) & 0xff) + "," + ((rgb >> 8) & 0xff) + "," + (rgb & 0xff);
        wait.until(d -> expected.equals(pixel(20, 20)) && !d.findElement(By.id("message")).isDisplayed());
    }

    /**
     * On a server started with {@code --no-normalize} the page's normalisation list is disabled, says why, and its
     * jobs name none (the server would refuse one): the job runs, its card says "no normalisation".
     */
    @Test
    void noNormalizeDisablesTheNormalisationList() throws Exception {
        try (VideoshopServer off = VideoshopServer.start(ServeFixture.fromFlags("--no-normalize", "--port", "0",
                "--clips", dir.resolve("clips").toString()))) {
            open(off);
            browser.findElement(By.id("upload-input")).sendKeys(mp4.toAbsolutePath().toString());
            wait.until(d -> d.findElement(By.id("run")).isDisplayed());
            WebElement list = browser.findElement(By.id("normalization"));
            assertTrue(!list.isEnabled(), "Expected the normalisation list disabled under --no-normalize");
            assertEquals(List.of("off"), list.findElements(By.tagName("option")).stream()
                    .map(WebElement::getText).toList());
            assertEquals("Off: the server was started with --no-normalize.",
                    browser.findElement(By.id("normalization-note")).getText());
            assertTrue(browser.findElement(By.id("normalization-label")).getAttribute("title")
                    .contains("jobs run without latent normalisation"));
            assertTrue(browser.findElement(By.id("sigma-spacing")).isEnabled(), "the schedules are still offered");
            setNumber("steps", 4);
            browser.findElement(By.id("run-button")).click();
            WebElement job = wait.until(d -> first(d.findElements(By.cssSelector(".job"))));
            wait.until(d -> "done".equals(job.getAttribute("data-state")) || d.findElement(By.id("message"))
                    .isDisplayed());
            assertEquals("done", job.getAttribute("data-state"), browser.findElement(By.id("message")).getText());
            String made = job.findElement(By.cssSelector(".made")).getText();
            assertTrue(made.startsWith("karras schedule · no normalisation · "), made);
        }
    }

    private void open() {
        open(server);
    }

    private void open(VideoshopServer s) {
        browser.get("http://127.0.0.1:" + s.port() + "/");
        wait.until(d -> "true".equals(body("ready")));
    }

    private String body(String key) {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.body.dataset[arguments[0]]",
                key);
    }

    private long loadedImages() {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#filmstrip img')].filter(i => i.complete && i.naturalWidth)"
                        + ".length");
    }

    private boolean loadedCompare() {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return ['source-frame', 'result-frame'].every(id => { const i = document.getElementById(id);"
                        + " return i.complete && i.naturalWidth > 0; })");
    }

    /** The edit canvas's pixel at frame coordinates (x, y) as "r,g,b". */
    private String pixel(int x, int y) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const d = document.getElementById('edit-canvas').getContext('2d').getImageData(arguments[0],"
                        + " arguments[1], 1, 1).data; return d[0] + ',' + d[1] + ',' + d[2];", x, y);
    }

    /** A pointer drag through points given as fractions of the element's size. */
    private void drag(WebElement element, double[][] points) {
        int w = element.getRect().getWidth();
        int h = element.getRect().getHeight();
        Actions a = new Actions(browser);
        int[] at = offset(points[0], w, h);
        a.moveToElement(element, at[0], at[1]).clickAndHold();
        for (int i = 1; i < points.length; i++) {
            int[] to = offset(points[i], w, h);
            a.moveToElement(element, to[0], to[1]);
        }
        a.release().perform();
    }

    /** Selenium's offsets are from the element's centre. */
    private static int[] offset(double[] fraction, int w, int h) {
        return new int[] {(int) Math.round((fraction[0] - 0.5) * w), (int) Math.round((fraction[1] - 0.5) * h)};
    }

    private void setRange(String id, int value) {
        ((JavascriptExecutor) browser).executeScript("const e = document.getElementById(arguments[0]);"
                + " e.value = arguments[1]; e.dispatchEvent(new Event('input'));", id, value);
    }

    private void setNumber(String id, double value) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value));
    }

    private static WebElement first(List<WebElement> elements) {
        return elements.isEmpty() ? null : elements.get(0);
    }

    private Path awaitDownload(String suffix) {
        return wait.until((ExpectedCondition<Path>) d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** The whole page from its top (the window is tall enough to hold it). */
    private void screenshot(String name) throws IOException {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        save(browser.getScreenshotAs(OutputType.FILE), name);
    }

    /** One card of the page. */
    private void screenshot(String name, String card) throws IOException {
        save(browser.findElement(By.id(card)).getScreenshotAs(OutputType.FILE), name);
    }

    private static void save(File shot, String name) throws IOException {
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
