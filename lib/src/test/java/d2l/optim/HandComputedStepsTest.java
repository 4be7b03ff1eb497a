package d2l.optim;

import d2l.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first steps of every optimizer on tiny parameters, against values worked out by hand from the
 * update formulas (the arithmetic is in the comments; long decimals were evaluated with a 40-digit
 * calculator and rounded to 17 digits). Tolerance: 1e-15 relative.
 */
class HandComputedStepsTest {

    static Parameter row(double... values) {
        return new Parameter(new DMatrixRMaj(1, values.length, true, values));
    }

    /** Sets the gradient of {@code p} to {@code g} and takes one step. */
    static void step(Optimizer opt, Parameter p, double... g) {
        System.arraycopy(g, 0, p.grad.data, 0, g.length);
        opt.step(List.of(p));
    }

    static void assertValues(Parameter p, double... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], p.value.data[i], "entry " + i);
        }
    }

    static void assertClose(double expected, double actual, String what) {
        assertClose(expected, actual, 1e-15, what);
    }

    static void assertClose(double expected, double actual, double relTol, String what) {
        double tol = relTol * Math.abs(expected);
        assertTrue(Math.abs(expected - actual) <= tol,
                () -> what + ": expected " + expected + " but was " + actual + " (diff " + (actual - expected) + ")");
    }

    @Test
    void sgd() {
        Optimizer opt = new SGD(0.1);
        Parameter p = row(1, -2);
        // g = [0.5, -1]: x = [1 - 0.1*0.5, -2 - 0.1*(-1)] = [0.95, -1.9]
        step(opt, p, 0.5, -1);
        assertValues(p, 0.95, -1.9);
        // g = [2, 0]: x = [0.95 - 0.1*2, -1.9 - 0] = [0.75, -1.9]
        step(opt, p, 2, 0);
        assertValues(p, 0.75, -1.9);
        assertEquals(2, opt.stepCount());
    }

    @Test
    void momentum() {
        Momentum opt = new Momentum(0.1, 0.9);
        Parameter p = row(1, -2);
        // g = [0.5, -1]: v = 0.9*0 + g = [0.5, -1]; x = [1 - 0.05, -2 + 0.1] = [0.95, -1.9]
        step(opt, p, 0.5, -1);
        assertValues(p, 0.95, -1.9);
        // g = [2, 0]: v = [0.9*0.5 + 2, 0.9*(-1) + 0] = [2.45, -0.9]
        //             x = [0.95 - 0.1*2.45, -1.9 - 0.1*(-0.9)] = [0.705, -1.81]
        step(opt, p, 2, 0);
        assertValues(p, 0.705, -1.81);
        // g = [-1, 1]: v = [0.9*2.45 - 1, 0.9*(-0.9) + 1] = [1.205, 0.19]
        //              x = [0.705 - 0.1205, -1.81 - 0.019] = [0.5845, -1.829]
        step(opt, p, -1, 1);
        assertValues(p, 0.5845, -1.829);
        Momentum.State st = opt.state(p);
        assertClose(1.205, st.v().get(0, 0), "v0");
        assertClose(0.19, st.v().get(0, 1), "v1");
    }

    @Test
    void adaGrad() {
        AdaGrad opt = new AdaGrad(0.1); // eps = 1e-10 (default)
        Parameter p = row(1, -2);
        // g = [3, -4]: s = [9, 16], sqrt(s) = [3, 4]
        //   x0 = 1 - 0.1*3/(3 + 1e-10) = 1 - 0.1/(1 + 3.333...e-11) = 1 - 0.099999999996666667 = 0.90000000000333333
        //   x1 = -2 + 0.1*4/(4 + 1e-10) = -2 + 0.1/(1 + 2.5e-11) = -2 + 0.0999999999975 = -1.9000000000025
        step(opt, p, 3, -4);
        assertValues(p, 0.90000000000333333, -1.9000000000025);
        // g = [4, 0]: s = [9 + 16, 16] = [25, 16]
        //   x0 = 0.90000000000333333 - 0.4/(5 + 1e-10) = ... - 0.08/(1 + 2e-11) = ... - 0.0799999999984
        //      = 0.82000000000493333;  x1 unchanged (g = 0)
        step(opt, p, 4, 0);
        assertValues(p, 0.82000000000493333, -1.9000000000025);
        // g = [0, 3]: s = [25, 25]; x1 = -1.9000000000025 - 0.3/(5 + 1e-10) = ... - 0.0599999999988 = -1.9600000000013
        step(opt, p, 0, 3);
        assertValues(p, 0.82000000000493333, -1.9600000000013);
        assertClose(25, opt.state(p).s().get(0, 1), "s1");
    }

    @Test
    void rmsProp() {
        RMSProp opt = new RMSProp(0.01).alpha(0.75); // eps = 1e-8 (default)
        Parameter p = row(1, -2);
        // g = [2, -1]: s = 0.25*[4, 1] = [1, 0.25], sqrt(s) = [1, 0.5]
        //   x0 = 1 - 0.01*2/(1 + 1e-8) = 1 - 0.0199999998 = 0.9800000002
        //   x1 = -2 + 0.01*1/(0.5 + 1e-8) = -2 + 0.02/(1 + 2e-8) = -2 + 0.0199999996 = -1.9800000004
        step(opt, p, 2, -1);
        assertValues(p, 0.9800000002, -1.9800000004);
        // g = [-2, 0]: s = [0.75*1 + 0.25*4, 0.75*0.25 + 0] = [1.75, 0.1875]
        //   x0 = 0.9800000002 + 0.01*2/(sqrt(1.75) + 1e-8) = 0.9800000002 + 0.02/1.3228756655322953
        //      = 0.9800000002 + 0.015118578806083376 = 0.99511857900608338;  x1 unchanged (g = 0)
        step(opt, p, -2, 0);
        assertValues(p, 0.99511857900608338, -1.9800000004);
        assertClose(0.1875, opt.state(p).s().get(0, 1), "s1");
    }

    @Test
    void adaDelta() {
        AdaDelta opt = new AdaDelta(); // lr 1, rho 0.9, eps 1e-6
        Parameter p = row(1, -2);
        // g = [1, 0]: s = [0.1*1, 0] = [0.1, 0]
        //   g'0 = sqrt(0 + 1e-6)/sqrt(0.1 + 1e-6) * 1 = 0.001/0.31622934... = 0.0031622618488986629
        //   x0 = 1 - g'0 = 0.99683773815110134;  g'1 = 0*... = 0, x1 = -2
        //   dx0 = 0.1*g'0^2 = 0.1*1e-6/0.100001 = 9.9999000009999900e-7, dx1 = 0
        step(opt, p, 1, 0);
        assertValues(p, 0.99683773815110134, -2);
        assertClose(9.9999000009999900e-7, opt.state(p).deltaX().get(0, 0), "dx0");
        // g = [2, -3]: s = [0.9*0.1 + 0.1*4, 0 + 0.1*9] = [0.49, 0.9]
        //   g'0 = sqrt(9.9999000009999900e-7 + 1e-6)/sqrt(0.49 + 1e-6) * 2
        //       = 0.0014142100...(=sqrt(1.99999e-6)) / 0.70000071428...*2 = 0.0040405959537167930
        //   x0 = 0.99683773815110134 - 0.0040405959537167930 = 0.99279714219738454
        //   g'1 = sqrt(0 + 1e-6)/sqrt(0.9 + 1e-6) * (-3) = 0.001/0.94868382...*(-3) = -0.0031622759033489210
        //   x1 = -2 + 0.0031622759033489210 = -1.9968377240966511
        step(opt, p, 2, -3);
        assertValues(p, 0.99279714219738454, -1.9968377240966511);
        // dx0 = 0.9*9.9999000009999900e-7 + 0.1*0.0040405959537167930^2 = 2.5326325662092511e-6
        assertClose(2.5326325662092511e-6, opt.state(p).deltaX().get(0, 0), "dx0");
    }

    @Test
    void adam() {
        Adam opt = new Adam(); // lr 1e-3, betas 0.9/0.999, eps 1e-8
        Parameter p = row(1, -2);
        // t = 1, g = [2, -0.5]: v = 0.1*g = [0.2, -0.05]; s = 0.001*g^2 = [0.004, 0.00025]
        //   v^ = v/(1 - 0.9) = [2, -0.5]; s^ = s/(1 - 0.999) = [4, 0.25]; sqrt(s^) = [2, 0.5]
        //   x0 = 1 - 0.001*2/(2 + 1e-8) = 1 - 0.001/(1 + 5e-9) = 1 - 0.000999999995 = 0.999000000005
        //   x1 = -2 + 0.001*0.5/(0.5 + 1e-8) = -2 + 0.001/(1 + 2e-8) = -2 + 0.00099999998 = -1.99900000002
        step(opt, p, 2, -0.5);
        assertValues(p, 0.999000000005, -1.99900000002);
        // t = 2, g = [1, 0]: v = [0.9*0.2 + 0.1*1, 0.9*(-0.05)] = [0.28, -0.045]
        //   s = [0.999*0.004 + 0.001*1, 0.999*0.00025] = [0.004996, 0.00024975]
        //   1 - 0.9^2 = 0.19, 1 - 0.999^2 = 0.001999
        //   v^ = [0.28/0.19, -0.045/0.19] = [1.4736842105263158, -0.23684210526315789]
        //   s^ = [0.004996/0.001999, 0.00024975/0.001999] = [2.4992496248124062, 0.12493746873436718]
        //   sqrt(s^) = [1.5809015228..., 0.35346494697...]
        //   x0 = 0.999000000005 - 0.001*1.4736842105263158/(1.5809015228... + 1e-8) = 0.99806782037208510
        //   x1 = -1.99900000002 + 0.001*0.23684210526315789/(0.35346494697... + 1e-8) = -1.9983299417848203
        step(opt, p, 1, 0);
        assertValues(p, 0.99806782037208510, -1.9983299417848203);
        Adam.State st = opt.state(p);
        assertEquals(2, st.steps());
        assertClose(0.28, st.v().get(0, 0), "v0");
        // In binary, 1 - 0.999 = 0.0010000000000000009 (torch computes the same), so s carries a
        // relative error near 1e-15 against the decimal hand value; hence the slightly wider bound.
        assertClose(0.004996, st.s().get(0, 0), 4e-15, "s0");
        assertEquals(null, st.sMax());
    }

    @Test
    void adamAmsgradKeepsMaxOfRawSecondMoment() {
        Adam ams = new Adam().amsgrad(true);
        Adam plain = new Adam();
        Parameter pa = row(1), pp = row(1);
        // t = 1, g = 2: v = 0.2, s = s_max = 0.004; v^ = 2, s^ = 4; x = 1 - 0.001*2/(2 + 1e-8) = 0.999000000005
        step(ams, pa, 2);
        step(plain, pp, 2);
        assertValues(pa, 0.999000000005);
        assertValues(pp, 0.999000000005);
        // t = 2, g = 0: v = 0.18, s = 0.999*0.004 = 0.003996 < s_max = 0.004 (kept)
        //   v^ = 0.18/0.19 = 0.94736842105263158
        //   AMSGrad: s^ = 0.004/0.001999 = 2.0010005002501251
        //            x = 0.999000000005 - 0.001*0.947368.../(1.41456724... + 1e-8) = 0.99833027686852419
        //   Adam:    s^ = 0.003996/0.001999 = 1.9989994997498749 -> x = 0.99832994175560267
        //   (the max of the CORRECTED s^ would be max(4, 1.999) = 4, a different variant.)
        step(ams, pa, 0);
        step(plain, pp, 0);
        assertValues(pa, 0.99833027686852419);
        assertValues(pp, 0.99832994175560267);
        assertClose(0.004, ams.state(pa).sMax().get(0, 0), "sMax");
        assertClose(0.003996, ams.state(pa).s().get(0, 0), "s");
        // t = 3, g = 1: v = 0.162 + 0.1 = 0.262; s = 0.999*0.003996 + 0.001 = 0.004992004 > 0.004 -> s_max = s
        //   1 - 0.9^3 = 0.271, 1 - 0.999^3 = 0.002997001; v^ = 0.96678966789667897
        //   s^ = 0.004992004/0.002997001 = 1.6656664445557409 (same for both now)
        //   AMSGrad x = 0.99833027686852419 - 0.001*0.966789.../(1.29060701... + 1e-8) = 0.99758118000500852
        //   Adam    x = 0.99832994175560267 - (the same step) = 0.99758084489208701
        step(ams, pa, 1);
        step(plain, pp, 1);
        assertValues(pa, 0.99758118000500852);
        assertValues(pp, 0.99758084489208701);
        assertClose(0.004992004, ams.state(pa).sMax().get(0, 0), "sMax");
    }

    @Test
    void adamW() {
        AdamW opt = new AdamW(0.1).weightDecay(0.5); // betas 0.9/0.999, eps 1e-8
        Parameter p = row(1, -2);
        // t = 1, g = [2, 0]: decay first: x = x*(1 - 0.1*0.5) = [0.95, -1.9]
        //   v = [0.2, 0], s = [0.004, 0]; v^ = [2, 0], s^ = [4, 0]
        //   x0 = 0.95 - 0.1*2/(2 + 1e-8) = 0.95 - 0.1/(1 + 5e-9) = 0.95 - 0.0999999995 = 0.8500000005
        //   x1 = -1.9 - 0.1*0/(0 + 1e-8) = -1.9
        step(opt, p, 2, 0);
        assertValues(p, 0.8500000005, -1.9);
        // t = 2, g = [-1, 1]: decay: x = [0.8500000005*0.95, -1.9*0.95] = [0.807500000475, -1.805]
        //   v = [0.18 - 0.1, 0 + 0.1] = [0.08, 0.1]; s = [0.003996 + 0.001, 0 + 0.001] = [0.004996, 0.001]
        //   v^ = [0.08/0.19, 0.1/0.19] = [0.42105263157894737, 0.52631578947368421]
        //   s^ = [0.004996/0.001999, 0.001/0.001999] = [2.4992496248124062, 0.50025012506253127]
        //   x0 = 0.807500000475 - 0.1*0.42105.../(1.58090152... + 1e-8) = 0.78086629667743136
        //   x1 = -1.805 - 0.1*0.52631.../(0.70728362... + 1e-8) = -1.8794136813045935
        step(opt, p, -1, 1);
        assertValues(p, 0.78086629667743136, -1.8794136813045935);
    }

    @Test
    void yogi() {
        Yogi opt = new Yogi(); // the book's lr 0.01, betas 0.9/0.999, eps 1e-3
        Parameter p = row(1, -2);
        // t = 1, g = [2, 0]: g^2 = [4, 0]; sgn(g^2 - s) = [sgn(4 - 0), sgn(0 - 0)] = [1, 0]
        //   s = [0 + 0.001*4*1, 0 + 0.001*0*0] = [0.004, 0]; v = [0.2, 0]
        //   v^ = [2, 0], s^ = [4, 0]
        //   x0 = 1 - 0.01*2/(2 + 0.001) = 1 - 0.02/2.001 = 0.99000499750124938
        //   x1 = -2 - 0.01*0/(0 + 0.001) = -2
        step(opt, p, 2, 0);
        assertValues(p, 0.99000499750124938, -2);
        // t = 2, g = [1, 3]: g^2 = [1, 9]; sgn(1 - 0.004) = +1, sgn(9 - 0) = +1  (s < g^2)
        //   s = [0.004 + 0.001*1, 0 + 0.001*9] = [0.005, 0.009]; v = [0.18 + 0.1, 0 + 0.3] = [0.28, 0.3]
        //   v^ = [0.28/0.19, 0.3/0.19] = [1.4736842105263158, 1.5789473684210526]
        //   s^ = [0.005/0.001999, 0.009/0.001999] = [2.5012506253126563, 4.5022511255627814]
        //   x0 = 0.99000499750124938 - 0.01*1.47368.../(1.58153426... + 0.001) = 0.98069281864419727
        //   x1 = -2 - 0.01*1.57894.../(2.12185087... + 0.001) = -2.0074378628701580
        step(opt, p, 1, 3);
        assertValues(p, 0.98069281864419727, -2.0074378628701580);
        // t = 3, g = [0.01, 0]: g^2 = [1e-4, 0]; sgn(1e-4 - 0.005) = -1, sgn(0 - 0.009) = -1  (s > g^2)
        //   s = [0.005 - 0.001*1e-4, 0.009 - 0.001*0] = [0.0049999, 0.009]  (Adam: 0.999*0.005 + 1e-7 = 0.0049951)
        //   v = [0.9*0.28 + 0.001, 0.9*0.3] = [0.253, 0.27]; 1 - 0.9^3 = 0.271, 1 - 0.999^3 = 0.002997001
        //   v^ = [0.93357933579335793, 0.99630996309963100]
        //   s^ = [0.0049999/0.002997001, 0.009/0.002997001] = [1.6683010783112852, 3.0030020010003333]
        //   x0 = 0.98069281864419727 - 0.01*0.93357.../(1.29162729... + 0.001) = 0.97347047901966592
        //   x1 = -2.0074378628701580 - 0.01*0.99630.../(1.73291719... + 0.001) = -2.0131838694648813
        step(opt, p, 0.01, 0);
        assertValues(p, 0.97347047901966592, -2.0131838694648813);
        Yogi.State st = opt.state(p);
        assertClose(0.0049999, st.s().get(0, 0), "s0");
        assertClose(0.009, st.s().get(0, 1), "s1");
        assertClose(0.253, st.v().get(0, 0), "v0");
    }

    /** sgn(g^2 - s) = 0 with s > 0: numbers chosen so that g^2 == s holds exactly in doubles. */
    @Test
    void yogiLeavesSUnchangedWhenGradSquaredEqualsS() {
        Yogi opt = new Yogi(0.01).betas(0.5, 0.75);
        Parameter p = row(1, -2, 3);
        // t = 1, g = [2, 1, 0]: sgn = [1, 1, 0]; s = 0.25*[4, 1, 0] = [1, 0.25, 0]; v = 0.5*g = [1, 0.5, 0]
        //   v^ = v/0.5 = [2, 1, 0]; s^ = s/0.25 = [4, 1, 0]
        //   x = [1 - 0.01*2/2.001, -2 - 0.01*1/1.001, 3 - 0] = [0.99000499750124938, -2.0099900099900100, 3]
        step(opt, p, 2, 1, 0);
        assertValues(p, 0.99000499750124938, -2.0099900099900100, 3);
        // t = 2, g = [1, 0.5, 0]: g^2 = [1, 0.25, 0] = s exactly -> sgn = [0, 0, 0], s stays [1, 0.25, 0]
        //   v = [0.5 + 0.5, 0.25 + 0.25, 0] = [1, 0.5, 0]; 1 - 0.5^2 = 0.75, 1 - 0.75^2 = 0.4375
        //   v^ = [4/3, 2/3, 0]; s^ = [1/0.4375, 0.25/0.4375, 0] = [2.2857142857142857, 0.57142857142857143, 0]
        //   x0 = 0.99000499750124938 - 0.01*(4/3)/(1.51185789... + 0.001) = 0.98119165594186381
        //   x1 = -2.0099900099900100 - 0.01*(2/3)/(0.75592894... + 0.001) = -2.0187975297733849
        step(opt, p, 1, 0.5, 0);
        assertValues(p, 0.98119165594186381, -2.0187975297733849, 3);
        DMatrixRMaj s = opt.state(p).s();
        assertEquals(1.0, s.get(0, 0));
        assertEquals(0.25, s.get(0, 1));
        assertEquals(0.0, s.get(0, 2));
    }
}
