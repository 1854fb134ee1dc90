package org.neuradapt.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuradapt.neuron.Gamma;
import org.neuradapt.perturbation.Window;

/** The contours and the path of the edge-of-chaos analysis (docs/science.md section 5.7) against known answers. */
class EdgeOfChaosTest {
    static final List<Double> XS = List.of(0.9, 1.1, 1.5, 2.0, 3.0, 5.0, 30.0);

    /** Every contour point has gamma'(x; n, s) = level: by Gamma.dx, by a finite difference of Gamma.value, and by the closed form in s. */
    @Test
    void contourPointsLieOnTheLevel() {
        int checked = 0;
        for (double level : new double[] {1.0, 0.987})
            for (double x : XS) {
                EdgeOfChaos.Contour c = EdgeOfChaos.atX(x, level, EdgeOfChaos.Plane.REFERENCE, 101);
                for (EdgeOfChaos.Point p : c.points()) {
                    assertEquals(level, Gamma.dx(x, p.n(), p.s()), 1e-9, "Gamma.dx at " + p);
                    double h = 1e-3;
                    if (Math.abs(p.n() * x - Gamma.LINEAR_CUTOFF) > 3 * h * p.n()) {  // the guard's jump (section 1.4) is no derivative
                        // past the guard, value() is (1 - s) x + s sg, whose slope differs from Gamma.dx by (1 - s)(1 - sg) (section 1.4)
                        double gap = p.n() * x > Gamma.LINEAR_CUTOFF ? Math.abs(1 - p.s()) * (1 - Gamma.sigmoid(p.n() * x)) : 0;
                        double fd = (-Gamma.value(x + 2 * h, p.n(), p.s()) + 8 * Gamma.value(x + h, p.n(), p.s()) - 8 * Gamma.value(x - h, p.n(), p.s())
                                + Gamma.value(x - 2 * h, p.n(), p.s())) / (12 * h);
                        assertEquals(level, fd, 1e-9 + gap, "finite difference at " + p);
                    }
                    // gamma' = sg + s (n sg (1 - sg) - sg) is affine in s: one root per n
                    double sg = Gamma.sigmoid(p.n() * x);
                    assertEquals((level - sg) / (sg * (p.n() * (1 - sg) - 1)), p.s(), 1e-12);
                    checked++;
                }
            }
        assertTrue(checked > 500, "points checked: " + checked);
    }

    /** Where the closed-form root lies inside the plane, the tracing finds exactly it; outside, nothing. */
    @Test
    void oneRootPerGainWhereTheClosedFormIsInside() {
        EdgeOfChaos.Plane plane = EdgeOfChaos.Plane.REFERENCE;
        for (double x : XS) {
            EdgeOfChaos.Contour c = EdgeOfChaos.atX(x, 1, plane, 31);
            int inside = 0;
            for (int i = 0; i < 31; i++) {
                double n = 2 + 3.0 * i / 30, sg = Gamma.sigmoid(n * x), s = (1 - sg) / (sg * (n * (1 - sg) - 1));
                if (s > plane.sFrom() && s < plane.sTo()) inside++;
            }
            assertEquals(inside, c.points().size(), "x = " + x);
        }
        // x = 0.9 reaches the plane only for large n: at n = 2 its root is s = -0.23
        assertFalse(EdgeOfChaos.atX(0.9, 1, plane, 31).points().stream().anyMatch(p -> p.n() < 3));
    }

    /** sup_x gamma' = 1 - s for s < 1/(n + 1) (section 1.3): in the reference plane the max-slope contour is the line s = 1 - level. */
    @Test
    void maxSlopeContourIsTheLineOneMinusLevel() {
        for (double level : new double[] {1.0, 0.987}) {
            EdgeOfChaos.Contour c = EdgeOfChaos.maxSlope(level, EdgeOfChaos.Plane.REFERENCE, 50);
            assertEquals(50, c.points().size());
            for (EdgeOfChaos.Point p : c.points()) assertEquals(1 - level, p.s(), 1e-13);
        }
        // where s > 1/(n + 1) it bends: (1 + s (n - 1))^2 / (4 n s) = 1 has a root in the interior branch too
        EdgeOfChaos.Contour wide = EdgeOfChaos.maxSlope(1.2, new EdgeOfChaos.Plane(2, 5, -0.5, 1.0), 40);
        for (EdgeOfChaos.Point p : wide.points()) assertEquals(1.2, Gamma.maxSlope(p.n(), p.s()), 1e-9);
        assertTrue(wide.points().stream().anyMatch(p -> p.s() > 1 / (p.n() + 1)), "a point on the interior branch");
    }

