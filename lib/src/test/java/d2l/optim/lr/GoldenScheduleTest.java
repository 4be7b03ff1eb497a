package d2l.optim.lr;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares our schedules with torch 1.13's {@code lr_scheduler} equivalents, recorded by
 * {@code tools/golden/make_lr_golden.py}: {@code lr(t)} against torch's rate of epoch {@code t + offset}.
 * Tolerance 1e-12 relative (torch's cosine is computed recursively, ours in closed form).
 */
class GoldenScheduleTest {
    private static final String DIR = "/golden/lr/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOL = 1e-12;
    private static final Map<String, Double> WORST = new TreeMap<>();

    static List<String> runs() throws IOException {
        List<String> files = new ArrayList<>();
        for (JsonNode f : read("index.json")) files.add(f.asText());
        assertTrue(files.size() >= 4, "expected a run per schedule, found " + files);
        return files;
    }

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = GoldenScheduleTest.class.getResourceAsStream(DIR + file)) {
            assertNotNull(in, "missing test resource " + DIR + file);
            return JSON.readTree(in);
        }
    }

    static LrScheduler create(JsonNode java) {
        JsonNode a = java.get("args");
        return switch (java.get("class").asText()) {
            case "SquareRootScheduler" -> new SquareRootScheduler(a.get("lr").asDouble());
            case "FactorScheduler" -> new FactorScheduler(a.get("factor").asDouble(), a.get("stopFactorLr").asDouble(),
                    a.get("baseLr").asDouble());
            case "MultiFactorScheduler" -> {
                int[] m = new int[a.get("milestones").size()];
                for (int i = 0; i < m.length; i++) m[i] = a.get("milestones").get(i).asInt();
                yield new MultiFactorScheduler(a.get("baseLr").asDouble(), m, a.get("gamma").asDouble());
            }
            case "CosineScheduler" -> new CosineScheduler(a.get("maxUpdate").asInt(), a.get("baseLr").asDouble(),
                    a.get("finalLr").asDouble());
            default -> throw new AssertionError("unknown schedule " + java);
        };
    }

    @ParameterizedTest
    @MethodSource("runs")
    void matchesTorch(String file) throws IOException {
        JsonNode run = read(file);
        LrScheduler s = create(run.get("java"));
        int offset = run.get("offset").asInt();
        JsonNode lrs = run.get("lrs");
        assertTrue(lrs.size() > offset + 10, file + " is too short");
        double worst = 0;
        for (int t = 0; t + offset < lrs.size(); t++) {
            double expected = lrs.get(t + offset).asDouble(), actual = s.lr(t);
            double dev = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-3);
            worst = Math.max(worst, dev);
            final int step = t;
            assertTrue(dev <= TOL, () -> file + ": " + s + " lr(" + step + ") = " + actual + ", torch (" + run.get("torch").asText()
                    + ", epoch " + (step + offset) + ") " + expected);
        }
        WORST.put(file, worst);
    }

    @AfterAll
    static void report() {
        WORST.forEach((f, d) -> System.out.printf("golden lr %-24s max relative deviation %.3e%n", f, d));
    }
}
