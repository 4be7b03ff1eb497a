package d2l;

import d2l.model.Parameter;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * The from-scratch API as a notebook uses it: top-level JShell methods and a record, passed to the
 * trainer through a lambda, exactly as the Java kernel (JShell, local execution) runs a cell.
 */
class JShellScratchTest {
    static final String CELLS = """
            import d2l.*;
            import d2l.data.*;
            import d2l.model.*;
            import static d2l.Ch11.*;
            import java.util.*;
            import org.ejml.data.DMatrixRMaj;

            record State(DMatrixRMaj v, DMatrixRMaj s) {}

            List<State> initAdamStates(int featureDim) {
                return List.of(new State(new DMatrixRMaj(featureDim, 1), new DMatrixRMaj(featureDim, 1)),
                               new State(new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1)));
            }

            void adam(List<Parameter> params, List<State> states, Map<String, Double> hyperparams) {
                double beta1 = 0.9, beta2 = 0.999, eps = 1e-6;
                double lr = hyperparams.get("lr"), t = hyperparams.get("t");
                for (int k = 0; k < params.size(); k++) {
                    double[] x = params.get(k).value.data, g = params.get(k).grad.data;
                    double[] v = states.get(k).v().data, s = states.get(k).s().data;
                    for (int i = 0; i < x.length; i++) {
                        v[i] = beta1 * v[i] + (1 - beta1) * g[i];
                        s[i] = beta2 * s[i] + (1 - beta2) * g[i] * g[i];
                        double vHat = v[i] / (1 - Math.pow(beta1, t));
                        double sHat = s[i] / (1 - Math.pow(beta2, t));
                        x[i] -= lr * vHat / (Math.sqrt(sHat) + eps);
                    }
                }
                hyperparams.put("t", t + 1);
            }

            Rand.manualSeed(1);
            var data = getDataCh11(10);
            int featureDim = data.featureDim();
            var hyperparams = new HashMap<>(Map.of("lr", 0.01, "t", 1.0));
            var result = trainCh11((p, s, h) -> adam(p, s, h), initAdamStates(featureDim), hyperparams, data, featureDim);
            result.finalLoss()
            """;

    @Test
    void scratchAdamRunsInJShell() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : cp.split(File.pathSeparator)) if (!entry.isBlank()) shell.addToClasspath(entry);
            String last = null;
            String rest = CELLS;
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            while (!rest.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                assertNotNull(info.source(), "incomplete snippet: " + rest);
                List<SnippetEvent> events = shell.eval(info.source());
                for (SnippetEvent ev : events) {
                    String diagnostics = shell.diagnostics(ev.snippet()).map(d -> d.getMessage(null)).toList().toString();
                    assertNull(ev.exception(), () -> "snippet threw: " + info.source() + " -> " + ev.exception());
                    assertTrue(ev.status() == Snippet.Status.VALID, () -> "snippet rejected: " + info.source() + " " + diagnostics);
                    if (ev.value() != null) last = ev.value();
                }
                rest = info.remaining();
            }
            double finalLoss = Double.parseDouble(last);
            assertTrue(finalLoss >= 0.238 && finalLoss <= 0.250, "final loss " + finalLoss);
            assertEquals("301.0", shell.eval("hyperparams.get(\"t\")").get(0).value());
        }
    }
}
