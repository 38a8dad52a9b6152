package org.seq2seq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.seq2seq.core.toy.TinyModel;
import org.seq2seq.core.translate.Translation;
import org.seq2seq.core.translate.Translator;
import org.seq2seq.decoder.search.SearchOptions;

/**
 * The web page in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; skipped with a message where they are absent) types a sentence,
 * presses Translate and reads the translation, the n-best list and the heat map from the page.
 */
class ServePageBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    private static List<String> texts(List<Translation> candidates) {
        return candidates.stream().map(Translation::text).toList();
    }

    @Test
    void typesASentenceAndReadsTheTranslationAndTheHeatMap(@TempDir Path directory) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no headless browser here ("
                + CHROMIUM + ", " + DRIVER + "): apt-get install chromium chromium-driver to run this test");
        String sentence = TinyModel.validationPairs().get(5)[0];
        try (ServerFixture fixture = new ServerFixture(directory,
                ServeLimits.builder().maxCharacters(60).build(), null);
             Translator reference = Translator.load(fixture.modelDirectory)) {
            List<Translation> expected = reference.translateNBest(List.of(sentence),
                    SearchOptions.builder().beamSize(5).nBest(3).build()).get(0);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1000,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
            WebDriver driver = new ChromeDriver(service, options);
            try {
                driver.get(fixture.uri("/").toString());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#model option")));
                assertEquals("tiny", driver.findElement(By.id("model")).getAttribute("value"));
                assertTrue(driver.findElement(By.id("languages")).getText().startsWith("de → en"));
                driver.findElement(By.id("source")).sendKeys(sentence);
                driver.findElement(By.id("translate")).click();
                WebElement translation = driver.findElement(By.id("translation"));
                wait.until(d -> !translation.getText().isBlank());
                assertEquals(expected.get(0).text(), translation.getText());
                List<WebElement> nBest = driver.findElements(By.cssSelector("#nbest-list li"));
                assertEquals(expected.size(), nBest.size());
                assertTrue(nBest.get(1).getText().startsWith(expected.get(1).text()), nBest.get(1).getText());
                // the heat map: a cell per (written token incl. </s>, source token)
                int sourceTokens = reference.attention(sentence, expected.get(0)).source().size();
                List<WebElement> cells = driver.findElements(By.cssSelector("#heatmap rect.cell"));
                assertEquals((expected.get(0).tokens().size() + 1) * sourceTokens, cells.size());
                assertEquals(sourceTokens, driver.findElements(By.cssSelector("#heatmap text.source-token")).size());
                assertTrue(driver.findElement(By.id("error")).getAttribute("hidden") != null, "no error shown");
                File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), Path.of("target", "serve-page.png"), StandardCopyOption.REPLACE_EXISTING);

                // a request the server refuses shows its error, naming the field (the server takes 60 characters)
                driver.findElement(By.id("source")).sendKeys(" Ein Hund läuft im Park und eine Katze schläft.");
                driver.findElement(By.id("translate")).click();
                WebElement error = driver.findElement(By.id("error"));
                wait.until(d -> !error.getText().isBlank());
                assertTrue(error.getText().startsWith("sentences[0]: "), error.getText());

                // the n-gram blocking field reaches the search: a sentence whose n-best list has a
                // candidate with a repeated token gets the list the library gives with blocking
                SearchOptions unblocked = SearchOptions.builder().beamSize(5).nBest(3).build();
                SearchOptions blocked = unblocked.toBuilder().noRepeatNgram(1).build();
                String repeating = TinyModel.validationPairs().stream().map(pair -> pair[0])
                        .filter(s -> !texts(reference.translateNBest(List.of(s), unblocked).get(0))
                                .equals(texts(reference.translateNBest(List.of(s), blocked).get(0))))
                        .findFirst().orElseThrow(() -> new AssertionError("no candidate repeats a token"));
                List<String> expectedBlocked = texts(reference.translateNBest(List.of(repeating), blocked).get(0));
                driver.findElement(By.id("source")).clear();
                driver.findElement(By.id("source")).sendKeys(repeating);
                WebElement noRepeat = driver.findElement(By.id("no-repeat"));
                assertEquals(String.valueOf(ServeLimits.builder().build().maxLength()), noRepeat.getAttribute("max"));
                noRepeat.clear();
                noRepeat.sendKeys("1");
                driver.findElement(By.id("translate")).click();
                wait.ignoring(StaleElementReferenceException.class).until(d -> expectedBlocked.equals(d.findElements(By.cssSelector("#nbest-list li")).stream()
                        .map(li -> li.getText().substring(0, li.getText().lastIndexOf("log p = ")).trim()).toList()));
                assertTrue(error.getAttribute("hidden") != null, "no error shown");
            } finally {
                driver.quit();
            }
        }
    }
}
