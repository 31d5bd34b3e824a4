package org.videoshop.cli.serve;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random ids for sessions, videos and jobs, and the check of ids that come back from clients. */
final class Ids {

    /** What every id looks like: lower-case hex digits. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16,32}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** A new id of {@code bytes} random bytes, as hex. */
    static String next(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Whether a string from a client has the form of an id (so it may be looked up). */
    static boolean wellFormed(String s) {
        return s != null && ID.matcher(s).matches();
    }

    /** Fails with 404 naming {@code what} unless {@code s} has the form of an id. */
    static String check(String s, String what) {
        if (!wellFormed(s)) {
            throw HttpError.notFound("Expected a " + what + " id (16 to 32 hex digits) but found '" + shorten(s) + "'");
        }
        return s;
    }

    /** At most 60 characters of a client's string, for messages. */
    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 57) + "...";
    }
}
