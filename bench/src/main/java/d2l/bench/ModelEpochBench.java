package d2l.bench;

import d2l.data.DataIter;
import d2l.data.FashionMnist;
import d2l.model.Classifier;
import d2l.model.LeNet;
import d2l.model.Mlp;
import d2l.model.Parameter;
import d2l.optim.SGD;
import org.openjdk.jmh.annotations.AuxCounters;
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
import java.util.concurrent.TimeUnit;

/**
 * One training epoch on Fashion-MNIST (60000 examples, batch 256, shuffled): for every minibatch the
 * forward pass, the cross-entropy loss, the backward pass and an SGD step, in float64, with
 * {@code threads} threads. Seconds per epoch. Allocation: the {@link Counters} report the bytes
 * allocated during the epoch by the training threads themselves (the benchmark thread and the
 * model's worker threads, read from {@code ThreadMXBean}), and the number of minibatches; with
 * {@code -prof gc}, gc.alloc.rate.norm adds whatever the rest of the JVM (JMH included) allocated.
 * {@code cpuNanos} is the training threads' CPU time (spin-waiting of idle workers included), the
 * measure that stays comparable when other jobs share the machine.
 *
 * <p>The JVM runs with the vector module ({@code --add-modules jdk.incubator.vector}), as the
 * notebooks' kernel should; {@code -jvmArgsAppend -Dd2l.vector=false} measures the plain-Java kernels.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class ModelEpochBench {
    @Param({"mlp", "lenet"})
    public String model;

    @Param({"2"})
    public int threads;

    @Param({"256"})
    public int batch;

    private Classifier net;
    private List<Parameter> params;
    private SGD sgd;
    private FashionMnist.Batches train;

    /** Minibatches and bytes allocated by the training threads, per iteration (= one epoch). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Counters {
        public long batches;
        public long allocatedBytes;
        /** CPU time of the training threads: robust to other load on the machine, unlike wall time. */
        public long cpuNanos;
        long[] threadIds = new long[0];
        final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

        @Setup(Level.Iteration)
        public void clear() {
            batches = 0;
            allocatedBytes = 0;
            cpuNanos = 0;
            // This thread and the model's worker team (they exist after the first epoch).
            threadIds = java.util.stream.Stream.concat(java.util.stream.Stream.of(Thread.currentThread()),
                            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("d2l-worker-")))
                    .mapToLong(Thread::getId).toArray();
        }

        long cpu() {
            long sum = 0;
            for (long id : threadIds) sum += Math.max(0, mx.getThreadCpuTime(id));
            return sum;
        }

        long allocated() {
            long sum = 0;
            for (long id : threadIds) sum += Math.max(0, mx.getThreadAllocatedBytes(id));
            return sum;
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        train = new FashionMnist.Batches(FashionMnist.train(), batch, true, new java.util.Random(42));
        net = switch (model) {
            case "mlp" -> new Mlp(784, 256, 10);
            case "lenet" -> new LeNet();
            case "lenet-relu-max" -> new LeNet(LeNet.Activation.RELU, LeNet.Pooling.MAX);
            default -> throw new IllegalArgumentException("model must be mlp, lenet or lenet-relu-max, got " + model);
        };
        net.threads(threads);
        params = net.parameters();
        // The book's learning rates: 0.1 for the MLP (sec_mlp_concise), 0.9 for LeNet (sec_lenet).
        sgd = new SGD(model.equals("mlp") ? 0.1 : 0.9);
    }

    @Benchmark
    public double epoch(Counters counter) {
        long before = counter.allocated(), cpuBefore = counter.cpu();
        double sum = 0;
        for (DataIter.Batch b : train) {
            sum += net.lossAndGrad(b.X(), b.y());
            sgd.step(params);
            counter.batches++;
        }
        counter.cpuNanos += counter.cpu() - cpuBefore;
        counter.allocatedBytes += counter.allocated() - before;
        return sum;
    }
}
