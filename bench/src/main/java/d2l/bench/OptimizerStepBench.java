package d2l.bench;

import d2l.model.Parameter;
import d2l.optim.Optimizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One {@link Optimizer#step(List)} on a single parameter of n doubles, state already allocated.
 * ns/op divided by n is the time per element; run with {@code -prof gc} for bytes allocated per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerStepBench {

    @Param({"SGD", "Momentum", "AdaGrad", "RMSProp", "AdaDelta", "Adam", "AMSGrad", "AdamW", "AdamW-AMSGrad", "Yogi"})
    public String optimizer;

    @Param({"1000", "100000", "10000000"})
    public int n;

    private Optimizer opt;
    private List<Parameter> params;

    @Setup(Level.Trial)
    public void setup() {
        Parameter p = Parameter.zeros(n, 1);
        SplittableRandom rng = new SplittableRandom(42);
        // Gradients of order 1 and fixed across steps: the moments converge to normal numbers, so no
        // subnormal arithmetic creeps into the later iterations.
        for (int i = 0; i < n; i++) {
            p.value.data[i] = rng.nextGaussian();
            p.grad.data[i] = rng.nextGaussian() + (i % 2 == 0 ? 0.5 : -0.5);
        }
        params = List.of(p);
        opt = Optimizers.create(optimizer);
        opt.step(params); // allocates the state outside the measurement, as torch does on its first step
    }

    @Benchmark
    public void step() {
        opt.step(params);
    }
}
