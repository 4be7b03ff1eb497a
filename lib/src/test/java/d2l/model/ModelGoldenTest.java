package d2l.model;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compares logits, loss and every gradient of our models with torch in float64
 * ({@code tools/golden/make_model_golden.py}; weights and inputs come from formulas both sides
 * evaluate to the same bits). Tolerance 1e-10, relative to max(1, |expected|); run with one thread
 * and with three (the batch of 4 then splits unevenly, one thread gets 2 examples).
 */
class ModelGoldenTest {
    static final double TOL = 1e-10;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Double> WORST = new TreeMap<>();

    static final Map<String, Supplier<Classifier>> MODELS = Map.of(
            "softmax", SoftmaxRegression::new,
            "mlp", Mlp::new,
            "lenet_sigmoid_avg", LeNet::new,
            "lenet_relu_max", () -> new LeNet(LeNet.Activation.RELU, LeNet.Pooling.MAX));

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = ModelGoldenTest.class.getResourceAsStream("/golden/models/" + name + ".json")) {
            assertNotNull(in, "missing golden file for " + name + "; run tools/golden/make_model_golden.py");
            return JSON.readTree(in);
        }
    }

    static double pixel(long i) { return (((i * 2654435761L) % 4294967296L) >> 24) / 255.0; }

    static double weight(long t, long i, int fanIn) {
        double s = 1.0 / Math.sqrt(fanIn);
        return s * (((i * 7919 + 104729 * t) % 2003) / 1001.0 - 1.0);
    }

    static double probe(long i) { return (((i * 2246822519L) % 4294967296L) >> 8) / 16777216.0 - 0.5; }

    @ParameterizedTest(name = "{0}, {1} threads")
    @CsvSource({"softmax,1", "softmax,3", "mlp,1", "mlp,3", "lenet_sigmoid_avg,1", "lenet_sigmoid_avg,3",
            "lenet_relu_max,1", "lenet_relu_max,3"})
    void matchesTorch(String name, int threads) throws IOException {
        JsonNode g = golden(name);
        Classifier net = MODELS.get(name).get().threads(threads);
        List<Parameter> ps = net.parameters();
        JsonNode specs = g.get("parameters");
        assertEquals(specs.size(), ps.size(), "parameter count");
        for (int t = 0; t < ps.size(); t++) {
            Parameter p = ps.get(t);
            int numel = 1;
            for (JsonNode d : specs.get(t).get("shape")) numel *= d.asInt();
            assertEquals(numel, p.size(), "size of parameter " + t);
            for (int i = 0; i < p.size(); i++) p.value.data[i] = weight(t, i, specs.get(t).get("fan_in").asInt());
        }
        int batch = g.get("batch").asInt();
        DMatrixRMaj X = new DMatrixRMaj(batch, 784), y = new DMatrixRMaj(batch, 1);
        for (int i = 0; i < X.data.length; i++) X.data[i] = pixel(i);
        for (int i = 0; i < batch; i++) y.data[i] = g.get("labels").get(i).asInt();
        // Stale gradients must be overwritten, not added to.
        for (Parameter p : ps) java.util.Arrays.fill(p.grad.data, 7.0);

        double worst = 0;
        double loss = net.lossAndGrad(X, y);
        worst = Math.max(worst, check(name + " loss", g.get("loss").asDouble(), loss));
        DMatrixRMaj logits = net.forward(X, null);
        JsonNode expectedLogits = g.get("logits");
        assertEquals(expectedLogits.size(), logits.getNumElements());
        for (int i = 0; i < logits.getNumElements(); i++) {
            worst = Math.max(worst, check(name + " logit " + i, expectedLogits.get(i).asDouble(), logits.data[i]));
        }
        JsonNode grads = g.get("grads");
        for (int t = 0; t < ps.size(); t++) {
            double[] gr = ps.get(t).grad.data;
            JsonNode e = grads.get(t);
            String what = name + " grad " + t;
            double sum = 0, sumsq = 0, dot = 0;
            for (int i = 0; i < gr.length; i++) {
                sum += gr[i];
                sumsq += gr[i] * gr[i];
                dot += gr[i] * probe(i);
            }
            worst = Math.max(worst, check(what + " sum", e.get("sum").asDouble(), sum));
            worst = Math.max(worst, check(what + " sum of squares", e.get("sumsq").asDouble(), sumsq));
            worst = Math.max(worst, check(what + " probe", e.get("dot").asDouble(), dot));
            int stride = e.get("stride").asInt();
            JsonNode values = e.get("values");
            assertEquals((gr.length + stride - 1) / stride, values.size(), what + ": stored entries");
            for (int k = 0; k < values.size(); k++) {
                worst = Math.max(worst, check(what + " entry " + k * stride, values.get(k).asDouble(), gr[k * stride]));
            }
        }
        WORST.merge(name + " (" + threads + " threads)", worst, Math::max);
        assertTrue(net.lastCorrect() >= 0 && net.lastCorrect() <= batch);
    }

    static double check(String what, double expected, double actual) {
        double dev = Math.abs(expected - actual) / Math.max(1, Math.abs(expected));
        if (!(dev <= TOL)) fail(what + ": expected " + expected + ", got " + actual + " (deviation " + dev + ")");
        return dev;
    }

    @AfterAll
    static void report() {
        String kernel = Gemm.VECTOR ? "vector API" : "plain Java";
        WORST.forEach((k, v) -> System.out.println("golden " + k + ", " + kernel + " kernels: largest deviation " + v));
    }
}
