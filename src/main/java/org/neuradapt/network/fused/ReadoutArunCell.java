package org.neuradapt.network.fused;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuradapt.network.Parameters;
import org.neuradapt.neuron.ControllerReadout;

/**
 * An ARUN variant with a user's read-out psi ({@link ControllerReadout}; docs/science.md
 * section 2.7): the {@link FusedArunCell}, unchanged, with its controller loops wrapped in
 * {@link ReadoutControllerRows}. Everything is delegated except the gradients of b_n and b_s,
 * which the cell sums from dL/dn_t, dL/ds_t and which with a read-out are the sums of
 * dL/dn'_t, dL/ds'_t that the wrapped loops accumulate.
 */
final class ReadoutArunCell implements FusedCell {
    private final FusedArunCell cell;
    private final ControllerReadout psi;
    private ReadoutControllerRows rows;

    ReadoutArunCell(ControllerReadout psi, int ctrl, int checkpointEvery, long historyBudgetBytes, Buf.Precision precision, boolean vectorized) {
        this.psi = psi;
        this.cell = new FusedArunCell(ctrl, checkpointEvery, historyBudgetBytes, precision, vectorized,
                r -> rows = new ReadoutControllerRows(r, psi, ctrl));
    }

    @Override public List<String> parameterNames() { return cell.parameterNames(); }

    @Override public int[] shape(String name, int N) { return cell.shape(name, N); }

    @Override public Set<String> signals() { return cell.signals(); }

    @Override
    public void prepare(int B, int T, int N, Map<String, double[]> params, boolean backward, boolean keepAll, Par par) {
        cell.prepare(B, T, N, params, backward, keepAll, par);
    }

    @Override public void forward(int t, Buf P, int pOff, Buf H, int hOff, Buf R) { cell.forward(t, P, pOff, H, hOff, R); }

    @Override public void beginBackward() { cell.beginBackward(); }

    @Override
    public boolean backward(int t, Buf P, int pOff, Buf H, int hOff, Buf dH, Buf dHprev, Buf dR) {
        return cell.backward(t, P, pOff, H, hOff, dH, dHprev, dR);
    }

    @Override
    public void gradients(Map<String, double[]> out) {
        cell.gradients(out);
        double[] d = rows.biasGradients();
        out.put(Parameters.B_N, new double[]{d[0]});
        out.put(Parameters.B_S, new double[]{d[1]});
    }

    @Override public void record(Set<String> wanted, Map<String, double[]> out) { cell.record(wanted, out); }

    @Override public String toString() { return cell + " with read-out " + psi.getClass().getSimpleName(); }
}
