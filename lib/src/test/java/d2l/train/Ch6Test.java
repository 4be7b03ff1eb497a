package d2l.train;

import static org.junit.jupiter.api.Assertions.*;

import d2l.data.DataIter;
import d2l.data.FashionMnist;
import d2l.model.Classifier;
import d2l.model.LeNet;
import d2l.model.Mlp;
import d2l.model.Parameter;
import d2l.model.SoftmaxRegression;
import d2l.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ch6Test {
    /** n noisy images whose class k lights up rows 2k..2k+2: an easy task every model should learn. */
    static FashionMnist.Dataset toyData(int n, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * 784], labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            labels[i] = (byte) k;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int v = r.nextInt(60) + (row >= 2 * k + 2 && row < 2 * k + 5 ? 150 : 0);
                pixels[i * 784 + p] = (byte) v;
            }
        }
        return new FashionMnist.Dataset(new FashionMnist.Images(Path.of("toy"), n, 28, 28, pixels), labels);
    }

    static String captureOut(Runnable r) {
        PrintStream before = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(before);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void learnsAnEasyTaskAndPrintsTheBooksLines() {
        var train = new FashionMnist.Batches(toyData(600, 1), 50, true, new Random(2));
        var test = new FashionMnist.Batches(toyData(200, 3), 50, false, null);
        Classifier net = new Mlp(784, 32, 10).threads(2);
        Ch6.Result[] result = new Ch6.Result[1];
        String out = captureOut(() -> result[0] = Ch6.trainCh6(net, train, test, 3, new SGD(0.5)));
        Ch6.Result r = result[0];
        assertEquals(3, r.epochs());
        assertTrue(r.trainLoss()[2] < r.trainLoss()[0], "loss falls: " + r);
        assertTrue(r.finalTestAcc() > 0.9, "the toy task is easy: " + r);
        assertTrue(out.matches("(?s)loss \\d\\.\\d{3}, train acc \\d\\.\\d{3}, test acc \\d\\.\\d{3}\n"
                + "\\d+\\.\\d examples/sec on cpu \\(2 threads\\)\n"), out);
        assertTrue(out.startsWith(String.format(java.util.Locale.ROOT, "loss %.3f, train acc %.3f, test acc %.3f",
                r.finalTrainLoss(), r.finalTrainAcc(), r.finalTestAcc())), out);
        assertEquals(r.finalTestAcc(), net.accuracy(test), 1e-15, "the reported test accuracy is the model's");
    }

    @Test
    void epochERunsAtTheSchedulersRateForE() {
        var train = new FashionMnist.Batches(toyData(100, 4), 25, true, new Random(5));
        var test = new FashionMnist.Batches(toyData(50, 6), 25, false, null);
        SGD sgd = new SGD(0.3);
        Ch6.Result r = Ch6.quietly(() -> Ch6.trainCh6(new SoftmaxRegression(), train, test, 4, sgd, e -> 0.1 / (e + 1)));
        assertArrayEquals(new double[] {0.1, 0.05, 0.1 / 3, 0.025}, r.lr(), 1e-15);
        assertEquals(0.025, sgd.lr(), 1e-15, "the last epoch ran at scheduler(3), and the rate stays there");
    }

    @Test
    void divergenceIsReported() {
        var train = new FashionMnist.Batches(toyData(100, 7), 50, true, new Random(8));
        var e = assertThrows(TrainingDivergedException.class, () -> Ch6.quietly(() ->
                Ch6.trainCh6(new SoftmaxRegression(), train, train, 5, new SGD(Double.MAX_VALUE))));
        assertTrue(e.getMessage().contains("Try a smaller learning rate than lr="), e.getMessage());
    }

    /**
     * In steady state a training step (loss, gradients, optimizer update) and the minibatch iterator
     * allocate nothing on the calling thread. Steady state means after the JIT has compiled the
     * kernels, which on a loaded machine can take a while: we train until 20 passes in a row stay
     * under one small object per step, and fail if that never happens within 3000 passes.
     */
    @Test
    void trainingStepsAllocateNothingInSteadyState() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        var data = new FashionMnist.Batches(toyData(128, 9), 32, true, new Random(10));
        for (Classifier net : List.of(new Mlp(784, 64, 10).threads(2), new LeNet().threads(2))) {
            List<Parameter> ps = net.parameters();
            SGD sgd = new SGD(0.01);
            int quietPasses = 0;
            double perStep = Double.NaN;
            for (int pass = 0; pass < 3000 && quietPasses < 20; pass++) {
                long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (DataIter.Batch b : data) { // one iterator per pass, shared by its 4 steps
                    net.lossAndGrad(b.X(), b.y());
                    sgd.step(ps);
                }
                perStep = (double) (mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / data.numBatches();
                quietPasses = perStep < 16 ? quietPasses + 1 : 0;
            }
            assertEquals(20, quietPasses, net + " still allocates " + perStep + " bytes per step after 3000 passes");
        }
    }
}
