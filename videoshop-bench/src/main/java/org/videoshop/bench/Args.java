package org.videoshop.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of the small command-line tools of this module, checked against the names a
 * tool accepts. Immutable.
 *
 * @param values option name (without dashes) to value
 */
public record Args(Map<String, String> values) {

    public Args {
        values = Map.copyOf(values);
    }

    /** Parses {@code --name value} pairs; fails on an unknown name or a missing value. */
    public static Args parse(String[] args, Set<String> known, String usage) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                throw new IllegalArgumentException(usage);
            }
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                throw new IllegalArgumentException("Expected one of --" + String.join(", --", known.stream().sorted()
                        .toList()) + " but found '" + a + "'\n" + usage);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected a value after " + a + "\n" + usage);
            }
            v.put(a.substring(2), args[++i]);
        }
        return new Args(v);
    }

    /**
     * {@link #parse} for a tool's {@code main}: on a usage error (or {@code --help}, or a {@code required} name
     * missing) prints the message and usage on stderr and exits with status 2.
     */
    public static Args parseOrExit(String[] args, Set<String> known, String usage, String... required) {
        try {
            Args a = parse(args, known, usage);
            for (String name : required) {
                if (a.get(name) == null) {
                    throw new IllegalArgumentException("Expected --" + name + " but found none\n" + usage);
                }
            }
            return a;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** A comma-separated list of integers ({@code 8,14,28}), or {@code fallback}'s. */
    public int[] ints(String name, String fallback) {
        return Arrays.stream(get(name, fallback).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String get(String name) {
        return values.get(name);
    }

    public int getInt(String name, int fallback) {
        String s = values.get(name);
        return s == null ? fallback : Integer.parseInt(s);
    }

    public double getDouble(String name, double fallback) {
        String s = values.get(name);
        return s == null ? fallback : Double.parseDouble(s);
    }
}
