package org.videoshop.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers around {@link HttpExchange}: JSON answers, bounded request bodies, files. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** A body larger than the limit by at most this much is read and dropped, so the client sees the 413. */
    private static final long DRAIN_SLACK = 64L << 20;

    private Http() {
    }

    static void json(HttpExchange ex, int status, Object body) throws IOException {
        bytes(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    static void error(HttpExchange ex, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        json(ex, status, body);
    }

    static void bytes(HttpExchange ex, int status, String type, byte[] content) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, content.length == 0 ? -1 : content.length);
        if (content.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(content);
            }
        }
    }

    /** Sends a file, as a download named {@code downloadName} when it is not null. */
    static void file(HttpExchange ex, Path file, String type, String downloadName) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (downloadName != null) {
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + downloadName + "\"");
        }
        ex.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = ex.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    /** The request body, refused with 413 past {@code limit} bytes ({@code what} names it in the message). */
    static byte[] body(HttpExchange ex, long limit, String what) throws IOException {
        checkDeclaredLength(ex, limit, what);
        try (InputStream in = ex.getRequestBody()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (data.length > limit) {
                in.skip(DRAIN_SLACK);
                throw tooLarge(what, limit, "more");
            }
            return data;
        }
    }

    /** Copies the request body into {@code target}; past {@code limit} bytes deletes it and answers 413. */
    static long saveBody(HttpExchange ex, Path target, long limit, String what) throws IOException {
        checkDeclaredLength(ex, limit, what);
        boolean done = false;
        try (InputStream in = ex.getRequestBody(); OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    in.skip(DRAIN_SLACK);
                    throw tooLarge(what, limit, "more");
                }
                out.write(buf, 0, n);
            }
            done = true;
            return total;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
    }

    private static void checkDeclaredLength(HttpExchange ex, long limit, String what) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared == null) {
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Expected a numeric Content-Length but found '" + declared + "'");
        }
        if (length > limit) {
            if (length <= limit + DRAIN_SLACK) {
                try (InputStream in = ex.getRequestBody()) {
                    in.transferTo(OutputStream.nullOutputStream()); // read it so the client sees the answer
                }
            }
            throw tooLarge(what, limit, String.format("%,d bytes", length));
        }
    }

    private static HttpError tooLarge(String what, long limit, String found) {
        return HttpError.tooLarge("Expected " + what + " of at most " + megabytes(limit) + " but found " + found);
    }

    static String megabytes(long bytes) {
        return bytes >= (1 << 20) ? String.format("%.1f MB (%,d bytes)", bytes / 1048576.0, bytes)
                : String.format("%,d bytes", bytes);
    }

    /** A cookie's value from the request, or null. */
    static String cookie(HttpExchange ex, String name) {
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return part.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /** The query parameter's value (URL-decoded), or null. */
    static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
