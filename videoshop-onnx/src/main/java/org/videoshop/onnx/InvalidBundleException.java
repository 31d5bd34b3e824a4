package org.videoshop.onnx;

/**
 * A model bundle that cannot be used: a manifest field that is missing, unknown, of the wrong type or out of range,
 * a file that is missing or leaves the bundle folder, or an ONNX graph that does not match the manifest. The
 * message names the bundle, the field (as a JSON path such as {@code $.latent.channels}) or file, and says what was
 * expected and what was found.
 */
public final class InvalidBundleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param source  where the bundle lives (folder or classpath location)
     * @param field   JSON path of the offending field, or the file name for file errors
     * @param problem what was expected and what was found
     */
    public InvalidBundleException(String source, String field, String problem) {
        super("Invalid model bundle " + source + ": " + field + ": " + problem);
        this.field = field;
    }

    /** As {@link #InvalidBundleException(String, String, String)}, keeping the underlying failure. */
    public InvalidBundleException(String source, String field, String problem, Throwable cause) {
        super("Invalid model bundle " + source + ": " + field + ": " + problem, cause);
        this.field = field;
    }

    /** The JSON path (e.g. {@code $.networks.unet.file}) or file name the problem is about. */
    public String field() {
        return field;
    }
}
