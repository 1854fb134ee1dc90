/**
 * neuradapt: recurrent networks of neurons with learnable, adaptive f-I curves
 * (Geadah et al., PLOS Comput Biol 2024). Data flows one way:
 * {@code config -> network -> training -> run folder -> analysis -> plot}.
 */
package org.neuradapt;
