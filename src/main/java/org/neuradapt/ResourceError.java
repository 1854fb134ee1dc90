package org.neuradapt;

/**
 * What the user asked for does not fit the machine (memory, here): a {@link UserError} the CLI
 * reports as one line with exit code 4, naming what is needed and what is available.
 */
public class ResourceError extends UserError {
    public ResourceError(String message) { super(message); }
}
