package org.neuradapt;

/**
 * A mistake in what the user gave us (a config key, a data file, a CLI argument). The CLI prints
 * its message as one line and exits with code 2; the message names the key or file and the fix.
 */
public class UserError extends RuntimeException {
    public UserError(String message) { super(message); }
    public UserError(String message, Throwable cause) { super(message, cause); }
}
