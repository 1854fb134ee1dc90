package org.neuradapt.analysis;

/**
 * How a long analysis reports progress without knowing where it goes: the CLI prints it, tests
 * pass {@link #NONE}. Called from the analysing thread, with {@code done} rising to {@code total}.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (what, done, total) -> {};

    void update(String what, int done, int total);
}
