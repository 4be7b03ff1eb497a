package d2l;

import static org.junit.jupiter.api.Assertions.*;

import d2l.optim.Adam;
import d2l.optim.lr.CosineScheduler;
import d2l.plot.Animator;
import d2l.plot.AnimatorListener;
import d2l.train.Trainer;
import d2l.train.TrainResult;
import d2l.model.LinReg;
import org.junit.jupiter.api.Test;

/** The front's helpers around the loop: quiet runs, the plotting listener, schedule plots. */
class FrontTest {

    @Test
    void quietlyNestsAndIsRestoredAfterAnException() {
        java.io.PrintStream out = System.out;
        var buffer = new java.io.ByteArrayOutputStream();
        var data = Ch11.getDataCh11(10);
        try {
            System.setOut(new java.io.PrintStream(buffer, true));
            assertThrows(IllegalStateException.class, () -> Ch11.quietly(() -> { throw new IllegalStateException("x"); }));
            Ch11.quietly(() -> Ch11.quietly(() -> Ch11.trainConciseCh11(new Adam(0.01), data, 1)));
            Ch11.trainConciseCh11(new Adam(0.01), data, 1);
        } finally {
            System.setOut(out);
        }
        assertEquals(1, buffer.toString().split("loss: ", -1).length - 1, buffer.toString());
    }

    @Test
    void theAnimatorListenerDrawsEveryEvaluation() {
        var data = Ch11.getDataCh11(10);
        LinReg net = new LinReg(5).initNormal(0.01);
        AnimatorListener drawing = new AnimatorListener(new Animator());
        TrainResult r = new Trainer(net, new Adam(0.01), data).epochs(1)
                .evaluateEvery(200, () -> net.loss(data.features(), data.labels()))
                .listeners(drawing).fit();
        assertArrayEquals(r.epochs(), drawing.animator().x());
        assertArrayEquals(r.losses(), drawing.animator().y(0));
        assertFalse(r.toString().contains("[D@"), r.toString());
    }

    @Test
    void aSchedulePlotHasOnePointPerStep() {
        var plot = Ch11.plotSchedule(new CosineScheduler(20, 0.3, 0.01, 5, 0), 30);
        assertEquals("Plot[1 series]", plot.toString());
        assertNotNull(plot.figure());
        var e = assertThrows(IllegalStateException.class, () -> Ch11.plotSchedule(t -> 1.0 / (2 - t), 5));
        assertEquals("learning-rate schedule gave lr = Infinity at step 2; a learning rate must be a finite number >= 0",
                e.getMessage());
    }
}
