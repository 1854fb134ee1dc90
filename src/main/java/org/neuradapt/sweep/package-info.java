/**
 * Sweeps: many training runs from one sweep file. The package is pure logic: {@link
 * org.neuradapt.sweep.SweepSpec} reads a sweep file's text, {@link org.neuradapt.sweep.Grid}
 * expands its grid into {@link org.neuradapt.sweep.Point}s (each one a validated run config),
 * {@link org.neuradapt.sweep.PointState} classifies what a point's files say about it, {@link
 * org.neuradapt.sweep.Plan} decides which points to skip, start or resume, {@link
 * org.neuradapt.sweep.LocalSweep} runs the rest through a {@link
 * org.neuradapt.sweep.LocalSweep.PointRunner} on a few worker threads, and {@link
 * org.neuradapt.sweep.SlurmScript} writes the text of a SLURM job-array script. Nothing here
 * prints, exits or looks at the current directory; the {@code sweep} command does that.
 */
package org.neuradapt.sweep;
