package d2l.train;

import static org.junit.jupiter.api.Assertions.*;

import d2l.data.DataIter;
import d2l.model.LinReg;
import d2l.model.Parameter;
import d2l.optim.SGD;
import d2l.optim.lr.LrScheduler;
import d2l.optim.lr.MultiFactorScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TrainerTest {
    /** y = 2 x₁ − x₂ + 0.5 + noise, 20 examples, batches of 5 in a fixed order (no shuffling). */
    static DataIter data() {
        Random r = new Random(3);
        DMatrixRMaj X = new DMatrixRMaj(20, 2), y = new DMatrixRMaj(20, 1);
        for (int i = 0; i < 20; i++) {
            X.set(i, 0, r.nextGaussian());
            X.set(i, 1, r.nextGaussian());
            y.set(i, 0, 2 * X.get(i, 0) - X.get(i, 1) + 0.5 + 0.01 * r.nextGaussian());
        }
        return new DataIter(X, y, 5, false, r);
    }

    /** Writes down every event it sees. */
    static final class Log implements TrainListener {
        final List<String> events = new ArrayList<>();

        @Override public void onStart(Progress p) { events.add("start"); }
        @Override public void onEpochStart(Progress p) { events.add("epoch " + p.epoch()); }
        @Override public void onBatch(Progress p, DataIter.Batch b, double loss) {
            events.add("batch " + p.epoch() + "." + p.step() + " updates=" + p.updates() + " examples=" + p.examples());
        }
        @Override public void onEvaluation(Progress p, double value) { events.add("eval at " + p.epochProgress()); }
        @Override public void onEpochEnd(Progress p) { events.add("end of epoch " + p.epoch()); }
        @Override public void onEnd(Progress p, TrainResult r) { events.add("end " + r.losses().length); }
    }

    @Test
    void listenersSeeEventsInTheDocumentedOrder() {
        DataIter data = data();
        LinReg net = new LinReg(2);
        Log log = new Log();
        TrainResult r = new Trainer(net, new SGD(0.1), data).epochs(2)
                .evaluateEvery(10, () -> net.loss(data.features(), data.labels()))
                .listeners(log).fit();
        assertEquals(List.of("start",
                "epoch 1", "batch 1.1 updates=0 examples=5", "batch 1.2 updates=1 examples=10", "eval at 0.5",
                "batch 1.3 updates=2 examples=15", "batch 1.4 updates=3 examples=20", "eval at 1.0", "end of epoch 1",
                "epoch 2", "batch 2.1 updates=4 examples=25", "batch 2.2 updates=5 examples=30", "eval at 1.5",
                "batch 2.3 updates=6 examples=35", "batch 2.4 updates=7 examples=40", "eval at 2.0", "end of epoch 2",
                "end 4"), log.events);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, r.epochs());
        assertEquals(2, r.numEpochs());
        for (int i = 1; i < 4; i++) assertTrue(r.times()[i] >= r.times()[i - 1], "cumulative times");
        assertTrue(r.seconds() >= r.times()[3]);
        assertTrue(r.losses()[3] < r.losses()[0], "SGD lowers the loss: " + r);
    }

    @Test
    void theLoopIsPlainMinibatchTrainingStepByStep() {
        // Two epochs of SGD through the Trainer equal the same updates written out by hand.
        DataIter data = data();
        LinReg net = new LinReg(2), twin = new LinReg(2);
        net.w().value.data[0] = twin.w().value.data[0] = 0.3;
        new Trainer(net, new SGD(0.1), data).epochs(2).fit();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (DataIter.Batch b : data) {
                twin.backward(b.X(), b.y());
                for (Parameter p : twin.parameters()) {
                    for (int i = 0; i < p.size(); i++) p.value.data[i] -= 0.1 * p.grad.data[i];
                }
            }
        }
        assertArrayEquals(twin.w().value.data, net.w().value.data, 0);
        assertArrayEquals(twin.b().value.data, net.b().value.data, 0);
    }

    @Test
    void aFromScratchUpdateIsALambda() {
        DataIter data = data();
        LinReg net = new LinReg(2);
        int[] calls = {0};
        new Trainer(net, params -> calls[0]++, data).epochs(3).fit();
        assertEquals(12, calls[0], "3 epochs x 4 batches");
    }

    @Test
    void anInterruptedThreadStopsTheRunAtTheNextMinibatch() {
        DataIter data = data();
        Log log = new Log();
        TrainListener interruptAtStep2 = new TrainListener() {
            @Override public void onBatch(Progress p, DataIter.Batch b, double loss) {
                if (p.step() == 2) Thread.currentThread().interrupt();
            }
        };
        var e = assertThrows(TrainingInterruptedException.class,
                () -> new Trainer(new LinReg(2), new SGD(0.1), data).epochs(2).listeners(interruptAtStep2, log).fit());
        assertEquals("interrupted", e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the status is cleared, as InterruptedException does");
        assertEquals("batch 1.2 updates=1 examples=10", log.events.get(log.events.size() - 1));
        Interrupts.check(); // nothing pending now
    }

    @Test
    void aScheduleSetsTheRateBeforeEachEpoch() {
        DataIter data = data();
        SGD sgd = new SGD(1e-3);
        LrScheduler s = new MultiFactorScheduler(0.1, new int[] {1, 2}, 0.5);
        List<Double> seen = new ArrayList<>();
        TrainListener watch = new TrainListener() {
            @Override public void onBatch(Progress p, DataIter.Batch b, double loss) { seen.add(sgd.lr()); }
        };
        new Trainer(new LinReg(2), sgd, data).epochs(3).listeners(LrScheduleListener.eachEpoch(sgd, s), watch).fit();
        assertEquals(List.of(0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025), seen);
    }

    @Test
    void aScheduleSetsTheRateBeforeEachUpdate() {
        DataIter data = data();
        SGD sgd = new SGD(1e-3);
        LrScheduler s = t -> 0.1 / (t + 1);
        List<Double> seen = new ArrayList<>();
        TrainListener watch = new TrainListener() {
            @Override public void onBatch(Progress p, DataIter.Batch b, double loss) { seen.add(sgd.lr()); }
        };
        new Trainer(new LinReg(2), sgd, data).epochs(2).listeners(LrScheduleListener.eachUpdate(sgd, s), watch).fit();
        assertEquals(8, seen.size());
        for (int k = 0; k < 8; k++) assertEquals(0.1 / (k + 1), seen.get(k), 0);
        // A from-scratch update that keeps its rate in a map.
        java.util.Map<String, Double> hp = new java.util.HashMap<>(java.util.Map.of("lr", 1.0));
        new Trainer(new LinReg(2), params -> {}, data).epochs(2)
                .listeners(LrScheduleListener.eachEpoch(lr -> hp.put("lr", lr), t -> 0.5 * (t + 1))).fit();
        assertEquals(1.0, hp.get("lr"), 0, "epoch index 1 of the second epoch");
    }

    @Test
    void aBadScheduleStopsTrainingNamingStepAndValue() {
        SGD sgd = new SGD(0.1);
        LrScheduler s = t -> 0.1 - 0.05 * t;
        var e = assertThrows(IllegalStateException.class, () -> new Trainer(new LinReg(2), sgd, data()).epochs(5)
                .listeners(LrScheduleListener.eachEpoch(sgd, s)).fit());
        assertTrue(e.getMessage().contains("at step 3") && e.getMessage().contains("-0.05"), e.getMessage());
    }

    @Test
    void theGuardStopsAtTheFirstNonFiniteLoss() {
        DataIter data = data();
        SGD sgd = new SGD(1e154);
        var e = assertThrows(TrainingDivergedException.class, () -> new Trainer(new LinReg(2), sgd, data).epochs(3)
                .listeners(new DivergenceGuard(sgd::lr)).fit());
        assertEquals(1, e.epoch);
        assertTrue(e.step >= 2 && e.step <= 4, "step " + e.step);
        assertTrue(Double.isFinite(e.lastFiniteLoss));
        assertTrue(e.getMessage().contains("epoch 1, step " + e.step) && e.getMessage().contains("lr=1.0E154"), e.getMessage());
    }

    @Test
    void resultReadsWell() {
        TrainResult r = new TrainResult(new double[] {0.5, 1}, new double[] {0.001, 0.002}, new double[] {0.3, 0.24239}, 1, 0.0025);
        assertEquals("TrainResult[2 records over 1 epoch, final loss 0.2424, 0.00250 sec/epoch]", r.toString());
        TrainResult none = new TrainResult(new double[0], new double[0], new double[0], 3, 0.3);
        assertEquals("TrainResult[0 records over 3 epochs, final loss none, 0.100 sec/epoch]", none.toString());
        assertThrows(IllegalStateException.class, none::finalLoss);
        assertThrows(IllegalArgumentException.class, () -> new TrainResult(new double[1], new double[2], new double[1], 1, 0));
    }

    @Test
    void badArgumentsNameTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Trainer(new LinReg(2), new SGD(), data()).epochs(0));
        assertTrue(e.getMessage().contains("numEpochs must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(new LinReg(2), new SGD(), data())
                .evaluateEvery(0, () -> 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(new LinReg(2), new SGD(), data())
                .evaluateEvery(50, () -> 0).fit());
        assertTrue(e.getMessage().contains("fewer than 50 examples"), e.getMessage());
    }
}
