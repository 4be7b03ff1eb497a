package d2l.bench;

import d2l.Ch11;
import d2l.data.DataIter;
import d2l.train.TrainResult;
import d2l.optim.Adam;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The chapter's training loops on the airfoil data (batch 10, lr 0.01), quiet (no plot, no print), as
 * milliseconds per epoch of wall time: training plus the loss on all 1500 examples every 200 examples,
 * which is what a notebook cell waits for. The {@link LoopTime} counters add the loop's own timer
 * (evaluation excluded), the number the book prints as {@code sec/epoch}.
 *
 * <p>The from-scratch Adam is the Adam notebook's own cell code ({@link NotebookScratch}), compiled by
 * JShell as the kernel compiles it.
 *
 * <p>Each invocation trains {@value #EPOCHS} epochs from a fresh start, so the per-run setup (weights,
 * records) is amortised and the recorded times end exactly at the last example (15000 / 200 records).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainCh11Bench {
    static final int EPOCHS = 10;

    private DataIter data;
    private Adam adam;

    /** Training time as the loop's own timer measures it; per epoch = loopNanos / epochs. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class LoopTime {
        public long loopNanos;
        public long epochs;

        @Setup(Level.Iteration)
        public void clear() {
            loopNanos = 0;
            epochs = 0;
        }

        TrainResult add(TrainResult r) {
            double[] times = r.times();
            loopNanos += Math.round(times[times.length - 1] * 1e9);
            epochs += EPOCHS;
            return r;
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        data = Ch11.getDataCh11(10); // D2L_DATA_DIR must hold airfoil_self_noise.dat
        adam = new Adam(0.01);
        NotebookScratch.load();
    }

    @Benchmark
    @OperationsPerInvocation(EPOCHS)
    public TrainResult trainCh11Adam(LoopTime time) {
        Map<String, Double> hyperparams = new HashMap<>(Map.of("lr", 0.01, "t", 1.0));
        return time.add(Ch11.quietly(() -> Ch11.trainCh11(NotebookScratch.adam, NotebookScratch.initAdamStates.apply(5),
                hyperparams, data, 5, EPOCHS)));
    }

    @Benchmark
    @OperationsPerInvocation(EPOCHS)
    public TrainResult trainConciseCh11Adam(LoopTime time) {
        return time.add(Ch11.quietly(() -> Ch11.trainConciseCh11(adam, data, EPOCHS)));
    }
}
