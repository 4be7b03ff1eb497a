package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerBehaviourTest {

    /** One of each optimizer, with non-default hyperparameters where there are any. */
    static List<Supplier<AbstractOptimizer>> all() {
        return List.of(
                () -> new SGD(0.05),
                () -> new Momentum(0.02, 0.8),
                () -> new AdaGrad(0.2, 1e-7),
                () -> new RMSProp(0.02, 0.9, 1e-7),
                () -> new AdaDelta(0.9, 0.85, 1e-5),
                () -> new Adam(0.03, 0.8, 0.99, 1e-7, false),
                () -> new Adam(0.03, 0.8, 0.99, 1e-7, true),
                () -> new AdamW(0.03, 0.8, 0.99, 1e-7, 0.05, true),
                () -> new Yogi(0.03, 0.8, 0.99, 1e-4));
    }

    /** Three parameters of different shapes with fixed random values. */
    static List<Parameter> params(long seed) {
        Random r = new Random(seed);
        List<Parameter> ps = new ArrayList<>();
        for (int[] shape : new int[][]{{3, 4}, {5, 1}, {1, 1}}) {
            Parameter p = Parameter.zeros(shape[0], shape[1]);
            for (int i = 0; i < p.size(); i++) {
                p.value.data[i] = r.nextGaussian();
            }
            ps.add(p);
        }
        return ps;
    }

    static List<Parameter> deepCopy(List<Parameter> ps) {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : ps) {
            Parameter q = new Parameter(p.value.copy());
            System.arraycopy(p.grad.data, 0, q.grad.data, 0, p.size());
            out.add(q);
        }
        return out;
    }

    /** A gradient that depends on x and the step: g = x - 0.5 + 0.3 sin(t + i), with a zero now and then. */
    static void setGrads(List<Parameter> ps, int t) {
        for (int k = 0; k < ps.size(); k++) {
            Parameter p = ps.get(k);
            for (int i = 0; i < p.size(); i++) {
                p.grad.data[i] = (i + t + k) % 4 == 0 ? 0 : p.value.data[i] - 0.5 + 0.3 * Math.sin(t + i);
            }
        }
    }

    static void assertSameValues(List<Parameter> expected, List<Parameter> actual) {
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(Arrays.copyOf(expected.get(k).value.data, expected.get(k).size()),
                    Arrays.copyOf(actual.get(k).value.data, actual.get(k).size()), "parameter " + k);
        }
    }

    @TestFactory
    Stream<DynamicTest> resetMakesTheNextStepAFirstStep() {
        return all().stream().map(make -> DynamicTest.dynamicTest(make.get().toString(), () -> {
            AbstractOptimizer opt = make.get();
            List<Parameter> ps = params(1);
            for (int t = 1; t <= 4; t++) {
                setGrads(ps, t);
                opt.step(ps);
            }
            opt.reset();
            assertEquals(0, opt.stepCount());
            assertNull(stateOf(opt, ps.get(0)));

            List<Parameter> fresh = deepCopy(ps);
            setGrads(ps, 9);
            setGrads(fresh, 9);
            opt.step(ps);
            make.get().step(fresh);
            assertSameValues(fresh, ps);
            assertEquals(1, opt.stepCount());
        }));
    }

    @TestFactory
    Stream<DynamicTest> copyHasSameHyperparametersAndIndependentState() {
        return all().stream().map(make -> DynamicTest.dynamicTest(make.get().toString(), () -> {
            AbstractOptimizer opt = make.get(), twin = make.get();
            List<Parameter> ps = params(2), twinPs = params(2);
            for (int t = 1; t <= 3; t++) {
                setGrads(ps, t);
                setGrads(twinPs, t);
                opt.step(ps);
                twin.step(twinPs);
            }
            AbstractOptimizer copy = opt.copy();
            assertNotSame(opt, copy);
            assertSame(opt.getClass(), copy.getClass());
            assertEquals(opt.toString(), copy.toString());
            assertEquals(0, copy.stepCount());
            assertNull(stateOf(copy, ps.get(0)));

            // The copy's first step equals a brand-new optimizer's first step ...
            List<Parameter> a = deepCopy(ps), b = deepCopy(ps);
            copy.step(a);
            make.get().step(b);
            assertSameValues(b, a);
            // ... even on the original's own parameters, whose state stays with the original ...
            List<Parameter> c = deepCopy(ps);
            copy.step(ps);
            make.get().step(c);
            assertSameValues(c, ps);
            // ... and the original continues exactly like its twin that never had a copy.
            for (int k = 0; k < ps.size(); k++) {
                System.arraycopy(twinPs.get(k).value.data, 0, ps.get(k).value.data, 0, ps.get(k).size());
            }
            setGrads(ps, 4);
            setGrads(twinPs, 4);
            opt.step(ps);
            twin.step(twinPs);
            assertSameValues(twinPs, ps);
            assertEquals(4, opt.stepCount());
            assertEquals(2, copy.stepCount());
        }));
    }

    @Test
    void toStringShowsAllHyperparameters() {
        assertEquals("SGD(lr=0.001)", new SGD().toString());
        assertEquals("Momentum(lr=0.001, momentum=0.9)", new Momentum().toString());
        assertEquals("AdaGrad(lr=0.01, eps=1e-10)", new AdaGrad().toString());
        assertEquals("RMSProp(lr=0.01, alpha=0.99, eps=1e-08)", new RMSProp().toString());
        assertEquals("AdaDelta(lr=1.0, rho=0.9, eps=1e-06)", new AdaDelta().toString());
        assertEquals("Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, amsgrad=false)", new Adam().toString());
        assertEquals("AdamW(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08, weightDecay=0.01, amsgrad=false)",
                new AdamW().toString());
        assertEquals("Yogi(lr=0.01, beta1=0.9, beta2=0.999, eps=0.001)", new Yogi().toString());
        assertEquals("Adam(lr=0.05, beta1=0.8, beta2=0.99, eps=1e-07, amsgrad=true)",
                new Adam(0.05).betas(0.8, 0.99).eps(1e-7).amsgrad(true).toString());
        assertEquals("AdamW(lr=0.0001, beta1=0.85, beta2=0.995, eps=1.5e-05, weightDecay=0.0, amsgrad=false)",
                new AdamW(1e-4).betas(0.85, 0.995).eps(1.5e-5).weightDecay(0).toString());
        assertEquals("RMSProp(lr=0.003, alpha=0.0, eps=2e-06)", new RMSProp(0.003, 0, 2e-6).toString());
        assertEquals("Momentum(lr=0.5, momentum=0.0)", new Momentum(0.5).momentum(0).toString());
        assertEquals("AdaDelta(lr=2.0, rho=0.95, eps=1e-05)", new AdaDelta(2).rho(0.95).eps(1e-5).toString());
    }

    @Test
    void numbersAreFormattedLikePythonRepr() {
        assertEquals("0.001", AbstractOptimizer.fmt(1e-3));
        assertEquals("0.0001", AbstractOptimizer.fmt(1e-4));
        assertEquals("1e-05", AbstractOptimizer.fmt(1e-5));
        assertEquals("1.5e-05", AbstractOptimizer.fmt(1.5e-5));
        assertEquals("1.0", AbstractOptimizer.fmt(1));
        assertEquals("123.0", AbstractOptimizer.fmt(123));
        assertEquals("1e+16", AbstractOptimizer.fmt(1e16));
        assertEquals("1234567890123456.0", AbstractOptimizer.fmt(1234567890123456.0));
        assertEquals("0.30000000000000004", AbstractOptimizer.fmt(0.1 + 0.2));
        assertEquals("-2.5", AbstractOptimizer.fmt(-2.5));
        assertEquals("0.0", AbstractOptimizer.fmt(0));
        assertEquals("NaN", AbstractOptimizer.fmt(Double.NaN));
    }

    @Test
    void stateIsASnapshotAndNullBeforeTheFirstStep() {
        Adam adam = new Adam(0.1).amsgrad(true);
        Parameter w = new Parameter(new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6));
        assertNull(adam.state(w));
        Arrays.fill(w.grad.data, 0.5);
        adam.step(List.of(w));
        Adam.State st = adam.state(w);
        assertEquals(1, st.steps());
        assertEquals(2, st.v().numRows);
        assertEquals(3, st.v().numCols);
        // v = 0.1*0.5 = 0.05 (exact up to rounding), s = s_max = 0.001*0.25
        assertEquals(0.05, st.v().get(1, 2), 1e-16);
        assertEquals(0.00025, st.s().get(0, 1), 1e-18);
        assertEquals(st.s().get(0, 1), st.sMax().get(0, 1));
        // Changing the snapshot does not change the optimizer.
        st.v().set(1, 2, 99);
        assertEquals(0.05, adam.state(w).v().get(1, 2), 1e-16);
        // Plain Adam has no s_max.
        Adam plain = new Adam();
        plain.step(List.of(w));
        assertNull(plain.state(w).sMax());

        AdamW adamW = new AdamW();
        adamW.step(List.of(w));
        assertEquals(1, adamW.state(w).steps());
        AdaDelta adaDelta = new AdaDelta();
        adaDelta.step(List.of(w));
        assertEquals(2, adaDelta.state(w).deltaX().numRows);
        assertEquals(0.025, adaDelta.state(w).s().get(0, 0), 1e-17);
    }

    @Test
    void amsgradSwitchedOnLaterStartsTheMaximumThen() {
        Adam adam = new Adam(0.1);
        Parameter w = Parameter.zeros(1, 2);
        Arrays.fill(w.grad.data, 1);
        adam.step(List.of(w));
        assertNull(adam.state(w).sMax());
        adam.amsgrad(true);
        w.grad.data[0] = 0;
        adam.step(List.of(w));
        Adam.State st = adam.state(w);
        assertEquals(st.s().get(0, 0), st.sMax().get(0, 0));
        assertEquals(st.s().get(0, 1), st.sMax().get(0, 1));
    }

    @TestFactory
    Stream<DynamicTest> theLearningRateIsReadAndSetThroughTheInterface() {
        return all().stream().map(make -> DynamicTest.dynamicTest(make.get().toString(), () -> {
            Optimizer opt = make.get();
            String before = opt.toString();
            assertTrue(opt.lr(0.125) == opt, "the setter returns the optimizer itself");
            assertEquals(0.125, opt.lr());
            assertEquals(before.replaceFirst("lr=[^,)]*", "lr=0.125"), opt.toString());
            // lr = 0 is allowed (a warm-up starts there) and then a step moves nothing.
            opt.lr(0);
            List<Parameter> ps = params(4), start = deepCopy(ps);
            setGrads(ps, 2);
            opt.step(ps);
            for (int k = 0; k < ps.size(); k++) {
                assertArrayEquals(start.get(k).value.data, ps.get(k).value.data, 0);
            }
            assertEquals(0.0, opt.copy().lr());
        }));
    }

    record Bad(String param, String value, Executable action) {
    }

    @TestFactory
    Stream<DynamicTest> invalidHyperparametersAreRejectedAtOnce() {
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        List<Bad> cases = List.of(
                new Bad("lr", "-0.0001", () -> new SGD(-1e-4)),
                new Bad("lr", "-0.1", () -> new SGD(-0.1)),
                new Bad("lr", "NaN", () -> new SGD(nan)),
                new Bad("lr", "Infinity", () -> new SGD(inf)),
                new Bad("lr", "-1.0", () -> new SGD().lr(-1)),
                new Bad("lr", "-Infinity", () -> new Momentum(Double.NEGATIVE_INFINITY)),
                new Bad("lr", "-0.001", () -> new AdaGrad().lr(-1e-3)),
                new Bad("lr", "NaN", () -> new RMSProp(nan)),
                new Bad("lr", "-1.0", () -> new AdaDelta(-1)),
                new Bad("lr", "-0.01", () -> new Adam(-0.01)),
                new Bad("lr", "NaN", () -> new AdamW().lr(nan)),
                new Bad("lr", "Infinity", () -> new Yogi().lr(inf)),
                new Bad("momentum", "1.0", () -> new Momentum(0.1, 1.0)),
                new Bad("momentum", "-0.1", () -> new Momentum().momentum(-0.1)),
                new Bad("momentum", "NaN", () -> new Momentum().momentum(nan)),
                new Bad("alpha", "1.0", () -> new RMSProp().alpha(1.0)),
                new Bad("alpha", "-0.5", () -> new RMSProp(0.01, -0.5, 1e-8)),
                new Bad("alpha", "NaN", () -> new RMSProp().alpha(nan)),
                new Bad("rho", "1.5", () -> new AdaDelta().rho(1.5)),
                new Bad("rho", "1.0", () -> new AdaDelta(1, 1, 1e-6)),
                new Bad("rho", "NaN", () -> new AdaDelta().rho(nan)),
                new Bad("beta1", "1.0", () -> new Adam().betas(1.0, 0.999)),
                new Bad("beta2", "-0.1", () -> new Adam().betas(0.9, -0.1)),
                new Bad("beta1", "NaN", () -> new Adam(0.1, nan, 0.9, 1e-8, false)),
                new Bad("beta2", "1.0", () -> new AdamW().betas(0.9, 1.0)),
                new Bad("beta1", "-0.9", () -> new AdamW(0.1, -0.9, 0.9, 1e-8, 0, false)),
                new Bad("beta2", "NaN", () -> new Yogi().betas(0.9, nan)),
                new Bad("beta1", "2.0", () -> new Yogi(0.1, 2, 0.9, 1e-3)),
                new Bad("eps", "0.0", () -> new AdaGrad(0.1, 0)),
                new Bad("eps", "-1e-08", () -> new RMSProp().eps(-1e-8)),
                new Bad("eps", "NaN", () -> new AdaDelta().eps(nan)),
                new Bad("eps", "0.0", () -> new Adam().eps(0)),
                new Bad("eps", "Infinity", () -> new AdamW().eps(inf)),
                new Bad("eps", "-0.001", () -> new Yogi().eps(-1e-3)),
                new Bad("weightDecay", "-0.01", () -> new AdamW().weightDecay(-0.01)),
                new Bad("weightDecay", "NaN", () -> new AdamW(0.1, 0.9, 0.9, 1e-8, nan, false)));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.param + " = " + c.value, () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.action);
            String msg = e.getMessage();
            assertTrue(msg.contains(c.param + " must be"), msg);
            assertTrue(msg.contains("got " + c.value), msg);
            assertTrue(msg.contains("[0, 1)") || msg.contains("> 0") || msg.contains(">= 0"), msg);
        }));
    }

    @Test
    void aRejectedSetterLeavesTheOptimizerUnchanged() {
        Adam adam = new Adam(0.01).betas(0.8, 0.99);
        assertThrows(IllegalArgumentException.class, () -> adam.betas(0.5, 1.0));
        assertEquals(0.8, adam.beta1());
        assertEquals(0.99, adam.beta2());
        assertThrows(IllegalArgumentException.class, () -> adam.lr(-0.01));
        assertEquals(0.01, adam.lr());
    }

    @TestFactory
    Stream<DynamicTest> aParameterThatChangedShapeIsRejected() {
        return all().stream().map(make -> DynamicTest.dynamicTest(make.get().toString(), () -> {
            AbstractOptimizer opt = make.get();
            List<Parameter> ps = params(3);
            setGrads(ps, 1);
            opt.step(ps);
            Parameter w = ps.get(0);                 // 3x4
            w.value.reshape(4, 3);
            w.grad.reshape(4, 3);
            List<Parameter> before = deepCopy(ps);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.step(ps));
            assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("4x3"), e.getMessage());
            // Nothing moved, and the failed call did not count as a step.
            assertSameValues(before, ps);
            assertEquals(1, opt.stepCount());
            // After reset the new shape is fine.
            opt.reset();
            opt.step(ps);
            assertEquals(1, opt.stepCount());
        }));
    }

    @Test
    void badParameterListsAreRejectedBeforeAnythingMoves() {
        Adam adam = new Adam(0.1);
        Parameter a = Parameter.zeros(2, 2), b = Parameter.zeros(3, 1);
        Arrays.fill(a.grad.data, 1);
        Arrays.fill(b.grad.data, 1);

        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> adam.step(List.of(a, b, a)));
        assertTrue(dup.getMessage().contains("more than once"), dup.getMessage());
        assertEquals(0, a.value.get(0, 0));
        assertEquals(0, adam.stepCount());

        b.grad.reshape(1, 3);
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> adam.step(List.of(a, b)));
        assertTrue(mismatch.getMessage().contains("3x1") && mismatch.getMessage().contains("1x3"),
                mismatch.getMessage());
        assertEquals(0, a.value.get(0, 0));

        List<Parameter> withNull = new ArrayList<>();
        withNull.add(a);
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> adam.step(withNull));
        assertThrows(IllegalArgumentException.class, () -> adam.step(null));

        // The earlier failures leave no trace: the list now works, once per parameter.
        b.grad.reshape(3, 1);
        adam.step(List.of(a, b));
        assertEquals(1, adam.stepCount());
        assertEquals(1, adam.state(a).steps());
        assertEquals(1, adam.state(b).steps());
    }

    @Test
    void aParameterSeenLaterStartsItsOwnStepCount() {
        Adam adam = new Adam(0.1);
        Parameter a = Parameter.zeros(1, 2), b = new Parameter(new DMatrixRMaj(1, 1, true, 3.0));
        for (int t = 0; t < 3; t++) {
            Arrays.fill(a.grad.data, 1 + t);
            adam.step(List.of(a));
        }
        b.grad.data[0] = 2;
        Parameter bFresh = new Parameter(b.value.copy());
        bFresh.grad.data[0] = 2;
        Arrays.fill(a.grad.data, 4);
        adam.step(List.of(a, b));
        new Adam(0.1).step(List.of(bFresh));
        // Like torch: b's bias correction uses its own t = 1, not the optimizer's 4.
        assertEquals(bFresh.value.get(0, 0), b.value.get(0, 0));
        assertEquals(4, adam.stepCount());
        assertEquals(4, adam.state(a).steps());
        assertEquals(1, adam.state(b).steps());
    }

    @Test
    void changingTheLearningRateTakesEffectAtTheNextStep() {
        // With the same moments, Adam's step is proportional to lr.
        Adam a = new Adam(0.1), b = new Adam(0.1);
        Parameter pa = Parameter.zeros(1, 1), pb = Parameter.zeros(1, 1);
        pa.grad.data[0] = pb.grad.data[0] = 1.5;
        a.step(List.of(pa));
        b.step(List.of(pb));
        double x1 = pa.value.get(0, 0);
        a.lr(0.2);
        pa.grad.data[0] = pb.grad.data[0] = -0.5;
        a.step(List.of(pa));
        b.step(List.of(pb));
        double stepA = pa.value.get(0, 0) - x1, stepB = pb.value.get(0, 0) - x1;
        assertEquals(2 * stepB, stepA, 1e-15);
        assertNotEquals(0.0, stepB);
    }

    /** f(x, y) = (1 - x)^2 + 5 (y - x^2)^2, minimum 0 at (1, 1), with (x, y) in a 2x1 parameter. */
    static double rosenbrock(Parameter p) {
        double x = p.value.get(0, 0), y = p.value.get(1, 0);
        p.grad.set(0, 0, -2 * (1 - x) - 20 * x * (y - x * x));
        p.grad.set(1, 0, 10 * (y - x * x));
        return (1 - x) * (1 - x) + 5 * (y - x * x) * (y - x * x);
    }

    @Test
    void adamMovesTowardsTheMinimumOfARosenbrockValley() {
        Parameter p = new Parameter(new DMatrixRMaj(2, 1, true, -1.0, 2.0));
        Adam adam = new Adam(0.02);
        double f0 = rosenbrock(p);
        double f = f0;
        for (int t = 0; t < 3000; t++) {
            f = rosenbrock(p);
            adam.step(List.of(p));
        }
        double dist = Math.hypot(p.value.get(0, 0) - 1, p.value.get(1, 0) - 1);
        assertTrue(f < 1e-9 * f0, "f went from " + f0 + " to " + f);
        assertTrue(dist < 1e-4, "distance to (1, 1): " + dist + " at " + p.value);
    }

    /** Every optimizer reduces a quadratic spread over parameters of different shapes. */
    @TestFactory
    Stream<DynamicTest> everyOptimizerWorksOnArbitraryShapes() {
        return all().stream().map(make -> DynamicTest.dynamicTest(make.get().toString(), () -> {
            AbstractOptimizer opt = make.get();
            List<Parameter> ps = new ArrayList<>();
            for (int[] shape : new int[][]{{1, 1}, {4, 3}, {7, 1}, {1, 6}, {2, 5}}) {
                Parameter p = Parameter.zeros(shape[0], shape[1]);
                Arrays.fill(p.value.data, 2.0);
                ps.add(p);
            }
            double l0 = quadratic(ps), l = l0;
            for (int t = 0; t < 300; t++) {
                l = quadratic(ps);
                opt.step(ps);
            }
            assertTrue(l < 0.5 * l0, opt + ": loss went from " + l0 + " to " + l);
        }));
    }

    /** L = sum_k sum_i c_i (x_i - 0.5)^2 / 2 with c_i = 1 + i % 3; sets the gradients. */
    static double quadratic(List<Parameter> ps) {
        double loss = 0;
        for (Parameter p : ps) {
            for (int i = 0; i < p.size(); i++) {
                double c = 1 + i % 3, d = p.value.data[i] - 0.5;
                p.grad.data[i] = c * d;
                loss += 0.5 * c * d * d;
            }
        }
        return loss;
    }

    /** Not a timing test: after warm-up, steps must not allocate (checked by this thread's allocation counter). */
    @TestFactory
    Stream<DynamicTest> stepsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return Stream.empty();
        }
        return all().stream().map(make -> DynamicTest.dynamicTest(make.get().toString(), () -> {
            AbstractOptimizer opt = make.get();
            List<Parameter> ps = params(4);
            setGrads(ps, 1);
            for (int t = 0; t < 20_000; t++) {
                opt.step(ps);
            }
            long tid = Thread.currentThread().getId();
            long before = sun.getThreadAllocatedBytes(tid);
            for (int t = 0; t < 20_000; t++) {
                opt.step(ps);
            }
            long allocated = sun.getThreadAllocatedBytes(tid) - before;
            // 20,000 steps over 18 entries: even one boxed double per step would be ~320 kB.
            assertTrue(allocated < 4_096, opt + " allocated " + allocated + " bytes in 20,000 steps");
        }));
    }

    private static Object stateOf(AbstractOptimizer opt, Parameter p) {
        if (opt instanceof Momentum o) {
            return o.state(p);
        } else if (opt instanceof AdaGrad o) {
            return o.state(p);
        } else if (opt instanceof RMSProp o) {
            return o.state(p);
        } else if (opt instanceof AdaDelta o) {
            return o.state(p);
        } else if (opt instanceof Adam o) { // AdamW included
            return o.state(p);
        } else if (opt instanceof Yogi o) {
            return o.state(p);
        }
        return opt.slot(p); // SGD keeps no public state; its internal slot is still created and cleared
    }
}
