package d2l.bench;

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

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The memory-bandwidth reference for the optimizer rooflines: STREAM's triad {@code a = b + s·c} on one
 * thread, over arrays as large as the biggest optimizer case (far beyond the caches).
 *
 * <p>{@link #triad()} counts 24 bytes per element as STREAM does; the JVM writes {@code a} with ordinary
 * stores, so the hardware also reads {@code a} first (write-allocate) unless the CPU elides that.
 * {@link #triadInPlace()}, {@code a = a + s·c}, reads and writes the same array as the optimizers do and
 * moves exactly 24 bytes per element with no such ambiguity.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StreamTriadBench {

    @Param({"10000000"})
    public int n;

    private double[] a, b, c;
    private double s = 3.0;

    @Setup(Level.Trial)
    public void setup() {
        a = new double[n];
        b = new double[n];
        c = new double[n];
        Arrays.fill(a, 1.0);
        Arrays.fill(b, 2.0);
        Arrays.fill(c, 0.5);
    }

    @Benchmark
    public void triad() {
        final double[] a = this.a, b = this.b, c = this.c;
        final double s = this.s;
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + s * c[i];
        }
    }

    @Benchmark
    public void triadInPlace() {
        final double[] a = this.a, c = this.c;
        final double s = this.s;
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] + s * c[i];
        }
    }
}