    /** A contour that leaves the plane and comes back is two segments. */
    @Test
    void segmentsSplitWhereTheContourLeavesThePlane() {
        // on a plane that cuts s between 0.004 and 0.02, x = 1.5 enters the plane above n of about 3
        List<EdgeOfChaos.Point> pts = EdgeOfChaos.trace((n, s) -> Math.abs(n - 3.5) > 0.5 ? s : -1, 0, new EdgeOfChaos.Plane(2, 5, -1, 1), 31);
        assertEquals(2, pts.stream().mapToInt(EdgeOfChaos.Point::segment).distinct().count());
        assertEquals(0, pts.stream().mapToDouble(p -> Math.abs(p.s())).max().orElseThrow(), 1e-15);
    }

    /** The path is the mean over samples and neurons, at the driven steps only; onset and steady state as defined. */
    @Test
    void pathEqualsTheHandAverage() {
        int b = 2, steps = 7, neurons = 3;
        double[] n = new double[b * steps * neurons], s = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = (i * 37 % 11) * 0.5;
            s[i] = (i * 13 % 7) * 0.01 - 0.02;
        }
        EdgeOfChaos.Recording rec = new EdgeOfChaos.Recording(b, steps, neurons, n, s);
        EdgeOfChaos.Path p = EdgeOfChaos.path(2.5, rec, new Window.Steps(1, 4), new FractionalOrder.Interval(3, 5));
        assertEquals(List.of(2, 3, 4), p.points().stream().map(EdgeOfChaos.PathPoint::t).toList(), "strict window 1 < t < 5");
        double[] handN = new double[steps], handS = new double[steps];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < b; k++)
                for (int i = 0; i < neurons; i++) {
                    handN[t] += n[(k * steps + t) * neurons + i] / 6;
                    handS[t] += s[(k * steps + t) * neurons + i] / 6;
                }
        }
        for (EdgeOfChaos.PathPoint q : p.points()) {
            assertEquals(handN[q.t()], q.n(), 1e-14);
            assertEquals(handS[q.t()], q.s(), 1e-14);
        }
        assertArrayEquals(new double[] {handN[2], handS[2]}, p.onset(), 1e-14);
        assertArrayEquals(new double[] {(handN[3] + handN[4]) / 2, (handS[3] + handS[4]) / 2}, p.steady(), 1e-14);
        String csv = EdgeOfChaos.pathCsv(new EdgeOfChaos.Result(Source.synthetic("x"), protocol(false), EdgeOfChaos.Plane.REFERENCE, List.of(), List.of(p), List.of()));
        assertEquals(1 + 3 + 2, csv.lines().count(), csv);
        assertTrue(csv.startsWith("kind,xi,t,n,s\npath,2.5,2,"), csv);
    }

    /** The plane grows (with its margin) to hold the overlay unless it was fixed. */
    @Test
    void planeGrowsToHoldTheOverlay() {
        List<double[]> neurons = List.of(new double[] {6, 0.0}, new double[] {4, -0.1});
        EdgeOfChaos.Result grown = EdgeOfChaos.analyse(Source.synthetic("het"), protocol(false), List.of(), neurons);
        assertEquals(2, grown.plane().nFrom());
        assertEquals(6 + 0.05 * 4, grown.plane().nTo(), 1e-12);
        assertEquals(-0.1 - 0.05 * 0.125, grown.plane().sFrom(), 1e-12);
        assertEquals(0.025, grown.plane().sTo());
        assertEquals(XS.size() + 1, grown.contours().size(), "one contour per x and the maximal slope's");
        EdgeOfChaos.Result fixed = EdgeOfChaos.analyse(Source.synthetic("het"), protocol(true), List.of(), neurons);
        assertEquals(EdgeOfChaos.Plane.REFERENCE, fixed.plane());
        EdgeOfChaos.Protocol gainFixed = new EdgeOfChaos.Protocol(XS, 1, EdgeOfChaos.Plane.REFERENCE, true, false, 21, List.of(1.0), new Window.Steps(50, 50),
                new FractionalOrder.Interval(75, 95), 4);
        EdgeOfChaos.Plane half = EdgeOfChaos.analyse(Source.synthetic("het"), gainFixed, List.of(), neurons).plane();
        assertEquals(5, half.nTo());
        assertEquals(-0.1 - 0.05 * 0.125, half.sFrom(), 1e-12);
        String csv = EdgeOfChaos.contoursCsv(fixed);
        assertTrue(csv.startsWith("curve,x,level,segment,n,s\nslope_at_x,0.9,1,0,"), csv);
        assertTrue(csv.contains("\nmax_slope,,1,0,2.000"), csv);
    }

    private static EdgeOfChaos.Protocol protocol(boolean fixed) {
        return new EdgeOfChaos.Protocol(XS, 1, EdgeOfChaos.Plane.REFERENCE, fixed, fixed, 21, List.of(1.0), new Window.Steps(50, 50),
                new FractionalOrder.Interval(75, 95), 4);
    }
}
