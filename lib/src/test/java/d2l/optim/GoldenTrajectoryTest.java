package d2l.optim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays the gradients recorded by {@code tools/golden/make_optim_golden.py} (torch.optim in float64;
 * Yogi by the book's formula) into our optimizers and compares every parameter after every step.
 * Tolerance 1e-10, relative where |x| > 1 and absolute otherwise.
 */
class GoldenTrajectoryTest {

    private static final String DIR = "/golden/optim/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOL = 1e-10;
    /** Largest deviation per run, printed at the end (it goes to the surefire report). */
    private static final Map<String, Double> WORST = new TreeMap<>();

    static List<String> runs() throws IOException {
        List<String> files = new ArrayList<>();
        for (JsonNode f : read("index.json")) {
            files.add(f.asText());
        }
        assertTrue(files.size() >= 9, "expected a run per optimizer, found " + files);
        return files;
    }

    private static JsonNode read(String file) throws IOException {
        try (InputStream in = GoldenTrajectoryTest.class.getResourceAsStream(DIR + file)) {
            assertNotNull(in, "missing test resource " + DIR + file);
            return JSON.readTree(in);
        }
    }

    /**
     * Builds our optimizer for a run. For the "_default" runs we use the no-argument constructors and
     * check that their hyperparameters are the ones torch used, so the defaults are tested too.
     */
    static Optimizer create(JsonNode run) {
        String kind = run.get("optimizer").asText();
        JsonNode hp = run.get("hyperparams");
        boolean defaults = run.get("name").asText().endsWith("_default");
        double lr = hp.get("lr").asDouble();
        switch (kind) {
            case "SGD":
                return defaults ? new SGD() : new SGD(lr);
            case "Momentum":
                return defaults ? new Momentum() : new Momentum(lr, hp.get("momentum").asDouble());
            case "AdaGrad":
                return defaults ? new AdaGrad() : new AdaGrad(lr, hp.get("eps").asDouble());
            case "RMSProp":
                return defaults ? new RMSProp()
                        : new RMSProp(lr, hp.get("alpha").asDouble(), hp.get("eps").asDouble());
            case "AdaDelta":
                return defaults ? new AdaDelta()
                        : new AdaDelta(lr, hp.get("rho").asDouble(), hp.get("eps").asDouble());
            case "Adam":
                return defaults ? new Adam().amsgrad(hp.get("amsgrad").asBoolean())
                        : new Adam(lr, hp.get("beta1").asDouble(), hp.get("beta2").asDouble(),
                        hp.get("eps").asDouble(), hp.get("amsgrad").asBoolean());
            case "AdamW":
                return defaults ? new AdamW().amsgrad(hp.get("amsgrad").asBoolean())
                        : new AdamW(lr, hp.get("beta1").asDouble(), hp.get("beta2").asDouble(),
                        hp.get("eps").asDouble(), hp.get("weightDecay").asDouble(), hp.get("amsgrad").asBoolean());
            case "Yogi":
                return defaults ? new Yogi()
                        : new Yogi(lr, hp.get("beta1").asDouble(), hp.get("beta2").asDouble(), hp.get("eps").asDouble());
            default:
                throw new AssertionError("unknown optimizer " + kind);
        }
    }

    /** The hyperparameters our optimizer reports, under the JSON's names. */
    static Map<String, Object> hyperparams(Optimizer o) {
        Map<String, Object> m = new TreeMap<>();
        m.put("lr", ((AbstractOptimizer) o).lr());
        if (o instanceof Momentum x) {
            m.put("momentum", x.momentum());
        } else if (o instanceof AdaGrad x) {
            m.put("eps", x.eps());
        } else if (o instanceof RMSProp x) {
            m.put("alpha", x.alpha());
            m.put("eps", x.eps());
        } else if (o instanceof AdaDelta x) {
            m.put("rho", x.rho());
            m.put("eps", x.eps());
        } else if (o instanceof Adam x) { // AdamW too: it is Adam plus a decay
            m.put("beta1", x.beta1());
            m.put("beta2", x.beta2());
            m.put("eps", x.eps());
            m.put("amsgrad", x.amsgrad());
            if (x instanceof AdamW w) {
                m.put("weightDecay", w.weightDecay());
            }
        } else if (o instanceof Yogi x) {
            m.put("beta1", x.beta1());
            m.put("beta2", x.beta2());
            m.put("eps", x.eps());
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void matchesReference(String file) throws IOException {
        JsonNode run = read(file);
        Optimizer opt = create(run);

        Map<String, Object> expectedHp = new TreeMap<>();
        run.get("hyperparams").fields().forEachRemaining(e -> expectedHp.put(e.getKey(),
                e.getValue().isBoolean() ? (Object) e.getValue().asBoolean() : (Object) e.getValue().asDouble()));
        assertEquals(expectedHp, hyperparams(opt), "hyperparameters of " + opt);

        JsonNode shapes = run.get("shapes"), initial = run.get("initial");
        List<Parameter> params = new ArrayList<>();
        for (int k = 0; k < shapes.size(); k++) {
            DMatrixRMaj m = new DMatrixRMaj(shapes.get(k).get(0).asInt(), shapes.get(k).get(1).asInt());
            fill(m.data, initial.get(k), m.getNumElements());
            params.add(new Parameter(m));
        }

        JsonNode steps = run.get("steps");
        assertTrue(steps.size() >= 60, "too few steps in " + file);
        double worst = 0;
        for (int t = 0; t < steps.size(); t++) {
            JsonNode step = steps.get(t);
            for (int k = 0; k < params.size(); k++) {
                fill(params.get(k).grad.data, step.get("grads").get(k), params.get(k).size());
            }
            opt.step(params);
            for (int k = 0; k < params.size(); k++) {
                JsonNode expected = step.get("params").get(k);
                double[] x = params.get(k).value.data;
                for (int i = 0; i < params.get(k).size(); i++) {
                    double e = expected.get(i).asDouble();
                    double err = Math.abs(x[i] - e) / Math.max(1, Math.abs(e));
                    worst = Math.max(worst, err);
                    if (!(err <= TOL)) {
                        fail(file + ": step " + (t + 1) + ", tensor " + k + ", entry " + i + ": expected " + e
                                + " but was " + x[i] + " (error " + err + ")");
                    }
                }
            }
        }
        assertEquals(steps.size(), opt.stepCount());
        synchronized (WORST) {
            WORST.put(file, worst);
        }
    }

    private static void fill(double[] dst, JsonNode values, int n) {
        assertEquals(n, values.size(), "tensor size");
        for (int i = 0; i < n; i++) {
            dst[i] = values.get(i).asDouble();
        }
    }

    @AfterAll
    static void report() {
        WORST.forEach((file, err) -> System.out.printf("golden %-28s max deviation %.3e%n", file, err));
    }
}
