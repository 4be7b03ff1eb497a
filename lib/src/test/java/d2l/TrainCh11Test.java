package d2l;

import d2l.data.DataIter;
import d2l.train.TrainResult;
import d2l.train.TrainingDivergedException;

import d2l.model.Parameter;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import d2l.optim.Adam;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrainCh11Test {
    /**
     * A trainer function around the library's Adam, to test trainCh11's plumbing. The book's from-scratch
     * Adam and Yogi are tested from the notebook's own cells in {@link JShellScratchTest}.
     */
    static void adam(List<Parameter> params, Adam opt, Map<String, Double> hyperparams) {
        opt.lr(hyperparams.get("lr")).step(params);
        hyperparams.merge("t", 1.0, Double::sum);
    }

    static Adam initAdamStates(int featureDim) { return new Adam(0.01); }

    static Map<String, Double> hp(double lr) { return new HashMap<>(Map.of("lr", lr, "t", 1.0)); }

    @Test
    void theTrainerFunctionRunsOncePerMinibatch() {
        Rand.manualSeed(0);
        Map<String, Double> hyperparams = hp(0.01);
        TrainResult r = Ch11.quietly(() -> Ch11.trainCh11(TrainCh11Test::adam, initAdamStates(5), hyperparams,
                Ch11.getDataCh11(10), 5));
        assertEquals(15, r.losses().length, "2 epochs x 1500 examples / 200");
        assertEquals(15, r.times().length);
        for (int i = 1; i < 15; i++) assertTrue(r.times()[i] >= r.times()[i - 1], "times are cumulative");
        assertTrue(r.finalLoss() >= 0.238 && r.finalLoss() <= 0.250, "final loss " + r.finalLoss());
        assertEquals(301.0, hyperparams.get("t"), "t counts the 300 updates");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 42})
    void conciseAdamAndYogiLandInTheBooksBand(long seed) {
        Rand.manualSeed(seed);
        DataIter data = Ch11.getDataCh11(10);
        d2l.optim.Adam adam = new d2l.optim.Adam(0.01);
        TrainResult r = Ch11.trainConciseCh11(adam, data);
        assertEquals(30, r.losses().length, "4 epochs x 1500 examples / 200");
        assertTrue(r.finalLoss() >= 0.238 && r.finalLoss() <= 0.250, "Adam final loss " + r.finalLoss());
        assertEquals(600, adam.stepCount(), "4 epochs x 150 minibatches");
        r = Ch11.trainConciseCh11(adam, data);
        assertEquals(600, adam.stepCount(), "a second run starts from a reset optimizer");
        r = Ch11.trainConciseCh11(new d2l.optim.Yogi(0.01), data);
        assertTrue(r.finalLoss() >= 0.238 && r.finalLoss() <= 0.250, "Yogi final loss " + r.finalLoss());
    }

    @Test
    void lossIsRecordedEvery200Examples() {
        Rand.manualSeed(5);
        TrainResult r = Ch11.trainCh11(TrainCh11Test::adam, initAdamStates(5), hp(0.01), Ch11.getDataCh11(10), 5, 1);
        assertEquals(7, r.losses().length); // 1500 / 200 = 7.5
        assertEquals(200.0 / 1500, r.epochs()[0], 1e-15);
        assertEquals(1400.0 / 1500, r.epochs()[6], 1e-15);
        // An untrained model (w ≈ 0, b = 0) has loss ≈ var(y)/2 ≈ 0.5; Adam brings it down quickly.
        assertTrue(r.losses()[0] < 0.5 && r.losses()[6] < r.losses()[0], java.util.Arrays.toString(r.losses()));
    }

    @Test
    void quietlyRecordsWithoutPrinting() {
        java.io.PrintStream out = System.out;
        var buffer = new java.io.ByteArrayOutputStream();
        TrainResult r;
        try {
            System.setOut(new java.io.PrintStream(buffer, true));
            r = Ch11.quietly(() -> Ch11.trainCh11(TrainCh11Test::adam, initAdamStates(5), hp(0.01), Ch11.getDataCh11(10), 5));
            Ch11.trainCh11(TrainCh11Test::adam, initAdamStates(5), hp(0.01), Ch11.getDataCh11(10), 5);
        } finally {
            System.setOut(out);
        }
        assertEquals(15, r.losses().length);
        String printed = buffer.toString();
        assertEquals(1, printed.split("loss: ", -1).length - 1, "only the second run prints: " + printed);
        assertTrue(printed.matches("loss: 0\\.2[34]\\d, [0-9.e-]+ sec/epoch\\R"), printed);
    }

    @Test
    void divergenceStopsWithEpochStepAndLastFiniteLoss() {
        Rand.manualSeed(0);
        Ch11.TrainerFn<Void> explode = (params, s, h) -> {
            for (Parameter p : params) for (int i = 0; i < p.size(); i++) p.value.data[i] -= 1e200 * p.grad.data[i];
        };
        var e = assertThrows(TrainingDivergedException.class,
                () -> Ch11.trainCh11(explode, null, hp(1e200), Ch11.getDataCh11(10), 5));
        assertEquals(1, e.epoch);
        assertTrue(e.step >= 2 && e.step <= 4, "step " + e.step);
        assertTrue(Double.isFinite(e.lastFiniteLoss));
        assertTrue(e.getMessage().contains("epoch 1, step " + e.step) && e.getMessage().contains("lr=1.0E200"), e.getMessage());
    }

    @Test
    void badArgumentsNameTheValue() {
        DataIter data = Ch11.getDataCh11(10);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Ch11.trainCh11(TrainCh11Test::adam, initAdamStates(5), hp(0.01), data, 5, 0));
        assertTrue(e.getMessage().contains("numEpochs must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Ch11.trainCh11(TrainCh11Test::adam, initAdamStates(4), hp(0.01), data, 4));
        assertTrue(e.getMessage().contains("featureDim is 4") && e.getMessage().contains("5 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Ch11.trainCh11(TrainCh11Test::adam, initAdamStates(5), hp(-0.5), data, 5));
        assertTrue(e.getMessage().contains("lr must be > 0, got -0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Ch11.trainCh11(TrainCh11Test::adam, initAdamStates(5), hp(Double.NaN), data, 5));
        assertTrue(e.getMessage().contains("got NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Ch11.trainCh11(TrainCh11Test::adam, initAdamStates(5), Map.of("lr", 0.01, "t", 1.0), data, 5));
        assertTrue(e.getMessage().contains("mutable") && e.getMessage().contains("new HashMap"), e.getMessage());
    }
}
