package org.neuradapt.network.fused;

/**
 * Whether the SIMD loops ({@link VectorControllerRows}) can run: the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher and the tests do) and the
 * hardware has at least 4 float lanes. Otherwise the kernels use their scalar loops, which
 * compute the same thing.
 */
final class Simd {
    private static final boolean AVAILABLE = detect();

    private Simd() {}

    static boolean available() { return AVAILABLE; }

    private static boolean detect() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return VectorControllerRows.lanes() >= 4;
        } catch (LinkageError e) {
            return false;
        }
    }
}
